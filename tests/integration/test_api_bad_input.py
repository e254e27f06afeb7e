"""Bad input from an attacker or a careless client: each case once gave a 500 (or a misleading
answer) and now gets a 4xx problem with a message, leaving the database as it was. Runs on SQLite
and PostgreSQL: some cases (NUL characters, 32-bit ids, short text columns) failed on only one."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
INT32_OVERFLOW = 2**31  # one past PostgreSQL's integer
INT64_OVERFLOW = 2**63  # one past SQLite's integer


def _problem(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("huge", [INT32_OVERFLOW, INT64_OVERFLOW, 10**30])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events/{huge}",
        "/api/v1/roles/{huge}",
        "/api/v1/candidates/{huge}/cv",
        "/api/v1/sessions/{huge}",
        "/api/v1/placement-rounds/{huge}",
        "/api/v1/roles?event_id={huge}",
        "/api/v1/events/{event}/slots?organisation_id={huge}",
        "/api/v1/events/{event}/slots?offset={huge}",
        "/api/v1/universities/{university}/skills-gap?event_id={event}&graduation_year={huge}",
    ],
)
def test_an_id_or_number_too_large_to_store_is_refused(
    client: TestClient, world: dict[str, Any], path: str, huge: int
) -> None:
    url = path.format(huge=huge, event=world["event"], university=world["university"])
    body = _problem(client.get(url, headers=world["admin"].headers))
    field = body["errors"][0]["field"]
    said = {
        "offset": "The offset must be at most 2,147,483,647.",
        "graduation_year": "Graduation year must be 2100 or earlier.",
    }.get(field, f"The {field[:-3]} must be given by a number from 1 to 2,147,483,647.")
    assert body["detail"] == said


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "/api/v1/bookings", {"slot_id": INT32_OVERFLOW}, "slot_id"),
        ("post", "/api/v1/bookings", {"slot_id": 1, "job_role_id": INT64_OVERFLOW}, "job_role_id"),
        ("patch", "/api/v1/me/profile", {"university_id": INT32_OVERFLOW}, "university_id"),
        ("put", "/api/v1/events/{event}/meeting-requests", {"organisation_ids": [2**40]}, None),
        ("put", "/api/v1/placement-programmes/1/ranking", {"ranks": {str(2**40): 1}}, None),
    ],
)
def test_an_id_too_large_in_a_body_is_refused(
    client: TestClient,
    world: dict[str, Any],
    method: str,
    path: str,
    body: dict[str, Any],
    field: str | None,
) -> None:
    url = path.format(event=world["event"])
    who = "recruiter_a" if "ranking" in path else "cand1"  # each route's own callers
    problem = _problem(client.request(method, url, json=body, headers=world[who].headers))
    if field:
        assert problem["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("who", "method", "path", "body"),
    [
        ("organiser", "patch", "/api/v1/events/{event}", {"name": "AI\x00Day"}),
        ("organiser", "patch", "/api/v1/events/{event}", {"themes": ["ai", "m\x00l"]}),
        ("recruiter_a", "patch", "/api/v1/roles/{role_a}", {"required_skills": ["Py\x00"]}),
        ("cand1", "patch", "/api/v1/me/profile", {"headline": "\x00"}),
        (
            "admin",
            "post",
            "/api/v1/organisations",
            {"slug": "n", "kind": "company", "name": "\x00"},
        ),
        ("organiser", "post", "/api/v1/events/{event}/checkins", {"badge_code": "TF-\x00AAAA"}),
    ],
)
def test_nul_characters_in_text_are_refused_on_every_backend(
    client: TestClient, world: dict[str, Any], who: str, method: str, path: str, body: dict
) -> None:
    url = path.format(event=world["event"], role_a=world["role_a"])
    problem = _problem(client.request(method, url, json=body, headers=world[who].headers))
    assert "NUL" in problem["detail"]


@pytest.mark.parametrize(
    "query",
    ["/api/v1/roles?q=a%00b", "/api/v1/events?kind=%00", "/api/v1/organisations?sector=%00"],
)
def test_nul_characters_in_a_search_are_refused(
    client: TestClient, world: dict[str, Any], query: str
) -> None:
    assert "NUL" in _problem(client.get(query, headers=world["cand1"].headers))["detail"]


def test_a_very_long_search_is_refused_not_sent_to_the_database(
    client: TestClient, world: dict[str, Any]
) -> None:
    """SQLite refused a LIKE pattern of 50,000 characters ("pattern too complex")."""
    url = f"/api/v1/events/{world['event']}/attendees?q={'A' * 50_000}"
    problem = _problem(client.get(url, headers=world["organiser"].headers))
    assert problem["errors"][0]["field"] == "q"


@pytest.mark.parametrize(
    ("who", "path", "field", "read_back"),
    [
        ("organiser", "/api/v1/events/{event}", "name", "name"),
        ("organiser", "/api/v1/events/{event}", "themes", "themes"),
        ("organiser", "/api/v1/events/{event}", "starts_at", "starts_at"),
        ("recruiter_a", "/api/v1/roles/{role_a}", "title", "title"),
        ("recruiter_a", "/api/v1/roles/{role_a}", "required_skills", "required_skills"),
        ("recruiter_a", "/api/v1/organisations/{company_a}", "name", "name"),
        ("organiser", "/api/v1/sessions/{workshop}", "ends_at", "ends_at"),
        ("cand1", "/api/v1/me/profile", "skills", "skills"),
        ("cand1", "/api/v1/me/profile", "headline", "headline"),
    ],
)
def test_null_for_a_required_field_in_a_patch_is_an_error_and_changes_nothing(
    client: TestClient, world: dict[str, Any], who: str, path: str, field: str, read_back: str
) -> None:
    url = path.format(**{k: world[k] for k in ("event", "role_a", "company_a", "workshop")})
    headers = world[who].headers
    before = client.get(url, headers=headers).json()
    problem = _problem(client.patch(url, json={field: None}, headers=headers))
    assert problem["errors"][0]["field"] == field
    assert "may not be null" in problem["detail"]
    assert client.get(url, headers=headers).json()[read_back] == before[read_back]


def test_null_still_clears_a_field_that_may_be_empty(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/sessions/{world['workshop']}"
    response = client.patch(url, json={"capacity": None}, headers=world["organiser"].headers)
    assert response.status_code == 200, response.text
    assert response.json()["capacity"] is None


@pytest.mark.parametrize(
    "instant", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z"]
)
def test_instants_near_the_ends_of_the_calendar_are_refused(
    client: TestClient, world: dict[str, Any], instant: str
) -> None:
    body = {
        "slug": "far-away",
        "kind": "career_day",
        "name": "Far away",
        "timezone": "America/New_York",
        "starts_at": instant,
        "ends_at": "2027-03-18T03:00:00Z",
    }
    problem = _problem(client.post("/api/v1/events", json=body, headers=world["organiser"].headers))
    assert problem["errors"][0]["field"] == "starts_at"


@pytest.mark.parametrize(
    ("who", "path", "body", "field"),
    [
        ("recruiter_a", "/api/v1/organisations/{company_a}", {"country": "C" * 81}, "country"),
        ("recruiter_a", "/api/v1/roles/{role_a}", {"location": "L" * 121}, "location"),
        ("organiser", "/api/v1/events/{event}", {"venue": "V" * 201}, "venue"),
        ("organiser", "/api/v1/events/{event}", {"description": "D" * 1_000_000}, "description"),
    ],
)
def test_text_longer_than_its_column_is_refused(
    client: TestClient, world: dict[str, Any], who: str, path: str, body: dict, field: str
) -> None:
    """PostgreSQL refused the over-long values with a 500; SQLite stored them (and 1 MB)."""
    url = path.format(**{k: world[k] for k in ("event", "role_a", "company_a")})
    problem = _problem(client.patch(url, json=body, headers=world[who].headers))
    assert problem["errors"][0]["field"] == field


def test_booking_the_same_slot_twice_says_it_is_already_yours(
    client: TestClient, world: dict[str, Any]
) -> None:
    body = {"slot_id": world["slots"][0]}
    headers = world["cand1"].headers
    assert client.post("/api/v1/bookings", json=body, headers=headers).status_code == 201
    again = _problem(client.post("/api/v1/bookings", json=body, headers=headers), 409)
    assert again["detail"] == "You have already booked this slot."
    assert len(client.get("/api/v1/me/bookings", headers=headers).json()) == 1


def test_publishing_a_published_round_again_says_so(
    client: TestClient, world: dict[str, Any]
) -> None:
    organiser = world["organiser"].headers
    body = {"name": "Summer", "deadline": "2099-01-01T00:00:00Z"}
    round_id = client.post(
        f"/api/v1/events/{world['event']}/placement-rounds", json=body, headers=organiser
    ).json()["id"]
    for step in ("open", "close", "run"):
        moved = client.post(f"/api/v1/placement-rounds/{round_id}/{step}", headers=organiser)
        assert moved.is_success, moved.text
    url = f"/api/v1/placement-rounds/{round_id}/publish"
    assert client.post(url, headers=organiser).status_code == 200
    assert _problem(client.post(url, headers=organiser), 409)["detail"] == (
        "This round is already published."
    )


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "٣"])
def test_a_number_box_with_something_int_cannot_read_gets_a_form_error(
    client: TestClient, world: dict[str, Any], typed: str
) -> None:
    """``str.isdigit`` let these through to ``int()``, which raised (a 500)."""
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/allocation"
    response = client.post(
        url, data={"csrf": token, "max_meetings": typed, "objective": "weight"}, headers=HTML
    )
    assert response.status_code == 422, response.text[:300]
    assert "Give a whole number from 1 to 20." in response.text


@pytest.mark.parametrize("typed", ["²", "--5", "9" * 5000])
def test_a_number_in_a_page_query_that_int_cannot_read_is_a_message(
    client: TestClient, world: dict[str, Any], typed: str
) -> None:
    page_login(client, "staff@example.org")
    url = f"/staff/skills-gap?event_id={world['event']}&graduation_year={typed}"
    response = client.get(url, headers=HTML)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert "must be a whole number" in response.text


def test_a_page_id_too_large_to_store_is_refused(client: TestClient, world: dict[str, Any]) -> None:
    page_login(client, "organiser@example.org")
    response = client.get(f"/organiser/events/{INT64_OVERFLOW}/edit", headers=HTML)
    assert response.status_code == 422
    assert "Traceback" not in response.text
