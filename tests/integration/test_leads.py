"""Badge scans into leads: what a company keeps, what it may see of the person, and the
candidate's say over it (issue 16, "Badge scans and leads"), on SQLite and PostgreSQL.

The world's event runs 09:00-18:00 on Thu 18 Mar 2027 in Asia/Taipei; each test sets the app's
clock. cand1 shares their CV with the event, cand2 does not; companies A and B both exhibit.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from talentfoundry.store.db import make_session_factory
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import AuditLog
from tests.integration.worldbuilder import START

pytestmark = pytest.mark.integration

DURING = START + timedelta(hours=2)  # 11:00 on the day


def _at(client: TestClient, when: datetime) -> None:
    client.app.state.clock = lambda: when  # type: ignore[attr-defined]


def _badge(client: TestClient, world: dict[str, Any], who: str) -> str:
    response = client.get(f"/api/v1/events/{world['event']}/attendance", headers=world[who].headers)
    return str(response.json()["badge_code"])


def _scan(client: TestClient, world: dict[str, Any], code: str, by: str = "recruiter_a") -> Any:
    return client.post(
        f"/api/v1/events/{world['event']}/leads",
        json={"code": code, "how": "typed"},
        headers=world[by].headers,
    )


def _leads(client: TestClient, world: dict[str, Any], by: str = "recruiter_a") -> list[Any]:
    response = client.get(f"/api/v1/events/{world['event']}/leads", headers=world[by].headers)
    assert response.status_code == 200, response.text
    return list(response.json())


def _lead_rows(engine: Engine) -> list[tuple[int, int, int]]:
    with make_session_factory(engine, write=False)() as db:
        rows = db.execute(select(Lead.organisation_id, Lead.candidate_id, Lead.scans))
        return sorted(tuple(r) for r in rows)


def test_a_scan_makes_one_lead_and_a_second_scan_counts_the_visit(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _at(client, DURING)
    code = _badge(client, world, "cand1")
    first = _scan(client, world, code.lower())  # typed in lower case: the same badge
    assert first.status_code == 201, first.text
    assert first.json()["full_name"] and first.json()["again"] is False
    _at(client, DURING + timedelta(minutes=40))
    second = _scan(client, world, code)
    assert (second.json()["again"], second.json()["visits"]) == (True, 2)
    assert _lead_rows(engine) == [(world["company_a"], world["cand1"].id, 2)]
    [lead] = _leads(client, world)
    assert lead["visits"] == 2
    assert lead["last_scanned_at"].startswith("2027-03-18T03:40")  # 11:40 in Taipei, in UTC


def test_what_a_lead_shows_follows_the_candidates_consent(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _at(client, DURING)
    for who in ("cand1", "cand2"):
        assert _scan(client, world, _badge(client, world, who)).status_code == 201
    by_person = {lead["candidate_id"]: lead for lead in _leads(client, world)}
    shared, private = by_person[world["cand1"].id], by_person[world["cand2"].id]
    assert shared["shares_cv"] is True
    assert shared["best_role"] == "ML Engineer"  # the company's role it matches, with reasons
    assert {"Python", "PyTorch"} <= set(shared["matched_skills"])
    assert private["shares_cv"] is False
    assert private["full_name"] and private["visits"] == 1  # the name and the visit only
    assert (private["headline"], private["best_role"], private["matched_skills"]) == (
        None,
        None,
        [],
    )
    # Their CV stays closed to the company, and the refusal reads as a sentence.
    cv = client.get(
        f"/api/v1/candidates/{world['cand2'].id}/cv", headers=world["recruiter_a"].headers
    )
    assert cv.status_code == 403
    assert cv.json()["detail"] == (
        "This candidate has not agreed to share their CV with your company's events."
    )
    with make_session_factory(engine, write=False)() as db:
        assert db.scalar(select(func.count()).select_from(AuditLog)) == 0  # nothing was read


def test_the_csv_has_the_same_rows_and_the_same_consent_rule(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DURING)
    for who in ("cand1", "cand2"):
        _scan(client, world, _badge(client, world, who))
    lead_id = next(x["id"] for x in _leads(client, world) if x["shares_cv"])
    rated = client.patch(
        f"/api/v1/leads/{lead_id}",
        json={"rating": 5, "note": '=HYPERLINK("x") strong on PyTorch'},
        headers=world["recruiter_a"].headers,
    )
    assert rated.json()["rating"] == 5
    response = client.get(
        f"/api/v1/events/{world['event']}/leads.csv", headers=world["recruiter_a"].headers
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    by_share = {r["shares_cv"]: r for r in rows}
    assert by_share["yes"]["best_matching_role"] == "ML Engineer"
    assert by_share["yes"]["note"].startswith("'=HYPERLINK")  # not run as a formula
    assert (by_share["no"]["headline"], by_share["no"]["best_matching_role"]) == ("", "")


def test_another_company_sees_none_of_them_and_cannot_touch_them(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _at(client, DURING)
    _scan(client, world, _badge(client, world, "cand1"))
    [lead] = _leads(client, world)
    assert _leads(client, world, by="recruiter_b") == []
    changed = client.patch(
        f"/api/v1/leads/{lead['id']}",
        json={"note": "mine now"},
        headers=world["recruiter_b"].headers,
    )
    assert changed.status_code == 404 and changed.json()["detail"] == "No such lead."
    for who in ("cand1", "organiser"):
        refused = client.get(f"/api/v1/events/{world['event']}/leads", headers=world[who].headers)
        assert refused.status_code == 403
        assert "recruiters" in refused.json()["detail"]
    assert _leads(client, world)[0]["note"] == ""


def test_scans_are_refused_outside_the_day_and_for_other_events_badges(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    code = _badge(client, world, "cand1")
    _at(client, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    early = _scan(client, world, code)
    assert early.status_code == 409
    assert early.json()["detail"].startswith("Badge scanning opens at 07:00 on Thu 18 Mar 2027")
    assert early.json()["errors"][0]["field"] == "code"
    _at(client, DURING)
    unknown = _scan(client, world, "TF-NOSUCH99")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No badge TF-NOSUCH99 is registered for this event."
    blank = _scan(client, world, "")
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "code"
    assert _lead_rows(engine) == []


def test_the_candidate_sees_who_scanned_them_and_can_withdraw(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _at(client, DURING)
    code = _badge(client, world, "cand1")
    _scan(client, world, code, by="recruiter_a")
    _scan(client, world, code, by="recruiter_b")
    lead_a = _leads(client, world)[0]
    client.patch(
        f"/api/v1/leads/{lead_a['id']}",
        json={"rating": 2, "note": "late"},
        headers=world["recruiter_a"].headers,
    )
    mine = client.get("/api/v1/me/scans", headers=world["cand1"].headers).json()
    assert sorted(m["company"] for m in mine) == ["Acme AI", "Beta Chips"]
    assert all(m["withdrawn"] is False for m in mine)

    gone = client.delete(f"/api/v1/me/scans/{lead_a['id']}", headers=world["cand1"].headers)
    assert gone.status_code == 204
    assert _leads(client, world) == []  # company A no longer sees them
    assert len(_leads(client, world, by="recruiter_b")) == 1  # company B still does
    with make_session_factory(engine, write=False)() as db:
        kept = db.get(Lead, lead_a["id"])
        assert kept is not None and (kept.note, kept.rating) == ("", None)  # their words erased
    again = _scan(client, world, code, by="recruiter_a")
    assert again.status_code == 409
    assert "asked not to be in your company's leads" in again.json()["detail"]
    after = client.get("/api/v1/me/scans", headers=world["cand1"].headers).json()
    assert sorted(m["withdrawn"] for m in after) == [False, True]
    # Someone else's visit cannot be withdrawn by another candidate.
    other = client.delete(f"/api/v1/me/scans/{lead_a['id']}", headers=world["cand2"].headers)
    assert other.status_code == 404 and other.json()["detail"] == "No such visit."


def test_my_data_export_lists_the_visits_and_what_the_company_noted(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DURING)
    _scan(client, world, _badge(client, world, "cand1"))
    [lead] = _leads(client, world)
    client.patch(
        f"/api/v1/leads/{lead['id']}",
        json={"rating": 3, "note": "Ask about the thesis"},
        headers=world["recruiter_a"].headers,
    )
    exported = client.get("/api/v1/me/export", headers=world["cand1"].headers).json()
    [visit] = exported["scanned_at_booths"]
    assert (visit["organisation_id"], visit["visits"], visit["rating"], visit["note"]) == (
        world["company_a"],
        1,
        3,
        "Ask about the thesis",
    )
    assert (
        client.get("/api/v1/me/export", headers=world["cand2"].headers).json()["scanned_at_booths"]
        == []
    )
