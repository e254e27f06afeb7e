"""Helpers for page tests: log in through the HTML form, and read the CSRF token off a page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.integration.worldbuilder import PASSWORD

HTML = {"accept": "text/html"}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "form without a CSRF token"
    return match.group(1)


def page_login(client: TestClient, email: str) -> str:
    """Log in with the form; returns the session's CSRF token for later posts."""
    client.cookies.clear()
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/me").text)  # logging in starts a new session and token


def page_sign_up(
    client: TestClient, email: str, password: str, full_name: str, timezone: str = "UTC"
) -> str:
    """Sign up with the form, then log in as the answer asks (sign-up never logs in: it answers
    the same way for a taken address); returns the session's CSRF token."""
    client.cookies.clear()
    token = csrf_of(client.get("/signup").text)
    signed = client.post(
        "/signup",
        data={
            "email": email,
            "password": password,
            "full_name": full_name,
            "timezone": timezone,
            "csrf": token,
        },
    )
    assert signed.url.path == "/login", signed.text
    welcome = client.post(
        "/login",
        data={
            "email": email,
            "password": password,
            "csrf": csrf_of(signed.text),
            "next": "/me/profile?welcome=1",
        },
    )
    assert welcome.url.path == "/me/profile", welcome.text
    return csrf_of(welcome.text)
