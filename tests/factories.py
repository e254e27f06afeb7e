"""Plain builder functions for test worlds: one row (or one small fact) per call, written with the
ORM in the caller's session, defaults for everything a test does not care about.

Builders write rows directly instead of going through the services, so a world can hold any state
a test needs (a published round, a check-in last week) without replaying the rules that lead to
it; tests of those rules call the services themselves. ``scoped_world`` builds the two-of-each
world the access-scope tests need and that other tests may reuse.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from talentfoundry.domain.enums import UserRole
from talentfoundry.services import accounts
from talentfoundry.services.passwords import hash_password
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import (
    Application,
    Attendee,
    AuditLog,
    Booking,
    Booth,
    CandidateProfile,
    CheckIn,
    CvDocument,
    Event,
    EventSession,
    InterviewSlot,
    JobRole,
    Organisation,
    PlacementOutcome,
    PlacementProgramme,
    PlacementRound,
    SessionRegistration,
    User,
)

PASSWORD = "Correct-horse-9"
START = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)
_serial = itertools.count(1)


def _next() -> int:
    return next(_serial)


def organisation(db: Session, name: str, kind: str = "company", sector: str | None = None) -> Any:
    slug = f"{name.lower().replace(' ', '-')}-{_next()}"
    org = Organisation(slug=slug, kind=kind, name=name, sector=sector)
    db.add(org)
    db.flush()
    return org


def user(
    db: Session,
    name: str,
    role: UserRole = UserRole.CANDIDATE,
    org: Organisation | None = None,
    *,
    university: Organisation | None = None,
    skills: Sequence[str] = (),
    programme: str = "",
    cv_text: str | None = None,
) -> User:
    """A person; a candidate gets a profile (``university``, ``skills``, a CV when ``cv_text``)."""
    person = User(
        email=f"{name.lower().replace(' ', '.')}.{_next()}@example.org",
        password_hash=hash_password(PASSWORD),
        full_name=name,
        role=role,
        organisation_id=org.id if org else None,
        timezone="UTC",
    )
    if role == UserRole.CANDIDATE:
        person.profile = CandidateProfile(
            university_id=university.id if university else None,
            skills=list(skills),
            programme=programme,
        )
        if cv_text is not None:
            data = cv_text.encode()
            person.profile.cv = CvDocument(
                filename="cv.txt",
                media_type="text/plain",
                size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                content=data,
                text=cv_text,
            )
    db.add(person)
    db.flush()
    return person


def event(
    db: Session, name: str, organisers: Iterable[User] = (), *, status: str = "open"
) -> Event:
    item = Event(
        slug=f"{name.lower().replace(' ', '-')}-{_next()}",
        kind="career_day",
        name=name,
        timezone="UTC",
        starts_at=START,
        ends_at=START + timedelta(hours=8),
        status=status,
        onsite=True,
        online=True,
    )
    item.organisers.extend(organisers)
    db.add(item)
    db.flush()
    return item


def booth(db: Session, at: Event, company: Organisation) -> Booth:
    row = Booth(event_id=at.id, organisation_id=company.id, location_code=f"B-{_next()}")
    db.add(row)
    db.flush()
    return row


def registration(db: Session, person: User, at: Event, *, consent: bool) -> Attendee:
    row = Attendee(
        event_id=at.id, user_id=person.id, badge_code=f"TF-T{_next():07d}", consent_share_cv=consent
    )
    db.add(row)
    db.flush()
    return row


def role(
    db: Session,
    company: Organisation,
    events: Iterable[Event],
    title: str = "Engineer",
    *,
    required: Sequence[str] = (),
    nice: Sequence[str] = (),
    status: str = "open",
) -> JobRole:
    row = JobRole(
        organisation_id=company.id,
        title=title,
        required_skills=list(required),
        nice_skills=list(nice),
        seniority="junior",
        work_mode="hybrid",
        status=status,
    )
    row.events.extend(events)
    db.add(row)
    db.flush()
    return row


def application(db: Session, person: User, to: JobRole) -> Application:
    row = Application(job_role_id=to.id, candidate_id=person.id)
    db.add(row)
    db.flush()
    return row


def booking(
    db: Session, person: User, at: Event, company: Organisation, minute: int = 0
) -> Booking:
    slot = InterviewSlot(
        event_id=at.id,
        organisation_id=company.id,
        starts_at=START + timedelta(minutes=minute),
        ends_at=START + timedelta(minutes=minute + 20),
        mode="onsite",
    )
    db.add(slot)
    db.flush()
    row = Booking(slot_id=slot.id, candidate_id=person.id)
    db.add(row)
    db.flush()
    return row


def lead(
    db: Session, person: User, at: Event, company: Organisation, *, withdrawn: bool = False
) -> Lead:
    row = Lead(
        event_id=at.id,
        organisation_id=company.id,
        candidate_id=person.id,
        first_scanned_at=START,
        last_scanned_at=START,
        note="met at the booth",
        withdrawn_at=START if withdrawn else None,
    )
    db.add(row)
    db.flush()
    return row


def check_in(db: Session, person: User, at: Event, channel: str = "onsite") -> CheckIn:
    row = CheckIn(event_id=at.id, user_id=person.id, channel=channel, at=START)
    db.add(row)
    db.flush()
    return row


def workshop(db: Session, at: Event, title: str = "Workshop", capacity: int = 10) -> EventSession:
    row = EventSession(
        event_id=at.id,
        kind="workshop",
        title=title,
        starts_at=START + timedelta(hours=3),
        ends_at=START + timedelta(hours=4),
        mode="onsite",
        capacity=capacity,
    )
    db.add(row)
    db.flush()
    return row


def seat(
    db: Session, person: User, session: EventSession, status: str = "confirmed"
) -> SessionRegistration:
    row = SessionRegistration(session_id=session.id, user_id=person.id, status=status)
    db.add(row)
    db.flush()
    return row


def placement_round(db: Session, at: Event, *, status: str) -> PlacementRound:
    row = PlacementRound(
        event_id=at.id, name=f"Round {_next()}", status=status, deadline=START - timedelta(days=7)
    )
    db.add(row)
    db.flush()
    return row


def programme(
    db: Session, in_round: PlacementRound, org: Organisation, kind: str = "internship"
) -> PlacementProgramme:
    row = PlacementProgramme(
        round_id=in_round.id,
        organisation_id=org.id,
        title=f"{org.name} {kind}",
        kind=kind,
        capacity=2,
    )
    db.add(row)
    db.flush()
    return row


def outcome(
    db: Session, student: User, in_round: PlacementRound, placed: PlacementProgramme | None
) -> PlacementOutcome:
    row = PlacementOutcome(
        round_id=in_round.id,
        student_id=student.id,
        programme_id=placed.id if placed else None,
        reasons=[] if placed else ["No programme had a place."],
    )
    db.add(row)
    db.flush()
    return row


def audit_entry(
    db: Session, actor: User | None, subject: User, action: str = "cv.view"
) -> AuditLog:
    row = AuditLog(actor_id=actor.id if actor else None, action=action, subject_user_id=subject.id)
    db.add(row)
    db.flush()
    return row


def bearer(db: Session, person: User) -> dict[str, str]:
    """API headers for ``person`` (a token issued by the accounts service, no sign-in needed)."""
    return {"Authorization": f"Bearer {accounts.issue_token(db, person)}"}


@dataclass
class ScopedWorld:
    """Two events, two companies, two universities, and people on every side of each boundary.

    - ``e1`` (run by ``organiser_e1``): booths of ``acme``; ``e2`` (``organiser_e2``): ``beta``.
    - ``ann`` (North Uni) at e1, sharing her CV; ``bob`` (North Uni) at e1, not sharing;
      ``cat`` (South Uni) at e2, sharing; ``dan`` (South Uni) at e1 sharing and at e2 not;
      ``eve`` (no university) registered nowhere.
    - roles: ``role_acme`` at e1 (applicants ann, bob), ``role_beta`` at e2 (cat, dan).
    - placement: ``round_e1`` published (ann at Acme, bob at North Uni's project, dan unplaced),
      ``round_e2`` run, not published (cat at Beta).
    - bookings, check-ins and workshop seats: ann at e1 with Acme, cat at e2 with Beta.
    - leads: Acme scanned ann and bob at e1, and dan, who withdrew; Beta scanned cat at e2.
    - audit: Acme's recruiter read ann's CV; organiser_e1 read bob's profile.
    Each candidate states one skill nobody else has (ann Rust, bob Haskell, cat Scala, dan Elixir),
    and both roles ask for all four, so a skills-gap report shows which students it counted.
    """

    people: dict[str, User] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)


SKILL_OF = {"ann": "Rust", "bob": "Haskell", "cat": "Scala", "dan": "Elixir"}


def scoped_world(db: Session) -> ScopedWorld:
    w = ScopedWorld()
    p, ids = w.people, w.ids
    acme = organisation(db, "Acme", sector="ai")
    beta = organisation(db, "Beta", sector="microelectronics")
    north = organisation(db, "North Uni", kind="university")
    south = organisation(db, "South Uni", kind="university")
    p["admin"] = user(db, "Admin", UserRole.ADMIN)
    p["organiser_e1"] = user(db, "Olga", UserRole.ORGANISER)
    p["organiser_e2"] = user(db, "Oscar", UserRole.ORGANISER)
    p["recruiter_acme"] = user(db, "Rita", UserRole.RECRUITER, acme)
    p["recruiter_beta"] = user(db, "Rolf", UserRole.RECRUITER, beta)
    p["staff_north"] = user(db, "Sara", UserRole.UNIVERSITY_STAFF, north)
    p["staff_south"] = user(db, "Sven", UserRole.UNIVERSITY_STAFF, south)
    for name, uni in (("ann", north), ("bob", north), ("cat", south), ("dan", south)):
        p[name] = user(
            db, name.title(), university=uni, cv_text=f"{name.title()}\nSkills: {SKILL_OF[name]}"
        )
    p["eve"] = user(db, "Eve", skills=["Go"])
    e1 = event(db, "Event One", [p["organiser_e1"]])
    e2 = event(db, "Event Two", [p["organiser_e2"]])
    booth(db, e1, acme)
    booth(db, e2, beta)
    registrations = {
        "ann@e1": registration(db, p["ann"], e1, consent=True),
        "bob@e1": registration(db, p["bob"], e1, consent=False),
        "cat@e2": registration(db, p["cat"], e2, consent=True),
        "dan@e1": registration(db, p["dan"], e1, consent=True),
        "dan@e2": registration(db, p["dan"], e2, consent=False),
    }
    asks = list(SKILL_OF.values())
    role_acme = role(db, acme, [e1], "ML Engineer", required=asks)
    role_beta = role(db, beta, [e2], "Chip Designer", required=asks)
    apps = {
        "ann": application(db, p["ann"], role_acme),
        "bob": application(db, p["bob"], role_acme),
        "cat": application(db, p["cat"], role_beta),
        "dan": application(db, p["dan"], role_beta),
    }
    round_e1 = placement_round(db, e1, status="published")
    round_e2 = placement_round(db, e2, status="run")
    acme_internship = programme(db, round_e1, acme)
    north_project = programme(db, round_e1, north, "research_project")
    beta_internship = programme(db, round_e2, beta)
    outcomes = {
        "ann": outcome(db, p["ann"], round_e1, acme_internship),
        "bob": outcome(db, p["bob"], round_e1, north_project),
        "dan": outcome(db, p["dan"], round_e1, None),
        "cat": outcome(db, p["cat"], round_e2, beta_internship),
    }
    bookings = {
        "ann": booking(db, p["ann"], e1, acme),
        "cat": booking(db, p["cat"], e2, beta),
    }
    check_ins = {"ann": check_in(db, p["ann"], e1), "cat": check_in(db, p["cat"], e2)}
    leads = {
        "ann": lead(db, p["ann"], e1, acme),
        "bob": lead(db, p["bob"], e1, acme),
        "dan": lead(db, p["dan"], e1, acme, withdrawn=True),
        "cat": lead(db, p["cat"], e2, beta),
    }
    seats = {
        "ann": seat(db, p["ann"], workshop(db, e1)),
        "cat": seat(db, p["cat"], workshop(db, e2)),
    }
    audits = {
        "ann": audit_entry(db, p["recruiter_acme"], p["ann"]),
        "bob": audit_entry(db, p["organiser_e1"], p["bob"], "profile.view"),
    }
    ids.update(
        acme=acme.id,
        beta=beta.id,
        north=north.id,
        south=south.id,
        e1=e1.id,
        e2=e2.id,
        role_acme=role_acme.id,
        role_beta=role_beta.id,
        round_e1=round_e1.id,
        round_e2=round_e2.id,
        registrations={k: v.id for k, v in registrations.items()},
        applications={k: v.id for k, v in apps.items()},
        outcomes={k: v.id for k, v in outcomes.items()},
        bookings={k: v.id for k, v in bookings.items()},
        check_ins={k: v.id for k, v in check_ins.items()},
        leads={k: v.id for k, v in leads.items()},
        seats={k: v.id for k, v in seats.items()},
        audits={k: v.id for k, v in audits.items()},
    )
    return w
