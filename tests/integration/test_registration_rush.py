"""Registration opening: 200 clients at once against one ``foundry serve`` process, as shipped.

Every request gets an answer a client can act on (a booking or seat, a clear 409 refusal, or a
503 "try again" with Retry-After), never a hang or a reset connection; and afterwards the
database keeps every promise: each booking a client was told it got is there, no slot is booked
twice, nobody is in two places, no seat is over capacity (:mod:`talentfoundry.services.invariants`).
Before admission control, one process stalled at 60 such clients (issue 15, item 9).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from talentfoundry.domain.enums import UserRole
from talentfoundry.services import accounts, invariants
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import (
    Attendee,
    AuditLog,
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    Organisation,
    SessionRegistration,
    User,
)
from tests import factories
from tests.integration import rush

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CLIENTS = 200
PEOPLE = 300
DAY = (datetime.now(UTC) + timedelta(days=400)).replace(hour=1, minute=0, second=0, microsecond=0)


def _fair(engine: Engine) -> None:
    """One open event: 10 companies with 8 slots each (some at the same times), 6 small workshops
    overlapping the slots, 300 registered candidates."""
    with transaction(make_session_factory(engine)) as db:
        event = Event(
            slug="opening",
            kind="career_day",
            name="Opening",
            timezone="Asia/Hong_Kong",
            status="open",
            starts_at=DAY,
            ends_at=DAY + timedelta(hours=8),
        )
        companies = [Organisation(slug=f"co{i}", kind="company", name=f"Co {i}") for i in range(10)]
        people = [
            User(email=f"r{i}@example.org", password_hash="x", full_name=f"R{i}", role="candidate")
            for i in range(PEOPLE)
        ]
        db.add_all([event, *companies, *people])
        db.flush()
        db.add_all(
            Attendee(event_id=event.id, user_id=p.id, badge_code=f"RUSH-{p.id}") for p in people
        )
        db.add_all(
            InterviewSlot(
                event_id=event.id,
                organisation_id=c.id,
                starts_at=DAY + timedelta(minutes=20 * k + 5 * (i % 3)),
                ends_at=DAY + timedelta(minutes=20 * k + 5 * (i % 3) + 15),
                mode="onsite",
            )
            for i, c in enumerate(companies)
            for k in range(8)
        )
        db.add_all(
            EventSession(
                event_id=event.id,
                kind="workshop",
                title=f"Workshop {k}",
                mode="onsite",
                capacity=5,
                starts_at=DAY + timedelta(minutes=30 * k),
                ends_at=DAY + timedelta(minutes=30 * k + 45),
            )
            for k in range(6)
        )


def _audit_readers(engine: Engine) -> tuple[int, list[str]]:
    """Seven organisers of an event, and a candidate there who shares her CV."""
    with transaction(make_session_factory(engine)) as db:
        organisers = [factories.user(db, f"Org {i}", UserRole.ORGANISER) for i in range(7)]
        fair = factories.event(db, "Audit fair", organisers)
        ann = factories.user(db, "Ann Reader", cv_text="Python developer, five years of Django.")
        factories.registration(db, ann, fair, consent=True)
        return ann.id, [accounts.issue_token(db, o) for o in organisers]


def test_a_rush_gets_answers_and_every_promise_holds(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _fair(engine)
    crowd = rush.crowd(engine, people=PEOPLE)
    calls = rush.plan(crowd, 2 * CLIENTS, seat_share=0.3)
    ann_id, readers = _audit_readers(engine)
    reads = [
        rush.Call("GET", path, token, "read")
        for token in readers
        for path in (f"/api/v1/candidates/{ann_id}/cv", f"/api/v1/candidates/{ann_id}")
        for _ in range(5)
    ]
    engine.dispose()
    log = tmp_path / "server.log"
    with rush.serving(database_url, log) as base:
        report = rush.rush(base, calls, clients=CLIENTS, timeout=120)
        # Audited reads by several people at once: on SQLite the audit row's write used to fail
        # for most of them ("database is locked": a read transaction cannot become a writing one).
        read_report = rush.rush(base, reads, clients=len(readers), timeout=60)

    assert report.unanswered() == [], (report.statuses(), log.read_text()[-3000:])
    answers = report.statuses()
    assert set(answers) <= {"201", "409", "503"}, (answers, log.read_text()[-3000:])
    for answer in report.answers:
        if answer.status == 503:
            assert answer.body is not None
            assert answer.body["detail"] == (
                "Many people are signing up right now. Please try again in a few seconds."
            )
    assert answers["201"] > 0
    assert read_report.statuses() == {"200": len(reads)}, log.read_text()[-3000:]
    with transaction(make_session_factory(engine, write=False)) as db:
        promised = {
            a.body["id"]
            for a in report.answers
            if a.status == 201 and a.call.kind == "booking" and a.body is not None
        }
        kept = set(db.scalars(select(Booking.id)))
        assert promised <= kept, "a booking a client was told it got is missing"
        assert db.scalar(select(func.count()).select_from(SessionRegistration)) > 0
        assert invariants.check(db) == []
        audited = db.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.subject_user_id == ann_id)
        )
    assert audited == len(reads)
