"""The organiser's live dashboard: figures for one event, and server-side plots of them.

Numbers are computed in the database (counts grouped in SQL) and binned here in the event's time
zone, so "check-ins per hour" means the hours on the venue's clocks. Plots are drawn with
matplotlib's object API (``Figure``, no pyplot): no global state, safe in a threaded server.

Each figure counts only the rows the viewer may see (:mod:`talentfoundry.services.scopes`; for the
event's organisers that is every row of the event). Check-ins, bookings and seats change by the
second on the day and are cheap counts, so they are read on every request; the registrations per
day (thousands of rows binned here) and the skills the roles ask for (read through the taxonomy)
are kept until their tables change (:mod:`talentfoundry.services.analytics_cache`), and a plot is
drawn once per distinct content (:func:`plot_svg`).
"""

from __future__ import annotations

import io
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.access import Principal
from talentfoundry.domain.enums import CheckInChannel, RegistrationStatus, RoleStatus
from talentfoundry.domain.errors import NotFound
from talentfoundry.domain.timeutil import in_zone
from talentfoundry.services import analytics_cache, scopes, skill_sets
from talentfoundry.services.common import get_or_404, principal_for
from talentfoundry.services.events import require_manager
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import (
    Attendee,
    Booking,
    CheckIn,
    Event,
    EventSession,
    InterviewSlot,
    JobRole,
    Organisation,
    SessionRegistration,
    User,
    role_events,
)

__all__ = [
    "FIGURES",
    "Dashboard",
    "SessionFill",
    "dashboard",
    "plot_svg",
    "top_skills_demanded",
]


@dataclass(frozen=True, slots=True)
class SessionFill:
    title: str
    capacity: int | None
    confirmed: int
    waitlisted: int

    @property
    def percent(self) -> int | None:
        """Seats taken as a whole percentage; None for unlimited sessions."""
        if not self.capacity:
            return None
        return round(100 * self.confirmed / self.capacity)


@dataclass(slots=True)
class Dashboard:
    event: Event
    registrations: int = 0
    consented: int = 0
    checked_in_onsite: int = 0
    checked_in_online: int = 0
    slots: int = 0
    bookings: int = 0
    no_shows: int = 0  # meetings a company marked as missed
    repeat_no_shows: int = 0  # people who missed two meetings or more at this event
    leads_per_company: list[tuple[str, int]] = field(default_factory=list)  # most first
    registrations_per_day: list[tuple[str, int]] = field(default_factory=list)
    checkins_per_hour: list[tuple[str, int, int]] = field(default_factory=list)  # hour, on, online
    sessions: list[SessionFill] = field(default_factory=list)
    top_skills: list[tuple[str, int]] = field(default_factory=list)  # skill, roles requiring it


def _binned(times: list[datetime], zone: str, fmt: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in sorted(times):
        key = in_zone(t, zone).strftime(fmt)
        out[key] = out.get(key, 0) + 1
    return out


def dashboard(db: Session, actor: User, event_id: int) -> Dashboard:
    """Every figure of the dashboard. Only the event's organisers (and admins) may see it."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    p = principal_for(db, actor)
    d = Dashboard(event=event)
    d.registrations, d.consented, d.registrations_per_day = _registrations(db, p, event)
    rows = db.execute(
        select(CheckIn.channel, CheckIn.at).where(CheckIn.event_id == event.id, scopes.check_ins(p))
    ).all()
    onsite = [at for channel, at in rows if channel == CheckInChannel.ONSITE]
    online = [at for channel, at in rows if channel == CheckInChannel.ONLINE]
    d.checked_in_onsite, d.checked_in_online = len(onsite), len(online)
    per_on = _binned(onsite, event.timezone, "%m-%d %H:00")
    per_off = _binned(online, event.timezone, "%m-%d %H:00")
    d.checkins_per_hour = [
        (hour, per_on.get(hour, 0), per_off.get(hour, 0)) for hour in sorted({*per_on, *per_off})
    ]
    d.slots = (
        db.scalar(
            select(func.count())
            .select_from(InterviewSlot)
            .where(InterviewSlot.event_id == event.id)
        )
        or 0
    )
    d.bookings = (
        db.scalar(
            select(func.count())
            .select_from(Booking)
            .join(InterviewSlot)
            .where(InterviewSlot.event_id == event.id, scopes.bookings(p))
        )
        or 0
    )
    d.no_shows, d.repeat_no_shows = _no_shows(db, p, event)
    d.leads_per_company = [
        (str(name), int(n))
        for name, n in db.execute(
            select(Organisation.name, func.count(Lead.id))
            .join(Lead, Lead.organisation_id == Organisation.id)
            .where(Lead.event_id == event.id, Lead.withdrawn_at.is_(None), scopes.leads(p))
            .group_by(Organisation.name)
            .order_by(func.count(Lead.id).desc(), Organisation.name)
        )
    ]
    counts = db.execute(
        select(SessionRegistration.session_id, SessionRegistration.status, func.count())
        .join(EventSession)
        .where(EventSession.event_id == event.id, scopes.session_registrations(p))
        .group_by(SessionRegistration.session_id, SessionRegistration.status)
    ).all()
    by_session: dict[tuple[int, str], int] = {(sid, str(st)): int(n) for sid, st, n in counts}
    for s in db.scalars(
        select(EventSession)
        .where(EventSession.event_id == event.id)
        .order_by(EventSession.starts_at, EventSession.id)
    ):
        d.sessions.append(
            SessionFill(
                title=s.title,
                capacity=s.capacity,
                confirmed=by_session.get((s.id, RegistrationStatus.CONFIRMED.value), 0),
                waitlisted=by_session.get((s.id, RegistrationStatus.WAITLISTED.value), 0),
            )
        )
    d.top_skills = top_skills_demanded(db, event)
    return d


def _no_shows(db: Session, p: Principal, event: Event) -> tuple[int, int]:
    """Meetings marked as missed at the event, and how many people missed two or more (counted
    for the organisers; no penalty follows from it)."""
    per_person = (
        select(Booking.candidate_id, func.count().label("missed"))
        .join(InterviewSlot)
        .where(
            InterviewSlot.event_id == event.id,
            Booking.no_show_at.is_not(None),
            scopes.bookings(p),
        )
        .group_by(Booking.candidate_id)
        .subquery()
    )
    missed, repeated = db.execute(
        select(
            func.coalesce(func.sum(per_person.c.missed), 0),
            func.count().filter(per_person.c.missed >= 2),
        )
    ).one()
    return int(missed), int(repeated)


REGISTRATION_TABLES = ("attendees", "events")
"""What :func:`_registrations` reads (the event's time zone bins the days)."""


def _registrations(
    db: Session, p: Principal, event: Event
) -> tuple[int, int, list[tuple[str, int]]]:
    """Registrations, how many share their CV, and registrations per day in the event's zone:
    thousands of rows binned in Python, so kept until a registration changes."""

    def compute() -> tuple[int, int, list[tuple[str, int]]]:
        rows = db.execute(
            select(Attendee.registered_at, Attendee.consent_share_cv).where(
                Attendee.event_id == event.id, scopes.attendees(p)
            )
        ).all()
        per_day = _binned([at for at, _ in rows], event.timezone, "%Y-%m-%d")
        return len(rows), sum(1 for _, shares in rows if shares), list(per_day.items())

    key = (event.id, access.attendance_grounds(p))
    registrations, consented, per_day = analytics_cache.cached(
        db, "dashboard.registrations", key, REGISTRATION_TABLES, compute
    )
    return registrations, consented, list(per_day)


SKILL_TABLES = ("job_roles", "role_events")
"""What :func:`top_skills_demanded` reads: its cached answer lasts until one of these changes."""


def top_skills_demanded(db: Session, event: Event, k: int = 15) -> list[tuple[str, int]]:
    """The skills the event's open roles require most, named by the taxonomy ("k8s" and
    "Kubernetes" count as one)."""

    def compute() -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for required in db.scalars(
            select(JobRole.required_skills)
            .join(role_events, role_events.c.job_role_id == JobRole.id)
            .where(role_events.c.event_id == event.id, JobRole.status == RoleStatus.OPEN)
        ):
            counts.update(set(skill_sets.declared_skill_names(required)))
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]

    key = (event.id, k)
    return list(analytics_cache.cached(db, "dashboard.top_skills", key, SKILL_TABLES, compute))


FIGURES = ("registrations", "checkins", "sessions", "skills")
"""The plots a dashboard has; each is served as its own SVG."""


def _content(d: Dashboard, figure: str) -> tuple[object, ...]:
    """Everything a figure shows: two dashboards with the same content draw the same SVG."""
    if figure == "registrations":
        return (d.event.timezone, tuple(d.registrations_per_day))
    if figure == "checkins":
        return (d.event.timezone, tuple(d.checkins_per_hour))
    if figure == "skills":
        return tuple(d.top_skills)
    return tuple((s.title, s.capacity, s.confirmed, s.waitlisted) for s in d.sessions)


_SVGS: OrderedDict[tuple[str, tuple[object, ...]], bytes] = OrderedDict()
_SVGS_LOCK = threading.Lock()
MAX_SVGS = 128


def plot_svg(d: Dashboard, figure: str) -> bytes:
    """One plot of the dashboard as SVG (crisp on screens and in print; text stays selectable).

    Drawing takes 50-300 ms; the SVG is kept per process by its content (:func:`_content`), so it
    is drawn again only when what it shows changes, and never shows stale figures.
    """
    if figure not in FIGURES:
        raise NotFound(f"No figure {figure!r}; there are: {', '.join(FIGURES)}.")
    key = (figure, _content(d, figure))
    with _SVGS_LOCK:
        if key in _SVGS:
            _SVGS.move_to_end(key)
            return _SVGS[key]
    svg = _draw(d, figure)
    with _SVGS_LOCK:
        _SVGS[key] = svg
        while len(_SVGS) > MAX_SVGS:
            _SVGS.popitem(last=False)
    return svg


def _draw(d: Dashboard, figure: str) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(6.4, 3.2), layout="constrained")
    ax = fig.add_subplot()
    blue, orange = "#0b5cad", "#c2410c"  # AA contrast on white, distinguishable in greyscale
    if figure == "registrations":
        labels = [day for day, _ in d.registrations_per_day]
        ax.bar(labels, [n for _, n in d.registrations_per_day], color=blue)
        ax.set_title(f"Registrations per day ({d.event.timezone})")
        ax.set_ylabel("people")
    elif figure == "checkins":
        labels = [hour for hour, _, _ in d.checkins_per_hour]
        xs = range(len(labels))
        ax.bar(xs, [n for _, n, _ in d.checkins_per_hour], color=blue, label="on-site")
        ax.bar(
            xs,
            [n for _, _, n in d.checkins_per_hour],
            bottom=[n for _, n, _ in d.checkins_per_hour],
            color=orange,
            label="online",
            hatch="//",
        )
        ax.set_xticks(list(xs), labels, rotation=45, ha="right")
        ax.set_title(f"Check-ins per hour ({d.event.timezone})")
        ax.set_ylabel("people")
        if labels:
            ax.legend()
    elif figure == "skills":
        names = [name for name, _ in d.top_skills][::-1]
        ax.barh(names, [n for _, n in d.top_skills][::-1], color=blue)
        ax.set_title("Top skills required by the roles")
        ax.set_xlabel("roles")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        titles = [s.title[:28] for s in d.sessions]
        ax.barh(titles, [s.confirmed for s in d.sessions], color=blue, label="confirmed")
        ax.barh(
            titles,
            [s.waitlisted for s in d.sessions],
            left=[s.confirmed for s in d.sessions],
            color=orange,
            hatch="//",
            label="waitlisted",
        )
        caps = [(i, s.capacity) for i, s in enumerate(d.sessions) if s.capacity]
        if caps:
            ax.scatter(
                [c for _, c in caps],
                [i for i, _ in caps],
                marker="|",
                s=300,
                color="black",
                label="capacity",
            )
        ax.invert_yaxis()
        ax.set_title("Session fill")
        ax.set_xlabel("seats")
        if titles:
            ax.legend(loc="lower right")
    axis = ax.xaxis if figure == "sessions" else ax.yaxis
    axis.set_major_locator(MaxNLocator(integer=True))  # people and seats come in whole numbers
    if not ax.has_data():
        ax.text(0.5, 0.5, "nothing yet", ha="center", va="center", transform=ax.transAxes)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
