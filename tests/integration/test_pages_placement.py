"""Placement rounds in the pages, each party in turn: the organiser creates, runs and publishes;
company recruiters add programmes and rank applicants (equal numbers tie); students rank
programmes and see their result with reasons; each downloads what it may see as CSV."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration


def _text(response: Any) -> str:
    return html.unescape(response.text)


def _new_round(client: TestClient, world: dict[str, Any]) -> int:
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/placement"
    created = client.post(
        url,
        data={"csrf": token, "name": "Summer internships", "deadline": "2099-01-01T17:00"},
    )
    assert "Round created as a draft." in created.text, created.text
    return int(created.url.path.rsplit("/", 1)[1])


def _programme(client: TestClient, who: str, round_id: int, title: str, places: str) -> int:
    token = page_login(client, who)
    page = client.post(
        f"/placement/rounds/{round_id}/programmes",
        data={"csrf": token, "title": title, "kind": "internship", "capacity": places},
    )
    assert "Programme added." in page.text, page.text
    response = client.get(f"/api/v1/placement-rounds/{round_id}")
    return next(p["id"] for p in response.json()["programmes"] if p["title"] == title)


def _move(client: TestClient, round_id: int, action: str) -> str:
    """The organiser presses "Open for choices" or "Close choices" on the round's page."""
    token = page_login(client, "organiser@example.org")
    response = client.post(f"/placement/rounds/{round_id}/{action}", data={"csrf": token})
    assert response.status_code == 200, response.text
    return _text(response)


def _choose(client: TestClient, who: str, round_id: int, steps: list[tuple[str, int]]) -> str:
    token = page_login(client, who)
    page = ""
    for action, programme in steps:
        response = client.post(
            f"/placement/rounds/{round_id}/choices",
            data={"csrf": token, "action": action, "programme_id": programme},
        )
        assert response.status_code == 200, response.text
        page = _text(response)
    return page


def test_organiser_creates_a_round_with_errors_at_the_fields(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/placement"
    assert url in client.get("/organiser").text
    bad = client.post(url, data={"csrf": token, "name": "", "deadline": "soon"})
    assert bad.status_code == 422
    assert 'id="name-error"' in bad.text or 'id="deadline-error"' in bad.text
    past = client.post(url, data={"csrf": token, "name": "Late", "deadline": "2001-01-01T10:00"})
    assert past.status_code == 422 and "in the future" in _text(past)
    round_id = _new_round(client, world)
    page = _text(client.get(f"/placement/rounds/{round_id}"))
    # 17:00 on the event's clocks (Asia/Taipei); the organiser's own zone is the same.
    assert "Thu 01 Jan 2099, 17:00 CST" in page
    page_login(client, "cand1@example.org")  # a viewer in Europe/London sees both clocks
    page = _text(client.get(f"/placement/rounds/{round_id}"))
    assert "Thu 01 Jan 2099, 17:00 CST" in page and "Thu 01 Jan 2099, 09:00 GMT" in page


def test_a_round_from_lists_to_published_results(client: TestClient, world: dict[str, Any]) -> None:
    round_id = _new_round(client, world)
    ml = _programme(client, "recruiter.a@example.org", round_id, "ML internship", "1")
    chips = _programme(client, "recruiter.b@example.org", round_id, "Chip design placement", "1")
    token_b = page_login(client, "recruiter.b@example.org")
    no_places = client.post(
        f"/placement/rounds/{round_id}/programmes",
        data={"csrf": token_b, "title": "Nothing", "kind": "internship", "capacity": "lots"},
    )
    assert no_places.status_code == 422 and 'id="capacity-error"' in no_places.text
    opened = _move(client, round_id, "open")
    assert "Open for choices: students can rank programmes until the deadline." in opened

    page = _choose(client, "cand1@example.org", round_id, [("add", chips), ("add", ml), ("up", ml)])
    assert "Your list is saved." in page
    assert page.index("ML internship <small>") < page.index("Chip design placement <small>")
    _choose(client, "cand2@example.org", round_id, [("add", ml)])
    token = page_login(client, "cand2@example.org")
    unknown = client.post(
        f"/placement/rounds/{round_id}/choices",
        data={"csrf": token, "action": "add", "programme_id": "99999"},
    )
    assert unknown.status_code == 422 and 'id="programme_id-error"' in unknown.text

    # Acme ranks both applicants; equal numbers are a tie, then it settles on cand2 first.
    token_a = page_login(client, "recruiter.a@example.org")
    assert f"/placement/programmes/{ml}" in client.get(f"/placement/rounds/{round_id}").text
    ranking = client.get(f"/placement/programmes/{ml}").text
    assert "Rank for Cand1" in ranking and "Rank for Cand2" in ranking
    c1, c2 = world["cand1"].id, world["cand2"].id
    url = f"/placement/programmes/{ml}"
    wrong = client.post(url, data={"csrf": token_a, f"rank-{c1}": "0", f"rank-{c2}": "1"})
    assert wrong.status_code == 422 and f'id="rank-{c1}-error"' in wrong.text
    tie = client.post(url, data={"csrf": token_a, f"rank-{c1}": "1", f"rank-{c2}": "1"})
    assert "Ranking saved." in tie.text and tie.text.count('value="1"') == 2
    client.post(url, data={"csrf": token_a, f"rank-{c1}": "2", f"rank-{c2}": "1"})
    # Beta Chips would not take cand1: blank.
    token_b = page_login(client, "recruiter.b@example.org")
    not_theirs = client.get(url, headers=HTML)
    assert not_theirs.status_code == 403
    assert "Only the organisation's staff and the event's organisers may do that." in _text(
        not_theirs
    )
    client.post(f"/placement/programmes/{chips}", data={"csrf": token_b, f"rank-{c1}": ""})

    assert "Choices closed: students' lists are final." in _move(client, round_id, "close")
    token = page_login(client, "organiser@example.org")
    ran = _text(client.post(f"/placement/rounds/{round_id}/run", data={"csrf": token}))
    assert "1 of 2 students placed (2 places); 1 unplaced" in ran
    page_login(client, "cand1@example.org")
    assert "My result" not in client.get(f"/placement/rounds/{round_id}").text  # not yet
    token = page_login(client, "organiser@example.org")
    publish = f"/placement/rounds/{round_id}/publish"
    unconfirmed = client.post(publish, data={"csrf": token})
    assert unconfirmed.status_code == 422 and 'id="confirm-error"' in unconfirmed.text
    done = client.post(publish, data={"csrf": token, "confirm": "yes"})
    assert "Published: students see their results." in done.text
    everything = list(csv.DictReader(io.StringIO(client.get(f"{publish[:-8]}/results.csv").text)))
    assert {r["student_name"] for r in everything} == {"Cand1", "Cand2"}

    page_login(client, "cand1@example.org")
    mine = _text(client.get(f"/placement/rounds/{round_id}"))
    assert "Not placed this round" in mine
    assert "ML internship" in mine.split("Why:")[1] and "Chip design placement" in mine
    own = list(csv.DictReader(io.StringIO(client.get(f"{publish[:-8]}/results.csv").text)))
    assert len(own) == 1 and own[0]["programme"] == "" and "ML internship" in own[0]["reasons"]
    page_login(client, "cand2@example.org")
    assert "with Acme AI" in client.get(f"/placement/rounds/{round_id}").text
    page_login(client, "recruiter.a@example.org")
    theirs = list(csv.DictReader(io.StringIO(client.get(f"{publish[:-8]}/results.csv").text)))
    assert [r["student_name"] for r in theirs] == ["Cand2"]  # only their programme's rows


def test_placement_pages_keep_each_party_to_its_own(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id = _new_round(client, world)
    ml = _programme(client, "recruiter.a@example.org", round_id, "ML internship", "2")
    research = _programme(client, "staff@example.org", round_id, "Research project", "1")
    assert client.get(f"/placement/programmes/{research}").status_code == 200  # staff: their own
    organiser_page = f"/organiser/events/{world['event']}/placement"
    organisers_only = "This page is for organisers and admins."
    for who in ("cand1@example.org", "recruiter.a@example.org", "staff@example.org"):
        token = page_login(client, who)
        page = client.get(organiser_page, headers=HTML)
        assert page.status_code == 403, who
        assert organisers_only in page.text, who
        run = client.post(f"/placement/rounds/{round_id}/run", data={"csrf": token}, headers=HTML)
        assert run.status_code == 403, who
        assert organisers_only in run.text, who
        assert "Run the round" not in client.get(f"/placement/rounds/{round_id}").text
    not_staff = "Only the organisation's staff and the event's organisers may do that."
    for who, message in (
        ("cand1@example.org", "This page is for recruiters"),
        ("staff@example.org", not_staff),
        ("recruiter.b@example.org", not_staff),
    ):
        token = page_login(client, who)
        page = client.get(f"/placement/programmes/{ml}", headers=HTML)
        assert page.status_code == 403, who
        assert message in _text(page), who
        ranked = client.post(
            f"/placement/programmes/{ml}", data={"csrf": token, "rank-1": "1"}, headers=HTML
        )
        assert ranked.status_code == 403, who
        assert message in _text(ranked), who
    token = page_login(client, "cand1@example.org")
    added = client.post(
        f"/placement/rounds/{round_id}/programmes",
        data={"csrf": token, "title": "Fake", "kind": "internship", "capacity": "1"},
        headers=HTML,
    )
    assert added.status_code == 403
    assert "This page is for recruiters and university staff." in added.text
    token = page_login(client, "recruiter.a@example.org")
    chose = client.post(
        f"/placement/rounds/{round_id}/choices",
        data={"csrf": token, "action": "add", "programme_id": ml},
        headers=HTML,
    )
    assert chose.status_code == 403
    assert "This page is for candidates." in chose.text
    forged = client.post(
        f"/placement/rounds/{round_id}/programmes",
        data={"title": "No token", "kind": "internship", "capacity": "1"},
    )
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    listed = _text(client.get(f"/placement/rounds/{round_id}"))
    assert "ML internship" in listed and "Research project" in listed
    assert "Fake" not in listed and "No token" not in listed  # the refused programmes are not
