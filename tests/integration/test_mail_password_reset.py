"""Forgot password, end to end through a real SMTP server: the e-mail that arrives, its link
followed with the test client, a link that works once and expires, and the old password and old
sessions that stop working. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.config import Settings
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import accounts
from talentfoundry.services.schemas import UserIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.mail_models import OneTimeLink, OutgoingMessage
from tests.integration.pagehelpers import csrf_of
from tests.integration.smtp_server import Inbox, body_parts, running_smtp_server

pytestmark = pytest.mark.integration

SITE = "https://fair.example.org"
OLD = "Lantern-harbour-41"
NEW = "Copper-meadow-77"
EMAIL = "mira.okafor@example.org"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with running_smtp_server() as server:
        yield server


def _app(database_url: str, inbox: Inbox, **overrides: Any) -> Any:
    from talentfoundry.web.app import create_app

    settings = Settings(
        database_url=database_url,
        environment="test",
        smtp_url=inbox.url,
        public_url=SITE,
        mail_from="Fair team <fair@example.org>",
        **overrides,
    )
    return create_app(settings)


@pytest.fixture
def app(engine: Engine, database_url: str, inbox: Inbox) -> Any:
    with transaction(make_session_factory(engine)) as db:
        accounts.create_user(
            db,
            UserIn(
                email=EMAIL,
                password=OLD,
                full_name="Mira Okafor",
                role=UserRole.CANDIDATE,
                timezone="Africa/Lagos",
            ),
        )
    return _app(database_url, inbox)


def _log_in(client: TestClient, password: str) -> Any:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"email": EMAIL, "password": password, "csrf": token})


def _ask_for_link(client: TestClient, email: str = EMAIL) -> Any:
    page = client.get("/password/forgot")
    return client.post("/password/forgot", data={"email": email, "csrf": csrf_of(page.text)})


def _link_in(inbox: Inbox) -> str:
    [message] = inbox.to(EMAIL)
    text, _ = body_parts(message)
    match = re.search(r"https://\S+/password/reset/\S+", text)
    assert match, text
    return match.group(0)


def test_the_reset_mail_arrives_with_both_parts_and_a_link_that_works_once(
    app: Any, inbox: Inbox
) -> None:
    with TestClient(app) as old_browser, TestClient(app) as client:
        assert _log_in(old_browser, OLD).url.path == "/me"
        api_token = client.post("/api/v1/auth/token", json={"email": EMAIL, "password": OLD})
        bearer = {"Authorization": f"Bearer {api_token.json()['access_token']}"}

        login_page = client.get("/login").text
        assert 'href="/password/forgot">Forgot your password?</a>' in login_page
        answer = _ask_for_link(client)
        assert "If an account uses mira.okafor@example.org, we have sent it an e-mail" in (
            answer.text
        )

        [message] = inbox.to(EMAIL)
        assert message["Subject"] == "Choose a new password for Talent Foundry"
        assert message["From"] == "Fair team <fair@example.org>"
        assert message["To"] == "Mira Okafor <mira.okafor@example.org>"
        assert message["Message-ID"].endswith("@example.org>")
        assert message["Date"] is not None
        assert message["List-Unsubscribe"] is None  # about their own account: transactional
        text, html = body_parts(message)
        link = _link_in(inbox)
        assert link.startswith(f"{SITE}/password/reset/")  # the configured site, not the Host
        assert "Hello Mira Okafor," in text and "within 60 minutes" in text
        assert f'<a href="{link}"' in html and "Choose a new password</a>" in html

        path = urlsplit(link).path
        form = client.get(path)
        assert form.status_code == 200 and "Save the new password" in form.text
        assert form.headers["cache-control"] == "no-store"
        assert form.headers["referrer-policy"] == "no-referrer"  # the token stays in the page
        done = client.post(path, data={"new_password": NEW, "csrf": csrf_of(form.text)})
        assert done.url.path == "/login"
        assert "Your new password is saved and you are logged out everywhere" in done.text

        # The browser and the API token that were in before the reset are out.
        assert old_browser.get("/me", follow_redirects=False).headers["location"] == "/login"
        refused = client.get("/api/v1/me", headers=bearer)
        assert "invalid or has expired" in refused.json()["detail"]
        # The old password no longer opens the account; the new one does.
        assert "Wrong e-mail or password." in _log_in(client, OLD).text
        assert _log_in(client, NEW).url.path == "/me"

        # The link worked once.
        client.cookies.clear()
        again = client.get(path)
        assert again.status_code == 410
        assert "This link has expired or was already used." in again.text
        replay = client.post(
            path, data={"new_password": "Other-river-5", "csrf": csrf_of(client.get("/login").text)}
        )
        assert replay.status_code == 410
        assert _log_in(client, NEW).url.path == "/me"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app: Any, inbox: Inbox) -> None:
    with TestClient(app) as client:
        known = _ask_for_link(client, EMAIL)
        unknown = _ask_for_link(client, "nobody.here@example.org")
    assert known.status_code == unknown.status_code == 200
    assert unknown.text.replace("nobody.here@example.org", EMAIL) == known.text
    assert [str(m["To"]) for m in inbox.messages] == ["Mira Okafor <mira.okafor@example.org>"]


def test_the_link_stops_working_when_its_hour_is_over(
    app: Any, inbox: Inbox, engine: Engine
) -> None:
    with TestClient(app) as client:
        _ask_for_link(client)
        path = urlsplit(_link_in(inbox)).path
        app.state.clock = lambda: utcnow() + timedelta(minutes=61)
        late = client.get(path)
        assert late.status_code == 410 and "expired or was already used" in late.text
        token = csrf_of(client.get("/login").text)
        refused = client.post(path, data={"new_password": NEW, "csrf": token})
        assert refused.status_code == 410
        app.state.clock = None
        assert _log_in(client, OLD).url.path == "/me"  # the password did not change
    with engine.connect() as conn:
        [digest] = conn.execute(select(OneTimeLink.token_sha256)).scalars()
    assert digest not in path and len(digest) == 64  # only the token's digest is stored


def test_a_weak_new_password_is_refused_and_the_link_still_works(app: Any, inbox: Inbox) -> None:
    with TestClient(app) as client:
        _ask_for_link(client)
        path = urlsplit(_link_in(inbox)).path
        form = client.get(path)
        weak = client.post(path, data={"new_password": "short", "csrf": csrf_of(form.text)})
        assert weak.status_code == 422
        assert "Password must be at least 10 characters long." in weak.text
        done = client.post(path, data={"new_password": NEW, "csrf": csrf_of(weak.text)})
        assert done.url.path == "/login"


def test_asking_too_often_is_refused_with_the_wait(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    app = _app(database_url, inbox, password_reset_limit_per_account="2 per hour")
    with TestClient(app) as client:
        for _ in range(2):
            assert _ask_for_link(client, "lost@example.org").status_code == 200
        refused = _ask_for_link(client, "lost@example.org")
    assert refused.status_code == 429
    assert "Too many password-reset requests for this account." in refused.text
    assert int(refused.headers["retry-after"]) > 0


def test_a_blank_address_is_asked_for_again(app: Any, engine: Engine) -> None:
    with TestClient(app) as client:
        answer = _ask_for_link(client, "  ")
    assert answer.status_code == 422
    assert "Enter the e-mail address you log in with." in answer.text
    with engine.connect() as conn:
        assert conn.execute(select(OutgoingMessage.id)).first() is None
