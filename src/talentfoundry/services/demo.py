"""Load a generated demo fair (:mod:`talentfoundry.demo`) into the database.

The demo must build in under a minute on two cores, so this loader takes two shortcuts, both
harmless for demo data and both said here: every demo account shares one password, hashed once
(Argon2 is deliberately slow: 3,000 separate hashes would take minutes); and badge codes come from
the seeded generator so that the demo is the same on every machine.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.demo.records import DemoFair
from talentfoundry.domain.enums import RegistrationStatus, UserRole
from talentfoundry.services.passwords import hash_password
from talentfoundry.store.models import (
    Application,
    Attendee,
    Booking,
    Booth,
    CandidateProfile,
    CvDocument,
    Event,
    EventSession,
    InterviewSlot,
    JobRole,
    MeetingRequest,
    Organisation,
    SessionRegistration,
    User,
)

DEMO_PASSWORD = "demo-Foundry-2027"

Progress = Callable[[str, int], None]
"""Called with a phase name and how many records it wrote."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    event_slug: str
    counts: dict[str, int]
    logins: dict[str, str]  # role -> e-mail


def load_demo_fair(
    db: Session, fair: DemoFair, *, seed: int = 2026, progress: Progress | None = None
) -> DemoSummary:
    rng = random.Random(seed)
    step = progress or (lambda _phase, _n: None)
    password_hash = hash_password(DEMO_PASSWORD)

    orgs = {
        o.key: Organisation(
            slug=o.key,
            kind=o.kind,
            name=o.name,
            sector=o.sector,
            size=o.size,
            website=o.website,
            country=o.country,
            city=o.city,
            description=o.description,
        )
        for o in fair.organisations
    }
    db.add_all(orgs.values())
    events = {
        e.key: Event(
            slug=e.key,
            kind=e.kind,
            name=e.name,
            description=e.description,
            themes=list(e.themes),
            timezone=e.timezone,
            venue=e.venue,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            onsite=e.onsite,
            online=e.online,
            status=e.status,
        )
        for e in fair.events
    }
    db.add_all(events.values())
    db.add_all(
        Booth(
            event=events[b.event_key],
            organisation=orgs[b.org_key],
            location_code=b.location_code,
            online_room_url=b.online_room_url,
        )
        for b in fair.booths
    )
    db.flush()
    step("organisations and events", len(orgs) + len(events))

    users = {
        u.key: User(
            email=u.email,
            password_hash=password_hash,
            full_name=u.full_name,
            role=u.role,
            organisation_id=orgs[u.org_key].id if u.org_key else None,
            timezone=u.timezone,
        )
        for u in fair.users
    }
    db.add_all(users.values())
    for user in users.values():
        if user.role == UserRole.ORGANISER:
            for event in events.values():
                event.organisers.append(user)
    db.flush()
    step("accounts", len(users))

    for c in fair.candidates:
        user = users[c.key]
        data = c.cv_text.encode()
        user.profile = CandidateProfile(
            headline=c.headline,
            institution=c.institution,
            programme=c.programme,
            graduation_year=c.graduation_year,
            experience_years=c.experience_years,
            skills=list(c.skills),
            sectors_wanted=list(c.sectors_wanted),
            locations_wanted=list(c.locations_wanted),
            work_authorisation=c.work_authorisation,
            overseas=c.overseas,
            consent_contact=c.consent_contact,
            university_id=orgs[c.university_key].id if c.university_key else None,
            cv=CvDocument(
                filename="cv.txt",
                media_type="text/plain",
                size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                content=data,
                text=c.cv_text,
            ),
        )
    db.flush()
    step("candidate profiles and CVs", len(fair.candidates))

    main = events[fair.event.key]
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    attendees = [
        Attendee(
            event=main,
            user_id=users[c.key].id,
            consent_share_cv=c.consent_share_cv,
            badge_code="TF-" + "".join(rng.choice(alphabet) for _ in range(8)),
        )
        for c in fair.candidates
    ]
    db.add_all(attendees)

    roles = [
        JobRole(
            organisation=orgs[r.org_key],
            events=[events[k] for k in r.event_keys],
            title=r.title,
            description=r.description,
            required_skills=list(r.required_skills),
            nice_skills=list(r.nice_skills),
            seniority=r.seniority,
            location=r.location,
            work_mode=r.work_mode,
            visa_sponsorship=r.visa_sponsorship,
            openings=r.openings,
            status=r.status,
        )
        for r in fair.roles
    ]
    db.add_all(roles)
    sessions = [
        EventSession(
            event=events[s.event_key],
            kind=s.kind,
            title=s.title,
            description=s.description,
            speaker=s.speaker,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            mode=s.mode,
            location=s.location,
            online_url=s.online_url,
            capacity=s.capacity,
        )
        for s in fair.sessions
    ]
    db.add_all(sessions)
    slots = [
        InterviewSlot(
            event=events[s.event_key],
            organisation=orgs[s.org_key],
            recruiter_id=users[s.recruiter_key].id,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            mode=s.mode,
        )
        for s in fair.slots
    ]
    db.add_all(slots)
    db.flush()
    step("roles, sessions and slots", len(roles) + len(sessions) + len(slots))

    activity = _sample_activity(db, rng, fair, users, roles, sessions, slots, main)
    step("sign-ups, applications and bookings", activity)

    logins = {u.role: u.email for u in fair.users if u.email.endswith("@demo.example.org")}
    counts = {
        "companies": sum(o.kind == "company" for o in fair.organisations),
        "universities": sum(o.kind == "university" for o in fair.organisations),
        "roles": len(roles),
        "candidates": len(fair.candidates),
        "sessions": len(sessions),
        "interview slots": len(slots),
    }
    return DemoSummary(event_slug=main.slug, counts=counts, logins=logins)


def _sample_activity(
    db: Session,
    rng: random.Random,
    fair: DemoFair,
    users: dict[str, User],
    roles: list[JobRole],
    sessions: list[EventSession],
    slots: list[InterviewSlot],
    main: Event,
) -> int:
    """Some of what visitors did before the day: workshop sign-ups (filling seats in sign-up order,
    the rest waitlisted), applications, and a first handful of booked interviews. The interview
    allocation proper is left for the organiser to run."""
    demo_candidate = next(u for u in fair.users if u.email == "candidate@demo.example.org").key
    people = [users[c.key] for c in fair.candidates if c.key != demo_candidate]
    rows = 0
    main_sessions = [s for s in sessions if s.event is main]
    taken: dict[int, int] = {}
    busy: dict[int, tuple[datetime, datetime]] = {}  # person -> their confirmed session
    for person in rng.sample(people, k=len(people) // 2):
        session = rng.choice(main_sessions)
        taken[session.id] = taken.get(session.id, 0) + 1
        full = session.capacity is not None and taken[session.id] > session.capacity
        status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
        if not full:
            busy[person.id] = (session.starts_at, session.ends_at)
        db.add(SessionRegistration(session_id=session.id, user_id=person.id, status=status))
        rows += 1
    open_roles = [r for r in roles if r.status == "open"]
    for person in rng.sample(people, k=len(people) // 3):
        for role in rng.sample(open_roles, k=2):
            db.add(Application(job_role_id=role.id, candidate_id=person.id))
            rows += 1
    rows += _meeting_requests(db, rng, fair, users, main)
    main_slots = [s for s in slots if s.event is main]
    share = len(main_slots) // 10
    for person, slot in zip(
        rng.sample(people, k=share), rng.sample(main_slots, k=share), strict=True
    ):
        start, end = busy.get(person.id, (slot.ends_at, slot.ends_at))
        if not (start < slot.ends_at and slot.starts_at < end):
            db.add(Booking(slot_id=slot.id, candidate_id=person.id))
            rows += 1
    db.flush()
    return rows


def _meeting_requests(
    db: Session, rng: random.Random, fair: DemoFair, users: dict[str, User], main: Event
) -> int:
    """Most visitors ask to meet 1-5 exhibitors, mostly in the sectors they want (and the popular
    ones more often), so the organiser has a real allocation to run."""
    exhibitors = {b.org_key for b in fair.booths if b.event_key == fair.event.key}
    by_sector: dict[str, list[str]] = {}
    for org in fair.organisations:
        if org.key in exhibitors:
            by_sector.setdefault(org.sector, []).append(org.key)
    everyone = sorted(exhibitors)
    popular = everyone[: max(1, len(everyone) // 10)]
    org_ids = {o.slug: o.id for o in db.scalars(select(Organisation))}
    count = 0
    for c in fair.candidates:
        if c.email == "candidate@demo.example.org" or rng.random() < 0.25:
            continue  # the demo login starts with an empty list, to try the page
        pool = [k for sector in c.sectors_wanted for k in by_sector.get(sector, [])] or everyone
        wishes: list[str] = []
        for _ in range(rng.randint(1, 5)):
            key = rng.choice(popular) if rng.random() < 0.3 else rng.choice(pool)
            if key not in wishes:
                wishes.append(key)
        db.add_all(
            MeetingRequest(
                event_id=main.id,
                candidate_id=users[c.key].id,
                organisation_id=org_ids[key],
                rank=rank,
            )
            for rank, key in enumerate(wishes, start=1)
        )
        count += len(wishes)
    return count
