"""Role search ranked by relevance: a search text read the way the matching engine reads a role.

A keyword filter finds nothing for "python developer" (no role has that phrase) or "k8s" (roles
say "Kubernetes"), and sorting the hits A-Z buries the best one. Here the text is read with the
engine's own parts, against the roles the process's match index already holds
(:mod:`talentfoundry.services.match_index`: their term counts and skills, kept up to date):

- **skills**: the taxonomy resolves the text and each run of up to three of its words, with
  aliases ("k8s" is Kubernetes, "golang" Go, "ML" machine learning); a role that requires such a
  skill scores 1, one that names it as a nice-to-have 0.6, one with its direct parent or child
  (:meth:`Taxonomy.proximity` 0.6) half of that; averaged over the text's skills;
- **words**: BM25 over the roles' words (the skills' own names added to the text's words, so
  "k8s" also finds roles that write "Kubernetes"), as a share of what a role having every word
  would score;
- **title**: the share of the text's word weight that the role's title holds, so "python
  developer" puts the Python developer roles before the roles that only mention both.

A role whose title, company or description contains the text as typed (a company's name, "C#",
"100%") gets a bonus on top; ``%`` and ``_`` are literal there (:func:`common.contains_text`).
Roles scoring under a quarter of the best are left out: at that point they share one common word.

The weights are set by hand on the demo fair (1,031 open roles, 2026-12): "python developer" puts
the Python backend developers first, "k8s" the roles requiring Kubernetes, "risk" the risk
analysts. Scoring one text costs 30-340 ms on two cores (a loop over the roles; the taxonomy's
proximity cache makes the second search with a skill cheaper).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from talentfoundry.matching.lexical import term_counts, tokenize
from talentfoundry.matching.taxonomy import tokenize as skill_tokens
from talentfoundry.services.common import contains_text
from talentfoundry.services.match_index import ROLES, searching
from talentfoundry.store.models import JobRole, Organisation

__all__ = ["SearchText", "ranked_role_ids", "read_search_text", "relevance"]

WEIGHTS = {"skills": 0.45, "words": 0.30, "title": 0.25}
"""The parts of a role's relevance when the text names a skill."""
WORDS_ONLY = {"skills": 0.0, "words": 0.60, "title": 0.40}
"""... and when it names none ("risk", "senior")."""
NICE_TO_HAVE = 0.6
"""A skill the role names as a plus counts this much of a requirement."""
RELATED = 0.5
"""A related skill counts this share of its taxonomy proximity ..."""
MIN_PROXIMITY = 0.6
"""... when it is that close: the direct parent or child ("deep learning" and PyTorch). Further
relations are noise in a search box: with 0.4, "C#" found 141 chip-design roles through
"back-end development" (a grandparent of C#, and what physical design calls its back end)."""
LITERAL_BONUS = {"title": 0.3, "company": 0.3, "description": 0.1}
"""Added when the text, as typed, is part of the role's title, company name or description."""
KEEP_SHARE = 0.25
"""Roles under this share of the best score are left out."""
BM25_K1, BM25_B = 1.2, 0.75
MAX_SKILL_WORDS = 3


@dataclass(frozen=True, slots=True)
class SearchText:
    """A search text as the engine reads it: its words (with the skills' names) and skills."""

    text: str
    words: frozenset[str]
    skills: dict[str, str]  # skill id -> name


def read_search_text(text: str, taxonomy: Any) -> SearchText:
    """The words and skills of ``text``; skills are resolved by the taxonomy, aliases included.

    The whole text is read first as a declared skill list entry ("Scikit-Learn", "Java/Kotlin"),
    then each run of one to three words is looked up, longest first, so "react frontend" finds
    React as well as front-end development, and "ml engineer" finds machine learning (the
    reading of running text, careful with "Go" and "ML" in prose, would not).
    """
    skills: dict[str, str] = {}
    unknown: dict[str, str] = {}  # a name the taxonomy lacks, matched to roles listing it as is
    if taxonomy is not None:
        from talentfoundry.matching.skills import skills_from_list

        for mention in skills_from_list([text], taxonomy):
            if mention.skill_id is None:
                unknown[f"name:{mention.name.strip().lower()}"] = mention.name
            else:
                skills.setdefault(mention.skill_id, mention.name)
        words = [word for word, _, _ in skill_tokens(text)]
        at = 0
        while at < len(words):
            for size in range(min(MAX_SKILL_WORDS, len(words) - at), 0, -1):
                skill = taxonomy.resolve(" ".join(words[at : at + size]))
                if skill is not None:
                    skills.setdefault(skill.id, skill.name)
                    at += size
                    break
            else:
                at += 1
    if not skills:  # "ml engineer" is machine learning, not an unknown skill called so
        skills = unknown
    found = set(term_counts(text))
    for name in skills.values():
        found |= set(term_counts(name))
    return SearchText(text, frozenset(found), skills)


def relevance(index: Any, query: SearchText, allowed: Collection[str]) -> dict[str, float]:
    """Relevance in [0, 1] of each role of the index whose id is in ``allowed`` (0 left out).

    Call with the index held (:func:`match_index.searching`). Word statistics (document
    frequency, mean length) are those of every role in the index, so a role's score does not
    depend on the filters around it.
    """
    items = index._side(ROLES).items  # the role features the index keeps (no public accessor)
    if not items:
        return {}
    mean_length = sum(item.length for item in items) / len(items) or 1.0
    idf = {}
    for word in query.words:
        df = sum(1 for item in items if word in item.counts)
        if df:
            idf[word] = math.log(1.0 + (len(items) - df + 0.5) / (df + 0.5))
    word_weight = sum(idf.values())
    weights = WEIGHTS if query.skills else WORDS_ONLY
    taxonomy = index.taxonomy
    out: dict[str, float] = {}
    for item in items:
        if item.id not in allowed:
            continue
        words = title = 0.0
        if word_weight:
            norm = BM25_K1 * (1 - BM25_B + BM25_B * item.length / mean_length)
            for word, weight in idf.items():
                tf = item.counts.get(word, 0)
                if tf:
                    words += weight * tf / (tf + norm)
            words /= word_weight
            in_title = set(tokenize(item.title or ""))
            title = sum(w for word, w in idf.items() if word in in_title) / word_weight
        skills = _skill_score(query.skills, item.skills, taxonomy) if query.skills else 0.0
        score = weights["skills"] * skills + weights["words"] * words + weights["title"] * title
        if score > 0:
            out[item.id] = score
    return out


def _skill_score(wanted: dict[str, str], held: list[Any], taxonomy: Any) -> float:
    """Mean over the wanted skills: required 1, nice-to-have 0.6, related half the proximity."""
    have = {entry.skill_id: entry.required for entry in held}
    total = 0.0
    for skill_id in wanted:
        if skill_id in have:
            total += 1.0 if have[skill_id] else NICE_TO_HAVE
        elif taxonomy is not None and skill_id in taxonomy:
            near = max((taxonomy.proximity(skill_id, other) for other in have), default=0.0)
            total += RELATED * near if near >= MIN_PROXIMITY else 0.0
    return total / len(wanted)


def ranked_role_ids(db: Session, filtered: Select[Any], text: str) -> list[int]:
    """The ids of the roles ``filtered`` selects (a ``select(JobRole)`` joined to its company),
    ranked by relevance to ``text``, best first; ties by title, then id."""
    rows = db.execute(filtered.with_only_columns(JobRole.id, JobRole.title)).all()
    if not rows:
        return []
    titles: dict[int, str] = {row[0]: row[1] for row in rows}
    scores: dict[int, float] = dict.fromkeys(titles, 0.0)
    with searching(db) as index:
        query = read_search_text(text, index.taxonomy)
        found = relevance(index, query, {str(i) for i in titles})
    for role_id, score in found.items():
        scores[int(role_id)] += score
    literal = filtered.with_only_columns(
        JobRole.id,
        contains_text(JobRole.title, text),
        contains_text(Organisation.name, text),
        contains_text(JobRole.description, text),
    ).where(
        or_(
            contains_text(JobRole.title, text),
            contains_text(Organisation.name, text),
            contains_text(JobRole.description, text),
        )
    )
    for role_id, in_title, in_company, in_description in db.execute(literal):
        scores[role_id] += (
            LITERAL_BONUS["title"] * bool(in_title)
            + LITERAL_BONUS["company"] * bool(in_company)
            + LITERAL_BONUS["description"] * bool(in_description)
        )
    best = max(scores.values())
    if best <= 0:
        return []
    kept = [i for i, score in scores.items() if score > 0 and score >= KEEP_SHARE * best]
    return sorted(kept, key=lambda i: (-scores[i], titles[i].casefold(), i))
