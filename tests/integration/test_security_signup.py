"""Sign-up does not tell who is registered: the same answer for a new and a taken address, on the
API and on the page; the taken account is left as it was and its owner is told (the operator's
log, until e-mail delivery exists)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from talentfoundry.store.models import User
from tests.integration.pagehelpers import csrf_of
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration

BODY = {"password": "Another-pass-7", "full_name": "Some One", "timezone": "UTC"}


def _users(engine: Engine, email: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [
            (row.full_name, row.role)
            for row in conn.execute(
                select(User.full_name, User.role).where(func.lower(User.email) == email)
            )
        ]


def test_the_api_answers_a_new_and_a_taken_address_alike(
    client: TestClient, world: dict[str, Any], engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="talentfoundry.services.accounts")
    new = client.post("/api/v1/auth/register", json={**BODY, "email": "fresh@example.org"})
    taken = client.post("/api/v1/auth/register", json={**BODY, "email": "CAND1@example.org"})
    assert (new.status_code, new.json()) == (taken.status_code, taken.json())
    assert new.status_code == 202
    assert new.json()["detail"].startswith("Sign-up received.")
    assert "already" not in str(taken.headers).lower()

    # The new account signs in with the password it chose; the taken one is unchanged.
    fresh = client.post(
        "/api/v1/auth/token", json={"email": "fresh@example.org", "password": BODY["password"]}
    )
    assert fresh.json()["role"] == "candidate"
    impostor = {"email": "cand1@example.org", "password": BODY["password"]}
    assert client.post("/api/v1/auth/token", json=impostor).status_code == 401
    owner = {"email": "cand1@example.org", "password": PASSWORD}
    assert client.post("/api/v1/auth/token", json=owner).status_code == 200
    assert _users(engine, "cand1@example.org") == [("Cand1", "candidate")]
    assert (
        f"sign-up attempted with the address of existing account {world['cand1'].id}" in caplog.text
    )
    assert BODY["password"] not in caplog.text


def test_the_page_answers_a_new_and_a_taken_address_alike(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    token = csrf_of(client.get("/signup").text)
    answers = {}
    for email in ("organiser@example.org", "newcomer@example.org"):
        answer = client.post(
            "/signup", data={**BODY, "email": email, "csrf": token}, follow_redirects=False
        )
        # The address typed comes back (to fill in the login form); nothing else differs, and
        # nobody is logged in by signing up.
        location = answer.headers["location"].replace(email.replace("@", "%40"), "ADDRESS")
        answers[email] = (answer.status_code, location, answer.text, client.get("/me").url.path)
    assert answers["organiser@example.org"] == answers["newcomer@example.org"]
    assert answers["newcomer@example.org"][:2] == (
        303,
        "/login?msg=signed-up&email=ADDRESS&next=/me/profile%3Fwelcome%3D1",
    )
    assert answers["newcomer@example.org"][3] == "/login"
    assert _users(engine, "organiser@example.org") == [("Organiser", "organiser")]
    assert _users(engine, "newcomer@example.org") == [("Some One", "candidate")]


def test_validation_errors_do_not_depend_on_the_address(
    client: TestClient, world: dict[str, Any]
) -> None:
    weak = {**BODY, "password": "short"}
    answers = [
        client.post("/api/v1/auth/register", json={**weak, "email": email})
        for email in ("cand2@example.org", "nobody@example.org")
    ]
    assert answers[0].status_code == answers[1].status_code == 422
    assert answers[0].json()["detail"] == answers[1].json()["detail"]
    assert "at least 10 characters" in answers[0].json()["detail"]
