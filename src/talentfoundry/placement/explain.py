"""Why a student was not placed: one reason per programme they listed.

In a stable placement an unplaced student can only have been turned down for three reasons, and
this module reports which one applied at each programme on their list:

* ``not_listed``: the programme did not list the student, so the pair was never acceptable;
* ``no_places``: the programme has capacity 0;
* ``full``: the programme filled all its places with students it ranks higher (stability
  guarantees this: otherwise the student and the programme would both prefer each other). When
  the programme ranked some of those students *equal* to this student, they are counted apart
  (``tied_ahead``): they won the documented lottery (:mod:`talentfoundry.placement.ties`).

The counts are recomputed from the instance and the placement rather than recorded during the
algorithm, so the explanation is also an independent check of the result (an ``AssertionError``
here would mean the placement is not stable).

>>> from talentfoundry.placement.instance import Instance, Programme, Student
>>> from talentfoundry.placement.deferred_acceptance import solve
>>> inst = Instance(
...     students=(Student("ana", ("acme", "bolt")), Student("ben", ("acme",))),
...     programmes=(Programme("acme", 1, ("ben", "ana")), Programme("bolt", 1, ("ben",))),
... )
>>> [r.message for r in explain_unplaced(inst, solve(inst))["ana"].reasons]
['acme: filled its 1 place with students it ranks higher', 'bolt: did not list you']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from talentfoundry.placement._bulk import paused_gc
from talentfoundry.placement.deferred_acceptance import Placement
from talentfoundry.placement.instance import Instance, Programme

__all__ = ["ProgrammeReason", "ReasonKind", "UnplacedReport", "explain_unplaced"]

ReasonKind = Literal["not_listed", "no_places", "full"]


@dataclass(frozen=True, slots=True)
class ProgrammeReason:
    """Why one programme on the student's list did not take them."""

    programme: str
    kind: ReasonKind
    ranked_higher: int = 0
    """students placed there whom the programme ranks strictly above this student"""
    tied_ahead: int = 0
    """students placed there whom the programme ranks equal to this student (won the lottery)"""

    @property
    def message(self) -> str:
        if self.kind == "not_listed":
            return f"{self.programme}: did not list you"
        if self.kind == "no_places":
            return f"{self.programme}: has no places"
        filled = self.ranked_higher + self.tied_ahead
        places = "place" if filled == 1 else "places"
        text = f"{self.programme}: filled its {filled} {places} with students it ranks higher"
        if self.tied_ahead:
            text = (
                f"{self.programme}: filled its {filled} {places}: {self.ranked_higher} with "
                f"students it ranks higher, {self.tied_ahead} with students it ranks equal to "
                "you who won the tie-break lottery"
            )
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "programme": self.programme,
            "reason": self.kind,
            "ranked_higher": self.ranked_higher,
            "tied_ahead": self.tied_ahead,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class UnplacedReport:
    """All reasons for one unplaced student, in the order of their list."""

    student: str
    reasons: tuple[ProgrammeReason, ...]

    @property
    def summary(self) -> str:
        if not self.reasons:
            return "you listed no programmes"
        return "; ".join(reason.message for reason in self.reasons)


def _levels(programme: Programme) -> dict[str, int]:
    """Student id -> tie level (0 = best); students in one tie group share a level."""
    prefs = programme.prefs
    if not programme.has_ties:  # every entry is a student id: its position is its level
        return dict(zip(prefs, range(len(prefs)), strict=True))  # type: ignore[arg-type]
    levels: dict[str, int] = {}
    for level, entry in enumerate(prefs):
        if isinstance(entry, str):
            levels[entry] = level
        else:
            for sid in entry:
                levels[sid] = level
    return levels


@dataclass(frozen=True, slots=True)
class _Filled:
    """What an unplaced applicant is compared with at one programme."""

    levels: dict[str, int]
    worst_level: int  # level of the programme's worst placed student (-1 if none)
    at_worst: int  # how many placed students share that level
    placed: int


def _filled(programme: Programme, placed: list[str]) -> _Filled:
    levels = _levels(programme)
    placed_levels = [levels[sid] for sid in placed]
    worst = max(placed_levels, default=-1)
    return _Filled(levels, worst, placed_levels.count(worst), len(placed))


def explain_unplaced(instance: Instance, placement: Placement) -> dict[str, UnplacedReport]:
    """A report per unplaced student, keyed by student id, in ``placement.unmatched`` order."""
    with paused_gc():
        return _explain(instance, placement)


def _explain(instance: Instance, placement: Placement) -> dict[str, UnplacedReport]:
    programmes = {p.id: p for p in instance.programmes}
    prefs_of = {s.id: s.prefs for s in instance.students}
    cache: dict[str, _Filled] = {}
    reports: dict[str, UnplacedReport] = {}
    for sid in placement.unmatched:
        reasons: list[ProgrammeReason] = []
        for pid in prefs_of[sid]:
            programme = programmes[pid]
            filled = cache.get(pid)
            if filled is None:
                filled = cache[pid] = _filled(programme, placement.matching[pid])
            mine = filled.levels.get(sid)
            if mine is None:
                reasons.append(ProgrammeReason(pid, "not_listed"))
                continue
            if programme.capacity == 0:
                reasons.append(ProgrammeReason(pid, "no_places"))
                continue
            # Stability: the programme is full and nobody placed there ranks below this student.
            if filled.placed != programme.capacity or mine < filled.worst_level:
                raise AssertionError(
                    f"placement is not stable: {sid!r} and {pid!r} would both prefer each other"
                )
            tied = filled.at_worst if mine == filled.worst_level else 0
            reasons.append(ProgrammeReason(pid, "full", filled.placed - tied, tied))
        reports[sid] = UnplacedReport(sid, tuple(reasons))
    return reports
