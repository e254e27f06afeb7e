"""Builds a small, complete fair through the services (as an admin would) for API tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from talentfoundry.domain.enums import UserRole
from talentfoundry.services import accounts, candidates, events, organisations, roles, workshops
from talentfoundry.services.schemas import (
    AttendIn,
    BoothIn,
    EventIn,
    OrganisationIn,
    RoleIn,
    SessionIn,
    UserIn,
)
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import InterviewSlot
from tests.integration.conftest import Actor

PASSWORD = "Correct-horse-9"
START = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Taipei


def _user(
    db: Any, email: str, role: UserRole, org_id: int | None = None, tz: str = "Asia/Taipei"
) -> Any:
    return accounts.create_user(
        db,
        UserIn(
            email=email,
            password=PASSWORD,
            full_name=email.split("@")[0].title(),
            role=role,
            organisation_id=org_id,
            timezone=tz,
        ),
    )


def login(client: TestClient, email: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def build_world(engine: Engine, client: TestClient) -> dict[str, Any]:
    factory = make_session_factory(engine)
    ids: dict[str, Any] = {}
    with transaction(factory) as db:
        admin = _user(db, "admin@example.org", UserRole.ADMIN)
        company_a = organisations.create_organisation(
            db, admin, OrganisationIn(slug="acme-ai", kind="company", name="Acme AI", sector="ai")
        )
        company_b = organisations.create_organisation(
            db,
            admin,
            OrganisationIn(
                slug="beta-chips", kind="company", name="Beta Chips", sector="microelectronics"
            ),
        )
        uni = organisations.create_organisation(
            db, admin, OrganisationIn(slug="north-uni", kind="university", name="North University")
        )
        organiser = _user(db, "organiser@example.org", UserRole.ORGANISER)
        event = events.create_event(
            db,
            organiser,
            EventIn(
                slug="ai-day",
                kind="career_day",
                name="AI in Action",
                timezone="Asia/Taipei",
                starts_at=START,
                ends_at=START + timedelta(hours=9),
                themes=["ai"],
                onsite=True,
                online=True,
                status="open",
            ),
        )
        for org, code in ((company_a, "A-1"), (company_b, "B-2")):
            events.add_booth(
                db, organiser, event.id, BoothIn(organisation_id=org.id, location_code=code)
            )
        recruiter_a = _user(db, "recruiter.a@example.org", UserRole.RECRUITER, company_a.id)
        recruiter_b = _user(db, "recruiter.b@example.org", UserRole.RECRUITER, company_b.id)
        staff = _user(db, "staff@example.org", UserRole.UNIVERSITY_STAFF, uni.id)
        cand1 = _user(db, "cand1@example.org", UserRole.CANDIDATE, tz="Europe/London")
        cand2 = _user(db, "cand2@example.org", UserRole.CANDIDATE)
        cand1.profile.university_id = uni.id
        candidates.attend_event(db, cand1, event.id, AttendIn(consent_share_cv=True))
        candidates.attend_event(db, cand2, event.id, AttendIn(consent_share_cv=False))
        candidates.upload_cv(db, cand1, "cv.txt", b"Cand One\nSKILLS: Python (primary), PyTorch")
        candidates.upload_cv(db, cand2, "cv.txt", b"Cand Two\nSKILLS: Verilog, UVM")
        role_a = roles.create_role(
            db,
            recruiter_a,
            RoleIn(
                organisation_id=company_a.id,
                event_ids=[event.id],
                title="ML Engineer",
                required_skills=["Python", "PyTorch"],
                seniority="junior",
                work_mode="hybrid",
            ),
        )
        role_b = roles.create_role(
            db,
            recruiter_b,
            RoleIn(
                organisation_id=company_b.id,
                event_ids=[event.id],
                title="Verification Engineer",
                required_skills=["SystemVerilog", "UVM"],
                seniority="mid",
                work_mode="onsite",
            ),
        )
        workshop = workshops.create_session(
            db,
            organiser,
            event.id,
            SessionIn(
                kind="workshop",
                title="Personal branding",
                mode="onsite",
                capacity=1,
                starts_at=START + timedelta(hours=1),
                ends_at=START + timedelta(hours=2),
            ),
        )
        slots = []
        for i in range(3):
            slot = InterviewSlot(
                event_id=event.id,
                organisation_id=company_a.id,
                recruiter_id=recruiter_a.id,
                starts_at=START + timedelta(minutes=30 * i),
                mode="onsite",
                ends_at=START + timedelta(minutes=30 * i + 20),
            )
            db.add(slot)
            slots.append(slot)
        db.flush()
        ids.update(
            event=event.id,
            company_a=company_a.id,
            company_b=company_b.id,
            university=uni.id,
            role_a=role_a.id,
            role_b=role_b.id,
            workshop=workshop.id,
            slots=[s.id for s in slots],
        )
        people = {
            "admin": admin,
            "organiser": organiser,
            "recruiter_a": recruiter_a,
            "recruiter_b": recruiter_b,
            "staff": staff,
            "cand1": cand1,
            "cand2": cand2,
        }
        people_data = {k: (u.id, u.email, u.role, u.organisation_id) for k, u in people.items()}
    for key, (uid, email, role, org) in people_data.items():
        ids[key] = Actor(
            id=uid, email=email, role=role, organisation_id=org, headers=login(client, email)
        )
    return ids
