"""How an outgoing message is put together and where it goes (no database, no network)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from jinja2 import UndefinedError

from talentfoundry.config import Settings
from talentfoundry.services import mail
from talentfoundry.store.mail_models import OutgoingMessage
from talentfoundry.store.models import User

pytestmark = pytest.mark.unit

SENT = datetime(2027, 3, 18, 8, 30, tzinfo=UTC)


def _message(**overrides: object) -> OutgoingMessage:
    values: dict[str, object] = {
        "to_address": "yusuf.demir@example.org",
        "kind": "announcement",
        "subject": "Doors open at nine on Thursday",
        "body_text": "The hall opens at nine; bring your badge.",
        "body_html": "<p>The hall opens at <b>nine</b>; bring your badge.</p>",
        "transactional": True,
        "message_id": "<abc.123@fair.example.org>",
    }
    values.update(overrides)
    message = OutgoingMessage(**values)
    message.user = User(full_name="Yusuf Demir", email="yusuf.demir@example.org")
    return message


def test_a_message_has_both_parts_and_the_headers_mail_programs_need() -> None:
    settings = Settings(mail_from="Fair team <fair@example.org>")
    email = mail.build_email(_message(), settings, SENT)
    assert email["From"] == "Fair team <fair@example.org>"
    assert email["To"] == "Yusuf Demir <yusuf.demir@example.org>"
    assert email["Message-ID"] == "<abc.123@fair.example.org>"
    assert email["Date"] == "Thu, 18 Mar 2027 08:30:00 +0000"
    assert email["Auto-Submitted"] == "auto-generated"
    assert email["List-Unsubscribe"] is None
    assert email.get_content_type() == "multipart/alternative"
    assert email.get_body(("plain",)).get_content().strip() == (
        "The hall opens at nine; bring your badge."
    )
    assert "<b>nine</b>" in email.get_body(("html",)).get_content()


def test_a_message_that_is_not_about_ones_own_account_says_how_to_stop_them() -> None:
    message = _message(transactional=False, unsubscribe_url="https://fair.example.org/me/mail")
    email = mail.build_email(message, Settings(), SENT)
    assert email["List-Unsubscribe"] == "<https://fair.example.org/me/mail>"


def test_queueing_such_a_message_without_an_unsubscribe_page_is_refused() -> None:
    with pytest.raises(ValueError, match="needs an unsubscribe_url"):
        mail.queue(
            None,  # type: ignore[arg-type]  # refused before the database is touched
            Settings(),
            to=User(full_name="Yusuf Demir", email="yusuf.demir@example.org"),
            kind="announcement",
            subject="Doors open at nine",
            context={},
            idempotency_key="x",
            transactional=False,
        )


@pytest.mark.parametrize(
    ("url", "starttls", "expected"),
    [
        ("smtp://127.0.0.1:2525", False, ("127.0.0.1", 2525, None, None, False, False)),
        (
            "smtp://fair%40example.org:p%3Ass@mail.example.org:587",
            True,
            ("mail.example.org", 587, "fair@example.org", "p:ss", False, True),
        ),
        ("smtps://u:pw@mail.example.org", True, ("mail.example.org", 465, "u", "pw", True, False)),
        ("smtp://mail.example.org", False, ("mail.example.org", 25, None, None, False, False)),
    ],
)
def test_the_mail_server_is_read_from_its_url(
    url: str, starttls: bool, expected: tuple[object, ...]
) -> None:
    server = mail.smtp_server(Settings(smtp_url=url, smtp_starttls=starttls))
    assert server is not None
    found = (server.host, server.port, server.username, server.password)
    assert (*found, server.tls, server.starttls) == expected
    assert "pw" not in str(server) and "p:ss" not in str(server)  # logs never show the password


def test_no_url_means_no_server_and_a_wrong_scheme_is_refused_at_start() -> None:
    assert mail.smtp_server(Settings()) is None
    with pytest.raises(ValueError, match="must look like smtp://user:password@host:587"):
        Settings(smtp_url="http://mail.example.org")


def test_every_mail_template_renders_and_a_missing_value_is_an_error() -> None:
    text, html = mail.render(
        "password_reset",
        {
            "name": "Ana Lima",
            "site": "https://f.example",
            "link": "https://f.example/p/t",
            "minutes": 60,
        },
    )
    assert "Hello Ana Lima," in text and "within 60 minutes" in text
    assert (
        '<a href="https://f.example/p/t"' in html and "<title>Choose a new password</title>" in html
    )
    with pytest.raises(UndefinedError):
        mail.render("password_reset", {"name": "Ana Lima", "site": "https://f.example"})


def test_names_are_escaped_in_the_html_part_only() -> None:
    context = {
        "name": "<script>x</script>",
        "site": "https://f.example",
        "link": "https://f.example/c/t",
        "hours": 72,
    }
    text, html = mail.render("confirm_email", context)
    assert "Hello <script>x</script>," in text
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize(
    "name", ["Eve\nBcc: x@example.org", "Eve\r\nX: y", "Eve\tAdams", "Eve\x1b"]
)
def test_a_person_s_name_is_one_line_since_it_goes_into_the_to_header(name: str) -> None:
    from pydantic import ValidationError

    from talentfoundry.domain.enums import UserRole
    from talentfoundry.services.messages import messages_of
    from talentfoundry.services.schemas import UserIn

    with pytest.raises(ValidationError) as caught:
        UserIn(email="eve@example.org", password="x", full_name=name, role=UserRole.CANDIDATE)
    [problem] = messages_of(caught.value.errors(), UserIn)
    assert (problem.field, problem.message) == (
        "full_name",
        "Please write the person's full name on one line, without line breaks or tabs.",
    )
