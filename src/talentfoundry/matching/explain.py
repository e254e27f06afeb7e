"""Explanations: why a pair scored what it did, in terms a candidate or a recruiter can check.

For each scored pair: the required skills the other side has (with the CV line that shows it, and
the skill that stood in for it when the credit comes from taxonomy proximity: "PyTorch" for "deep
learning"), the required skills nobody could find, and each component's share of the score.

A missing skill the text itself denies or names as something to learn ("No experience with
Java", "willing to learn Rust") is quoted: "missing" then reads as what the candidate said, not
as something the parser overlooked, and a reader can check it against the CV.

Shares add up to 1: the fused score is a weighted mean ``sum(w_c * v_c) / sum(w_c)`` over the
components present for the pair, so component ``c`` contributed ``w_c * v_c / sum(w_c * v_c)``.

>>> from talentfoundry.matching.scoring import SkillEntry
>>> req = [SkillEntry("python", "Python", "Python required", True),
...        SkillEntry("go", "Go", "Go is a plus", False)]
>>> cv = [SkillEntry("python", "Python", "5 years of Python at Acme", False)]
>>> e = explain_pair(req, cv, None, {"lexical": 0.8, "skills": 0.6}, {"lexical": 1, "skills": 1})
>>> [(m.name, m.evidence) for m in e.matched], e.missing
([('Python', '5 years of Python at Acme')], ())
>>> round(sum(e.shares.values()), 6)
1.0
>>> req.append(SkillEntry("java", "Java", "Java required", True))
>>> said = [NotHeldSkill("Java", "java", "negated", "No experience with Java")]
>>> e = explain_pair(req, cv, None, {"lexical": 0.5}, {"lexical": 1}, not_held=said)
>>> e.missing, [m.to_json() for m in e.missing_evidence]  # doctest: +NORMALIZE_WHITESPACE
(('Java',), [{'name': 'Java', 'taxonomy_id': 'java', 'stance': 'negated',
              'evidence': 'No experience with Java'}])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from talentfoundry.matching.employer import EMPLOYER
from talentfoundry.matching.scoring import SkillEntry

__all__ = ["MATCH_THRESHOLD", "Explanation", "MatchedSkill", "NotHeldSkill", "explain_pair"]

MATCH_THRESHOLD = 0.4
"""Proximity from which a skill counts as (partly) met: a sibling or a direct parent/child."""


@dataclass(frozen=True)
class MatchedSkill:
    """A requirement met; ``via`` names the skill that met it when it is not the same one."""

    name: str
    skill_id: str
    evidence: str
    credit: float
    via: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "taxonomy_id": self.skill_id,
            "evidence": self.evidence,
            "credit": round(self.credit, 3),
        }
        if self.via:
            out["via"] = self.via
        return out


@dataclass(frozen=True)
class NotHeldSkill:
    """A skill a text names only to deny it (``stance`` "negated"), to learn it ("learning"), or
    while describing an employer or client ("employer").

    Kept per indexed item so that an explanation can quote the sentence (``evidence``) when a
    requirement is missing; ``name`` is the requirement's name once it is in an explanation.
    """

    name: str
    skill_id: str
    stance: str
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "taxonomy_id": self.skill_id,
            "stance": self.stance,
            "evidence": self.evidence,
        }

    @property
    def denies(self) -> bool:
        """Whether the text says it lacks the skill (denied, or still learning it): then no
        neighbour the text holds covers it. Named only about an employer, it is not denied."""
        return self.stance != EMPLOYER


@dataclass(frozen=True)
class Explanation:
    """Why a pair scored what it did; ``missing_evidence`` quotes the text for those ``missing``
    skills it denies or is learning."""

    matched: tuple[MatchedSkill, ...]
    missing: tuple[str, ...]
    shares: dict[str, float]
    values: dict[str, float]
    missing_evidence: tuple[NotHeldSkill, ...] = ()


def _credit(taxonomy: Any, a: str, b: str) -> float:
    if a == b:
        return 1.0
    if taxonomy is None or a.startswith("name:") or b.startswith("name:"):
        return 0.0
    return float(taxonomy.proximity(a, b))


def explain_pair(
    requirements: Sequence[SkillEntry],
    offered: Sequence[SkillEntry],
    taxonomy: Any,
    values: Mapping[str, float],
    weights: Mapping[str, float],
    *,
    not_held: Sequence[NotHeldSkill] = (),
) -> Explanation:
    """Explain one pair: ``requirements`` (the role's skills) against ``offered`` (the CV's).

    ``values`` holds the normalised component values present for the pair (absent components are
    left out); ``weights`` the fusion weights. ``not_held`` are the skills the offered side's text
    denies, is learning, or names only about an employer. A denied or learning skill is never
    matched: extraction keeps it out of ``offered``, and a near skill does not stand in for it
    either (a CV that says "no experience with PyTorch" is not shown as meeting PyTorch through its
    Python). One named only about an employer may be met through a near skill the text holds.
    When it is required and not met it is missing, and the explanation quotes the text.
    """
    matched: list[MatchedSkill] = []
    missing: list[str] = []
    said: list[NotHeldSkill] = []
    stated = {s.skill_id: s for s in not_held}
    for need in requirements:
        statement = stated.get(need.skill_id)
        best: tuple[float, SkillEntry | None] = (0.0, None)
        for have in () if statement is not None and statement.denies else offered:
            credit = _credit(taxonomy, need.skill_id, have.skill_id)
            if credit > best[0]:
                best = (credit, have)
                if credit >= 1.0:
                    break
        credit, have = best
        if have is not None and credit >= MATCH_THRESHOLD:
            via = None if have.skill_id == need.skill_id else have.name
            matched.append(MatchedSkill(need.name, need.skill_id, have.evidence, credit, via))
        elif need.required:
            missing.append(need.name)
            if statement is not None:
                said.append(
                    NotHeldSkill(need.name, need.skill_id, statement.stance, statement.evidence)
                )
    parts = {name: float(weights.get(name, 0.0)) * v for name, v in values.items()}
    total = sum(parts.values())
    shares = {name: (p / total if total > 0 else 0.0) for name, p in parts.items()}
    return Explanation(tuple(matched), tuple(missing), shares, dict(values), tuple(said))
