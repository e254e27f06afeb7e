"""``foundry rank`` at scale: the two-stage engine writes the exact engine's schema, and auto
picks the exact engine where its pair matrices fit."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from talentfoundry.cli import app
from talentfoundry.cli.rank import EXACT_MAX_PAIRS, choose_engine
from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument
from talentfoundry.matching.lexical import tokenize
from talentfoundry.matching.rank import rank
from talentfoundry.matching.two_stage import rank_two_stage

pytestmark = pytest.mark.unit

runner = CliRunner()

ROLES = [
    {
        "id": "backend",
        "title": "Backend Python Developer",
        "text": "We build our booking platform in Python with Django and PostgreSQL. You design "
        "REST APIs, write tests and deploy with Docker. Kubernetes is a plus.",
    },
    {
        "id": "civil",
        "title": "Structural Civil Engineer",
        "text": "Design reinforced concrete bridges and check steel structures; AutoCAD and "
        "structural analysis required; site supervision two days a week.",
    },
    {
        "id": "nurse",
        "title": "Registered Nurse, Intensive Care",
        "text": "Care for critically ill patients in the ICU, administer medication, monitor "
        "vital signs and work with physicians in a 24/7 rota.",
    },
    {
        "id": "data",
        "title": "Data Scientist",
        "text": "Build machine learning models in Python with scikit-learn and PyTorch; SQL for "
        "feature extraction; statistics and A/B testing; communicate results to product.",
    },
    {
        "id": "accounting",
        "title": "Financial Accountant",
        "text": "Prepare monthly closing, reconcile ledgers, IFRS reporting and VAT returns; "
        "SAP and Excel daily; audit support.",
    },
    {
        "id": "frontend",
        "title": "Frontend Engineer",
        "text": "Build accessible web interfaces in React and TypeScript, CSS, design systems, "
        "unit tests with Jest; work closely with designers.",
    },
]

CVS = [
    {
        "id": "ana",
        "text": "Ana Lima. Backend developer, 5 years. Python, Django, PostgreSQL, REST APIs, "
        "pytest, Docker. Built the payment service of an online travel agency; moved it to "
        "Docker containers and cut response times by half.",
    },
    {
        "id": "ben",
        "text": "Ben Okafor. Civil engineer. Designed reinforced concrete bridges and steel "
        "footbridges; structural analysis with SAP2000; AutoCAD drawings; supervised "
        "construction sites for a regional roads authority.",
    },
    {
        "id": "chloe",
        "text": "Chloe Martin, RN. Intensive care nurse for six years: ventilated patients, "
        "medication administration, vital signs monitoring, family support; BLS and ACLS.",
    },
    {
        "id": "dev",
        "text": "Dev Patel. Data scientist: machine learning with scikit-learn and PyTorch, "
        "SQL, statistics, A/B testing of pricing experiments; dashboards for product teams.",
    },
    {"id": "blank", "text": "   "},
]

EXPECTED_FIRST = {"ana": "backend", "ben": "civil", "chloe": "nurse", "dev": "data"}


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(tmp_path: Path, *extra: str) -> tuple[int, str, list[dict]]:
    q = write(tmp_path / "cvs.jsonl", CVS)
    d = write(tmp_path / "roles.jsonl", ROLES)
    out = tmp_path / "run.jsonl"
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(out), "--top", "3"]
    result = runner.invoke(app, [*args, *extra], env={"TALENTFOUNDRY_DENSE": "off"})
    lines = (
        [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        if out.exists()
        else []
    )
    return result.exit_code, result.stderr, lines


def test_two_stage_ranks_the_obvious_role_first_in_the_rank_schema(tmp_path: Path) -> None:
    code, err, lines = run(tmp_path, "--engine", "two-stage")
    assert code == 0, err
    assert "engine: two-stage: --engine two-stage" in err
    assert [line["query"] for line in lines] == [c["id"] for c in CVS]
    for line in lines[:4]:
        results = line["results"]
        assert len(results) == 3
        assert results[0]["id"] == EXPECTED_FIRST[line["query"]]
        scores = [r["score"] for r in results]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s < 1 for s in scores)
        for r in results:
            assert isinstance(r["matched_skills"], list)
            assert isinstance(r["missing_skills"], list)
        assert line["components"] == ["skills", "lexical"]  # dense is off in this test
    ana_best = lines[0]["results"][0]
    assert "Django" in ana_best["matched_skills"]
    assert "PostgreSQL" in ana_best["matched_skills"]
    assert lines[4]["results"] == [] and "no text" in lines[4]["message"]


def test_both_engines_write_the_same_keys(tmp_path: Path) -> None:
    _, _, two = run(tmp_path, "--engine", "two-stage")
    _, err, exact = run(tmp_path, "--engine", "exact")
    assert "engine: exact: --engine exact" in err
    assert set(two[0]) == set(exact[0])
    assert set(two[0]["results"][0]) == set(exact[0]["results"][0])
    assert set(two[0]["results"][0]["components"]) == set(exact[0]["results"][0]["components"])
    # The engines score differently (the exact one corrects with the whole population) but
    # agree on what is obvious.
    assert [line["results"][0]["id"] for line in two[:4]] == [
        line["results"][0]["id"] for line in exact[:4]
    ]


def test_auto_picks_exact_on_small_input_and_says_why(tmp_path: Path) -> None:
    code, err, lines = run(tmp_path)
    assert code == 0
    assert f"engine: exact: 5 x 6 = 30 pairs, within the exact engine's {EXACT_MAX_PAIRS:,}" in err
    assert lines[0]["results"][0]["id"] == "backend"


def test_auto_switches_to_two_stage_above_the_threshold() -> None:
    assert choose_engine("auto", EXACT_MAX_PAIRS, 1)[0] == "exact"
    engine, why = choose_engine("auto", EXACT_MAX_PAIRS + 1, 1)
    assert engine == "two-stage" and "above the exact engine's" in why
    assert choose_engine("exact", 10**6, 10**5)[0] == "exact"  # asked for: obeyed


def test_an_unknown_engine_exits_2(tmp_path: Path) -> None:
    code, err, lines = run(tmp_path, "--engine", "fast")
    assert code == 2
    assert "--engine must be auto, exact or two-stage" in err
    assert lines == []


class BagOfWordsEncoder:
    """A small real encoder (hashed bag of words, 64 dims) so the dense path runs without torch."""

    name = "bag-of-words"
    dim = 64
    note: str | None = None
    available = True

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for token in tokenize(text):
                out[i, zlib.crc32(token.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def test_two_stage_with_dense_vectors_and_roles_as_queries() -> None:
    roles = [MatchDocument(r["id"], r["text"], r["title"]) for r in ROLES]
    cvs = [MatchDocument(c["id"], c["text"]) for c in CVS]
    seen: list[tuple[str, int, int]] = []
    out = rank_two_stage(
        roles,
        cvs,
        2,
        encoder=BagOfWordsEncoder(),
        batch=2,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    by_role = {r.query: r for r in out}
    assert by_role["civil"].results[0].id == "ben"
    assert by_role["nurse"].results[0].id == "chloe"
    assert by_role["civil"].components == ("skills", "lexical", "dense")
    assert set(by_role["civil"].results[0].components) == {"skills", "lexical", "dense"}
    assert "blank" not in {m.id for r in out for m in r.results}
    assert any("without text were left out" in w for w in by_role["civil"].warnings)
    assert ("indexing documents", 4, 4) in seen and ("ranking queries", 6, 6) in seen


def test_a_denied_skill_is_missing_and_quoted_in_both_directions(tmp_path: Path) -> None:
    from talentfoundry.matching.dense import NullEncoder
    from talentfoundry.matching.retrieval import Retriever

    role = MatchDocument("r", "Backend developer. Required: Python, Java, PostgreSQL.", "Backend")
    denies = MatchDocument(
        "a", "Backend developer. Python and PostgreSQL for six years. No experience with Java."
    )
    has = MatchDocument("b", "Backend developer: Python, Java and PostgreSQL in production.")
    by_role = rank_two_stage([role], [denies, has], 2, encoder=NullEncoder())[0]
    assert [m.id for m in by_role.results] == ["b", "a"]
    quoted = by_role.results[1]
    assert quoted.missing_skills == ("Java",)
    assert [(m.stance, m.evidence) for m in quoted.missing_evidence] == [
        ("negated", "No experience with Java.")
    ]
    by_cv = rank_two_stage([denies], [role], 1, encoder=NullEncoder())[0]
    assert by_cv.results[0].missing_evidence == quoted.missing_evidence
    # What an index knows about denied skills survives save and load.
    from talentfoundry.matching.index import default_taxonomy, skill_entries
    from talentfoundry.matching.retrieval import RetrievalItem

    skills, not_held = skill_entries(denies, default_taxonomy())
    r = Retriever(0)
    r.add([RetrievalItem("a", denies.text, None, tuple(skills), None, tuple(not_held))])
    r.save(tmp_path / "idx")
    assert Retriever.load(tmp_path / "idx").not_held_of("a") == tuple(not_held) != ()


TESTING_ROLES = [
    MatchDocument("testing", "Testing", "Testing"),
    MatchDocument("automation", "Automation Testing", "Automation Testing"),
    MatchDocument("python", "Python Developer", "Python Developer"),
    MatchDocument("network", "Network Engineer", "Network Engineer"),
    MatchDocument("hr", "HR", "HR"),
    MatchDocument("accounts", "Accountant", "Accountant"),
]
TESTING_CVS = [
    MatchDocument(
        "auto1",
        "Test automation engineer. Built Selenium WebDriver suites in Java with TestNG; page "
        "object framework; testing in Jenkins pipelines.",
    ),
    MatchDocument(
        "auto2",
        "Automation engineer: Selenium and Cucumber BDD scripts, REST Assured API checks, "
        "Jenkins CI, Java; testing web apps.",
    ),
    MatchDocument(
        "auto3",
        "QA automation: wrote Selenium WebDriver scripts in Python with pytest, Appium for "
        "mobile, Jenkins jobs; testing and scripting.",
    ),
    MatchDocument(
        "manual1",
        "Manual testing of banking apps: testing test cases, testing test plans, regression "
        "testing, UAT testing, defect logging in JIRA. Testing testing.",
    ),
    MatchDocument(
        "manual2",
        "Software testing: manual testing, functional testing, smoke testing, test case design, "
        "testing reports, bug tracking in JIRA.",
    ),
    MatchDocument(
        "manual3",
        "Testing professional: black box testing, system testing, integration testing, testing "
        "documentation, testing of ERP modules.",
    ),
    MatchDocument("py1", "Python developer with Django and Flask, REST APIs, PostgreSQL, pytest."),
    MatchDocument("py2", "Backend Python engineer: FastAPI, Celery, Redis, Docker, AWS."),
    MatchDocument("net1", "Network engineer: Cisco routers, BGP, OSPF, firewalls, VPN, LAN/WAN."),
    MatchDocument("hr1", "HR generalist: recruitment, onboarding, payroll, employee relations."),
    MatchDocument("acc1", "Accountant: ledgers, reconciliations, IFRS, VAT returns, SAP, Excel."),
]


def test_a_one_line_role_ranks_its_own_cvs_first_with_the_two_stage_engine() -> None:
    """ "Automation Testing" is two words, and the manual testers say "testing" far more often
    than the automation engineers. The two-stage engine expands the one-line role towards the
    CVs that match it best (competitively: the manual testers belong to "Testing") and so puts
    the three automation engineers first, as the exact engine does; without its corrections a
    manual tester takes third place."""
    from talentfoundry.matching.dense import NullEncoder
    from talentfoundry.matching.rank import rank

    automation = {"auto1", "auto2", "auto3"}

    def top3(engine: object, **extra: object) -> dict[str, set[str]]:
        out = engine(TESTING_ROLES, TESTING_CVS, 3, encoder=NullEncoder(), **extra)  # type: ignore[operator]
        return {r.query: {m.id for m in r.results} for r in out}

    corrected = top3(rank_two_stage)
    assert corrected["automation"] == automation
    assert corrected["testing"] == {"manual1", "manual2", "manual3"}
    exact = top3(rank)
    assert exact["automation"] == corrected["automation"]
    assert exact["testing"] == corrected["testing"]
    assert top3(rank_two_stage, corrections=False)["automation"] != automation


class ConceptEncoder:
    """Puts words of one field on one axis ("neural" and "PyTorch" alike), as a real model would."""

    name = "concepts"
    dim = 3
    note: str | None = None
    available = True
    AXES = ({"neural", "pytorch", "learning"}, {"verilog", "uvm", "chip"})

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.full((len(texts), self.dim), 0.1, dtype=np.float32)
        for i, text in enumerate(texts):
            for token in tokenize(text):
                for axis, words in enumerate(self.AXES):
                    out[i, axis] += token in words
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.mark.parametrize("engine", [rank, rank_two_stage])
def test_a_query_sharing_no_word_is_ranked_on_dense_evidence_and_only_then(engine) -> None:
    query = [MatchDocument("programme", "", "Neural internship")]  # no skill named
    docs = [MatchDocument("chips", "Verilog, UVM"), MatchDocument("ml", "PyTorch developer")]
    [with_dense] = engine(query, docs, 2, encoder=ConceptEncoder())
    assert [r.id for r in with_dense.results] == ["ml", "chips"]
    [without] = engine(query, docs, 2, encoder=NullEncoder())
    assert without.results == () and "dense embeddings are off" in without.message
