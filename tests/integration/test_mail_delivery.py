"""Delivery of queued mail: kept in the outbox without a mail server (and readable by admins),
retried then failed with the reason when the server is down, failed at once when it refuses the
mailbox, and never sent twice. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.config import Settings
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import accounts, mail
from talentfoundry.services.schemas import UserIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.mail_models import OutgoingMessage
from tests.integration.pagehelpers import csrf_of
from tests.integration.smtp_server import Inbox, free_port, running_smtp_server

pytestmark = pytest.mark.integration

PASSWORD = "Quiet-orchard-38"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with running_smtp_server() as server:
        yield server


def _person(engine: Engine, email: str, role: UserRole = UserRole.CANDIDATE) -> None:
    with transaction(make_session_factory(engine)) as db:
        accounts.create_user(
            db,
            UserIn(
                email=email,
                password=PASSWORD,
                full_name=email.split("@")[0].replace(".", " ").title(),
                role=role,
            ),
        )


def _client(database_url: str, **settings: Any) -> TestClient:
    from talentfoundry.web.app import create_app

    return TestClient(
        create_app(Settings(database_url=database_url, environment="test", **settings))
    )


def _forgot(client: TestClient, email: str) -> Any:
    token = csrf_of(client.get("/password/forgot").text)
    return client.post("/password/forgot", data={"email": email, "csrf": token})


def _messages(engine: Engine) -> list[OutgoingMessage]:
    with make_session_factory(engine)() as db:
        return list(db.scalars(select(OutgoingMessage).order_by(OutgoingMessage.id)))


def test_without_a_mail_server_messages_wait_in_the_outbox_for_admins(
    engine: Engine, database_url: str
) -> None:
    _person(engine, "lena.fischer@example.org")
    _person(engine, "root.admin@example.org", UserRole.ADMIN)
    with _client(database_url) as client:
        answer = _forgot(client, "lena.fischer@example.org")
        assert "we have sent it an e-mail with a link" in answer.text
        [message] = _messages(engine)
        assert (message.status, message.attempts, message.sent_at) == ("outbox", 0, None)

        # A candidate may not read the outbox.
        token = csrf_of(client.get("/login").text)
        client.post(
            "/login",
            data={"email": "lena.fischer@example.org", "password": PASSWORD, "csrf": token},
        )
        refused = client.get("/admin/outbox")
        assert refused.status_code == 403 and "This page is for admins." in refused.text

        client.cookies.clear()
        token = csrf_of(client.get("/login").text)
        client.post(
            "/login", data={"email": "root.admin@example.org", "password": PASSWORD, "csrf": token}
        )
        page = client.get("/admin/outbox").text
    assert "No mail server is set up, so messages are kept here and not sent." in page
    assert "lena.fischer@example.org" in page
    assert "Choose a new password for Talent Foundry" in page
    assert "kept here, not sent" in page
    assert re.search(r"http://127\.0\.0\.1:8000/password/reset/[\w-]{20,}", page)  # demo: shown


def test_a_server_that_does_not_answer_is_tried_again_then_the_message_fails(
    engine: Engine, database_url: str
) -> None:
    _person(engine, "kofi.mensah@example.org")
    settings = Settings(
        database_url=database_url,
        environment="test",
        smtp_url=f"smtp://127.0.0.1:{free_port()}",  # nothing listens there
        mail_max_attempts=2,
    )
    with _client(database_url, smtp_url=settings.smtp_url, mail_max_attempts=2) as client:
        answer = _forgot(client, "kofi.mensah@example.org")
    assert answer.status_code == 200
    assert "we have sent it an e-mail with a link" in answer.text  # the person sees no error
    [message] = _messages(engine)
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error.startswith("Could not reach the mail server smtp://127.0.0.1:")

    factory = make_session_factory(engine)
    early = mail.deliver_pending(factory, settings)  # before its next try is due: left alone
    assert early.sent == early.retrying == early.failed == []
    later = mail.deliver_pending(factory, settings, now=utcnow() + timedelta(minutes=2))
    assert later.failed == [message.id]
    [message] = _messages(engine)
    assert (message.status, message.attempts, message.sent_at) == ("failed", 2, None)
    assert "Could not reach the mail server" in message.last_error


def test_a_refused_mailbox_fails_at_once_with_the_servers_words(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    _person(engine, "gone.away@example.org")
    inbox.refuse.add("gone.away@example.org")
    with _client(database_url, smtp_url=inbox.url) as client:
        _forgot(client, "gone.away@example.org")
    [message] = _messages(engine)
    assert (message.status, message.attempts) == ("failed", 1)
    assert "550" in message.last_error and "No such mailbox here" in message.last_error
    assert inbox.messages == []


def test_a_message_is_sent_once_however_often_delivery_runs(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    _person(engine, "single.copy@example.org")
    settings = Settings(database_url=database_url, environment="test", smtp_url=inbox.url)
    factory = make_session_factory(engine)
    with transaction(factory) as db:
        user = accounts.find_by_email(db, "single.copy@example.org")
        assert user is not None
        for _ in range(2):  # the same trigger twice: one message
            mail.queue(
                db,
                settings,
                to=user,
                kind="sign_up_attempt",
                subject="A sentence written for this test",
                context={"login_link": "https://x.example/login", "forgot_link": "https://x/f"},
                idempotency_key="test:single-copy",
            )
    first = mail.deliver_pending(factory, settings)
    second = mail.deliver_pending(factory, settings, now=utcnow() + timedelta(hours=1))
    assert len(first.sent) == 1 and second.sent == []
    assert [m["Subject"] for m in inbox.to("single.copy@example.org")] == [
        "A sentence written for this test"
    ]
    [message] = _messages(engine)
    assert message.status == "sent" and message.sent_at is not None and message.attempts == 1


def test_in_production_the_outbox_hides_links_that_open_an_account(
    engine: Engine, database_url: str
) -> None:
    from talentfoundry.web.app import create_app

    _person(engine, "noor.haddad@example.org")
    _person(engine, "ops.admin@example.org", UserRole.ADMIN)
    settings = Settings(
        database_url=database_url,
        environment="production",
        secret_key="kq3T8v0Rz_pLw2Nx5cYb7Hd9Jm4Fs6Gt-production-test",
        cookie_secure=False,  # the test client speaks plain http
    )
    app = create_app(settings)
    client = TestClient(app)  # not started: production would warm the match index at start
    try:
        _forgot(client, "noor.haddad@example.org")
        token = csrf_of(client.get("/login").text)
        client.post(
            "/login", data={"email": "ops.admin@example.org", "password": PASSWORD, "csrf": token}
        )
        page = client.get("/admin/outbox").text
    finally:
        app.state.engine.dispose()
    assert "Choose a new password for Talent Foundry" in page
    assert (
        "Hidden: this message holds a link that opens the account of the person it is for."
    ) in page
    assert "/password/reset/" not in page


def _queue_note(engine: Engine, settings: Settings, email: str, key: str) -> int:
    """Queue a plain (non-secret) message to the person with ``email``; its id."""
    with transaction(make_session_factory(engine)) as db:
        user = accounts.find_by_email(db, email)
        assert user is not None
        message = mail.queue(
            db,
            settings,
            to=user,
            kind="sign_up_attempt",
            subject=f"Note {key}",
            context={"login_link": "https://x.example/login", "forgot_link": "https://x/f"},
            idempotency_key=key,
        )
        assert message is not None
        return message.id


def test_a_message_that_cannot_be_written_fails_alone_and_its_batch_goes_out(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    settings = Settings(database_url=database_url, environment="test", smtp_url=inbox.url)
    for email in ("first.one@example.org", "broken.name@example.org", "last.one@example.org"):
        _person(engine, email)
    # A name stored before the schemas refused line breaks: it cannot go in a To: header.
    with transaction(make_session_factory(engine)) as db:
        broken = accounts.find_by_email(db, "broken.name@example.org")
        assert broken is not None
        broken.full_name = "Eve\nBcc: someone@example.org"
    first = _queue_note(engine, settings, "first.one@example.org", "t:first")
    bad = _queue_note(engine, settings, "broken.name@example.org", "t:bad")
    last = _queue_note(engine, settings, "last.one@example.org", "t:last")

    report = mail.deliver_pending(make_session_factory(engine), settings)
    assert (report.sent, report.failed) == ([first, last], [bad])
    assert sorted(str(m["To"]) for m in inbox.messages) == [
        "First One <first.one@example.org>",
        "Last One <last.one@example.org>",
    ]
    states = {m.id: (m.status, m.last_error or "") for m in _messages(engine)}
    assert states[first] == ("sent", "") and states[last] == ("sent", "")
    assert states[bad][0] == "failed"
    assert states[bad][1].startswith("The message could not be written:")
    # Nothing is left claimed, so nothing is sent again when the claims would go stale.
    again = mail.deliver_pending(
        make_session_factory(engine), settings, now=utcnow() + timedelta(hours=1)
    )
    assert again.sent == again.failed == [] and len(inbox.messages) == 2


def test_a_claim_interrupted_as_often_as_tries_are_allowed_fails_instead_of_resending(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    settings = Settings(
        database_url=database_url, environment="test", smtp_url=inbox.url, mail_max_attempts=3
    )
    _person(engine, "crash.loop@example.org")
    _person(engine, "one.crash@example.org")
    worn = _queue_note(engine, settings, "crash.loop@example.org", "t:worn")
    fresh = _queue_note(engine, settings, "one.crash@example.org", "t:fresh")
    long_ago = utcnow() - timedelta(hours=1)
    with transaction(make_session_factory(engine)) as db:  # as left by processes that died
        for message_id, attempts in ((worn, 3), (fresh, 1)):
            row = db.get(OutgoingMessage, message_id)
            assert row is not None
            row.status, row.claimed_at, row.attempts = "sending", long_ago, attempts

    report = mail.deliver_pending(make_session_factory(engine), settings)
    assert report.failed == [worn] and report.sent == [fresh]
    assert [str(m["To"]) for m in inbox.messages] == ["One Crash <one.crash@example.org>"]
    states = {m.id: (m.status, m.attempts, m.last_error) for m in _messages(engine)}
    assert states[worn] == (
        "failed",
        3,
        "Sending was interrupted 3 times (the process ended while sending it); given up.",
    )
    assert states[fresh] == ("sent", 2, None)


def test_a_reset_link_is_blanked_out_of_the_stored_message_once_sent_or_failed(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    _person(engine, "amara.obi@example.org")
    _person(engine, "left.company@example.org")
    inbox.refuse.add("left.company@example.org")
    with _client(database_url, smtp_url=inbox.url) as client:
        _forgot(client, "amara.obi@example.org")
        _forgot(client, "left.company@example.org")
    [arrived] = inbox.to("amara.obi@example.org")
    link = re.search(r"http://127\.0\.0\.1:8000/password/reset/[\w-]{20,}", str(arrived))
    assert link, "the mail itself carries the working link"
    sent, failed = _messages(engine)
    assert (sent.status, failed.status) == ("sent", "failed")
    for message in (sent, failed):
        for body in (message.body_text, message.body_html):
            assert "/password/reset/" not in body
            assert "[link removed after sending]" in body
        assert "Choose a new password" in message.subject  # the rest is kept for the log


def test_in_production_every_reader_of_the_outbox_gets_the_link_hidden(
    engine: Engine, database_url: str
) -> None:
    _person(engine, "hana.sato@example.org")
    _person(engine, "ops.lead@example.org", UserRole.ADMIN)
    with _client(database_url) as client:  # no mail server: the message stays in the outbox
        _forgot(client, "hana.sato@example.org")
    production = Settings(
        database_url=database_url,
        environment="production",
        secret_key="kq3T8v0Rz_pLw2Nx5cYb7Hd9Jm4Fs6Gt-production-test",
    )
    with transaction(make_session_factory(engine)) as db:
        admin = accounts.find_by_email(db, "ops.lead@example.org")
        assert admin is not None
        [listed] = mail.list_messages(db, admin, production).items
        assert listed.body_text == listed.body_html == mail.HIDDEN
        assert listed.subject == "Choose a new password for Talent Foundry"
        [shown] = mail.list_messages(db, admin, Settings(environment="test")).items
        assert "/password/reset/" in shown.body_text  # a demo fair: the admin delivers it
    [stored] = _messages(engine)  # hiding it in a listing never wrote over the message
    assert "/password/reset/" in stored.body_text and "/password/reset/" in stored.body_html


def test_foundry_mail_deliver_sends_the_retries_that_are_due(
    engine: Engine, database_url: str, inbox: Inbox
) -> None:
    from typer.testing import CliRunner

    from talentfoundry.cli import app
    from talentfoundry.config import get_settings

    settings = Settings(database_url=database_url, environment="test", smtp_url=inbox.url)
    _person(engine, "due.now@example.org")
    _person(engine, "due.later@example.org")
    due = _queue_note(engine, settings, "due.now@example.org", "t:due")
    later = _queue_note(engine, settings, "due.later@example.org", "t:later")
    with transaction(make_session_factory(engine)) as db:  # both failed once, as after an outage
        for message_id, wait in ((due, timedelta(minutes=-1)), (later, timedelta(hours=1))):
            row = db.get(OutgoingMessage, message_id)
            assert row is not None
            row.attempts, row.last_error = 1, "Could not reach the mail server"
            row.next_attempt_at = utcnow() + wait
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            app,
            ["mail", "deliver", "--database-url", database_url],
            env={"TALENTFOUNDRY_SMTP_URL": inbox.url, "TALENTFOUNDRY_ENVIRONMENT": "test"},
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sent 1, failed 0, waiting 1"
    assert [str(m["To"]) for m in inbox.messages] == ["Due Now <due.now@example.org>"]
    states = {m.id: m.status for m in _messages(engine)}
    assert states == {due: "sent", later: "queued"}
