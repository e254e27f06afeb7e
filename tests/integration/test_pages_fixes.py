"""Small things the pages' first users noticed: back to the page asked for after logging in (and
never to another site), error pages that keep the user's menu, and a session's place shown
right."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, csrf_of, page_login
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration


def _log_in(client: TestClient, next_url: str) -> str:
    client.cookies.clear()
    form = client.get("/login", params={"next": next_url}).text
    response = client.post(
        "/login",
        data={
            "email": "cand1@example.org",
            "password": PASSWORD,
            "csrf": csrf_of(form),
            "next": next_url,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    return response.headers["location"]


def test_login_goes_back_to_the_page_asked_for(client: TestClient, world: dict[str, Any]) -> None:
    asked = client.get("/me/recommendations?event_id=all", follow_redirects=False)
    assert asked.headers["location"] == "/login?next=/me/recommendations%3Fevent_id%3Dall"
    form = client.get(asked.headers["location"]).text
    assert 'name="next" value="/me/recommendations?event_id=all"' in form
    assert _log_in(client, "/me/recommendations?event_id=all") == "/me/recommendations?event_id=all"
    assert _log_in(client, "/me/cv") == "/me/cv"


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "me/cv", ""]
)
def test_login_never_sends_anyone_to_another_site(
    client: TestClient, world: dict[str, Any], target: str
) -> None:
    assert _log_in(client, target) == "/me"
    form = client.get("/login", params={"next": target}).text
    assert 'name="next"' not in form


def test_error_pages_keep_the_users_menu(client: TestClient, world: dict[str, Any]) -> None:
    page_login(client, "recruiter.a@example.org")
    refused = client.get("/me/profile", headers=HTML)
    assert refused.status_code == 403
    assert "This page is for candidates." in refused.text
    assert 'href="/recruiter/roles"' in refused.text and "Log out" in refused.text
    missing = client.get("/events/nope", headers=HTML)
    assert missing.status_code == 404
    assert 'href="/recruiter/roles"' in missing.text and "Recruiter.A" in missing.text
    client.cookies.clear()
    anonymous = client.get("/events/nope", headers=HTML)
    assert anonymous.status_code == 404 and 'href="/login"' in anonymous.text
    assert "Log out" not in anonymous.text


def test_an_onsite_session_without_a_room_is_at_the_venue(
    client: TestClient, world: dict[str, Any]
) -> None:
    page = client.get("/events/ai-day").text
    row = page.split("Personal branding")[1].split("</tr>")[0]
    assert "at the venue" in row and "online" not in row
