"""Skills-gap analytics for universities: what employers ask for vs what the students offer.

Demand: the open roles of an event, by sector, each required skill counting 1 and each
nice-to-have 0.5. Supply: the university's candidates (optionally one programme or graduation
year), a skill counting as offered when the profile declares it or the CV states it. Both sides go
through the matching engine's taxonomy (:mod:`talentfoundry.matching.skills`), so "k8s" in a CV
meets "Kubernetes" in a job ad.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import OrgKind
from talentfoundry.domain.errors import InputError, PermissionDenied
from talentfoundry.matching.skills import extract_skills, skills_from_list
from talentfoundry.services.common import get_or_404, principal_for, spreadsheet_safe
from talentfoundry.store.models import (
    CandidateProfile,
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


def _key(name: str) -> str:
    return name.casefold()


def compute_gap(
    roles: list[tuple[str, list[str], list[str]]],
    students: list[set[str]],
    *,
    top: int = 15,
) -> list[SectorGap]:
    """Pure core: ``roles`` as (sector, required skill names, nice skill names), ``students``
    as sets of canonical skill names. Returns sectors by number of roles, skills by demand.

    >>> gap = compute_gap([("ai", ["Python", "PyTorch"], [])], [{"Python"}, set()])
    >>> [(s.skill, s.student_share) for s in gap[0].skills]
    [('Python', 0.5), ('PyTorch', 0.0)]
    """
    demand: dict[str, Counter[str]] = defaultdict(Counter)
    asked_by: dict[str, Counter[str]] = defaultdict(Counter)
    role_count: Counter[str] = Counter()
    display: dict[str, str] = {}
    for sector, required, nice in roles:
        role_count[sector] += 1
        for weight, names in ((REQUIRED_WEIGHT, required), (NICE_WEIGHT, nice)):
            for name in names:
                display.setdefault(_key(name), name)
                demand[sector][_key(name)] += weight
                asked_by[sector][_key(name)] += 1
    offered: Counter[str] = Counter(_key(s) for person in students for s in person)
    cohort = len(students)
    sectors = []
    for sector, count in role_count.most_common():
        ranked = sorted(demand[sector].items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(demand[sector].values()) or 1.0
        covered = sum(w for k, w in demand[sector].items() if offered[k] > 0)
        skills = [
            SkillGap(
                skill=display[k],
                demand=w,
                role_share=asked_by[sector][k] / count,
                students=offered[k],
                student_share=offered[k] / cohort if cohort else 0.0,
            )
            for k, w in ranked[:top]
        ]
        sectors.append(
            SectorGap(sector=sector, roles=count, skills=skills, coverage=covered / total)
        )
    return sectors


def _student_skills(profile: CandidateProfile) -> set[str]:
    names = {m.name for m in skills_from_list(list(profile.skills or []))}
    if profile.cv is not None:
        names |= {m.name for m in extract_skills(profile.cv.text)}
    return names


def _university(db: Session, university_id: int) -> Organisation:
    university = get_or_404(db, Organisation, university_id, "university")
    if university.kind != OrgKind.UNIVERSITY:
        raise InputError(
            f"Organisation {university_id} is not a university.", field="university_id"
        )
    return university


def _cohort(
    db: Session, university: Organisation, programme: str | None, graduation_year: int | None
) -> list[set[str]]:
    """Each student's skills: declared, and stated in the CV."""
    query = (
        select(CandidateProfile)
        .where(CandidateProfile.university_id == university.id)
        .options(selectinload(CandidateProfile.cv))
    )
    if programme:
        query = query.where(CandidateProfile.programme == programme)
    if graduation_year is not None:
        query = query.where(CandidateProfile.graduation_year == graduation_year)
    return [_student_skills(profile) for profile in db.scalars(query)]


def _demand(db: Session, event: Event) -> list[tuple[str, list[str], list[str]]]:
    """The event's open roles as (sector, required skills, nice-to-have skills)."""
    role_rows = db.scalars(
        select(JobRole)
        .join(role_events, role_events.c.job_role_id == JobRole.id)
        .where(role_events.c.event_id == event.id, JobRole.status == "open")
        .options(selectinload(JobRole.organisation))
    )
    return [
        (
            r.organisation.sector or "other",
            [m.name for m in skills_from_list(list(r.required_skills or []))],
            [m.name for m in skills_from_list(list(r.nice_skills or []))],
        )
        for r in role_rows
    ]


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
    p = principal_for(db, actor)
    staff = p.organisation_id == university.id and actor.role == "university_staff"
    if not (staff or p.is_admin or access.can_manage_event(p, event.id)):
        raise PermissionDenied("Only the university's staff and the event's organisers see this.")
    students = _cohort(db, university, programme, graduation_year)
    return GapReport(
        university=university.name,
        event=event.name,
        cohort=len(students),
        sectors=compute_gap(_demand(db, event), students),
    )


@dataclass(frozen=True, slots=True)
class TrendPoint:
    event: str
    starts_at: datetime
    roles: int
    coverage: float  # demand-weighted over all sectors
    sectors: dict[str, float]  # sector -> coverage


def _require_staff(db: Session, actor: User, university: Organisation) -> None:
    p = principal_for(db, actor)
    if not (
        p.is_admin or (p.organisation_id == university.id and actor.role == "university_staff")
    ):
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
    _require_staff(db, actor, university)
    return _trend(db, _cohort(db, university, programme, graduation_year))


def gap_with_trend(
    db: Session,
    actor: User,
    university_id: int,
    event_id: int | None,
    *,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> tuple[GapReport | None, list[TrendPoint]]:
    """The staff page's data: one event's report (if any) and the trend, reading the cohort's
    CVs once (skill extraction over hundreds of CVs is the expensive part)."""
    university = _university(db, university_id)
    _require_staff(db, actor, university)
    students = _cohort(db, university, programme, graduation_year)
    report = None
    if event_id is not None:
        event = get_or_404(db, Event, event_id, "event")
        report = GapReport(
            university=university.name,
            event=event.name,
            cohort=len(students),
            sectors=compute_gap(_demand(db, event), students),
        )
    return report, _trend(db, students)


def _trend(db: Session, students: list[set[str]]) -> list[TrendPoint]:
    points = []
    for event in db.scalars(
        select(Event).where(Event.status != "draft").order_by(Event.starts_at, Event.id)
    ):
        demand = _demand(db, event)
        if not demand:
            continue
        sectors = compute_gap(demand, students, top=10_000)
        weight = {s.sector: sum(k.demand for k in s.skills) for s in sectors}
        total = sum(weight.values()) or 1.0
        points.append(
            TrendPoint(
                event=event.name,
                starts_at=event.starts_at,
                roles=len(demand),
                coverage=sum(s.coverage * weight[s.sector] for s in sectors) / total,
                sectors={s.sector: s.coverage for s in sectors},
            )
        )
    return points


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


def plot_png(report: GapReport, *, per_sector: int = 8) -> bytes:
    """Bars per sector: share of roles asking for a skill vs share of students having it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sectors = [s for s in report.sectors if s.skills] or []
    rows = max(1, len(sectors))
    fig, axes = plt.subplots(rows, 1, figsize=(8, 2.6 * rows), squeeze=False)
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
    plt.close(fig)
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
