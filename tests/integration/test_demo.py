"""The demo fair: built from the generator into a database, usable with its printed logins."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from talentfoundry.demo import generate_demo_fair
from talentfoundry.services.demo import DEMO_PASSWORD, load_demo_fair
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import Booking, InterviewSlot

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_demo_fair_loads_and_every_printed_login_works(engine: Engine, client: TestClient) -> None:
    with transaction(make_session_factory(engine)) as db:
        summary = load_demo_fair(db, generate_demo_fair(2026))
    assert summary.counts["companies"] >= 150
    assert summary.counts["roles"] >= 1000
    assert summary.counts["candidates"] >= 3000
    assert summary.counts["universities"] >= 5
    assert set(summary.logins) == {
        "candidate",
        "recruiter",
        "university_staff",
        "organiser",
        "admin",
    }
    for role, email in summary.logins.items():
        response = client.post(
            "/api/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, email
        assert response.json()["role"] == role

    event = client.get("/api/v1/events").json()["items"][0]
    assert event["slug"] == summary.event_slug
    assert client.get(f"/api/v1/roles?event_id={event['id']}&limit=1").json()["total"] >= 1000
    with engine.connect() as conn:
        booked = conn.scalar(select(func.count()).select_from(Booking))
        slots = conn.scalar(select(func.count()).select_from(InterviewSlot))
    assert 0 < booked < slots  # a few bookings exist; the allocation itself is the organiser's
