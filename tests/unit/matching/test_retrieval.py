"""Two-stage retrieval: recall vs exact re-scoring, incremental updates, persistence, fallback."""

from __future__ import annotations

import numpy as np
import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.matching import retrieval
from talentfoundry.matching.retrieval import RetrievalConfig, RetrievalItem, Retriever
from talentfoundry.matching.scoring import SkillEntry

pytestmark = pytest.mark.unit

DIM = 32
WORDS = [f"w{i}" for i in range(400)]
SKILLS = [f"skill{i}" for i in range(60)]


def _population(n: int, n_queries: int, seed: int = 1) -> tuple[list[RetrievalItem], ...]:
    """Items and queries from shared topics: words, skills and vectors all follow the topic."""
    rng = np.random.default_rng(seed)
    n_topics = 40
    centres = rng.standard_normal((n_topics, DIM))
    topic_words = [rng.choice(len(WORDS), 25, replace=False) for _ in range(n_topics)]
    topic_skills = [rng.choice(len(SKILLS), 6, replace=False) for _ in range(n_topics)]

    def make(prefix: str, i: int, length: int, required: bool) -> RetrievalItem:
        t = int(rng.integers(n_topics))
        own = rng.choice(topic_words[t], length)
        noise = rng.choice(len(WORDS), length // 3)
        text = " ".join(WORDS[j] for j in [*own, *noise])
        vec = centres[t] + 0.8 * rng.standard_normal(DIM)
        skills = tuple(
            SkillEntry(SKILLS[s], SKILLS[s], SKILLS[s], required)
            for s in rng.choice(topic_skills[t], 3, replace=False)
        )
        return RetrievalItem(f"{prefix}{i}", text, vec, skills)

    items = [make("cv", i, 40, False) for i in range(n)]
    queries = [make("role", i, 12, True) for i in range(n_queries)]
    return items, queries


@pytest.fixture(scope="module")
def population() -> tuple[list[RetrievalItem], ...]:
    return _population(3000, 25)


def _ids(result: retrieval.RetrievalResult) -> list[str]:
    return [h.id for h in result.hits]


@pytest.mark.parametrize("use_ann", [True, False])
def test_two_stage_recall_against_exhaustive_rescoring(population, use_ann: bool) -> None:
    items, queries = population
    r = Retriever(DIM, RetrievalConfig(dense_depth=100, lexical_depth=100, use_ann=use_ann))
    r.add(items)
    recalls = []
    for q in queries:
        fast = r.search(q, k=20)
        exact = r.search(q, k=20, exhaustive=True)
        assert fast.shortlist < len(items)  # the two-stage path really did not scan everything
        assert exact.shortlist == len(items)
        recalls.append(len(set(_ids(fast)) & set(_ids(exact))) / 20)
        scores = [h.score for h in fast.hits]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s < 1 for s in scores)
    assert np.mean(recalls) >= 0.95
    expected = retrieval.PATH_ANN if use_ann and retrieval.usearch_available() else "exact"
    assert fast.dense_path.startswith(expected)


def test_hits_carry_components_and_the_best_match_ranks_first(population) -> None:
    items, _ = population
    r = Retriever(DIM)
    r.add(items[:500])
    target = items[123]
    probe = RetrievalItem("probe", target.text, target.vector, target.skills)
    hits = r.search(probe, k=5).hits
    assert hits[0].id == target.id
    assert set(hits[0].components) == {"lexical", "dense", "skills"}


def test_add_and_remove_are_visible_to_the_next_query(population) -> None:
    items, queries = population
    r = Retriever(DIM)
    r.add(items[:1000])
    q = queries[0]
    r.search(q, k=5)  # builds the inverted index; what follows lands in the delta
    twin = RetrievalItem("new-cv", q.text + " " + q.text, q.vector, q.skills)
    r.add([twin])
    assert _ids(r.search(q, k=5))[0] == "new-cv"
    r.remove(["new-cv"])
    assert "new-cv" not in _ids(r.search(q, k=50))
    assert "new-cv" not in _ids(r.search(q, k=50, exhaustive=True))
    first = _ids(r.search(q, k=1))[0]
    r.remove([first])
    assert first not in _ids(r.search(q, k=20))
    assert len(r) == 999
    with pytest.raises(InputError):
        r.remove(["never-added"])


def test_replacing_an_item_keeps_one_copy(population) -> None:
    items, queries = population
    r = Retriever(DIM)
    r.add(items[:200])
    q = queries[1]
    r.add([RetrievalItem(items[0].id, q.text, q.vector, q.skills)])
    hits = _ids(r.search(q, k=200))
    assert hits.count(items[0].id) == 1
    assert hits[0] == items[0].id
    assert len(r) == 200


def test_requirements_on_the_indexed_side(population) -> None:
    """Roles indexed, a CV asks: the role whose required skills the CV has comes first."""
    items, queries = population
    r = Retriever(DIM, RetrievalConfig(requirements="items"))
    r.add(queries)  # roles (required skills) are the indexed side here
    roles_skills = {s.skill_id for s in queries[3].skills}
    cv = RetrievalItem("cv", "", None, tuple(e for e in items[0].skills) + queries[3].skills)
    hits = r.search(cv, k=len(queries)).hits
    by_id = {h.id: h for h in hits}
    assert by_id[queries[3].id].components["skills"] == max(h.components["skills"] for h in hits)
    assert roles_skills  # the probe really carries the role's requirements
    exact = r.search(items[1], k=10, exhaustive=True)
    assert _ids(r.search(items[1], k=10)) == _ids(exact)


def test_save_load_round_trip(tmp_path, population) -> None:
    items, queries = population
    r = Retriever(DIM)
    r.add(items[:800])
    r.remove([items[5].id])
    r.save(tmp_path / "idx")
    loaded = Retriever.load(tmp_path / "idx")
    assert len(loaded) == 799
    for q in queries[:5]:
        a, b = r.search(q, k=10), loaded.search(q, k=10)
        assert _ids(a) == _ids(b)
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], abs=1e-6)
    loaded.add([RetrievalItem("late", queries[0].text, queries[0].vector, queries[0].skills)])
    assert _ids(loaded.search(queries[0], k=1)) == ["late"]


def test_fallback_without_usearch_says_so(monkeypatch, population) -> None:
    items, queries = population
    monkeypatch.setattr(retrieval, "usearch_available", lambda: False)
    r = Retriever(DIM)
    r.add(items[:600])
    result = r.search(queries[0], k=10)
    assert result.dense_path == retrieval.PATH_EXACT
    exact = r.search(queries[0], k=10, exhaustive=True)
    assert len(set(_ids(result)) & set(_ids(exact))) >= 9


def test_without_vectors_runs_lexical_only(population) -> None:
    items, queries = population
    r = Retriever(0)
    r.add([RetrievalItem(i.id, i.text, None, i.skills) for i in items[:300]])
    result = r.search(RetrievalItem("q", queries[0].text, None, queries[0].skills), k=5)
    assert result.dense_path == retrieval.PATH_NONE
    assert len(result.hits) == 5
    assert "dense" not in result.hits[0].components


def test_bad_input_is_an_input_error() -> None:
    r = Retriever(4)
    with pytest.raises(InputError):
        r.add([RetrievalItem("a", "x", np.ones(3))])
    with pytest.raises(InputError):
        r.add([RetrievalItem("a", "x"), RetrievalItem("a", "y")])
    r.add([RetrievalItem("a", "x", np.ones(4))])
    with pytest.raises(InputError):
        r.search(RetrievalItem("q", "x"), k=0)
    with pytest.raises(InputError):
        Retriever.load("/nonexistent/retrieval-index")


def test_calibration_expands_one_line_items_so_a_cv_in_other_words_finds_them() -> None:
    """Indexed one-line roles learn their vocabulary from the CVs that pick them (calibrate):
    a CV that names tools only (Selenium, Cucumber) then prefers "Automation Testing" to
    "Manual Testing", which it cannot tell apart by words ("testing" is all they share)."""
    roles = [
        RetrievalItem("testing", "Manual Testing"),
        RetrievalItem("python", "Python Developer"),
        RetrievalItem("automation", "Automation Testing"),
        RetrievalItem("network", "Network Engineer"),
    ]
    cvs = [
        RetrievalItem("a1", "test automation with selenium webdriver and cucumber scripts"),
        RetrievalItem("a2", "automation engineer selenium cucumber jenkins"),
        RetrievalItem("a3", "automation testing appium selenium testng"),
        RetrievalItem("m1", "manual testing test cases regression uat jira"),
        RetrievalItem("m2", "manual testing of banking apps, test plans, defects"),
        RetrievalItem("m3", "manual tester: exploratory testing, uat, test cases"),
        RetrievalItem("p1", "python developer django flask postgresql"),
        RetrievalItem("n1", "network engineer cisco bgp ospf firewalls"),
    ]
    probe = RetrievalItem(
        "q",
        "QA specialist for eight years. Selenium WebDriver and Cucumber suites, TestNG, Appium "
        "for mobile apps, Jenkins pipelines; testing of web shops and banking portals.",
    )
    plain = Retriever(0, RetrievalConfig(corrections=False))
    plain.add(roles)
    assert plain.calibrate(cvs) == 0  # corrections off: nothing to estimate
    first, second = plain.search(probe, k=2).hits
    assert {first.id, second.id} == {"testing", "automation"}
    assert first.score == second.score  # by words alone, a tie
    r = Retriever(0)
    r.add(roles)
    assert r.calibrate(cvs) == len(cvs)
    first, second = r.search(probe, k=2).hits
    assert first.id == "automation"
    assert first.score > second.score
    # Adding and removing after calibration keeps the index usable and the expansion in place.
    r.add([RetrievalItem("data", "Data Scientist")])
    r.remove(["network"])
    assert r.search(probe, k=1).hits[0].id == "automation"
