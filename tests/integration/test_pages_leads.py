"""The leads pages as recruiters and candidates use them: scan (typed) at the booth, read what the
company may see, rate, download, and leave a company's leads; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import page_login
from tests.integration.worldbuilder import START

pytestmark = pytest.mark.integration

DURING = START + timedelta(hours=3)  # 12:00 in Taipei


def _badge(client: TestClient, world: dict[str, Any], who: str) -> str:
    response = client.get(f"/api/v1/events/{world['event']}/attendance", headers=world[who].headers)
    return str(response.json()["badge_code"])


def _text(page: str) -> str:
    """The page's words as a person reads them (tags dropped, spaces folded)."""
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    return re.sub(r" ([.,:;])", r"\1", words).strip()


def _scan(client: TestClient, world: dict[str, Any], token: str, code: str) -> Any:
    return client.post(
        f"/recruiter/events/{world['event']}/leads",
        data={"code": code, "how": "typed", "csrf": token},
    )


def test_a_recruiter_scans_two_people_and_reads_what_each_shares(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.app.state.clock = lambda: DURING  # type: ignore[attr-defined]
    shared, private = _badge(client, world, "cand1"), _badge(client, world, "cand2")
    token = page_login(client, "recruiter.a@example.org")
    first = _scan(client, world, token, shared)
    assert "Added to your leads." in _text(first.text)
    assert "Shares their CV with this event." in _text(first.text)
    again = _text(_scan(client, world, token, shared).text)
    assert "Visit 2: already in your leads." in again
    page = _text(_scan(client, world, token, private).text)
    assert "Does not share their CV: you keep their name and the visit." in page
    assert "2 leads at AI in Action" in page
    assert "Best match among your open roles: ML Engineer" in page
    assert "They have not agreed to share their CV with this event" in page
    assert page.count("Read their CV") == 1  # only for the one who shares it


def test_a_mistyped_code_and_a_scan_before_the_day_are_told_at_the_field(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "recruiter.a@example.org")
    client.app.state.clock = lambda: START - timedelta(days=30)  # type: ignore[attr-defined]
    early = _scan(client, world, token, _badge(client, world, "cand1"))
    assert early.status_code == 409
    assert "Badge scanning opens at 07:00 on Thu 18 Mar" in _text(early.text)
    client.app.state.clock = lambda: DURING  # type: ignore[attr-defined]
    typo = _scan(client, world, token, "TF-TYPO1234")
    assert typo.status_code == 404
    assert "No badge TF-TYPO1234 is registered for this event." in _text(typo.text)
    assert 'value="TF-TYPO1234"' in typo.text  # what they typed stays in the field to correct
    assert "0 leads at AI in Action" in _text(typo.text)


def test_rating_a_lead_and_downloading_the_csv(client: TestClient, world: dict[str, Any]) -> None:
    client.app.state.clock = lambda: DURING  # type: ignore[attr-defined]
    token = page_login(client, "recruiter.a@example.org")
    _scan(client, world, token, _badge(client, world, "cand1"))
    lead_id = re.search(r'id="lead-(\d+)"', client.get("/recruiter/leads").text)
    assert lead_id is not None
    saved = client.post(
        f"/recruiter/leads/{lead_id.group(1)}",
        data={
            "rating": "4",
            "note": "Knows PyTorch well",
            "event_id": world["event"],
            "csrf": token,
        },
    )
    assert "rated 4 of 5 · saved" in _text(saved.text)
    assert "Knows PyTorch well" in saved.text
    too_high = client.post(
        f"/recruiter/leads/{lead_id.group(1)}",
        data={"rating": "9", "note": "", "event_id": world["event"], "csrf": token},
    )
    assert too_high.status_code == 422
    assert "rated 4 of 5" in _text(too_high.text)  # nothing changed
    sheet = client.get(f"/recruiter/leads.csv?event_id={world['event']}")
    [row] = list(csv.DictReader(io.StringIO(sheet.text)))
    assert (row["rating"], row["note"], row["shares_cv"]) == ("4", "Knows PyTorch well", "yes")


def test_the_candidate_leaves_a_companys_leads_from_their_page(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.app.state.clock = lambda: DURING  # type: ignore[attr-defined]
    code = _badge(client, world, "cand1")
    token = page_login(client, "recruiter.a@example.org")
    _scan(client, world, token, code)
    token = page_login(client, "cand1@example.org")
    page = _text(client.get("/me/scans").text)
    assert "Acme AI" in page and "AI in Action · 1 visit, last at Thu 18 Mar, 12:00" in page
    lead = re.search(r'action="/me/scans/(\d+)/withdraw"', client.get("/me/scans").text)
    assert lead is not None
    forged = client.post(f"/me/scans/{lead.group(1)}/withdraw", data={"csrf": "forged"})
    assert forged.status_code == 403
    assert "The form expired or came from another site" in _text(forged.text)
    left = client.post(f"/me/scans/{lead.group(1)}/withdraw", data={"csrf": token})
    after = _text(left.text)
    assert "You are no longer in Acme AI's leads; its note about you is erased." in after
    assert "You left this company's leads." in after
    spoofed = _text(client.get("/me/scans?left=Evil%20Corp").text)  # a link anyone could write
    assert "no longer in" not in spoofed
    page_login(client, "recruiter.a@example.org")
    assert "0 leads at AI in Action" in _text(client.get("/recruiter/leads").text)


def test_the_booth_screen_is_for_company_recruiters(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_login(client, "cand1@example.org")
    refused = client.get("/recruiter/leads")
    assert refused.status_code == 403 and "This page is for recruiters." in _text(refused.text)
    client.cookies.clear()
    stranger = client.get("/recruiter/leads", follow_redirects=False)
    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/login")
