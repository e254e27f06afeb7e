"""Forgotten password in a real Chromium, as a person does it: the link on the login page, the
same answer for any address, the e-mail's link (read from the outbox: the browser fair has no
mail server, as the embedded default), a new password, then logging in with it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Lantern-Harbour-42"


def _reset_link(fair: dict[str, Any], email: str) -> str:
    from sqlalchemy import select

    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.mail_models import OutgoingMessage

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        bodies = db.scalars(
            select(OutgoingMessage.body_text)
            .where(OutgoingMessage.to_address == email)
            .order_by(OutgoingMessage.id.desc())
        ).all()
    links = [m.group(0) for b in bodies if (m := re.search(r"https?://\S*/password/reset/\S+", b))]
    assert links, f"no reset e-mail for {email} in the outbox"
    return links[0]


@pytest.fixture
def own_password_back(fair: dict[str, Any]) -> Iterator[None]:
    """The browser tests share one fair: give cand2 the world's password back afterwards."""
    yield
    from talentfoundry.services.passwords import hash_password
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import User
    from tests.integration.worldbuilder import PASSWORD

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        person = db.get(User, fair["world"]["cand2"].id)
        person.password_hash = hash_password(PASSWORD)


@pytest.mark.usefixtures("own_password_back")
def test_a_candidate_who_forgot_the_password_chooses_a_new_one(
    page: Any, fair: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("E-mail").fill("cand2@example.org")
    screenshot(page, "password-forgot")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator(".notice")).to_contain_text("If an account uses cand2@example.org")

    link = _reset_link(fair, "cand2@example.org")
    path = re.sub(r"^https?://[^/]+", "", link)  # the link's host is the public URL setting
    page.goto(path)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password").fill("short")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator("#new_password-error")).to_contain_text("at least 10 characters")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    screenshot(page, "password-reset")
    page.get_by_role("button", name="Save the new password").click()
    page.wait_for_url("**/login**")

    page.get_by_label("E-mail").fill("cand2@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/me")
    expect(page.get_by_role("link", name="Cand2 (Candidate)")).to_be_visible()

    page.goto(path)  # the link worked once
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()


def test_an_admin_reads_the_outbox(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "admin@example.org")
    page.goto("/admin/outbox")
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    screenshot(page, "admin-outbox")
