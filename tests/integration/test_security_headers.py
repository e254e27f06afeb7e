"""Every response carries the security headers: each GET route of the app's route table (pages,
API, documents), static files, errors; and the templates hold nothing the policy would block."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from talentfoundry.config import Settings
from talentfoundry.web.security_headers import DOCS_POLICY, PAGE_POLICY, SVG_POLICY
from tests.integration.pagehelpers import page_login

pytestmark = pytest.mark.integration

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "talentfoundry" / "web" / "templates"


def _get_paths(client: TestClient, world: dict[str, Any]) -> list[str]:
    """Every GET route with its path parameters filled from the world (unknown ones get 1: a
    404 must carry the headers too)."""
    values = {
        "slug": "ai-day",
        "event_id": world["event"],
        "org_id": world["company_a"],
        "organisation_id": world["company_a"],
        "role_id": world["role_a"],
        "session_id": world["workshop"],
        "university_id": world["university"],
        "user_id": world["cand1"].id,
        "slot_id": world["slots"][0],
        "figure": "registrations",
    }
    paths = []
    for route in iter_route_contexts(client.app.routes):
        if not route.methods or "GET" not in route.methods or not route.path:
            continue
        paths.append(
            re.sub(r"\{(\w+)(:[^}]*)?\}", lambda m: str(values.get(m.group(1), 1)), route.path)
        )
    return sorted(set(paths))


def _assert_headers(response: Any, path: str) -> None:
    headers = response.headers
    where = f"{path} ({response.status_code})"
    content_type = headers.get("content-type", "")
    if content_type.startswith("image/svg+xml"):
        expected = SVG_POLICY
    elif path.startswith("/api/docs"):
        expected = DOCS_POLICY
    else:
        expected = PAGE_POLICY
    assert headers.get("content-security-policy") == expected, where
    assert "frame-ancestors 'none'" in expected
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("x-content-type-options") == "nosniff", where
    # Pages reached by a secret link (a token in the path) send no Referer at all.
    secret_link = path.startswith(("/password/reset/", "/confirm/"))
    referrer = "no-referrer" if secret_link else "strict-origin-when-cross-origin"
    assert headers.get("referrer-policy") == referrer, where
    assert "camera=(self)" in headers.get("permissions-policy", ""), where
    assert "strict-transport-security" not in headers, where  # plain http in tests


def test_every_get_route_answers_with_the_security_headers(
    client: TestClient, world: dict[str, Any]
) -> None:
    paths = _get_paths(client, world)
    assert len(paths) > 60  # the sweep really walked the route table
    assert {"/", "/login", "/me", "/events/ai-day", "/api/v1/events", "/api/docs"} <= set(paths)
    extras = ["/static/site.css", "/static/htmx.min.js", "/no/such/page", "/api/v1/no-such"]
    seen_statuses: set[int] = set()
    for who in (None, "organiser", "cand1"):
        if who is not None:
            page_login(client, world[who].email)
        for path in [*paths, *extras]:
            response = client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
            seen_statuses.add(response.status_code)
            _assert_headers(response, path)
    assert {200, 303, 403, 404} <= seen_statuses  # pages, redirects and errors were all checked


def test_posts_and_api_errors_carry_them_too(client: TestClient, world: dict[str, Any]) -> None:
    for response, path in (
        (client.post("/login", data={}), "/login"),
        (client.post("/api/v1/events", json={}), "/api/v1/events"),
        (client.post("/api/v1/auth/token", content=b"{not json"), "/api/v1/auth/token"),
    ):
        _assert_headers(response, path)


def test_hsts_is_sent_when_served_over_https(
    engine: Any, database_url: str, world: dict[str, Any]
) -> None:
    from talentfoundry.web.app import create_app

    app = create_app(Settings(database_url=database_url, environment="test", cookie_secure=True))
    with TestClient(app, base_url="https://testserver") as client:
        for path in ("/", "/api/v1/events", "/static/site.css"):
            assert client.get(path).headers["strict-transport-security"] == (
                "max-age=31536000; includeSubDomains"
            )


def test_htmx_is_told_not_to_inject_styles_and_pages_load_only_own_scripts(
    client: TestClient, world: dict[str, Any]
) -> None:
    page = client.get("/roles").text
    assert """content='{"includeIndicatorStyles": false, "allowEval": false}'""" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == [
        '<script src="/static/htmx.min.js" defer>',
        '<script src="/static/site.js" defer>',
    ]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_template_holds_what_the_policy_blocks(template: str) -> None:
    """No inline script, event-handler attribute, style attribute or element, or javascript:
    link: the policy would silently break them in the browser."""
    text = (TEMPLATES / template).read_text()
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"\sstyle\s*=|<style", text), "inline style"
    assert "javascript:" not in text
