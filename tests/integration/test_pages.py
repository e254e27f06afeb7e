"""The HTML pages a visitor sees first, and the login form's CSRF protection."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "form without a CSRF token"
    return match.group(1)


def test_event_page_shows_companies_roles_and_local_times(
    client: TestClient, world: dict[str, Any]
) -> None:
    home = client.get("/")
    assert "AI in Action" in home.text
    page = client.get("/events/ai-day")
    assert page.status_code == 200
    assert "Acme AI" in page.text and "Beta Chips" in page.text
    assert "Personal branding" in page.text
    assert "09:00 CST" in page.text  # 01:00 UTC shown in Asia/Taipei


def test_unknown_event_gives_an_html_404(client: TestClient, world: dict[str, Any]) -> None:
    response = client.get("/events/nope", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "No event 'nope'" in html.unescape(response.text)


def test_login_needs_the_csrf_token(client: TestClient, world: dict[str, Any]) -> None:
    form = {"email": "cand1@example.org", "password": "Correct-horse-9"}
    forged = client.post("/login", data=form, follow_redirects=False)
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    assert "Hello, Cand1" not in client.get("/me").text  # the forged post logged nobody in
    token = _csrf(client.get("/login").text)
    ok = client.post("/login", data=form | {"csrf": token}, follow_redirects=False)
    assert ok.status_code == 303
    me = client.get("/me")
    assert "Hello, Cand1" in me.text
    assert "badge" in me.text


def test_wrong_password_shows_the_error_next_to_the_form(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login", data={"email": "cand1@example.org", "password": "nope", "csrf": token}
    )
    assert response.status_code == 401
    assert "Wrong e-mail or password." in response.text


def test_role_search_filters(client: TestClient, world: dict[str, Any]) -> None:
    page = client.get("/roles?sector=microelectronics")
    assert "Verification Engineer" in page.text
    assert "ML Engineer" not in page.text


def test_role_search_answers_htmx_with_the_results_fragment(
    client: TestClient, world: dict[str, Any]
) -> None:
    full = client.get("/roles?work_mode=onsite")
    assert "<form" in full.text and "Verification Engineer" in full.text
    fragment = client.get("/roles?work_mode=onsite", headers={"HX-Request": "true"})
    assert "<form" not in fragment.text and "<html" not in fragment.text
    assert "Verification Engineer" in fragment.text and "ML Engineer" not in fragment.text
    assert "1 role<" in fragment.text


def test_role_search_by_location(client: TestClient, world: dict[str, Any]) -> None:
    page = client.get("/roles?location=atlantis", headers={"HX-Request": "true"})
    assert "No role matches these filters." in page.text


def test_event_page_has_a_floor_plan_of_the_booths(
    client: TestClient, world: dict[str, Any]
) -> None:
    assert "/events/ai-day/floorplan.svg" in client.get("/events/ai-day").text
    plan = client.get("/events/ai-day/floorplan.svg")
    assert plan.headers["content-type"] == "image/svg+xml"
    assert "<title>A-1: Acme AI</title>" in plan.text
    assert "<title>B-2: Beta Chips</title>" in plan.text
    assert "Hall A" in plan.text and "Hall B" in plan.text
