"""Sign-in, sign-up and password-change attempts are limited per account and per client address,
on pages and API alike, and the limit holds across processes when the count lives in Redis.

Time is moved with a fake clock shared by ``limits``' storages and our service (they all read
``time.time()``), so a 15-minute window passes without sleeping.
"""

from __future__ import annotations

import logging
import os
import types
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from talentfoundry.config import Settings
from tests.integration.pagehelpers import csrf_of
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration

REDIS_URL = os.environ.get("TALENTFOUNDRY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
WRONG = "Not-the-password-1"


class FakeClock:
    """Stands in for the ``time`` module where the limit code reads the time."""

    def __init__(self, start: float) -> None:
        self.now = start

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    import limits.storage.memory
    import limits.storage.redis

    import talentfoundry.services.sign_in_limits as ours

    fake = FakeClock(1_900_000_000.0)
    for module in (limits.storage.memory, limits.storage.redis, ours):
        monkeypatch.setattr(module, "time", types.SimpleNamespace(time=fake.time))
    return fake


def _token(client: TestClient, email: str, password: str) -> Any:
    return client.post("/api/v1/auth/token", json={"email": email, "password": password})


def test_twelve_wrong_passwords_lock_the_account_and_the_right_one_waits_for_the_window(
    client: TestClient, world: dict[str, Any], clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    email = world["cand1"].email
    caplog.set_level(logging.WARNING, logger="talentfoundry.services.sign_in_limits")
    answers = [_token(client, email, WRONG) for _ in range(12)]
    assert [a.status_code for a in answers] == [401] * 10 + [429] * 2
    assert answers[0].json()["detail"] == "Wrong e-mail or password."
    refused = answers[-1]
    assert refused.json()["detail"] == (
        "Too many sign-in attempts for this account. Try again in 15 minutes."
    )
    assert refused.headers["Retry-After"] == "900"
    assert f"account {email}" in caplog.text and WRONG not in caplog.text

    clock.advance(10 * 60)
    locked = _token(client, email, PASSWORD)  # the right password, during the lockout
    assert locked.status_code == 429
    assert locked.json()["detail"].endswith("Try again in 5 minutes.")
    assert locked.headers["Retry-After"] == "300"

    clock.advance(5 * 60 + 1)
    after = _token(client, email, PASSWORD)
    assert after.status_code == 200, after.text
    assert after.json()["user_id"] == world["cand1"].id


def test_the_login_page_shows_the_lockout_and_refuses_the_right_password(
    client: TestClient, world: dict[str, Any], clock: FakeClock
) -> None:
    email = world["recruiter_a"].email
    token = csrf_of(client.get("/login").text)
    form = {"email": email, "password": WRONG, "csrf": token}
    statuses = [client.post("/login", data=form).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    right = client.post("/login", data={**form, "password": PASSWORD}, follow_redirects=False)
    assert right.status_code == 429
    assert right.headers["Retry-After"] == "900"
    assert "Too many sign-in attempts for this account. Try again in 15 minutes." in right.text
    assert client.get("/me", follow_redirects=False).status_code == 303  # still logged out
    clock.advance(15 * 60 + 1)
    ok = client.post("/login", data={**form, "password": PASSWORD}, follow_redirects=False)
    assert (ok.status_code, ok.headers["location"]) == (303, "/me")


def test_a_success_clears_the_account_count(
    client: TestClient, world: dict[str, Any], clock: FakeClock
) -> None:
    email = world["staff"].email
    for _ in range(9):
        _token(client, email, WRONG)
    assert _token(client, email, PASSWORD).status_code == 200
    answers = [_token(client, email, WRONG).status_code for _ in range(10)]
    assert answers == [401] * 10  # ten fresh tries: the earlier typos were forgotten


def _app_client(database_url: str, **settings: Any) -> TestClient:
    from talentfoundry.web.app import create_app

    app = create_app(Settings(database_url=database_url, environment="test", **settings))
    return TestClient(app)


def test_one_address_trying_many_accounts_is_limited_by_address(
    engine: Any, database_url: str, world: dict[str, Any], clock: FakeClock
) -> None:
    with _app_client(database_url, sign_in_limit_per_address="3 per 15 minutes") as client:
        emails = [world[k].email for k in ("cand1", "cand2", "organiser", "admin")]
        answers = [_token(client, email, WRONG) for email in emails]
        assert [a.status_code for a in answers] == [401, 401, 401, 429]
        assert answers[-1].json()["detail"] == (
            "Too many sign-in attempts from your network address. Try again in 15 minutes."
        )


def test_sign_up_is_limited_per_address_on_the_page_and_the_api(
    engine: Any, database_url: str, world: dict[str, Any], clock: FakeClock
) -> None:
    with _app_client(database_url, sign_up_limit_per_address="2 per 10 minutes") as client:
        body = {"password": "Fresh-start-42", "full_name": "New Person", "timezone": "UTC"}
        first = client.post("/api/v1/auth/register", json={**body, "email": "a@example.org"})
        second = client.post("/api/v1/auth/register", json={**body, "email": "b@example.org"})
        third = client.post("/api/v1/auth/register", json={**body, "email": "c@example.org"})
        assert [first.status_code, second.status_code, third.status_code] == [202, 202, 429]
        assert third.json()["detail"] == (
            "Too many sign-ups from your network address. Try again in 10 minutes."
        )
        assert third.headers["Retry-After"] == "600"
        token = csrf_of(client.get("/signup").text)
        page = client.post("/signup", data={**body, "email": "d@example.org", "csrf": token})
        assert page.status_code == 429 and page.headers["Retry-After"] == "600"
        assert "Too many sign-ups from your network address." in page.text
        assert _token(client, "c@example.org", body["password"]).status_code == 401  # not made


def test_wrong_current_passwords_count_against_the_sign_in_limit(
    client: TestClient, world: dict[str, Any], clock: FakeClock
) -> None:
    """A stolen token must not become a way to guess the password behind it."""
    headers = world["cand2"].headers
    body = {"current_password": WRONG, "new_password": "Brand-new-pass-9"}
    answers = [client.post("/api/v1/me/password", json=body, headers=headers) for _ in range(11)]
    assert [a.status_code for a in answers] == [422] * 10 + [429]
    assert answers[0].json()["errors"][0] == {
        "field": "current_password",
        "message": "The current password is not right.",
    }
    assert _token(client, world["cand2"].email, PASSWORD).status_code == 429


def test_the_limit_holds_across_two_processes_sharing_redis(
    engine: Any, database_url: str, world: dict[str, Any], clock: FakeClock
) -> None:
    """Two app instances (as two worker processes would be) count in one Redis: failures made
    on one are refused on the other."""
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"Redis not reachable at {REDIS_URL}: {exc} (CI=true: must run)")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {exc}")
    prefix = f"tf-test-{uuid.uuid4().hex}"  # parallel runs never share a count
    shared = {
        "rate_limit_url": REDIS_URL,
        "rate_limit_prefix": prefix,
        "sign_in_limit_per_account": "5 per 15 minutes",
    }
    try:
        with (
            _app_client(database_url, **shared) as first,
            _app_client(database_url, **shared) as second,
        ):
            email = world["organiser"].email
            assert [_token(first, email, WRONG).status_code for _ in range(3)] == [401] * 3
            assert [_token(second, email, WRONG).status_code for _ in range(2)] == [401] * 2
            refused = _token(first, email, PASSWORD)
            assert refused.status_code == 429
            assert _token(second, email, PASSWORD).status_code == 429
            assert connection.keys(f"{prefix}*")  # the count lives in Redis, not in a process
            clock.advance(15 * 60 + 1)
            assert _token(second, email, PASSWORD).status_code == 200
    finally:
        keys = connection.keys(f"{prefix}*")
        if keys:
            connection.delete(*keys)
        connection.close()


def test_an_unreachable_limit_store_is_logged_and_does_not_lock_people_out(
    engine: Any,
    database_url: str,
    world: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="talentfoundry.services.sign_in_limits")
    with _app_client(database_url, rate_limit_url="redis://127.0.0.1:1/0") as client:
        answer = _token(client, world["admin"].email, PASSWORD)
    assert answer.status_code == 200, answer.text
    assert "rate-limit storage redis://127.0.0.1:1/0 unavailable" in caplog.text


def test_a_malformed_limit_store_url_is_refused_at_start(database_url: str) -> None:
    with pytest.raises(ValueError, match="TALENTFOUNDRY_RATE_LIMIT_URL 'nosuch://x'"):
        _app_client(database_url, rate_limit_url="nosuch://x")
