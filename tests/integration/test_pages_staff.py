"""University staff: their own students with participation, nobody else's."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration


def test_staff_see_their_students_participation_only(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][0]}, headers=world["cand1"].headers
    )
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][1]}, headers=world["cand2"].headers
    )
    page_login(client, "staff@example.org")
    page = client.get("/staff/students").text
    assert "Students of North University" in page
    # cand1 studies at North University: registered for 1 event, not checked in, 1 interview.
    assert "<tr><td>Cand1</td><td>–</td><td>–</td><td>1</td><td>0</td><td>1</td></tr>" in page
    assert "Cand2" not in page  # not their student


def test_other_roles_cannot_open_the_student_list(
    client: TestClient, world: dict[str, Any]
) -> None:
    anonymous = client.get("/staff/students", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/staff/students"
    for who in ("cand1@example.org", "recruiter.a@example.org", "organiser@example.org"):
        page_login(client, who)
        refused = client.get("/staff/students", headers=HTML)
        assert refused.status_code == 403, who
        assert "This page is for university staff." in refused.text, who
        assert "Students of North University" not in refused.text, who
