"""Scoring: fusion, hubness reduction, short-text expansion, skill overlap, explanations."""

from __future__ import annotations

import numpy as np
import pytest

from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.explain import MATCH_THRESHOLD, explain_pair
from talentfoundry.matching.rank import MatchDocument, rank
from talentfoundry.matching.scoring import (
    ScoringConfig,
    SkillEntry,
    SkillSpace,
    csls,
    expand_short,
    feedback_selection,
    fuse,
    prf_weights,
)
from talentfoundry.matching.taxonomy import load_taxonomy

pytestmark = pytest.mark.unit


def entry(skill_id: str, name: str = "", required: bool = True, evidence: str = "") -> SkillEntry:
    return SkillEntry(skill_id, name or skill_id, evidence or f"uses {name or skill_id}", required)


def test_hub_correction_stops_one_document_winning_every_query() -> None:
    # Document 1 is close to every query; for query 0 document 0 is the specific match.
    sims = np.array([[0.80, 0.82], [0.10, 0.80], [0.15, 0.79]])
    assert sims[0].argmax() == 1
    assert csls(sims, k=2)[0].argmax() == 0


def test_short_texts_are_expanded_and_long_ones_hardly() -> None:
    weights = prf_weights(np.array([2, 40, 800]), ScoringConfig())
    assert weights[0] > weights[1] > weights[2] and weights[2] < 0.05
    short = np.array([[1.0, 0.0, 0.0]])
    others = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    ranking = np.array([[0.9, 0.1]])
    select = feedback_selection(ranking, depth=1)
    expanded = expand_short(short, others, select, np.array([1.0]))
    assert expanded[0, 1] > 0 and expanded[0, 2] == 0
    assert np.isclose(np.linalg.norm(expanded[0]), 1.0)


def test_fusion_is_a_weighted_mean_and_an_absent_component_is_neutral() -> None:
    values = {"lexical": np.array([[0.8, 0.8]]), "skills": np.array([[1.0, 0.0]])}
    available = {"lexical": np.ones(1, bool), "skills": np.array([[True, False]])}
    weights = {"lexical": 0.5, "skills": 0.5}
    assert np.allclose(fuse(values, available, weights, absent=None), [[0.9, 0.8]])
    assert np.allclose(fuse(values, available, weights, absent=0.5), [[0.9, 0.65]])


def test_pytorch_partly_satisfies_deep_learning_and_exact_skills_fully() -> None:
    space = SkillSpace(load_taxonomy())
    rarity = {"deep-learning": 1.0}
    need = space.requirement([[entry("deep-learning")]], rarity)
    cvs = space.coverage([[entry("pytorch")], [entry("deep-learning")], [entry("welding")]])
    overlap = (cvs @ need.T).toarray().ravel()
    assert overlap[1] == pytest.approx(1.0)
    assert 0.0 < overlap[0] < 1.0
    assert overlap[2] == 0.0


def test_rare_skills_and_required_skills_weigh_more() -> None:
    items = [[entry("python")], [entry("python")], [entry("python"), entry("verilog")]]
    rarity = SkillSpace.rarity(items)
    assert rarity["verilog"] > rarity["python"]
    space = SkillSpace(None)
    need = space.requirement(
        [[entry("python"), entry("verilog", required=False)]], {"python": 1.0, "verilog": 1.0}
    ).toarray()
    assert need[0, space.index["python"]] == pytest.approx(2 * need[0, space.index["verilog"]])


def test_explanation_names_evidence_missing_required_skills_and_shares() -> None:
    role = [
        entry("deep-learning", "deep learning"),
        entry("kubernetes", "Kubernetes"),
        entry("docker", "Docker", required=False),
    ]
    cv = [entry("pytorch", "PyTorch", evidence="Trained CNNs in PyTorch at Acme")]
    values = {"lexical": 0.6, "skills": 0.3, "dense": 0.9}
    weights = {"lexical": 0.5, "skills": 0.25, "dense": 0.25}
    e = explain_pair(role, cv, load_taxonomy(), values, weights)
    assert [(m.name, m.via, m.evidence) for m in e.matched] == [
        ("deep learning", "PyTorch", "Trained CNNs in PyTorch at Acme")
    ]
    assert e.missing == ("Kubernetes",)  # Docker is only nice to have
    assert sum(e.shares.values()) == pytest.approx(1.0)
    assert e.shares["lexical"] == pytest.approx(0.3 / (0.3 + 0.075 + 0.225))


@pytest.mark.parametrize(
    ("needed", "held"),
    [
        ("german", "spanish"),  # siblings: one language does not meet another
        ("pytorch", "python"),  # broader: knowing Python is not knowing PyTorch
        ("tensorflow", "pytorch"),  # siblings under deep learning
    ],
)
def test_a_broader_or_sibling_skill_is_related_not_met(needed: str, held: str) -> None:
    tax = load_taxonomy()
    need, have = tax.get(needed), tax.get(held)
    assert need is not None and have is not None
    assert tax.proximity(needed, held) >= MATCH_THRESHOLD  # close enough to be worth naming
    e = explain_pair(
        [entry(needed, need.name)],
        [entry(held, have.name, evidence=f"Fluent {have.name} at Acme")],
        tax,
        {"lexical": 0.5},
        {"lexical": 1.0},
    )
    assert e.matched == ()
    assert e.missing == (need.name,)
    assert [(r.name, r.via, r.evidence) for r in e.related] == [
        (need.name, have.name, f"Fluent {have.name} at Acme")
    ]


CVS = [
    MatchDocument("c-py", "Backend developer. Python, Django, PostgreSQL, REST APIs, Docker."),
    MatchDocument("c-ml", "Machine learning engineer: PyTorch, deep learning, computer vision."),
    MatchDocument("c-civil", "Civil engineer: bridges, concrete structures, AutoCAD, surveying."),
    MatchDocument("c-law", "Advocate: litigation, legal drafting, contract law, court work."),
]
ROLES = [
    MatchDocument("r-py", "Python backend developer (Django)", "Python Developer"),
    MatchDocument("r-ml", "Deep learning engineer", "ML Engineer"),
    MatchDocument("r-civil", "Structural civil engineer", "Civil Engineer"),
    MatchDocument("r-law", "Lawyer for contract litigation", "Advocate"),
]


@pytest.mark.parametrize("direction", ["cv-to-role", "role-to-cv"])
def test_each_side_finds_its_counterpart_first_in_both_directions(direction: str) -> None:
    queries, docs = (CVS, ROLES) if direction == "cv-to-role" else (ROLES, CVS)
    results = rank(queries, docs, top_k=2, encoder=NullEncoder())
    for result in results:
        assert result.results[0].id.split("-")[1] == result.query.split("-")[1]
        assert result.results[0].score >= result.results[1].score
        assert 0.0 < result.results[0].score < 1.0


def test_a_blank_query_gets_a_message_and_no_score() -> None:
    results = rank([MatchDocument("empty", "   ")], ROLES, top_k=3, encoder=NullEncoder())
    assert results[0].results == ()
    assert "no text" in (results[0].message or "")
    assert "results" in results[0].to_json() and results[0].to_json()["results"] == []


def test_missing_required_skills_are_listed_for_the_role() -> None:
    role = MatchDocument("r", "Required: Python and Kubernetes. Docker is a plus.")
    cv = MatchDocument("c", "I build services in Python and Django. " * 3)
    other = MatchDocument("c2", "Accountant: bookkeeping, payroll, audits. " * 3)
    result = rank([role], [cv, other], top_k=2, encoder=NullEncoder())[0]
    best = result.results[0]
    assert best.id == "c"
    assert "Python" in [m.name for m in best.matched_skills]
    assert "Kubernetes" in best.missing_skills and "Docker" not in best.missing_skills


def test_feedback_goes_to_the_item_each_document_prefers() -> None:
    # Two one-line roles and three CVs: CV 1 is close to both roles but closer to role 1.
    ranking = np.array([[0.9, 0.80, 0.1], [0.2, 0.85, 0.7]])
    plain = feedback_selection(ranking, depth=2, competitive=False).toarray()
    assert plain[0, 1] > 0  # top-k feedback describes role 0 with CV 1 as well
    fair = feedback_selection(ranking, depth=2, minimum=1).toarray()
    assert fair[0].tolist() == [1.0, 0.0, 0.0] and fair[1, 1] > 0
    # With minimum 2 a role nobody prefers still takes its two nearest CVs.
    lonely = feedback_selection(np.array([[0.9, 0.8], [0.3, 0.2]]), depth=2, minimum=2)
    assert lonely.toarray()[1].tolist() == [0.5, 0.5]
    # A new role scored against an existing population: CV 0 already has a better match (0.95).
    new = feedback_selection(
        np.array([[0.9, 0.4]]), depth=2, minimum=1, rival=np.array([0.95, 0.3])
    )
    assert new.toarray().tolist() == [[0.0, 1.0]]


def test_a_role_nobody_prefers_borrows_only_cvs_that_nearly_chose_it() -> None:
    ranking = np.array([[0.9, 0.8], [0.3, 0.78]])  # role 1: nobody's best; CV 1 nearly chose it
    picked = feedback_selection(ranking, depth=2, minimum=2, margin=0.03).toarray()
    assert picked[1].tolist() == [0.0, 1.0]  # CV 0 (0.3 against its best 0.9) is not borrowed
    # The rival (a CV's best match outside ``ranking``) counts as its best in the margin too.
    new = feedback_selection(
        np.array([[0.5, 0.6]]), depth=2, minimum=1, rival=np.array([0.9, 0.62]), margin=0.03
    )
    assert new.toarray().tolist() == [[0.0, 1.0]]


PYTHON_CVS = [
    "Python developer. Built REST APIs with Django and PostgreSQL. Wrote unit tests with pytest.",
    "Backend engineer: Python, Flask, SQLAlchemy, Redis, Celery. Automated pipelines in Python.",
    "Software developer using Python and Django; some JavaScript for the front end; AWS.",
    "Developer. Python, SQL, Git, Linux, REST APIs, unit testing, Docker, Jenkins CI.",
]
OTHER_CVS = [
    "Accountant: month-end close, reconciliations, VAT returns, Sage and Excel. ACCA qualified.",
    "Assistant accountant. Accounts payable, bank reconciliations, payroll, Xero, Excel.",
    "Registered nurse on a surgical ward. Patient care, medication rounds, wound care.",
    "Staff nurse, A&E. Triage, patient assessment, IV therapy, care plans.",
]


@pytest.mark.parametrize("margin", [0.03, None])
def test_a_role_without_candidates_does_not_become_a_copy_of_its_neighbour(
    margin: float | None,
) -> None:
    # No CV mentions Java: "Java Developer" is nobody's best match. Topped up with its nearest
    # CVs regardless (margin None, the old rule), it was described by Python CVs and scored
    # them almost as high as "Python Developer"; described only by CVs that nearly chose it,
    # it stays clearly below.
    cvs = [MatchDocument(f"py{i}", t) for i, t in enumerate(PYTHON_CVS)]
    cvs += [MatchDocument(f"other{i}", t) for i, t in enumerate(OTHER_CVS)]
    titles = ["Python Developer", "Accountant", "Nurse", "Software Developer", "Java Developer"]
    roles = [MatchDocument(t, t, t) for t in titles]
    out = rank(cvs, roles, 5, encoder=NullEncoder(), config=ScoringConfig(prf_borrow_margin=margin))
    gaps = []
    for result in out:
        if result.query in ("py0", "py3"):
            score = {m.id: m.score for m in result.results}
            gaps.append(score["Python Developer"] - score["Java Developer"])
    if margin is None:
        assert min(gaps) < 0.05
    else:
        assert min(gaps) > 0.1
