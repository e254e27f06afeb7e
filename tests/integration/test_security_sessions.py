"""Page sessions live on the server: the cookie is an opaque id, logout and "log out everywhere"
end sessions for good, and a password change (page or API) ends every other session and token
while keeping the person who changed it signed in."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from talentfoundry.config import Settings
from talentfoundry.store.models import ApiToken, WebSession
from tests.integration.pagehelpers import csrf_of, page_login
from tests.integration.worldbuilder import PASSWORD, login

pytestmark = pytest.mark.integration

NEW_PASSWORD = "Brand-new-pass-9"


def _count(engine: Engine, model: Any, user_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(model).where(model.user_id == user_id)
        ).scalar_one()


def _browser(client: TestClient) -> TestClient:
    """A second browser on the same server (its own cookie jar)."""
    return TestClient(client.app)


def _logged_in(client: TestClient) -> bool:
    return client.get("/me", follow_redirects=False).status_code == 200


def test_the_cookie_is_an_opaque_http_only_lax_id_and_the_row_keeps_only_its_hash(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    form = client.get("/login")
    anonymous = client.cookies["tf_session"]
    response = client.post(
        "/login",
        data={"email": world["cand1"].email, "password": PASSWORD, "csrf": csrf_of(form.text)},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    value = re.match(r"tf_session=([A-Za-z0-9_-]{43});", cookie)  # random bytes, no user data
    assert value is not None and value.group(1) != anonymous  # a new id at login
    attributes = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert attributes == {"Path", "HttpOnly", "SameSite", "Max-Age"}  # no Secure over http
    assert "SameSite=Lax" in cookie and "Max-Age=43200" in cookie
    with engine.connect() as conn:
        stored = conn.execute(select(WebSession.id_sha256)).scalars().all()
    assert stored == [hashlib.sha256(value.group(1).encode()).hexdigest()]


def test_the_cookie_is_secure_when_served_over_https(
    engine: Engine, database_url: str, world: dict[str, Any]
) -> None:
    from talentfoundry.web.app import create_app

    app = create_app(Settings(database_url=database_url, environment="test", cookie_secure=True))
    with TestClient(app, base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"]
    assert "; Secure" in cookie and "HttpOnly" in cookie


def test_logout_ends_the_session_even_for_a_copy_of_the_cookie(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    token = page_login(client, world["cand1"].email)
    copy = _browser(client)
    copy.cookies.set("tf_session", client.cookies["tf_session"])
    assert _logged_in(copy)
    client.post("/logout", data={"csrf": token})
    assert not _logged_in(client)
    assert not _logged_in(copy)  # the stolen copy opens nothing either
    assert _count(engine, WebSession, world["cand1"].id) == 0


def test_a_forged_cookie_opens_nothing(client: TestClient, world: dict[str, Any]) -> None:
    for forged in ("eyJ1aWQiOiAxfQ==.forged", "A" * 43, str(world["admin"].id)):
        client.cookies.set("tf_session", forged)
        assert client.get("/me", follow_redirects=False).headers["location"] == "/login"


def test_log_out_everywhere_ends_every_browser_and_token(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    me = world["organiser"]
    other = _browser(client)
    page_login(other, me.email)
    token = page_login(client, me.email)
    page = client.get("/me/security").text
    assert page.count("<td>Python</td>") == 2  # both browsers are listed (TestClient's agent)
    response = client.post("/me/sessions/end-all", data={"csrf": token})
    assert response.url.path == "/login"
    assert "You are logged out everywhere: every browser and API token." in response.text
    assert not _logged_in(client) and not _logged_in(other)
    assert client.get("/api/v1/me", headers=me.headers).status_code == 401
    assert _count(engine, WebSession, me.id) == 0 and _count(engine, ApiToken, me.id) == 0


def test_changing_the_password_on_the_page_keeps_this_browser_and_ends_the_rest(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    me = world["cand1"]
    other = _browser(client)
    page_login(other, me.email)
    token = page_login(client, me.email)
    wrong = client.post(
        "/me/password",
        data={"csrf": token, "current_password": "Guess-work-11", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422
    assert 'id="current_password-error"' in wrong.text
    assert "The current password is not right." in wrong.text
    weak = client.post(
        "/me/password",
        data={"csrf": token, "current_password": PASSWORD, "new_password": "short"},
    )
    assert weak.status_code == 422 and 'id="new_password-error"' in weak.text
    assert _logged_in(other)  # refused changes end nothing

    changed = client.post(
        "/me/password",
        data={"csrf": token, "current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.url.path == "/me/security"
    assert "Password changed. Every other browser and API token is logged out." in changed.text
    assert _logged_in(client)
    assert not _logged_in(other)
    assert client.get("/api/v1/me", headers=me.headers).status_code == 401
    assert _count(engine, WebSession, me.id) == 1 and _count(engine, ApiToken, me.id) == 0
    old = {"email": me.email, "password": PASSWORD}
    assert client.post("/api/v1/auth/token", json=old).status_code == 401
    new = {"email": me.email, "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/token", json=new).status_code == 200


def test_changing_the_password_through_the_api_returns_the_only_token_left(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    me = world["recruiter_b"]
    browser = _browser(client)
    page_login(browser, me.email)
    second_token = login(client, me.email)
    response = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=me.headers,
    )
    assert response.status_code == 200, response.text
    fresh = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=fresh).json()["email"] == me.email
    for old in (me.headers, second_token):
        assert client.get("/api/v1/me", headers=old).status_code == 401
    assert not _logged_in(browser)
    assert _count(engine, ApiToken, me.id) == 1 and _count(engine, WebSession, me.id) == 0


def test_logout_everywhere_through_the_api(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    me = world["staff"]
    browser = _browser(client)
    page_login(browser, me.email)
    assert client.post("/api/v1/auth/logout-everywhere", headers=me.headers).status_code == 204
    assert client.get("/api/v1/me", headers=me.headers).status_code == 401
    assert not _logged_in(browser)
    assert _count(engine, WebSession, me.id) == 0


def test_erasing_the_account_ends_its_other_sessions(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    me = world["cand2"]
    other = _browser(client)
    page_login(other, me.email)
    token = page_login(client, me.email)
    response = client.post("/me/delete", data={"csrf": token, "password": PASSWORD})
    assert response.url.path == "/goodbye"
    assert not _logged_in(other)
    assert _count(engine, WebSession, me.id) == 0


def test_a_notice_kept_in_the_session_survives_the_redirect(
    client: TestClient, world: dict[str, Any]
) -> None:
    """``request.session`` is stored in the session row (the organiser's "account created")."""
    token = page_login(client, world["organiser"].email)
    response = client.post(
        f"/organiser/events/{world['event']}/accounts",
        data={
            "csrf": token,
            "email": "new.recruiter@example.org",
            "password": "Fresh-start-42",
            "full_name": "New Recruiter",
            "role": "recruiter",
            "organisation_id": str(world["company_a"]),
            "timezone": "",
        },
    )
    assert '<strong id="created-email">new.recruiter@example.org</strong>' in response.text
    again = client.get(f"/organiser/events/{world['event']}/accounts")
    assert 'id="created-email"' not in again.text  # shown once
