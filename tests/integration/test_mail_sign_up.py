"""Mail at sign-up, through a real SMTP server: a new account is asked to confirm its address
(without being kept from logging in), and a sign-up with a registered address tells its owner.
On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.config import Settings
from talentfoundry.store.models import User
from tests.integration.pagehelpers import csrf_of, page_sign_up
from tests.integration.smtp_server import Inbox, body_parts, running_smtp_server

pytestmark = pytest.mark.integration

SITE = "https://fair.example.org"
PASSWORD = "Harbour-lights-26"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with running_smtp_server() as server:
        yield server


@pytest.fixture
def client(engine: Engine, database_url: str, inbox: Inbox) -> Iterator[TestClient]:
    from talentfoundry.web.app import create_app

    settings = Settings(
        database_url=database_url, environment="test", smtp_url=inbox.url, public_url=SITE
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _link(message: Any, path: str) -> str:
    text, html = body_parts(message)
    match = re.search(rf"{re.escape(SITE)}{path}\S*", text)
    assert match, text
    assert f'href="{match.group(0)}"' in html
    return urlsplit(match.group(0)).path


def _verified_at(engine: Engine, email: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(User.email_verified_at).where(User.email == email)).scalar_one()


def test_a_new_account_confirms_its_address_by_the_link(
    client: TestClient, inbox: Inbox, engine: Engine
) -> None:
    page_sign_up(client, "tomas.reyes@example.org", PASSWORD, "Tomás Reyes")  # logs in at once
    [message] = inbox.to("tomas.reyes@example.org")
    assert message["Subject"] == "Confirm your e-mail address for Talent Foundry"
    assert message["To"] == "Tomás Reyes <tomas.reyes@example.org>"
    text, _ = body_parts(message)
    assert "You can already log in and use your account" in " ".join(text.split())
    me = client.get("/me").text
    assert "Your e-mail address, tomas.reyes@example.org, is not confirmed yet." in me
    assert "Send a confirmation e-mail</button>" in me
    assert _verified_at(engine, "tomas.reyes@example.org") is None

    path = _link(message, "/confirm/")
    confirmed = client.get(path)
    assert "Thank you: your e-mail address is confirmed." in confirmed.text
    assert _verified_at(engine, "tomas.reyes@example.org") is not None
    assert "is not confirmed yet" not in client.get("/me").text

    used = client.get(path)
    assert used.status_code == 410
    assert "This link has expired or was already used." in used.text


def test_send_again_sends_one_new_link_however_often_it_is_pressed(
    client: TestClient, inbox: Inbox, engine: Engine
) -> None:
    csrf = page_sign_up(client, "ines.duarte@example.org", PASSWORD, "Inês Duarte")
    for _ in range(3):
        again = client.post("/me/confirm/send-again", data={"csrf": csrf})
        assert "We have sent a new confirmation link to ines.duarte@example.org" in again.text
    first, second = inbox.to("ines.duarte@example.org")
    newest = _link(second, "/confirm/")
    assert newest != _link(first, "/confirm/")
    client.cookies.clear()  # the link works without being logged in, too
    assert "your e-mail address is confirmed" in client.get(newest).text
    assert _verified_at(engine, "ines.duarte@example.org") is not None


def test_signing_up_with_a_registered_address_tells_its_owner(
    client: TestClient, inbox: Inbox
) -> None:
    page_sign_up(client, "owner.aiko@example.org", PASSWORD, "Aiko Sato")
    inbox.messages.clear()
    client.cookies.clear()
    for _ in range(2):  # tried twice within the hour: the owner is told once
        form = client.get("/signup")
        answer = client.post(
            "/signup",
            data={
                "email": "Owner.Aiko@example.org",
                "password": "Someone-else-99",
                "full_name": "Not Aiko",
                "timezone": "UTC",
                "csrf": csrf_of(form.text),
            },
        )
        assert "Thank you. Log in with this e-mail address and your password" in answer.text
    [message] = inbox.to("owner.aiko@example.org")
    assert message["To"] == "Aiko Sato <owner.aiko@example.org>"
    assert message["Subject"] == (
        "Someone tried to create a Talent Foundry account with your address"
    )
    text, html = body_parts(message)
    flat = " ".join(text.split())
    assert "You already have an account, so nothing was created and nothing changed." in flat
    assert f'<a href="{SITE}/login">log in with your password</a>' in html
    forgot = _link(message, "/password/forgot")
    assert "Forgot your password?" in client.get(forgot).text
    # The impostor's password opens nothing.
    login = client.post(
        "/login",
        data={
            "email": "owner.aiko@example.org",
            "password": "Someone-else-99",
            "csrf": csrf_of(client.get("/login").text),
        },
    )
    assert "Wrong e-mail or password." in login.text


def test_the_api_sign_up_sends_the_confirmation_too(client: TestClient, inbox: Inbox) -> None:
    answer = client.post(
        "/api/v1/auth/register",
        json={"email": "api.signup@example.org", "password": PASSWORD, "full_name": "Ravi Nair"},
    )
    assert answer.status_code == 202, answer.text
    [message] = inbox.to("api.signup@example.org")
    assert "/confirm/" in body_parts(message)[0]


def test_a_name_with_a_line_break_is_refused_in_the_persons_words(
    client: TestClient, inbox: Inbox, engine: Engine
) -> None:
    # A line break in the name would land in the To: header of every message to this person.
    answer = client.post(
        "/api/v1/auth/register",
        json={"email": "eve@example.org", "password": PASSWORD, "full_name": "Eve\nBcc: x@y.org"},
    )
    assert answer.status_code == 422
    assert "Please write your full name on one line, without line breaks or tabs." in answer.text
    assert "full_name" in answer.text
    token = csrf_of(client.get("/signup").text)
    page = client.post(
        "/signup",
        data={
            "email": "eve@example.org",
            "password": PASSWORD,
            "full_name": "Eve\tBcc: x@y.org",
            "timezone": "UTC",
            "csrf": token,
        },
    )
    assert "Please write your full name on one line, without line breaks or tabs." in page.text
    with engine.connect() as conn:
        assert conn.execute(select(User.id).where(User.email == "eve@example.org")).first() is None
    assert inbox.messages == []


def test_the_confirmation_link_leaves_the_stored_message_once_sent(
    client: TestClient, inbox: Inbox, engine: Engine
) -> None:
    from talentfoundry.store.mail_models import OutgoingMessage

    client.post(
        "/api/v1/auth/register",
        json={"email": "mei.lin@example.org", "password": PASSWORD, "full_name": "Mei Lin"},
    )
    [message] = inbox.to("mei.lin@example.org")
    path = _link(message, "/confirm/")  # the mail carried the working link
    with engine.connect() as conn:
        text, html, status = conn.execute(
            select(OutgoingMessage.body_text, OutgoingMessage.body_html, OutgoingMessage.status)
        ).one()
    assert status == "sent"
    assert path not in text and path not in html
    assert "[link removed after sending]" in text and "[link removed after sending]" in html
    assert "Mei Lin" in text  # the rest of the message is kept
    assert "Thank you: your e-mail address is confirmed." in client.get(path).text
