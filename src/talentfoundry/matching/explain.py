"""Explanations: why a pair scored what it did, in terms a candidate or a recruiter can check.

For each scored pair: the required skills the other side has (with the CV line that shows it, and
the skill that stood in for it when the credit comes from taxonomy proximity: "PyTorch" for "deep
learning"), the required skills nobody could find, and each component's share of the score.

A requirement is *met* only by the same skill or a narrower one: PyTorch is deep learning, but
Python is not PyTorch, cloud computing is not Snowflake, and Spanish is not German. A broader or a
sibling skill still earns the pair partial credit in the skill score (it says something about the
candidate), so the explanation lists it as *related* to the missing requirement ("German:
missing, related: Spanish") instead of claiming the requirement is met.

A choice ("PyTorch or TensorFlow", :mod:`talentfoundry.matching.alternatives`) is one
requirement: any of its skills meets it, and the others are then not missing. When none is
held, it is missing once, by its whole name ("PyTorch or TensorFlow").

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
from talentfoundry.matching.scoring import SkillEntry, choice_members, requirement_key

__all__ = ["MATCH_THRESHOLD", "Explanation", "MatchedSkill", "NotHeldSkill", "explain_pair"]

MATCH_THRESHOLD = 0.4
"""Proximity from which a narrower skill meets a requirement (a child or grandchild of it), and
from which a broader or sibling skill is named as related to a missing one."""


@dataclass(frozen=True)
class MatchedSkill:
    """A requirement met, or (in ``Explanation.related``) a missing one with a related skill;
    ``via`` names the skill held when it is not the requirement itself."""

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
    related: tuple[MatchedSkill, ...] = ()
    """Missing requirements for which the other side holds a broader or sibling skill."""


def _credit(taxonomy: Any, need: str, have: str) -> tuple[float, bool]:
    """Taxonomy proximity of a held skill to a requirement, and whether holding it meets the
    requirement: the same skill or a narrower one does; a broader or sibling one does not."""
    if need == have:
        return 1.0, True
    if taxonomy is None or need.startswith("name:") or have.startswith("name:"):
        return 0.0, False
    credit = float(taxonomy.proximity(need, have))
    ancestors = getattr(taxonomy, "ancestors", None)
    return credit, ancestors is not None and need in ancestors(have)


_Found = tuple[float, SkillEntry]


def _closest(
    taxonomy: Any, need: str, offered: Sequence[SkillEntry], statement: NotHeldSkill | None
) -> tuple[_Found | None, _Found | None]:
    """The best held skill that meets ``need`` and the best that is only related to it (each
    with its credit, None below :data:`MATCH_THRESHOLD`). A skill the text denies or is
    learning is met by nothing, not even through a neighbour."""
    meets: _Found | None = None
    near: _Found | None = None
    for have in () if statement is not None and statement.denies else offered:
        credit, is_met = _credit(taxonomy, need, have.skill_id)
        if credit < MATCH_THRESHOLD:
            continue
        if is_met and (meets is None or credit > meets[0]):
            meets = (credit, have)
            if credit >= 1.0:
                break
        elif not is_met and (near is None or credit > near[0]):
            near = (credit, have)
    return meets, near


def _name(taxonomy: Any, skill_id: str) -> str:
    """A skill's display name (a choice can name a skill the role does not list itself)."""
    skill = taxonomy.get(skill_id) if taxonomy is not None else None
    return skill.name if skill is not None else skill_id


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
    related: list[MatchedSkill] = []
    missing: list[str] = []
    said: list[NotHeldSkill] = []
    stated = {s.skill_id: s for s in not_held}
    names = {need.skill_id: need.name for need in requirements}
    asked: dict[str, list[SkillEntry]] = {}  # one requirement per skill, or per choice
    for need in requirements:
        asked.setdefault(requirement_key(need), []).append(need)
    for key, needs in asked.items():
        own = [need.skill_id for need in needs]
        # A choice is met by any of its skills, including one the role also asks for alone.
        skills = own + [m for m in choice_members(key) if m not in own]
        closest = {sid: _closest(taxonomy, sid, offered, stated.get(sid)) for sid in skills}
        met = {sid: c[0] for sid, c in closest.items() if c[0] is not None}
        if met:
            for need in needs:
                if need.skill_id in met:
                    credit, have = met[need.skill_id]
                    via = None if have.skill_id == need.skill_id else have.name
                    matched.append(
                        MatchedSkill(need.name, need.skill_id, have.evidence, credit, via)
                    )
            continue
        if not any(need.required for need in needs):
            continue
        label = " or ".join(names.get(sid) or _name(taxonomy, sid) for sid in skills)
        missing.append(label)
        quoted: set[str] = set()  # "No PyTorch or TensorFlow" denies both: quoted once
        for sid in skills:
            statement = stated.get(sid)
            if statement is not None and statement.evidence not in quoted:
                quoted.add(statement.evidence)
                name = names.get(sid) or _name(taxonomy, sid)
                said.append(NotHeldSkill(name, sid, statement.stance, statement.evidence))
        near = [(c[1], sid) for sid, c in closest.items() if c[1] is not None]
        if near:
            (credit, have), sid = max(near, key=lambda pair: pair[0][0])
            related.append(MatchedSkill(label, sid, have.evidence, credit, have.name))
    parts = {name: float(weights.get(name, 0.0)) * v for name, v in values.items()}
    total = sum(parts.values())
    shares = {name: (p / total if total > 0 else 0.0) for name, p in parts.items()}
    return Explanation(
        tuple(matched), tuple(missing), shares, dict(values), tuple(said), tuple(related)
    )
