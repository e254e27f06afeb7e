"""Recruiter pages: roles, slots, shortlist with audited CV view, rating, CSV; never another
company's data."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration


def _apply(client: TestClient, world: dict[str, Any], who: str, role: str) -> int:
    response = client.post(f"/api/v1/roles/{world[role]}/applications", headers=world[who].headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_create_and_edit_a_role_with_errors_at_the_fields(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "recruiter.a@example.org")
    form = {
        "csrf": token,
        "title": "",
        "description": "Build models",
        "required_skills": "Python, MLOps",
        "nice_skills": "",
        "seniority": "junior",
        "location": "Taipei",
        "work_mode": "hybrid",
        "openings": "0",
        "status": "open",
        "event_ids": str(world["event"]),
    }
    bad = client.post("/recruiter/roles/new", data=form)
    assert bad.status_code == 422
    assert 'id="title-error"' in bad.text and 'id="openings-error"' in bad.text
    ok = client.post(
        "/recruiter/roles/new", data=form | {"title": "MLOps Engineer", "openings": "2"}
    )
    assert ok.url.path == "/recruiter/roles" and "Role saved." in ok.text
    assert "MLOps Engineer" in ok.text and "AI in Action" in ok.text
    elsewhere = client.post(
        "/recruiter/roles/new", data=form | {"title": "Sneaky", "openings": "1", "event_ids": "999"}
    )
    assert elsewhere.status_code == 422 and 'id="event_ids-error"' in elsewhere.text
    edit = client.post(
        f"/recruiter/roles/{world['role_a']}/edit",
        data=form | {"title": "Senior ML Engineer", "openings": "1", "status": "closed"},
    )
    assert "Senior ML Engineer" in edit.text and "closed" in edit.text


def test_a_recruiter_cannot_open_or_edit_another_companys_role(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "recruiter.b@example.org")
    for url in (
        f"/recruiter/roles/{world['role_a']}/edit",
        f"/recruiter/roles/{world['role_a']}/shortlist",
        f"/recruiter/roles/{world['role_a']}/shortlist.csv",
    ):
        refused = client.get(url, headers=HTML)
        assert refused.status_code == 403, url
        assert "This role belongs to another company." in refused.text, url
    forged = client.post(
        f"/recruiter/roles/{world['role_a']}/edit",
        data={"csrf": token, "title": "Hijacked", "seniority": "mid", "work_mode": "remote"},
    )
    assert forged.status_code == 403
    assert "This role belongs to another company." in forged.text
    assert (
        "ML Engineer" in client.get("/roles").text and "Hijacked" not in client.get("/roles").text
    )


def test_other_roles_cannot_open_recruiter_pages(client: TestClient, world: dict[str, Any]) -> None:
    anonymous = client.get("/recruiter/roles", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/recruiter/roles"
    for who in ("cand1@example.org", "staff@example.org", "organiser@example.org"):
        page_login(client, who)
        roles = client.get("/recruiter/roles", headers=HTML)
        assert roles.status_code == 403, who
        assert "This page is for recruiters." in roles.text, who
        cv = client.get(f"/recruiter/candidates/{world['cand1'].id}/cv", headers=HTML)
        assert cv.status_code == 403, who
        assert "This page is for recruiters." in cv.text, who
        assert "Python (primary)" not in cv.text, who  # the CV's text is not shown
    # The refused looks are not CV views: the candidate's trail stays empty.
    assert client.get("/api/v1/me/audit", headers=world["cand1"].headers).json() == []


def test_an_overlapping_slot_is_refused_next_to_its_start_time(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "recruiter.a@example.org")
    clash = client.post(
        "/recruiter/slots",
        data={
            "csrf": token,
            "event_id": world["event"],
            "starts_at": "2027-03-18T09:10",  # the recruiter already has 09:00-09:20
            "duration": "20",
            "mode": "onsite",
        },
    )
    assert clash.status_code == 422 and 'id="starts_at-error"' in clash.text
    assert "one person cannot hold two interviews at once" in html.unescape(clash.text)


def test_slots_are_added_in_event_time_and_deleted(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "recruiter.a@example.org")
    page = client.get("/recruiter/slots").text
    assert "Asia/Taipei" in page
    outside = client.post(
        "/recruiter/slots",
        data={
            "csrf": token,
            "event_id": world["event"],
            "starts_at": "2027-03-18T20:00",
            "duration": "20",
            "mode": "onsite",
        },
    )
    assert outside.status_code == 422 and 'id="starts_at-error"' in outside.text
    added = client.post(
        "/recruiter/slots",
        data={
            "csrf": token,
            "event_id": world["event"],
            "starts_at": "2027-03-18T15:00",
            "duration": "30",
            "mode": "online",
        },
    )
    assert added.status_code == 200
    assert "Thu 18 Mar, 15:00 CST–15:30 CST" in html.unescape(added.text)
    slots = client.get(
        f"/api/v1/events/{world['event']}/slots?organisation_id={world['company_a']}"
    )
    new_id = max(s["id"] for s in slots.json()["items"])
    deleted = client.post(
        f"/recruiter/slots/{new_id}/delete", data={"csrf": token, "event_id": world["event"]}
    )
    assert "15:00 CST–15:30 CST" not in html.unescape(deleted.text)
    token_b = page_login(client, "recruiter.b@example.org")
    theirs = client.post(
        f"/recruiter/slots/{world['slots'][0]}/delete",
        data={"csrf": token_b, "event_id": world["event"]},
    )
    assert theirs.status_code == 403
    assert "Only the company's recruiters and the event's organisers manage slots." in (
        html.unescape(theirs.text)
    )
    left = client.get(f"/api/v1/events/{world['event']}/slots?organisation_id={world['company_a']}")
    assert world["slots"][0] in [s["id"] for s in left.json()["items"]]  # not deleted


def test_shortlist_cv_view_is_audited_and_rating_is_saved(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    from talentfoundry.store.models import AuditLog

    application = _apply(client, world, "cand1", "role_a")
    _apply(client, world, "cand2", "role_a")
    token = page_login(client, "recruiter.a@example.org")
    page = client.get(f"/recruiter/roles/{world['role_a']}/shortlist").text
    assert "Cand1" in page and "Cand2" in page
    cv = client.get(f"/recruiter/candidates/{world['cand1'].id}/cv", headers=HTML)
    assert cv.status_code == 200 and "PyTorch" in cv.text
    audit = db.execute(
        select(AuditLog.actor_id, AuditLog.subject_user_id).where(AuditLog.action == "cv.view")
    ).all()
    db.rollback()  # end the test's own transaction: SQLite has one writer at a time
    assert [tuple(row) for row in audit] == [(world["recruiter_a"].id, world["cand1"].id)]
    # cand2 did not consent to share their CV with exhibitors.
    refused = client.get(f"/recruiter/candidates/{world['cand2'].id}/cv", headers=HTML)
    assert refused.status_code == 403
    assert "has not agreed to share" in html.unescape(refused.text)
    rated = client.post(
        f"/recruiter/applications/{application}/rate",
        data={
            "csrf": token,
            "rating": "4",
            "note": "Strong on =SUM(A1) PyTorch",
            "status": "interview",
        },
    )
    assert "Rating saved." in rated.text and "rated 4/5" in rated.text
    exported = client.get(f"/recruiter/roles/{world['role_a']}/shortlist.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows[0]["candidate"] == "Cand1" and rows[0]["rating"] == "4"
    assert rows[0]["note"] == "Strong on =SUM(A1) PyTorch"
    token_b = page_login(client, "recruiter.b@example.org")
    forged = client.post(
        f"/recruiter/applications/{application}/rate", data={"csrf": token_b, "rating": "1"}
    )
    assert forged.status_code == 403
    assert "Only the company's recruiters and the event's organisers see this shortlist." in (
        html.unescape(forged.text)
    )
    shortlist = client.get(
        f"/api/v1/roles/{world['role_a']}/shortlist", headers=world["recruiter_a"].headers
    ).json()
    assert {a["id"]: a["rating"] for a in shortlist}[application] == 4  # still Acme's rating


def test_rating_without_csrf_is_refused(client: TestClient, world: dict[str, Any]) -> None:
    application = _apply(client, world, "cand1", "role_a")
    page_login(client, "recruiter.a@example.org")
    response = client.post(
        f"/recruiter/applications/{application}/rate", data={"rating": "5"}, headers=HTML
    )
    assert response.status_code == 403
    assert (
        "The form expired or came from another site; reload the page and try again."
        in response.text
    )
    shortlist = client.get(
        f"/api/v1/roles/{world['role_a']}/shortlist", headers=world["recruiter_a"].headers
    ).json()
    assert [(a["id"], a["rating"]) for a in shortlist] == [(application, None)]  # not rated


def test_meeting_agenda_lists_the_companys_bookings_with_the_booth(
    client: TestClient, world: dict[str, Any]
) -> None:
    booked = client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][1]}, headers=world["cand2"].headers
    )
    assert booked.status_code == 201, booked.text
    page_login(client, "recruiter.a@example.org")
    page = html.unescape(client.get("/recruiter/agenda").text)
    assert "<td>Cand2</td>" in page and "Booth A-1" in page and "09:30 CST" in page
    page_login(client, "recruiter.b@example.org")
    assert "Cand2" not in client.get("/recruiter/agenda").text
