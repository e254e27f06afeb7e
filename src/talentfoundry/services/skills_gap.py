"""Skills-gap analytics for universities: what employers ask for vs what the students offer.

Demand: the open roles of an event, by sector, each required skill counting 1 and each
nice-to-have 0.5. Supply: the university's candidates (optionally one programme or graduation
year), a skill counting as offered when the profile declares it or the CV states it. Both sides go
through the matching engine's taxonomy (:mod:`talentfoundry.matching.skills`), so "k8s" in a CV
meets "Kubernetes" in a job ad.

The cohort counts only the students the viewer may see (:func:`scopes.candidates`): the
university's staff all of them, an event's organisers those registered for their events.

Reading skills is the costly part, so each list and CV is read once per content
(:mod:`talentfoundry.services.skill_sets`), and the cohorts, the demand and the reports are kept
until the tables they come from change (:mod:`talentfoundry.services.analytics_cache`).
"""

from __future__ import annotations

import csv
import io
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.access import Principal
from talentfoundry.domain.enums import OrgKind, RoleStatus
from talentfoundry.domain.errors import InputError, PermissionDenied
from talentfoundry.services import analytics_cache, scopes, skill_sets
from talentfoundry.services.common import get_or_404, principal_for, spreadsheet_safe
from talentfoundry.store.models import (
    CandidateProfile,
    CvDocument,
    Event,
    JobRole,
    Organisation,
    User,
    role_events,
)

REQUIRED_WEIGHT, NICE_WEIGHT = 1.0, 0.5


@dataclass(frozen=True, slots=True)
class SkillGap:
    skill: str
    demand: float  # weighted count of roles asking for it
    role_share: float  # share of the sector's roles asking for it
    students: int  # students offering it
    student_share: float  # share of the cohort offering it

    @property
    def gap(self) -> float:
        """Positive when employers ask for it more often than students have it."""
        return self.role_share - self.student_share


@dataclass(frozen=True, slots=True)
class SectorGap:
    sector: str
    roles: int
    skills: list[SkillGap]
    coverage: float  # demand-weighted share of the sector's asked skills that some student offers

    @property
    def missing(self) -> list[SkillGap]:
        """The most demanded skills no student in the cohort offers."""
        return [s for s in self.skills if s.students == 0]


@dataclass(frozen=True, slots=True)
class GapReport:
    university: str
    event: str
    cohort: int
    sectors: list[SectorGap] = field(default_factory=list)


_fold = str.casefold  # a skill's key: "PyTorch" and "pytorch" count as one (a C call, no frame)


@dataclass(slots=True)
class _Tally:
    """The demand of a list of roles, per sector (built once, read by the report and the trend)."""

    demand: dict[str, Counter[str]]  # sector -> skill key -> weighted demand
    asked_by: dict[str, Counter[str]]  # sector -> skill key -> roles asking
    role_count: Counter[str]
    display: dict[str, str]  # skill key -> the name first seen


def _tally(roles: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> _Tally:
    t = _Tally(defaultdict(Counter), defaultdict(Counter), Counter(), {})
    for sector, required, nice in roles:
        t.role_count[sector] += 1
        demand, asked_by = t.demand[sector], t.asked_by[sector]
        for weight, names in ((REQUIRED_WEIGHT, required), (NICE_WEIGHT, nice)):
            for name in names:
                key = _fold(name)
                t.display.setdefault(key, name)
                demand[key] += weight
                asked_by[key] += 1
    return t


def offered_by(students: Iterable[Iterable[str]]) -> Counter[str]:
    """Skill key -> students offering it."""
    return Counter(map(_fold, chain.from_iterable(students)))


def compute_gap(
    roles: Iterable[tuple[str, Sequence[str], Sequence[str]]],
    students: Sequence[Iterable[str]],
    *,
    top: int = 15,
) -> list[SectorGap]:
    """Pure core: ``roles`` as (sector, required skill names, nice skill names), ``students``
    as sets of canonical skill names. Returns sectors by number of roles, skills by demand.

    >>> gap = compute_gap([("ai", ["Python", "PyTorch"], [])], [{"Python"}, set()])
    >>> [(s.skill, s.student_share) for s in gap[0].skills]
    [('Python', 0.5), ('PyTorch', 0.0)]
    """
    t = _tally(roles)
    offered = offered_by(students)
    cohort = len(students)
    sectors = []
    for sector, count in t.role_count.most_common():
        demand = t.demand[sector]
        ranked = sorted(demand.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(demand.values()) or 1.0
        covered = sum(w for k, w in demand.items() if offered[k] > 0)
        skills = [
            SkillGap(
                skill=t.display[k],
                demand=w,
                role_share=t.asked_by[sector][k] / count,
                students=offered[k],
                student_share=offered[k] / cohort if cohort else 0.0,
            )
            for k, w in ranked[:top]
        ]
        sectors.append(
            SectorGap(sector=sector, roles=count, skills=skills, coverage=covered / total)
        )
    return sectors


def coverage(
    roles: Iterable[tuple[str, Sequence[str], Sequence[str]]], offered: Counter[str]
) -> tuple[float, dict[str, float]]:
    """The demand-weighted share of the roles' asked skills that some student offers: overall
    and per sector (what the trend shows, without a report's per-skill rows).

    >>> roles = [("ai", ["Python", "Go"], []), ("chips", ["UVM"], ["Python"])]
    >>> coverage(roles, offered_by([{"Python"}]))  # (1 + 0.5) of (2 + 1.5) weighted asks
    (0.42857142857142855, {'ai': 0.5, 'chips': 0.3333333333333333})
    """
    t = _tally(roles)
    per_sector: dict[str, float] = {}
    weighted = weights = 0.0
    for sector, _ in t.role_count.most_common():
        demand = t.demand[sector]
        total = sum(demand.values())
        covered = sum(w for k, w in demand.items() if offered[k] > 0)
        per_sector[sector] = covered / (total or 1.0)
        weighted += per_sector[sector] * total
        weights += total
    return weighted / (weights or 1.0), per_sector


ROLE_TABLES = ("events", "job_roles", "organisations", "role_events")
"""What the demand side (and the names on a report) is read from."""


def cohort_tables(grounds: access.Grounds) -> tuple[str, ...]:
    """What a cohort seen on these grounds is read from: a cache entry lasts until one of these
    tables changes. Staff's cohorts do not depend on registrations, so a registration rush does
    not invalidate them."""
    tables = ["candidate_profiles", "cv_documents"]
    if grounds.events or grounds.consented_to is not None:
        tables.append("attendees")
    if grounds.consented_to is not None:
        tables.append("booths")
    return tuple(tables)


Demand = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
"""An event's open roles as (sector, required skill names, nice-to-have skill names)."""


def _university(db: Session, university_id: int) -> Organisation:
    university = get_or_404(db, Organisation, university_id, "university")
    if university.kind != OrgKind.UNIVERSITY:
        raise InputError(
            f"Organisation {university_id} is not a university.", field="university_id"
        )
    return university


def _cohort(
    db: Session,
    p: Principal,
    university_id: int,
    programme: str | None,
    graduation_year: int | None,
) -> tuple[frozenset[str], ...]:
    """Each student's skills, declared or stated in the CV: the university's students whom ``p``
    may see, optionally of one programme or graduation year."""

    def compute() -> tuple[frozenset[str], ...]:
        query = (
            select(
                CandidateProfile.skills,
                CvDocument.id,
                CvDocument.sha256,
                CvDocument.uploaded_at,
            )
            .outerjoin(CvDocument, CvDocument.profile_id == CandidateProfile.id)
            .where(
                CandidateProfile.university_id == university_id,
                scopes.candidates(p, CandidateProfile.user_id),
            )
            .order_by(CandidateProfile.id)
        )
        if programme:
            query = query.where(CandidateProfile.programme == programme)
        if graduation_year is not None:
            query = query.where(CandidateProfile.graduation_year == graduation_year)
        rows = db.execute(query).all()
        cvs = skill_sets.cv_skill_names(
            db,
            [skill_sets.cv_key(cv, sha, at) for _, cv, sha, at in rows if cv is not None],
        )
        return tuple(
            frozenset(skill_sets.declared_skill_names(skills)) | cvs.get(cv, frozenset())
            for skills, cv, _, _ in rows
        )

    grounds = access.candidate_grounds(p)
    key = (university_id, programme, graduation_year, grounds)
    return analytics_cache.cached(db, "skills_gap.cohort", key, cohort_tables(grounds), compute)


def _demand(db: Session) -> dict[int, Demand]:
    """The open roles of every event, by event (one query; the report and the trend share it)."""

    def compute() -> dict[int, Demand]:
        rows = db.execute(
            select(
                role_events.c.event_id,
                Organisation.sector,
                JobRole.required_skills,
                JobRole.nice_skills,
            )
            .join(JobRole, JobRole.id == role_events.c.job_role_id)
            .join(Organisation, Organisation.id == JobRole.organisation_id)
            .where(JobRole.status == RoleStatus.OPEN)
            .order_by(role_events.c.event_id, JobRole.id)
        )
        out: dict[int, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
        for event_id, sector, required, nice in rows:
            out.setdefault(event_id, []).append(
                (
                    sector or "other",
                    skill_sets.declared_skill_names(required),
                    skill_sets.declared_skill_names(nice),
                )
            )
        return {e: tuple(roles) for e, roles in out.items()}

    return analytics_cache.cached(db, "skills_gap.demand", (), ROLE_TABLES, compute)


def _principal(db: Session, actor: User) -> Principal:
    return principal_for(db, actor)


def _report(
    db: Session,
    p: Principal,
    university: Organisation,
    event: Event,
    programme: str | None,
    graduation_year: int | None,
) -> GapReport:
    def compute() -> GapReport:
        students = _cohort(db, p, university.id, programme, graduation_year)
        demand = _demand(db).get(event.id, ())
        return GapReport(
            university=university.name,
            event=event.name,
            cohort=len(students),
            sectors=compute_gap(demand, students),
        )

    grounds = access.candidate_grounds(p)
    key = (university.id, event.id, programme, graduation_year, grounds)
    tables = ROLE_TABLES + cohort_tables(grounds)
    return analytics_cache.cached(db, "skills_gap.report", key, tables, compute)


def gap_report(
    db: Session,
    actor: User,
    university_id: int,
    event_id: int,
    *,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> GapReport:
    """The report for one university at one event (staff of that university, organisers, admins)."""
    university = _university(db, university_id)
    event = get_or_404(db, Event, event_id, "event")
    p = _principal(db, actor)
    if not access.can_view_skills_gap(p, university.id, event.id):
        raise PermissionDenied("Only the university's staff and the event's organisers see this.")
    return _report(db, p, university, event, programme, graduation_year)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    event: str
    starts_at: datetime
    roles: int
    coverage: float  # demand-weighted over all sectors
    sectors: dict[str, float]  # sector -> coverage


def _require_staff(p: Principal, university: Organisation) -> None:
    if not access.can_view_skills_trend(p, university.id):
        raise PermissionDenied("Only the university's staff see its trend across events.")


def gap_trend(
    db: Session,
    actor: User,
    university_id: int,
    *,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> list[TrendPoint]:
    """How well the cohort covers what employers ask for, event after event (oldest first).

    Staff of the university and admins: it spans events run by different organisers.
    """
    university = _university(db, university_id)
    p = _principal(db, actor)
    _require_staff(p, university)
    return _trend(db, p, university.id, programme, graduation_year)


def gap_with_trend(
    db: Session,
    actor: User,
    university_id: int,
    event_id: int | None,
    *,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> tuple[GapReport | None, list[TrendPoint]]:
    """The staff page's data: one event's report (if any) and the trend (one cohort for both)."""
    university = _university(db, university_id)
    p = _principal(db, actor)
    _require_staff(p, university)
    report = None
    if event_id is not None:
        event = get_or_404(db, Event, event_id, "event")
        report = _report(db, p, university, event, programme, graduation_year)
    return report, _trend(db, p, university.id, programme, graduation_year)


def _trend(
    db: Session,
    p: Principal,
    university_id: int,
    programme: str | None,
    graduation_year: int | None,
) -> list[TrendPoint]:
    def compute() -> list[TrendPoint]:
        students = list(_cohort(db, p, university_id, programme, graduation_year))
        events = list(
            db.execute(
                select(Event.id, Event.name, Event.starts_at)
                .where(Event.status != "draft")
                .order_by(Event.starts_at, Event.id)
            )
        )
        demand = _demand(db)
        offered = offered_by(students)
        points = []
        for event in events:
            if not demand.get(event.id):
                continue
            overall, sectors = coverage(demand[event.id], offered)
            points.append(
                TrendPoint(
                    event=event.name,
                    starts_at=event.starts_at,
                    roles=len(demand[event.id]),
                    coverage=overall,
                    sectors=sectors,
                )
            )
        return points

    grounds = access.candidate_grounds(p)
    key = (university_id, programme, graduation_year, grounds)
    tables = ROLE_TABLES + cohort_tables(grounds)
    return list(analytics_cache.cached(db, "skills_gap.trend", key, tables, compute))


def to_csv(report: GapReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["sector", "skill", "demand", "role_share", "students", "student_share", "gap"])
    for sector in report.sectors:
        for s in sector.skills:
            writer.writerow(
                [
                    spreadsheet_safe(sector.sector),
                    spreadsheet_safe(s.skill),
                    f"{s.demand:g}",
                    f"{s.role_share:.3f}",
                    s.students,
                    f"{s.student_share:.3f}",
                    f"{s.gap:.3f}",
                ]
            )
    return out.getvalue()


def _plot_key(report: GapReport, per_sector: int) -> tuple[object, ...]:
    """Everything the plot shows: equal keys draw equal pictures."""
    return (
        report.university,
        report.event,
        report.cohort,
        per_sector,
        tuple(
            (s.sector, s.roles, s.coverage, tuple(s.skills[:per_sector])) for s in report.sectors
        ),
    )


_PLOTS: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
_PLOTS_LOCK = threading.Lock()
MAX_PLOTS = 64


def plot_png(report: GapReport, *, per_sector: int = 8) -> bytes:
    """Bars per sector: share of roles asking for a skill vs share of students having it.

    Drawing takes a few hundred milliseconds, so the picture is kept per process by what it
    shows (:func:`_plot_key`): drawn again only when that changes, never stale.
    """
    key = _plot_key(report, per_sector)
    with _PLOTS_LOCK:
        if key in _PLOTS:
            _PLOTS.move_to_end(key)
            return _PLOTS[key]
    png = _draw(report, per_sector)
    with _PLOTS_LOCK:
        _PLOTS[key] = png
        while len(_PLOTS) > MAX_PLOTS:
            _PLOTS.popitem(last=False)
    return png


def _draw(report: GapReport, per_sector: int) -> bytes:
    """Drawn with matplotlib's object API (``Figure``, no pyplot): no global state, so two
    requests drawing at once in a threaded server cannot mix their pictures."""
    from matplotlib.figure import Figure

    sectors = [s for s in report.sectors if s.skills] or []
    rows = max(1, len(sectors))
    fig = Figure(figsize=(8, 2.6 * rows))
    axes = fig.subplots(rows, 1, squeeze=False)
    for ax, sector in zip(axes[:, 0], sectors, strict=False):
        skills = sector.skills[:per_sector][::-1]
        ys = range(len(skills))
        ax.barh(
            [y + 0.2 for y in ys],
            [s.role_share for s in skills],
            0.4,
            label="roles asking",
            color="#0b5cad",
        )
        ax.barh(
            [y - 0.2 for y in ys],
            [s.student_share for s in skills],
            0.4,
            label="students offering",
            color="#f2a900",
        )
        ax.set_yticks(list(ys), [s.skill for s in skills])
        ax.set_xlim(0, 1)
        ax.set_title(
            f"{sector.sector.replace('_', ' ')}: {sector.roles} roles, "
            f"coverage {sector.coverage:.0%}"
        )
        ax.legend(loc="lower right", fontsize="small")
    if not sectors:
        axes[0, 0].text(0.5, 0.5, "No open roles at this event yet", ha="center", va="center")
        axes[0, 0].set_axis_off()
    fig.suptitle(f"Skills gap: {report.university} (cohort {report.cohort}) at {report.event}")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


__all__ = [
    "GapReport",
    "SectorGap",
    "SkillGap",
    "TrendPoint",
    "compute_gap",
    "gap_report",
    "gap_trend",
    "gap_with_trend",
    "plot_png",
    "to_csv",
]
