"""Skills gap: employers' asks vs the university's students, through the taxonomy."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def test_staff_see_their_universitys_gap(client: TestClient, world: dict[str, Any]) -> None:
    url = f"/api/v1/universities/{world['university']}/skills-gap?event_id={world['event']}"
    report = client.get(url, headers=world["staff"].headers).json()
    assert report["cohort"] == 1  # cand1 studies there
    sectors = {s["sector"]: s for s in report["sectors"]}
    assert set(sectors) == {"ai", "microelectronics"}
    ai = {k["skill"]: k for k in sectors["ai"]["skills"]}
    # cand1's CV says "Python (primary), PyTorch": both offered, so nothing is missing in AI.
    assert (ai["Python"]["student_share"], ai["PyTorch"]["student_share"]) == (1.0, 1.0)
    assert sectors["ai"]["coverage"] == 1.0
    # Beta Chips asks for SystemVerilog and UVM; no student offers either (names as the taxonomy
    # spells them).
    assert len(sectors["microelectronics"]["missing"]) == 2
    assert sectors["microelectronics"]["coverage"] == 0.0

    csv_text = client.get(
        url.replace("skills-gap?", "skills-gap.csv?"), headers=world["staff"].headers
    ).text
    assert csv_text.splitlines()[0] == "sector,skill,demand,role_share,students,student_share,gap"
    png = client.get(url.replace("skills-gap?", "skills-gap.png?"), headers=world["staff"].headers)
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"


def test_other_roles_cannot_see_a_universitys_gap(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/universities/{world['university']}/skills-gap?event_id={world['event']}"
    for who in ("recruiter_a", "cand1"):
        refused = client.get(url, headers=world[who].headers)
        assert refused.status_code == 403, who
        assert refused.json()["detail"] == (
            "Only university staff, organisers and admins may do this."
        ), who
        assert "sectors" not in refused.json(), who
    shown = client.get(url, headers=world["organiser"].headers)
    assert shown.status_code == 200
    assert (shown.json()["university"], shown.json()["cohort"]) == ("North University", 1)


def test_a_company_is_not_a_university(client: TestClient, world: dict[str, Any]) -> None:
    url = f"/api/v1/universities/{world['company_a']}/skills-gap?event_id={world['event']}"
    response = client.get(url, headers=world["organiser"].headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "university_id"


def test_trend_across_events(client: TestClient, world: dict[str, Any]) -> None:
    organiser = world["organiser"].headers
    body = {
        "slug": "chips-drive",
        "kind": "themed_drive",
        "name": "Chips Drive",
        "timezone": "UTC",
        "starts_at": "2027-06-01T09:00:00Z",
        "ends_at": "2027-06-01T17:00:00Z",
        "status": "open",
    }
    drive = client.post("/api/v1/events", json=body, headers=organiser).json()["id"]
    role = {
        "organisation_id": world["company_a"],
        "title": "Python Developer",
        "seniority": "junior",
        "work_mode": "remote",
        "event_ids": [drive],
        "required_skills": ["Python"],
    }
    assert client.post("/api/v1/roles", json=role, headers=organiser).status_code == 201
    url = f"/api/v1/universities/{world['university']}/skills-gap-trend"
    trend = client.get(url, headers=world["staff"].headers).json()
    assert [p["event"] for p in trend] == ["AI in Action", "Chips Drive"]
    # AI in Action asks for Python + PyTorch (offered) and SystemVerilog + UVM (not): half covered;
    # the drive asks only for Python, which cand1 offers.
    assert trend[0]["coverage"] == 0.5
    assert trend[1]["coverage"] == 1.0
    refused = client.get(url, headers=organiser)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only university staff and admins may do this."
