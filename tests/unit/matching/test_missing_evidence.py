"""A required skill the CV denies or is learning is missing, and the explanation quotes the CV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchIndex
from talentfoundry.matching.rank import MatchDocument, RankedMatch, rank, recommend

pytestmark = pytest.mark.unit

ROLE = MatchDocument("r-backend", "Backend developer", "Backend Developer", ("Java", "Python"))
OTHER_ROLE = MatchDocument("r-acc", "Accountant: payroll and audits", "Accountant", ("Excel",))
CV = MatchDocument("c-py", "Python (primary). No experience with Java.")
OTHER_CV = MatchDocument("c-acc", "Accountant: payroll, audits, Excel.")


def _result_for(direction: str) -> RankedMatch:
    """The CV/role pair, ranked with the CV as query or as document."""
    if direction == "role-to-cv":
        out = rank([ROLE], [CV, OTHER_CV], top_k=2, encoder=NullEncoder(), requirements="queries")
        return next(r for r in out[0].results if r.id == "c-py")
    out = rank([CV, OTHER_CV], [ROLE, OTHER_ROLE], top_k=2, encoder=NullEncoder())
    return next(r for r in out[0].results if r.id == "r-backend")


@pytest.mark.parametrize("direction", ["role-to-cv", "cv-to-role"])
def test_a_denied_requirement_is_missing_and_quoted(direction: str) -> None:
    result = _result_for(direction)
    assert [m.name for m in result.matched_skills] == ["Python"]
    assert result.missing_skills == ("Java",)
    out = result.to_json()
    assert out["missing_skills"] == ["Java"]  # the contract: a list of names
    assert out["missing_evidence"] == [
        {
            "name": "Java",
            "taxonomy_id": "java",
            "stance": "negated",
            "evidence": "No experience with Java.",
        }
    ]
    assert "Java" not in out["matched_skills"]


def test_a_skill_being_learnt_is_missing_with_the_learning_stance() -> None:
    role = MatchDocument("r", "Platform engineer", "Platform Engineer", ("Kubernetes", "Python"))
    cv = MatchDocument("c", "Python developer, Django.\nWilling to learn Kubernetes.")
    other = MatchDocument("c2", "Nurse: patient care, ICU.")
    out = rank([role], [cv, other], top_k=2, encoder=NullEncoder(), requirements="queries")
    best = out[0].results[0]
    assert best.id == "c"
    assert best.missing_skills == ("Kubernetes",)
    assert [(m.name, m.stance, m.evidence) for m in best.missing_evidence] == [
        ("Kubernetes", "learning", "Willing to learn Kubernetes.")
    ]


def test_only_denials_give_no_skill_credit_and_no_match() -> None:
    """A CV that only denies the role's skills earns nothing for them: no match, no credit."""
    role = MatchDocument("r", "Java developer", "Java Developer", ("Java",))
    denies = MatchDocument("c-no", "No experience with Java. Cook: pastry, bakery.")
    has = MatchDocument("c-yes", "Java developer: Spring Boot, Maven.")
    out = rank([role], [denies, has], top_k=2, encoder=NullEncoder(), requirements="queries")
    by_id = {r.id: r for r in out[0].results}
    assert by_id["c-no"].matched_skills == ()
    assert by_id["c-no"].missing_skills == ("Java",)
    assert [m.stance for m in by_id["c-no"].missing_evidence] == ["negated"]
    assert [m.name for m in by_id["c-yes"].matched_skills] == ["Java"]
    assert by_id["c-yes"].missing_evidence == ()
    no, yes = by_id["c-no"].components["skills"], by_id["c-yes"].components["skills"]
    assert no["value"] < yes["value"]


def test_a_near_skill_does_not_stand_in_for_one_the_cv_denies() -> None:
    """PyTorch is close to Python in the taxonomy; the CV's own "no PyTorch" still wins."""
    role = MatchDocument("r", "ML engineer", "ML Engineer", ("Python", "PyTorch"))
    cv = MatchDocument("c", "Python (primary)\nNo experience with PyTorch.")
    near = MatchDocument("c-near", "Python (primary), Django, PostgreSQL.")
    out = rank([role], [cv, near], top_k=2, encoder=NullEncoder(), requirements="queries")
    by_id = {r.id: r for r in out[0].results}
    # Python is broader than PyTorch: related to the requirement, it does not meet it.
    assert [(m.name, m.via) for m in by_id["c-near"].matched_skills] == [("Python", None)]
    assert by_id["c-near"].missing_skills == ("PyTorch",)
    assert [(m.name, m.via) for m in by_id["c-near"].related_skills] == [("PyTorch", "Python")]
    assert [(m.name, m.via) for m in by_id["c"].matched_skills] == [("Python", None)]
    assert by_id["c"].missing_skills == ("PyTorch",)
    assert by_id["c"].related_skills == ()  # the CV says it has no PyTorch: nothing stands in
    assert [m.evidence for m in by_id["c"].missing_evidence] == ["No experience with PyTorch."]


def test_a_listed_skill_is_held_whatever_the_text_says() -> None:
    """A profile that lists Java holds it: the text's denial is not quoted against it."""
    role = MatchDocument("r", "Backend developer", "Backend Developer", ("Java",))
    cv = MatchDocument("c", "No experience with Java at work.", skills=("Java",))
    other = MatchDocument("c2", "Nurse: patient care, ICU.")
    out = rank([role], [cv, other], top_k=2, encoder=NullEncoder(), requirements="queries")
    best = out[0].results[0]
    assert [m.name for m in best.matched_skills] == ["Java"]
    assert best.missing_skills == () and best.missing_evidence == ()


def test_missing_evidence_survives_save_and_load_and_old_indexes_still_load(
    tmp_path: Path,
) -> None:
    index = MatchIndex(encoder=NullEncoder())
    index.add_many("a", [CV, OTHER_CV])
    index.add_many("b", [ROLE, OTHER_ROLE])
    before = recommend(index, "a", "c-py", k=1).results[0]
    assert before.id == "r-backend" and before.missing_evidence

    index.save(tmp_path / "idx")
    loaded = MatchIndex.load(tmp_path / "idx", encoder=NullEncoder())
    assert recommend(loaded, "a", "c-py", k=1).results[0].to_json() == before.to_json()

    # An index saved before not-held skills were kept (no "not_held" key) loads and explains.
    items = tmp_path / "idx" / "items.json"
    doc = json.loads(items.read_text(encoding="utf-8"))
    for side in doc["sides"].values():
        for item in side:
            del item["not_held"]
    items.write_text(json.dumps(doc), encoding="utf-8")
    old = recommend(MatchIndex.load(tmp_path / "idx", encoder=NullEncoder()), "a", "c-py", k=1)
    assert old.results[0].missing_skills == ("Java",)
    assert old.results[0].missing_evidence == ()  # nothing to quote until the CV is re-indexed


def test_a_denied_skill_earns_no_credit_through_a_neighbour() -> None:
    """PyTorch is a neighbour of Python in the taxonomy; saying "no PyTorch" must cost the CV."""
    role = MatchDocument("r-ml", "ML engineer", "ML Engineer", ("Python", "PyTorch"))
    plain = MatchDocument("c-plain", "Python (primary).")
    denies = MatchDocument("c-denies", "Python (primary). No experience with PyTorch.")
    index = MatchIndex(encoder=NullEncoder())
    index.requirements = "b"
    index.add_many("a", [plain, denies])
    index.add_many("b", [role])
    _, scores = index.scores("a", ["c-plain", "c-denies"])
    skill_plain, skill_denies = scores.values["skills"][:, 0]
    assert skill_denies < skill_plain


def test_a_cv_that_denies_the_skills_does_not_outrank_one_that_has_them() -> None:
    """The words of a denial are not evidence: lexical and dense similarity do not read them."""
    role = MatchDocument(
        "r", "Data Scientist. Requirements: Python, pandas, scikit-learn, SQL, statistics."
    )
    # The CV holds R (a one-letter name) and writes a curly apostrophe: the denial is still cut.
    denier = MatchDocument(
        "denier",
        "Data analyst, 3 years. SQL, Excel, R, statistics. I don\u2019t have experience with"
        " Python, pandas or scikit-learn, but I am keen to learn Python, pandas and scikit-learn.",
    )
    holder = MatchDocument(
        "holder",
        "Machine learning engineer, 3 years. Python (pandas, NumPy, scikit-learn), PostgreSQL,"
        " statistics. Built churn models for a telecom; deployed them with Docker on AWS.",
    )
    fillers = [
        MatchDocument("nurse", "Registered nurse, 6 years on acute medical wards. Wound care."),
        MatchDocument("java", "Java developer, 5 years. Spring Boot, Hibernate, Oracle."),
    ]
    out = rank([role], [denier, holder, *fillers], top_k=4, encoder=NullEncoder())
    order = [r.id for r in out[0].results]
    assert order.index("holder") < order.index("denier")


def test_only_the_denial_is_cut_from_the_text_that_similarity_reads() -> None:
    from talentfoundry.matching.index import default_taxonomy, skill_entries, text_to_match

    text = (
        "Sam Patel\nData analyst: Excel, SQL and Tableau.\n"
        "I have no experience with Python or R, but I am willing to learn Python.\n"
        "Not familiar with Spark.\nStrong statistics background (hypothesis testing)."
    )
    doc = MatchDocument("c", text)
    taxonomy = default_taxonomy()
    skills, not_held = skill_entries(doc, taxonomy)
    kept = text_to_match(doc, skills, not_held, taxonomy)
    assert "Python" not in kept and "Spark" not in kept
    assert " ".join(kept.split()) == (
        "Sam Patel Data analyst: Excel, SQL and Tableau. Strong statistics background"
        " (hypothesis testing)."
    )
