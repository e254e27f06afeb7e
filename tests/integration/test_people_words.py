"""Bad input gets sentences in the person's words, the same through the API and the pages
(services/messages.py): one table per entry point, each row the exact sentence a person reads.
And candidates and recruiters are never shown the operator's configuration.

Pure validation: one database is enough (the answers never reach it)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, csrf_of, page_login

pytestmark = [
    pytest.mark.integration,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

EVENT = {
    "slug": "spring-fair",
    "kind": "career_day",
    "name": "Spring fair",
    "timezone": "Asia/Taipei",
    "starts_at": "2027-04-01T01:00:00Z",
    "ends_at": "2027-04-01T09:00:00Z",
}
SESSION = {
    "kind": "workshop",
    "title": "Interview practice",
    "mode": "onsite",
    "starts_at": "2027-03-18T03:00:00Z",
    "ends_at": "2027-03-18T04:00:00Z",
}

# who, method, path, JSON body, {field: (sentence, kind)}
API_CASES: list[tuple[str, str, str, Any, dict[str, tuple[str, str]]]] = [
    ("anonymous", "post", "/api/v1/auth/register",
     {"email": "ana.example.org", "password": "", "full_name": ""},
     {"email": ("Your e-mail address should look like name@example.org.", "value_error"),
      "password": ("Please enter a password.", "string_too_short"),
      "full_name": ("Please enter your full name.", "string_too_short")}),
    ("organiser", "post", "/api/v1/events",
     EVENT | {"slug": "Spring Fair", "kind": "fair", "timezone": "Mars/Base"},
     {"slug": ("The web address may use up to 80 lowercase letters, digits and dashes, "
               "starting with a letter or digit (e.g. ai-in-action-2027).",
               "string_pattern_mismatch"),
      "kind": ("Please choose the kind of event from 'career_day', 'themed_drive' or "
               "'overseas_mission'.", "enum"),
      "timezone": ("'Mars/Base' is not a time zone we know: choose the time zone by its name, "
                   "e.g. Europe/London or Asia/Taipei.", "time_zone")}),
    ("organiser", "post", "/api/v1/events", EVENT | {"ends_at": "2027-04-01T00:00:00Z"},
     {"ends_at": ("The end must be after the start.", "end_before_start")}),
    ("organiser", "post", "/api/v1/events", EVENT | {"starts_at": "2027-04-01T09:00"},
     {"starts_at": ("The start needs its UTC offset, e.g. 2027-03-18T09:00:00+08:00 or "
                    "2027-03-18T01:00:00Z.", "timezone_aware")}),
    ("organiser", "post", "/api/v1/events/{event}/sessions",
     SESSION | {"title": "", "capacity": 0, "online_url": "ftp://x"},
     {"title": ("Please enter the session's title.", "string_too_short"),
      "capacity": ("The number of seats must be at least 1.", "greater_than_equal"),
      "online_url": ("The online room's address must be a web address starting with https:// "
                     "or http://.", "url_scheme")}),
    ("cand1", "patch", "/api/v1/me/profile", {"graduation_year": 1900},
     {"graduation_year": ("Graduation year must be 1950 or later.", "greater_than_equal")}),
    ("cand1", "patch", "/api/v1/me/profile",
     {"graduation_year": "soon", "experience_years": 80, "colour": "red"},
     {"graduation_year": ("Graduation year must be a whole number.", "int_parsing"),
      "experience_years": ("Years of experience must be at most 70.", "less_than_equal"),
      "colour": ("There is no field 'colour' here: remove it.", "extra_forbidden")}),
    ("cand1", "patch", "/api/v1/me/profile", {"headline": None},
     {"headline": ("Your headline may not be null: leave it out to keep its current value.",
                   "not_clearable")}),
    ("admin", "post", "/api/v1/organisations",
     {"slug": "acme-two", "kind": "company", "name": "Acme Two", "size": "huge"},
     {"size": ("The company size must be one of 1-10, 11-50, 51-250, 251-1000 or 1000+ "
               "(people).", "string_pattern_mismatch")}),
    ("cand1", "post", "/api/v1/bookings", {"slot_id": 2**31},
     {"slot_id": ("The interview slot must be given by a number from 1 to 2,147,483,647.",
                  "less_than_equal")}),
]  # fmt: skip


def test_api_answers_each_kind_of_bad_input_in_words(
    client: TestClient, world: dict[str, Any]
) -> None:
    for who, method, path, body, expected in API_CASES:
        headers = world[who].headers if who != "anonymous" else {}
        url = path.format(event=world["event"])
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == 422, (path, response.text)
        problem = response.json()
        found = {e["field"]: (e["message"], e["code"]) for e in problem["errors"]}
        assert found == expected, (path, body)
        first = problem["errors"][0]["message"]
        assert problem["detail"].startswith(first)
    body = b'{"email": "ana@example.org",'
    broken = client.post(
        "/api/v1/auth/register", content=body, headers={"content-type": "application/json"}
    ).json()
    assert (broken["detail"], broken["errors"][0]["field"]) == (
        "The request body is not valid JSON.",
        "body",
    )


def _field_errors(page: str) -> dict[str, str]:
    """Field -> the message shown next to it on a page (``_forms.html``)."""
    found = re.findall(r'<p class="error" id="([\w-]+)-error" role="alert">(.*?)</p>', page)
    return {field: html.unescape(text) for field, text in found}


EVENT_FORM = {
    "kind": "career_day",
    "name": "Spring fair",
    "slug": "spring-fair",
    "timezone": "Asia/Taipei",
    "starts_at": "2027-04-01T09:00",
    "ends_at": "2027-04-01T17:00",
    "onsite": "on",
    "status": "draft",
}
SESSION_FORM = {
    "kind": "workshop",
    "title": "Interview practice",
    "starts_at": "2027-03-18T11:00",
    "ends_at": "2027-03-18T12:00",
    "mode": "onsite",
    "location": "Room 201",
}

# who, path (GET for the token, then POST), form, {field: sentence}
PAGE_CASES: list[tuple[str | None, str, dict[str, str], dict[str, str]]] = [
    (None, "/signup", {"full_name": "", "email": "ana.example.org", "password": ""},
     {"full_name": "Please enter your full name.",
      "email": "Your e-mail address should look like name@example.org.",
      "password": "Please enter a password."}),
    ("organiser@example.org", "/organiser/events/new",
     EVENT_FORM | {"name": "", "slug": "Spring Fair!", "ends_at": "2027-04-01T08:00"},
     {"name": "Please enter the event's name.",
      "slug": "The web address may use up to 80 lowercase letters, digits and dashes, starting "
              "with a letter or digit (e.g. ai-in-action-2027).",
      "ends_at": "The end must be after the start."}),
    ("organiser@example.org", "/organiser/events/new",
     EVENT_FORM | {"timezone": "Mars/Base", "starts_at": "18/03/2027", "onsite": ""},
     {"timezone": "'Mars/Base' is not a time zone we know: choose the time zone by its name, "
                  "e.g. Europe/London or Asia/Taipei.",
      "starts_at": "Give a date and time, e.g. 2027-03-18T09:00.",
      "onsite": "Choose on site, online or both (hybrid)."}),
    ("organiser@example.org", "/organiser/events/{event}/sessions/new",
     SESSION_FORM | {"title": "", "capacity": "0", "ends_at": "2027-03-18T10:00"},
     {"title": "Please enter the session's title.",
      "capacity": "The number of seats must be at least 1.",
      "ends_at": "The end must be after the start."}),
    ("organiser@example.org", "/organiser/events/{event}/sessions/new",
     SESSION_FORM | {"capacity": "many", "online_url": "meet.example.org"},
     {"capacity": "Seats must be a whole number.",
      "online_url": "The online room's address must be a web address starting with https:// "
                    "or http://."}),
    ("organiser@example.org", "/organiser/events/{event}/booths/new",
     {"new_company": "Gamma Labs", "location_code": "", "online_room_url": ""},
     {"location_code": "Give the booth an on-site location code, an online room address, or "
                       "both."}),
    ("cand1@example.org", "/me/profile", {"graduation_year": "1900", "experience_years": "lots"},
     {"graduation_year": "Graduation year must be 1950 or later.",
      "experience_years": "Years of experience must be a number."}),
]  # fmt: skip


def test_pages_show_each_mistake_in_words_next_to_its_field(
    client: TestClient, world: dict[str, Any]
) -> None:
    for who, path, form, expected in PAGE_CASES:
        url = path.format(event=world["event"])
        if who is None:
            client.cookies.clear()
            token = csrf_of(client.get(url).text)
        else:
            token = page_login(client, who)
        response = client.post(url, data=form | {"csrf": token}, headers=HTML)
        assert response.status_code == 422, (path, response.text[:500])
        shown = _field_errors(response.text)
        assert {k: shown.get(k) for k in expected} == expected, (path, shown)


def test_candidates_and_recruiters_never_read_configuration(
    client: TestClient, world: dict[str, Any]
) -> None:
    """The dense encoder is off in tests, with a note for the operator naming the setting. The
    organisers' dashboard keeps it (their status panel); a candidate's recommendations and a
    recruiter's ranked list say what it means for them instead."""
    page_login(client, "cand1@example.org")
    recommended = client.get(f"/me/recommendations?event_id={world['event']}").text
    assert "TALENTFOUNDRY_" not in recommended and "dense" not in recommended.lower()
    assert "These matches compare skills and the words used" in recommended
    page_login(client, "recruiter.a@example.org")
    ranked = client.get(f"/recruiter/roles/{world['role_a']}/ranked").text
    assert "TALENTFOUNDRY_" not in ranked and "embeddings" not in ranked
    assert "These matches compare skills and the words used" in ranked
    page_login(client, "organiser@example.org")
    dashboard = client.get(f"/organiser/events/{world['event']}/dashboard").text
    # Organisers run the fair, not the server: they read the same words (the setting is in the
    # operator's log and the README).
    assert "TALENTFOUNDRY_" not in dashboard
    assert "These matches compare skills and the words used" in dashboard
