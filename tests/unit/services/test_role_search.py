"""How role search reads a search text and scores roles held by a match index (no database)."""

from __future__ import annotations

import pytest

from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument, MatchIndex
from talentfoundry.matching.taxonomy import load_taxonomy
from talentfoundry.services.role_search import read_search_text, relevance

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("k8s", {"kubernetes"}),
        ("golang", {"go"}),
        ("python developer", {"python"}),
        ("react frontend", {"react", "frontend"}),
        ("ml engineer", {"machine-learning"}),
        ("Underwater basket weaving", {"name:underwater basket weaving"}),
        ("100%", {"name:100%"}),
    ],
)
def test_the_taxonomy_reads_skills_and_aliases_in_a_search_text(
    text: str, skills: set[str]
) -> None:
    assert set(read_search_text(text, load_taxonomy()).skills) == skills


def test_an_alias_brings_the_skills_own_words() -> None:
    query = read_search_text("k8s", load_taxonomy())
    assert query.words == {"k8s", "kubernetes"}


def test_relevance_puts_the_role_with_the_skill_and_the_title_first() -> None:
    index = MatchIndex(encoder=NullEncoder())
    index.add_many(
        "b",
        [
            MatchDocument("1", "Run the clusters.", "Platform Engineer", ("Kubernetes",), True),
            MatchDocument("2", "Build services.", "Python Developer", ("Python",), True),
            MatchDocument("3", "Build services in Python.", "Backend Engineer", ("Go",), True),
            MatchDocument("4", "Shape the shop.", "Web Developer", ("React",), True),
        ],
    )
    scores = relevance(index, read_search_text("python developer", index.taxonomy), "1234")
    assert sorted(scores, key=scores.__getitem__, reverse=True) == ["2", "3", "4"]
    assert relevance(index, read_search_text("k8s", index.taxonomy), "1234").keys() == {"1"}
    # Only the allowed ids (the filters) are scored.
    assert relevance(index, read_search_text("k8s", index.taxonomy), {"2", "3"}) == {}
