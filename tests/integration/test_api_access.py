"""Role boundaries of the API, on SQLite and PostgreSQL: each test is one rule a user relies on."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def test_login_wrong_password_is_refused_with_a_message(
    client: TestClient, world: dict[str, Any]
) -> None:
    response = client.post(
        "/api/v1/auth/token", json={"email": "cand1@example.org", "password": "wrong-password-1"}
    )
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "Wrong e-mail or password."


def test_passwords_are_stored_as_argon2_hashes(db: Any, world: dict[str, Any]) -> None:
    from talentfoundry.store.models import User

    user = db.get(User, world["cand1"].id)
    assert user.password_hash.startswith("$argon2id$")
    assert "Correct-horse-9" not in user.password_hash


def test_anonymous_cannot_read_a_profile(client: TestClient, world: dict[str, Any]) -> None:
    response = client.get(f"/api/v1/candidates/{world['cand1'].id}")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_candidate_never_sees_another_candidate(client: TestClient, world: dict[str, Any]) -> None:
    response = client.get(
        f"/api/v1/candidates/{world['cand1'].id}/cv", headers=world["cand2"].headers
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "You may not see this candidate."


def test_recruiter_sees_cv_only_with_consent_and_the_view_is_audited(
    client: TestClient, world: dict[str, Any]
) -> None:
    recruiter = world["recruiter_a"]
    shared = client.get(f"/api/v1/candidates/{world['cand1'].id}/cv", headers=recruiter.headers)
    assert shared.status_code == 200
    assert "Python (primary)" in shared.json()["text"]
    refused = client.get(f"/api/v1/candidates/{world['cand2'].id}/cv", headers=recruiter.headers)
    assert refused.status_code == 403
    assert "not agreed to share" in refused.json()["detail"]

    trail = client.get("/api/v1/me/audit", headers=world["cand1"].headers).json()
    assert [(e["actor_id"], e["action"]) for e in trail] == [(recruiter.id, "cv.view")]
    assert client.get("/api/v1/me/audit", headers=world["cand2"].headers).json() == []


def test_consent_can_be_withdrawn(client: TestClient, world: dict[str, Any]) -> None:
    cand1 = world["cand1"]
    client.post(
        f"/api/v1/events/{world['event']}/attendance",
        json={"consent_share_cv": False},
        headers=cand1.headers,
    )
    response = client.get(f"/api/v1/candidates/{cand1.id}/cv", headers=world["recruiter_a"].headers)
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "This candidate has not agreed to share their CV with your company's events."
    )
    assert "Python (primary)" not in response.text
    # A refused look is not a view: the candidate's trail stays empty.
    assert client.get("/api/v1/me/audit", headers=cand1.headers).json() == []


def test_recruiter_never_sees_another_companys_shortlist(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.post(f"/api/v1/roles/{world['role_b']}/applications", headers=world["cand2"].headers)
    own = client.get(
        f"/api/v1/roles/{world['role_b']}/shortlist", headers=world["recruiter_b"].headers
    )
    assert own.status_code == 200
    assert [a["candidate_id"] for a in own.json()] == [world["cand2"].id]
    other = client.get(
        f"/api/v1/roles/{world['role_b']}/shortlist", headers=world["recruiter_a"].headers
    )
    assert other.status_code == 403
    assert other.json()["detail"] == (
        "Only the company's recruiters and the event's organisers see this shortlist."
    )


def test_organiser_sees_shortlists_of_their_event(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.post(f"/api/v1/roles/{world['role_a']}/applications", headers=world["cand1"].headers)
    response = client.get(
        f"/api/v1/roles/{world['role_a']}/shortlist", headers=world["organiser"].headers
    )
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_recruiter_rates_an_applicant_and_the_candidate_cannot(
    client: TestClient, world: dict[str, Any]
) -> None:
    app_id = client.post(
        f"/api/v1/roles/{world['role_a']}/applications", headers=world["cand1"].headers
    ).json()["id"]
    body = {"rating": 4, "note": "Strong PyTorch answers", "status": "shortlisted"}
    rated = client.patch(
        f"/api/v1/applications/{app_id}", json=body, headers=world["recruiter_a"].headers
    )
    assert rated.status_code == 200
    assert (rated.json()["rating"], rated.json()["status"]) == (4, "shortlisted")
    forged = client.patch(
        f"/api/v1/applications/{app_id}",
        json={"rating": 1, "status": "rejected"},
        headers=world["cand1"].headers,
    )
    assert forged.status_code == 403
    assert forged.json()["detail"] == "Only recruiters, organisers and admins may do this."
    shortlist = client.get(
        f"/api/v1/roles/{world['role_a']}/shortlist", headers=world["recruiter_a"].headers
    ).json()
    assert [(a["rating"], a["status"]) for a in shortlist] == [(4, "shortlisted")]  # unchanged
    bad = client.patch(
        f"/api/v1/applications/{app_id}", json={"rating": 9}, headers=world["recruiter_a"].headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "rating"


def test_recruiter_cannot_edit_another_companys_role(
    client: TestClient, world: dict[str, Any]
) -> None:
    response = client.patch(
        f"/api/v1/roles/{world['role_b']}",
        json={"title": "Hijacked"},
        headers=world["recruiter_a"].headers,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the company's recruiters and the event's organisers may do that."
    )
    assert client.get(f"/api/v1/roles/{world['role_b']}").json()["title"] == "Verification Engineer"


def test_recruiter_cannot_post_a_role_for_another_company(
    client: TestClient, world: dict[str, Any], db: Any
) -> None:
    from sqlalchemy import select

    from talentfoundry.store.models import JobRole

    body = {
        "organisation_id": world["company_b"],
        "title": "Fake",
        "seniority": "junior",
        "work_mode": "remote",
    }
    response = client.post("/api/v1/roles", json=body, headers=world["recruiter_a"].headers)
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the company's recruiters and the event's organisers may do that."
    )
    titles = db.scalars(select(JobRole.title).order_by(JobRole.title)).all()
    assert titles == ["ML Engineer", "Verification Engineer"]  # no "Fake" was written


def test_university_staff_see_their_students_only(
    client: TestClient, world: dict[str, Any]
) -> None:
    staff = world["staff"]
    own = client.get(f"/api/v1/candidates/{world['cand1'].id}", headers=staff.headers)
    assert own.status_code == 200
    assert (own.json()["full_name"], own.json()["university_id"]) == ("Cand1", world["university"])
    other = client.get(f"/api/v1/candidates/{world['cand2'].id}", headers=staff.headers)
    assert other.status_code == 403
    assert other.json()["detail"] == "You may not see this candidate."
    assert "Cand2" not in other.text


def test_only_organisers_and_admins_create_events(
    client: TestClient, world: dict[str, Any]
) -> None:
    body = {
        "slug": "fintech-drive",
        "kind": "themed_drive",
        "name": "Fintech Drive",
        "timezone": "Europe/London",
        "starts_at": "2027-05-01T09:00:00+01:00",
        "ends_at": "2027-05-01T17:00:00+01:00",
        "themes": ["fintech"],
    }
    refused = client.post("/api/v1/events", json=body, headers=world["recruiter_a"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."
    # Nothing was written: the same slug is still free for the organiser.
    created = client.post("/api/v1/events", json=body, headers=world["organiser"].headers)
    assert created.status_code == 201
    assert created.json()["starts_at_local"] == "2027-05-01T09:00:00+01:00"
    assert created.json()["starts_at"].startswith("2027-05-01T08:00:00")


def test_drafts_are_hidden_from_the_public(client: TestClient, world: dict[str, Any]) -> None:
    body = {
        "slug": "secret",
        "kind": "career_day",
        "name": "Draft fair",
        "timezone": "UTC",
        "starts_at": "2027-06-01T09:00:00Z",
        "ends_at": "2027-06-01T17:00:00Z",
    }
    event_id = client.post("/api/v1/events", json=body, headers=world["organiser"].headers).json()[
        "id"
    ]
    hidden = client.get(f"/api/v1/events/{event_id}")
    assert hidden.status_code == 404
    assert hidden.json()["detail"] == f"No event with id {event_id}."
    assert (
        client.get(f"/api/v1/events/{event_id}", headers=world["organiser"].headers).status_code
        == 200
    )
    public = client.get("/api/v1/events").json()
    assert [e["slug"] for e in public["items"]] == ["ai-day"]


def test_self_signup_is_always_a_candidate(client: TestClient, world: dict[str, Any]) -> None:
    body = {
        "email": "new@example.org",
        "password": "Another-pass-7",
        "full_name": "New Person",
        "role": "admin",
    }
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "role"
    del body["role"]
    accepted = client.post("/api/v1/auth/register", json=body)
    assert accepted.status_code == 202, accepted.text
    token = client.post(
        "/api/v1/auth/token", json={"email": body["email"], "password": body["password"]}
    )
    assert token.json()["role"] == "candidate"


def test_organiser_creates_recruiters_but_not_admins(
    client: TestClient, world: dict[str, Any]
) -> None:
    base = {"password": "Another-pass-7", "full_name": "R"}
    recruiter = {
        **base,
        "email": "r2@example.org",
        "role": "recruiter",
        "organisation_id": world["company_a"],
    }
    admin = {**base, "email": "a2@example.org", "role": "admin"}
    headers = world["organiser"].headers
    created = client.post("/api/v1/users", json=recruiter, headers=headers)
    assert created.status_code == 201
    assert (created.json()["email"], created.json()["role"]) == ("r2@example.org", "recruiter")
    assert created.json()["organisation_id"] == world["company_a"]
    refused = client.post("/api/v1/users", json=admin, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "You may not create admin accounts."
    # Nothing was written: the refused address cannot log in, the created one can.
    login = {"email": admin["email"], "password": admin["password"]}
    assert client.post("/api/v1/auth/token", json=login).json()["detail"] == (
        "Wrong e-mail or password."
    )
    login = {"email": recruiter["email"], "password": recruiter["password"]}
    assert client.post("/api/v1/auth/token", json=login).json()["role"] == "recruiter"


def test_only_organisers_list_an_events_attendees(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/events/{world['event']}/attendees"
    page = client.get(url, headers=world["organiser"].headers).json()
    assert page["total"] == 2
    assert client.get(url + "?q=cand2", headers=world["organiser"].headers).json()["total"] == 1
    for who in ("recruiter_a", "cand1"):
        refused = client.get(url, headers=world[who].headers)
        assert refused.status_code == 403, who
        assert refused.json()["detail"] == "Only organisers and admins may do this.", who
        assert "cand2" not in refused.text, who


def test_a_role_goes_only_to_events_where_the_company_exhibits(
    client: TestClient, world: dict[str, Any]
) -> None:
    body = {
        "slug": "other-fair",
        "kind": "career_day",
        "name": "Other fair",
        "timezone": "UTC",
        "starts_at": "2027-06-01T09:00:00Z",
        "ends_at": "2027-06-01T17:00:00Z",
        "status": "open",
    }
    other = client.post("/api/v1/events", json=body, headers=world["organiser"].headers).json()[
        "id"
    ]
    role = {
        "organisation_id": world["company_a"],
        "title": "Data Engineer",
        "seniority": "mid",
        "work_mode": "remote",
        "event_ids": [other],
    }
    refused = client.post("/api/v1/roles", json=role, headers=world["recruiter_a"].headers)
    assert refused.status_code == 422
    assert "no booth at 'Other fair'" in refused.json()["detail"]
    assert (
        client.post("/api/v1/roles", json=role, headers=world["organiser"].headers).status_code
        == 201
    )
