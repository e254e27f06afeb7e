"""Choices in job ads ("PyTorch or TensorFlow"): one requirement, met by any of its skills."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talentfoundry.matching.alternatives import choices
from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument, MatchIndex
from talentfoundry.matching.rank import rank
from talentfoundry.matching.retrieval import RetrievalConfig
from talentfoundry.matching.scoring import ScoringConfig, SkillEntry, SkillSpace
from talentfoundry.matching.skills import read_skills, skills_from_list
from talentfoundry.matching.taxonomy import load_taxonomy
from talentfoundry.matching.two_stage import rank_two_stage

pytestmark = pytest.mark.unit


def _choices(text: str, names: list[str]) -> list[list[str]]:
    pattern = "|".join(re.escape(n) for n in names)
    spans = [m.span() for m in re.finditer(pattern, text)]
    return [[text[slice(*spans[i])] for i in group] for group in choices(text, spans)]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("PyTorch or TensorFlow", ["PyTorch", "TensorFlow"], [["PyTorch", "TensorFlow"]]),
        ("Java, Scala or Kotlin", ["Java", "Scala", "Kotlin"], [["Java", "Scala", "Kotlin"]]),
        ("Go and/or Rust", ["Go", "Rust"], [["Go", "Rust"]]),
        ("Java/Kotlin or Go", ["Java", "Kotlin", "Go"], [["Java", "Kotlin", "Go"]]),
        # "and" splits a run: Python is asked for on its own.
        (
            "Python, and PyTorch or TensorFlow",
            ["Python", "PyTorch", "TensorFlow"],
            [["PyTorch", "TensorFlow"]],
        ),
        ("at least one of: Java, C# and Go", ["Java", "C#", "Go"], [["Java", "C#", "Go"]]),
        ("Experience with either AWS or Azure", ["AWS", "Azure"], [["AWS", "Azure"]]),
        # Lists are lists.
        ("Python, SQL and Docker", ["Python", "SQL", "Docker"], []),
        ("Java/Spring, Docker", ["Java", "Spring", "Docker"], []),
        # Other words between the names, or a new line, end a run.
        ("Python or a similar language such as Go", ["Python", "Go"], []),
        ("Python or\nJava", ["Python", "Java"], []),
        ("3 or more years of Java", ["Java"], []),
        # One skill per bulleted line under a cue line; the next line that says more ends it.
        (
            "Experience with one of the following:\n- AWS\n- GCP\n- Azure\n- Docker and Helm",
            ["AWS", "GCP", "Azure", "Docker", "Helm"],
            [["AWS", "GCP", "Azure"]],
        ),
        ("At least one of:\n1. Java\n2) Kotlin.", ["Java", "Kotlin"], [["Java", "Kotlin"]]),
        ("Skills:\n- AWS\n- GCP", ["AWS", "GCP"], []),
        ("One of the following:\n- AWS\n\n- GCP", ["AWS", "GCP"], []),
    ],
)
def test_a_choice_is_read_from_the_words_between_the_skills(
    text: str, names: list[str], expected: list[list[str]]
) -> None:
    assert _choices(text, names) == expected


def test_a_long_blank_gap_is_no_separator() -> None:
    text = "Python" + " " * 4000 + "or Java"
    assert choices(text, [(0, 6), (len(text) - 4, len(text))]) == []


def test_two_choices_that_share_a_skill_stay_two_requirements() -> None:
    reading = read_skills("We need Java or Go, and Java or Kotlin.")
    assert dict(reading.alternatives) == {
        "go": ("go", "java"),
        "java": ("go", "java"),
        "kotlin": ("java", "kotlin"),
    }


def test_a_denial_of_a_whole_choice_is_quoted_once() -> None:
    role = MatchDocument("r", "Requirements: PyTorch or TensorFlow.", "ML Engineer")
    cv = MatchDocument("c", "Data analyst: SQL, Excel. No experience with PyTorch or TensorFlow.")
    other = MatchDocument("c2", "Nurse: patient care, ICU.")
    out = rank([role], [cv, other], 2, encoder=NullEncoder(), requirements="queries")
    got = _by_id(out)["c"]
    assert "PyTorch or TensorFlow" in got.missing_skills
    assert [m.evidence for m in got.missing_evidence] == [
        "No experience with PyTorch or TensorFlow."
    ]


def test_a_skill_also_asked_for_alone_is_not_a_choice_and_denied_ones_are_left_out() -> None:
    reading = read_skills("Python required. Experience with Python or Java.")
    assert dict(reading.alternatives) == {"java": ("java", "python")}
    reading = read_skills("Kubernetes or Docker. No experience with Rust or Go needed.")
    assert set(reading.alternatives) == {"kubernetes", "docker"}
    assert {m.skill_id for m in reading.not_held} >= {"rust"}


ROLE = MatchDocument(
    "r-ml",
    "Machine learning engineer. Requirements: Python, and PyTorch or TensorFlow.",
    "ML Engineer",
)
ONE = MatchDocument("c-one", "ML engineer: Python (primary), PyTorch, computer vision.")
BOTH = MatchDocument("c-both", "ML engineer: Python (primary), PyTorch, TensorFlow, vision.")
NONE = MatchDocument("c-none", "Backend engineer: Python (primary), Django, PostgreSQL.")


def _by_id(results: list) -> dict:  # type: ignore[type-arg]
    return {r.id: r for r in results[0].results}


def test_a_choice_is_one_requirement_met_by_its_best_skill() -> None:
    """Raw skill credit: one alternative earns the whole choice; both earn no more."""
    space = SkillSpace(load_taxonomy())
    choice = ("pytorch", "tensorflow")
    role = [
        SkillEntry("python", "Python", "", True),
        SkillEntry("pytorch", "PyTorch", "", True, choice),
        SkillEntry("tensorflow", "TensorFlow", "", True, choice),
    ]
    cvs = [
        [SkillEntry("python", "Python", "", True), SkillEntry("pytorch", "PyTorch", "", True)],
        [SkillEntry("python", "Python", "", True), SkillEntry("tensorflow", "TF", "", True)],
        [SkillEntry(s, s, "", True) for s in ("python", "pytorch", "tensorflow")],
        [SkillEntry("python", "Python", "", True)],
    ]
    rarity = SkillSpace.rarity([role, *cvs])
    req = space.requirement([role], rarity)
    raw = (req @ space.with_choices(space.coverage(cvs)).T).toarray()[0]
    assert raw[0] == pytest.approx(1.0) and raw[1] == pytest.approx(1.0)
    assert raw[2] == pytest.approx(1.0)
    assert raw[3] < 0.8  # Python alone: the choice is unmet (a neighbour's partial credit only)


@pytest.mark.parametrize("engine", [rank, rank_two_stage])
def test_one_skill_of_a_choice_meets_it_in_the_explanation(engine) -> None:  # type: ignore[no-untyped-def]
    out = engine([ROLE], [ONE, BOTH, NONE], 3, encoder=NullEncoder(), requirements="queries")
    by_id = _by_id(out)
    one, both, none = by_id["c-one"], by_id["c-both"], by_id["c-none"]
    assert {"Python", "PyTorch"} <= {m.name for m in one.matched_skills}
    assert one.missing_skills == ()  # TensorFlow is not missing: PyTorch met the choice
    assert {"PyTorch", "TensorFlow"} <= {m.name for m in both.matched_skills}
    # Neither: the choice is missing once, as a choice.
    assert "PyTorch or TensorFlow" in none.missing_skills
    assert "TensorFlow" not in none.missing_skills
    assert none.components["skills"]["value"] < one.components["skills"]["value"]


@pytest.mark.parametrize("engine", [rank, rank_two_stage])
@pytest.mark.parametrize("roles_ask", [True, False])
def test_either_skill_of_a_choice_earns_its_credit_in_both_directions(engine, roles_ask) -> None:  # type: ignore[no-untyped-def]
    """Roles as queries, or CVs as queries against indexed roles: the choice is met alike."""
    roles = [
        MatchDocument("r-ml", "Experience with PyTorch or TensorFlow"),
        MatchDocument("r-web", "Experience with React and TypeScript"),
    ]
    cvs = [
        MatchDocument("c-pt", "PyTorch"),
        MatchDocument("c-tf", "TensorFlow"),
        MatchDocument("c-none", "Django"),
    ]
    # Without expansion: the role's requirement is its choice alone, not its best CVs' skills.
    plain = ScoringConfig(prf_weight=0.0)
    config = plain if engine is rank else RetrievalConfig(scoring=plain)
    kwargs = {"encoder": NullEncoder(), "config": config}
    if roles_ask:
        out = engine(roles, cvs, 3, requirements="queries", **kwargs)
        got = {x.id: x for x in next(r for r in out if r.query == "r-ml").results}
    else:
        out = engine(cvs, roles, 2, requirements="docs", **kwargs)
        got = {r.query: {x.id: x for x in r.results}["r-ml"] for r in out}
    assert got["c-pt"].missing_skills == got["c-tf"].missing_skills == ()
    assert got["c-none"].missing_skills == ("PyTorch or TensorFlow",)
    pt, tf, none = (got[c].components["skills"]["value"] for c in ("c-pt", "c-tf", "c-none"))
    assert min(pt, tf) > none + 0.2


def test_a_related_skill_and_a_denial_are_reported_for_a_missing_choice() -> None:
    role = MatchDocument("r", "Requirements: Kubernetes or Podman.", "Platform Engineer")
    cv = MatchDocument("c", "Platform engineer: Docker, Terraform. No experience with Kubernetes.")
    other = MatchDocument("c2", "Nurse: patient care, ICU, medication.")
    out = rank([role], [cv, other], 2, encoder=NullEncoder(), requirements="queries")
    got = _by_id(out)["c"]
    assert got.missing_skills == ("Kubernetes or Podman",)
    assert [(m.name, m.stance) for m in got.missing_evidence] == [("Kubernetes", "negated")]
    # Docker is Podman's sibling (Kubernetes is denied, so nothing stands in for it).
    assert [(m.name, m.skill_id, m.via) for m in got.related_skills] == [
        ("Kubernetes or Podman", "podman", "Docker")
    ]


def test_a_role_with_a_choice_patched_into_a_large_index_scores_as_a_rebuild(
    tmp_path: Path,
) -> None:
    cvs = [
        MatchDocument(f"c{i}", f"{['PyTorch', 'TensorFlow', 'Django'][i % 3]} developer {i}")
        for i in range(210)
    ]
    roles = [MatchDocument(f"r{j}", f"Role {j}: accounting and payroll") for j in range(3)]
    # No expansion, so the role's skill row is its own: its only requirement is the choice.
    index = MatchIndex(encoder=NullEncoder(), config=ScoringConfig(prf_weight=0.0))
    index.add_many("a", cvs)
    index.add_many("b", roles)
    index.search("b", "r0", k=1)
    state = index._derived
    index.add("b", MatchDocument("r-ml", "Experience with PyTorch or TensorFlow"))
    assert index._derived is state  # patched in, not rebuilt
    for _ in range(2):  # patched, then rebuilt
        _, scores = index.scores("b", ["r-ml"])
        skills = scores.values["skills"][0]
        # CVs built before the choice existed meet it: PyTorch and TensorFlow ones alike.
        assert skills[0] == pytest.approx(skills[1])
        assert skills[0] > skills[2] + 0.2
        index.refresh()
    # The choice survives a save and a load.
    index.save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx", encoder=NullEncoder())
    entries = {e.skill_id: e for e in loaded.skills_of("b", "r-ml")}
    assert entries["pytorch"].alternatives == ("pytorch", "tensorflow")


def test_a_choice_in_a_declared_skills_list_is_one_requirement() -> None:
    """A recruiter types "PyTorch or TensorFlow" as one entry of the role's skills field."""
    role = MatchDocument("r", "ML engineer", "ML Engineer", ("PyTorch or TensorFlow", "Docker"))
    has = MatchDocument("c-has", "Engineer: TensorFlow, Docker, Python.")
    lacks = MatchDocument("c-lacks", "Engineer: Docker, Go, Kubernetes.")
    out = rank([role], [has, lacks], 2, encoder=NullEncoder(), requirements="queries")
    got = _by_id(out)
    assert got["c-has"].missing_skills == ()
    assert {"TensorFlow", "Docker"} <= {m.name for m in got["c-has"].matched_skills}
    assert got["c-lacks"].missing_skills == ("PyTorch or TensorFlow",)
    # Listed on its own as well, a skill is required whatever the choice.
    reading = skills_from_list(["Python or Java", "Python"])
    assert [(m.skill_id, m.alternatives) for m in reading] == [
        ("python", ()),
        ("java", ("java", "python")),
    ]
