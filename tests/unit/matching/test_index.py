"""The match index: incremental updates are searchable at once, and it persists."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from talentfoundry.domain.errors import InputError, NotFound
from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument, MatchIndex, top_k

pytestmark = pytest.mark.unit

CVS = [
    MatchDocument("c-py", "Backend developer: Python, Django, PostgreSQL, REST APIs."),
    MatchDocument("c-civil", "Civil engineer: bridges, concrete, AutoCAD, site surveying."),
    MatchDocument("c-law", "Advocate: litigation, legal drafting, contract law."),
    MatchDocument("c-nurse", "Registered nurse: patient care, ICU, medication."),
]
ROLES = [
    MatchDocument("r-py", "Python developer for Django services", "Python Developer"),
    MatchDocument("r-civil", "Structural engineer for bridges and concrete", "Civil Engineer"),
    MatchDocument("r-law", "Lawyer: contract litigation", "Advocate"),
]


@pytest.fixture
def index() -> MatchIndex:
    idx = MatchIndex(encoder=NullEncoder())
    idx.add_many("a", CVS)
    idx.add_many("b", ROLES)
    return idx


def test_search_ranks_the_matching_role_first_both_ways(index: MatchIndex) -> None:
    assert index.search("a", "c-civil", k=1)[0][0] == "r-civil"
    assert index.search("b", "r-law", k=1)[0][0] == "c-law"
    hits = index.search("b", "r-py", k=10)
    assert len(hits) == len(CVS)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_a_new_cv_is_searchable_at_once_and_can_be_updated(index: MatchIndex) -> None:
    index.search("b", "r-py", k=1)  # derived state exists before the change
    index.add("a", MatchDocument("c-new", "Senior Python and Django developer, REST, Celery"))
    assert "c-new" in [doc for doc, _ in index.search("b", "r-py", k=2)]
    index.add("a", MatchDocument("c-new", "Criminal lawyer, litigation and court drafting"))
    assert index.search("a", "c-new", k=1)[0][0] == "r-law"


def test_a_removed_document_disappears_from_results(index: MatchIndex) -> None:
    index.remove("b", "r-civil")
    assert "r-civil" not in [doc for doc, _ in index.search("a", "c-civil", k=10)]
    with pytest.raises(NotFound, match="no document 'r-civil' on side 'b'"):
        index.remove("b", "r-civil")
    with pytest.raises(NotFound, match="no document 'nobody' on side 'a'"):
        index.search("a", "nobody")


def test_saved_index_loads_with_the_same_rankings(index: MatchIndex, tmp_path: Path) -> None:
    before = index.search("b", "r-law", k=4)
    index.save(tmp_path / "idx")
    assert (tmp_path / "idx" / "items.json").exists()
    assert (tmp_path / "idx" / "dense_a.npy").exists()
    loaded = MatchIndex.load(tmp_path / "idx", encoder=NullEncoder())
    after = loaded.search("b", "r-law", k=4)
    assert [d for d, _ in after] == [d for d, _ in before]
    assert np.allclose([s for _, s in after], [s for _, s in before])
    assert loaded.skills_of("a", "c-py") == index.skills_of("a", "c-py")


def test_loading_something_that_is_not_an_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a match index"):
        MatchIndex.load(tmp_path)
    (tmp_path / "items.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="corrupt"):
        MatchIndex.load(tmp_path)


def test_bad_requests_are_refused_with_a_message(index: MatchIndex) -> None:
    with pytest.raises(InputError, match="k must be at least 1"):
        index.search("a", "c-py", k=0)
    with pytest.raises(InputError, match="duplicate id 'x'"):
        index.add_many("a", [MatchDocument("x", "a"), MatchDocument("x", "b")])
    with pytest.raises(InputError, match="unknown side 'z': use 'a' or 'b'"):
        index.search("z", "c-py")
    empty = MatchIndex(encoder=NullEncoder())
    empty.add("a", CVS[0])
    with pytest.raises(InputError, match="both sides"):
        empty.search("a", "c-py")


def test_top_k_is_exact_and_stable() -> None:
    row = np.array([0.1, 0.9, 0.5, 0.9, 0.3])
    assert top_k(row, 3).tolist() == [1, 3, 2]
    assert top_k(row, 10).tolist() == [1, 3, 2, 4, 0]


def test_updates_to_a_large_index_are_patched_in_and_agree_with_a_rebuild() -> None:
    index = _large_index(NullEncoder())
    state = index._derived
    index.add("a", MatchDocument("new", "contract litigation and court drafting, 5 years"))
    assert index._derived is state  # patched in place, not rebuilt
    patched = index.search("a", "new", k=1)
    assert patched[0][0] == "r2"
    assert "new" in [d for d, _ in index.search("b", "r2", k=60)]
    index.remove("a", "c2")
    assert "c2" not in [d for d, _ in index.search("b", "r2", k=300)]
    index.refresh()
    rebuilt = index.search("a", "new", k=1)
    assert rebuilt[0][0] == patched[0][0]


def test_a_recommendation_is_explained_from_the_index(index: MatchIndex) -> None:
    from talentfoundry.matching.rank import recommend

    result = recommend(index, "a", "c-py", k=2)
    assert result.query == "c-py"
    assert result.results[0].id == "r-py"
    shares = result.results[0].components
    assert sum(part["share"] for part in shares.values()) == pytest.approx(1.0, abs=1e-3)
    with pytest.raises(InputError, match="k must be at least 1, got 0"):
        recommend(index, "a", "c-py", k=0)


class _CountingEncoder:
    """A tiny deterministic encoder: one dimension per keyword, so tests need no model."""

    name = "counting"
    dim = 3
    note = None
    available = True
    WORDS = ("python", "bridges", "litigation")

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        rows = np.array([[t.lower().count(w) + 0.01 for w in self.WORDS] for t in texts])
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_deferred_dense_vectors_are_searchable_first_and_join_later(tmp_path: Path) -> None:
    encoder = _CountingEncoder()
    index = MatchIndex(encoder=encoder)  # type: ignore[arg-type]
    index.add_many("a", CVS, defer_dense=True)
    index.add_many("b", ROLES)
    assert index.pending_dense() == len(CVS)
    assert any("still being computed" in w for w in index.warnings)
    assert index.search("a", "c-law", k=1)[0][0] == "r-law"  # lexical + skills meanwhile
    _, waiting = index.scores("a", ["c-law"])
    assert not np.broadcast_to(waiting.available["dense"], waiting.fused.shape).any()
    index.save(tmp_path / "idx")
    assert MatchIndex.load(tmp_path / "idx", encoder=encoder).pending_dense() == len(CVS)  # type: ignore[arg-type]
    assert index.encode_pending() == len(CVS)
    assert index.pending_dense() == 0 and not index.warnings
    _, ready = index.scores("a", ["c-law"])
    assert np.broadcast_to(ready.available["dense"], ready.fused.shape).all()
    assert index.search("a", "c-law", k=1)[0][0] == "r-law"


def _testers() -> tuple[list[MatchDocument], list[MatchDocument]]:
    manual = [
        "QA tester: manual testing of web and mobile apps, test cases, test plans, regression "
        "testing, defect reports in JIRA, user acceptance testing with the business.",
        "Software test engineer. Wrote test cases and test scenarios, executed functional and "
        "regression testing, logged defects, took part in UAT and smoke testing.",
        "Quality analyst: black-box testing, test documentation, defect tracking, "
        "regression testing and sanity testing for a banking product.",
    ]
    automation = [
        "Automation test engineer: Selenium WebDriver with Java, TestNG, Cucumber, page object "
        "model, automation framework design, test automation in Jenkins, regression testing.",
        "Test automation: built a hybrid automation framework with Selenium and Python, pytest, "
        "automated regression suites, automation scripts in the CI pipeline; testing of web apps.",
        "Automation testing with Selenium, Appium and Robot Framework; automated test scripts, "
        "data-driven automation framework, API test automation with Postman and REST Assured.",
    ]
    java = [
        "Java developer: Spring Boot, Hibernate, REST APIs, microservices, Maven, JUnit.",
        "Backend Java engineer with Spring, JPA, Kafka and PostgreSQL; built REST services.",
        "Core Java, J2EE, Spring MVC, Hibernate and Oracle; developed web applications.",
    ]
    cvs = [
        MatchDocument(f"{kind}{i}", text)
        for kind, texts in (("manual", manual), ("auto", automation), ("java", java))
        for i, text in enumerate(texts)
    ]
    roles = [
        MatchDocument("testing", "Testing", "Testing"),
        MatchDocument("automation", "Automation Testing", "Automation Testing"),
        MatchDocument("java", "Java Developer", "Java Developer"),
    ]
    return cvs, roles


def test_near_one_line_roles_each_get_their_own_candidates() -> None:
    """Every tester's CV says "testing"; the automation testers belong to "Automation Testing"."""
    cvs, roles = _testers()
    index = MatchIndex(encoder=NullEncoder())
    index.requirements = "b"
    index.add_many("a", cvs)
    index.add_many("b", roles)
    best = {cv.id: index.search("a", cv.id, k=1)[0][0] for cv in cvs}
    assert best == {
        **{f"manual{i}": "testing" for i in range(3)},
        **{f"auto{i}": "automation" for i in range(3)},
        **{f"java{i}": "java" for i in range(3)},
    }
    shortlist = [doc_id for doc_id, _ in index.search("b", "automation", k=3)]
    assert sorted(shortlist) == ["auto0", "auto1", "auto2"]


def _large_index(encoder: object) -> MatchIndex:
    """200 CVs in five fields and a role per field: big enough for updates to be patched in."""
    fields = [
        ("python django postgresql", "Python Developer"),
        ("bridges concrete autocad", "Civil Engineer"),
        ("litigation contract drafting", "Advocate"),
        ("patient care icu medication", "Nurse"),
        ("payroll recruitment onboarding", "HR Officer"),
    ]
    cvs = [
        MatchDocument(f"c{i}", f"{fields[i % 5][0]} project {i} team work report {i % 7}")
        for i in range(200)
    ]
    roles = [MatchDocument(f"r{j}", words, title) for j, (words, title) in enumerate(fields)]
    index = MatchIndex(encoder=encoder)  # type: ignore[arg-type]
    index.add_many("a", cvs)
    index.add_many("b", roles)
    index.search("a", "c0", k=1)
    return index


def _row(index: MatchIndex, doc_id: str) -> tuple[np.ndarray, np.ndarray]:
    """The fused scores of a CV against every role, and where its dense component counts."""
    _, scores = index.scores("a", [doc_id])
    dense = np.broadcast_to(scores.available["dense"], scores.fused.shape)[0]
    return scores.fused[0], dense


def test_a_document_waiting_for_its_vector_is_patched_in_and_agrees_with_a_rebuild() -> None:
    index = _large_index(_CountingEncoder())
    state = index._derived
    index.add_many(
        "a", [MatchDocument("new", "bridges and concrete, site surveying")], defer_dense=True
    )
    assert index._derived is state  # patched in at once, not left to a full rebuild
    assert index.pending_dense() == 1
    patched, dense = _row(index, "new")
    assert not dense.any()  # no vector yet: the dense component is neutral for its pairs
    assert index.search("a", "new", k=1)[0][0] == "r1"
    assert "new" in [d for d, _ in index.search("b", "r1", k=60)]
    index.refresh()
    rebuilt, dense = _row(index, "new")
    assert not dense.any()
    assert int(np.argmax(rebuilt)) == int(np.argmax(patched)) == 1
    assert index.search("a", "new", k=1)[0][0] == "r1"


def test_set_dense_patches_the_vectors_in_and_agrees_with_a_rebuild() -> None:
    encoder = _CountingEncoder()
    index = _large_index(encoder)
    doc = MatchDocument("new", "litigation, contract drafting and court work")
    index.add_many("a", [doc], defer_dense=True)
    state = index._derived
    assert index.pending_dense_texts() == {("a", "new"): doc.full_text}
    vector = encoder.encode([doc.full_text])[0]
    assert index.set_dense("a", {"new": vector, "gone": vector}) == 1  # unknown ids are skipped
    assert index._derived is state  # patched, not rebuilt
    assert index.pending_dense() == 0 and not index.warnings
    patched, dense = _row(index, "new")
    assert dense.all()  # its own dense similarity counts now
    patched_dense = index.scores("a", ["new"])[1].values["dense"][0]
    index.refresh()
    rebuilt, _ = _row(index, "new")
    assert int(np.argmax(patched)) == int(np.argmax(rebuilt)) == 2
    assert np.allclose(patched_dense, index.scores("a", ["new"])[1].values["dense"][0], atol=0.01)


def test_set_dense_takes_a_vector_only_for_the_text_still_waiting() -> None:
    encoder = _CountingEncoder()
    index = MatchIndex(encoder=encoder)  # type: ignore[arg-type]
    index.add_many("a", CVS, defer_dense=True)
    index.add_many("b", ROLES)
    old = CVS[0].full_text
    edited = MatchDocument("c-py", "Python and Django developer, Celery, Redis")
    index.add_many("a", [edited], defer_dense=True)  # edited while the old text was encoded
    vector = encoder.encode([old])[0]
    assert index.set_dense("a", {"c-py": vector}, texts={"c-py": old}) == 0
    assert ("a", "c-py") in index.pending_dense_texts()
    with pytest.raises(InputError, match="needs 3 numbers"):
        index.set_dense("a", {"c-py": np.zeros(2)})
    assert index.encode_pending() == len(CVS)
    assert index.pending_dense() == 0
    assert index.search("a", "c-py", k=1)[0][0] == "r-py"


def test_the_identity_of_an_index_names_what_its_features_depend_on() -> None:
    plain = MatchIndex(encoder=NullEncoder()).identity()
    dense = MatchIndex(encoder=_CountingEncoder()).identity()  # type: ignore[arg-type]
    assert plain == MatchIndex(encoder=NullEncoder()).identity()  # stable across instances
    assert (plain["encoder"], dense["encoder"], dense["dim"]) == ("none", "counting", 3)
    assert {k: v for k, v in plain.items() if k not in ("encoder", "dim")} == {
        k: v for k, v in dense.items() if k not in ("encoder", "dim")
    }


def test_every_module_that_reads_skills_invalidates_a_saved_index() -> None:
    """A saved index is reused only while the code that decided its items is unchanged
    (``identity()``): every matching module the skill reader depends on must be in it, or an
    upgrade that changes what is read would keep serving the old reading."""
    import ast

    from talentfoundry.matching import index as index_module

    here = Path(index_module.__file__).parent
    seen: set[str] = set()
    todo = ["skills"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((here / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "talentfoundry.matching."
            ):
                todo.append(node.module.rsplit(".", 1)[1])
    assert seen <= set(index_module._FEATURE_MODULES)
