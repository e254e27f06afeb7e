"""A placement round end to end through the API: lists, rankings, run, publish, results."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def _round(client: TestClient, world: dict[str, Any]) -> tuple[int, int, int]:
    organiser = world["organiser"].headers
    body = {"name": "Summer internships", "deadline": "2099-01-01T00:00:00Z"}
    round_id = client.post(
        f"/api/v1/events/{world['event']}/placement-rounds", json=body, headers=organiser
    ).json()["id"]
    ml = client.post(
        f"/api/v1/placement-rounds/{round_id}/programmes",
        json={
            "organisation_id": world["company_a"],
            "title": "ML internship",
            "kind": "internship",
            "capacity": 1,
            "description": "Train deep learning models in Python with PyTorch.",
        },
        headers=world["recruiter_a"].headers,
    ).json()["id"]
    chips = client.post(
        f"/api/v1/placement-rounds/{round_id}/programmes",
        json={
            "organisation_id": world["company_b"],
            "title": "Chip design placement",
            "kind": "placement",
            "capacity": 1,
        },
        headers=world["recruiter_b"].headers,
    ).json()["id"]
    opened = client.post(f"/api/v1/placement-rounds/{round_id}/open", headers=organiser)
    assert opened.json()["status"] == "open", opened.text
    return round_id, ml, chips


def _close(client: TestClient, world: dict[str, Any], round_id: int) -> None:
    """The organiser closes the students' choices (a round runs only on final lists)."""
    closed = client.post(
        f"/api/v1/placement-rounds/{round_id}/close", headers=world["organiser"].headers
    )
    assert closed.json()["status"] == "closed", closed.text


def test_round_places_students_stably_and_explains_the_unplaced(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id, ml, chips = _round(client, world)
    cand1, cand2 = world["cand1"], world["cand2"]
    url = f"/api/v1/placement-rounds/{round_id}/choices"
    assert (
        client.put(url, json={"programme_ids": [ml, chips]}, headers=cand1.headers).status_code
        == 200
    )
    assert client.put(url, json={"programme_ids": [ml]}, headers=cand2.headers).status_code == 200

    # Acme ranks cand2 first; Beta Chips does not list cand1.
    ranking = {"ranks": {str(cand2.id): 1, str(cand1.id): 2}}
    headers_a = world["recruiter_a"].headers
    assert (
        client.put(
            f"/api/v1/placement-programmes/{ml}/ranking", json=ranking, headers=headers_a
        ).status_code
        == 204
    )
    assert (
        client.put(
            f"/api/v1/placement-programmes/{chips}/ranking",
            json={"ranks": {}},
            headers=world["recruiter_b"].headers,
        ).status_code
        == 204
    )
    applicants = client.get(
        f"/api/v1/placement-programmes/{ml}/applicants", headers=headers_a
    ).json()
    assert [(a["student_id"], a["rank"]) for a in applicants] == [(cand2.id, 1), (cand1.id, 2)]

    organiser = world["organiser"].headers
    early = client.get(f"/api/v1/placement-rounds/{round_id}/my-result", headers=cand1.headers)
    assert early.status_code == 404
    assert early.json()["detail"] == "The results of this round are not published yet."
    _close(client, world, round_id)
    summary = client.post(f"/api/v1/placement-rounds/{round_id}/run", headers=organiser).json()
    assert summary == {"students": 2, "placed": 1, "unplaced": 1, "places": 2}
    assert (
        client.post(f"/api/v1/placement-rounds/{round_id}/publish", headers=organiser).status_code
        == 200
    )

    won = client.get(f"/api/v1/placement-rounds/{round_id}/my-result", headers=cand2.headers).json()
    assert (won["placed"], won["programme"]["title"]) == (True, "ML internship")
    lost = client.get(
        f"/api/v1/placement-rounds/{round_id}/my-result", headers=cand1.headers
    ).json()
    assert lost["placed"] is False
    assert lost["reasons"] == [
        "ML internship: filled its 1 place with students it ranks higher",
        "Chip design placement: did not list you",
    ]
    csv_b = client.get(
        f"/api/v1/placement-rounds/{round_id}/results.csv", headers=world["recruiter_b"].headers
    ).text
    assert csv_b.splitlines()[1:] == []  # Beta Chips placed nobody: sees no one's result
    csv_all = client.get(f"/api/v1/placement-rounds/{round_id}/results.csv", headers=organiser).text
    assert "ML internship" in csv_all and "did not list you" in csv_all


def test_only_the_programmes_staff_see_and_rank_its_applicants(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id, ml, _ = _round(client, world)
    cand1 = world["cand1"]
    chose = client.put(
        f"/api/v1/placement-rounds/{round_id}/choices",
        json={"programme_ids": [ml]},
        headers=cand1.headers,
    )
    assert chose.status_code == 200, chose.text
    applicants = f"/api/v1/placement-programmes/{ml}/applicants"
    other = client.get(applicants, headers=world["recruiter_b"].headers)
    assert other.status_code == 403
    assert other.json()["detail"] == (
        "Only the organisation's staff and the event's organisers may do that."
    )
    assert "student_id" not in other.text
    forged = client.put(
        f"/api/v1/placement-programmes/{ml}/ranking",
        json={"ranks": {str(cand1.id): 1}},
        headers=cand1.headers,
    )
    assert forged.status_code == 403
    assert (
        forged.json()["detail"]
        == "Only recruiters, university staff, organisers and admins may do this."
    )
    # The programme's own recruiter sees the applicant, still unranked.
    own = client.get(applicants, headers=world["recruiter_a"].headers).json()
    assert [(a["student_id"], a["rank"]) for a in own] == [(cand1.id, None)]


def test_bad_lists_are_refused(client: TestClient, world: dict[str, Any]) -> None:
    round_id, ml, _ = _round(client, world)
    url = f"/api/v1/placement-rounds/{round_id}/choices"
    dup = client.put(url, json={"programme_ids": [ml, ml]}, headers=world["cand1"].headers)
    assert (dup.status_code, dup.json()["detail"]) == (
        422,
        "Each programme may appear only once in your list.",
    )
    unknown = client.put(url, json={"programme_ids": [999999]}, headers=world["cand1"].headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "programme_ids", "message": "Programme 999999 is not part of this round."}
    ]
    refused = client.put(url, json={"programme_ids": [ml]}, headers=world["recruiter_a"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only candidates may do this."
    # None of the refused lists was kept: the programme has no applicants.
    applicants = client.get(
        f"/api/v1/placement-programmes/{ml}/applicants", headers=world["recruiter_a"].headers
    )
    assert applicants.json() == []


def test_unranked_programme_uses_the_matching_order(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id, ml, _ = _round(client, world)
    url = f"/api/v1/placement-rounds/{round_id}/choices"
    for who in ("cand1", "cand2"):
        client.put(url, json={"programme_ids": [ml]}, headers=world[who].headers)
    suggested = client.get(
        f"/api/v1/placement-programmes/{ml}/suggested-ranking", headers=world["recruiter_a"].headers
    ).json()
    # "ML internship" at Acme AI: cand1 (Python, PyTorch) before cand2 (Verilog, UVM).
    assert [s["student_id"] for s in suggested] == [world["cand1"].id, world["cand2"].id]
    organiser = world["organiser"].headers
    _close(client, world, round_id)
    client.post(f"/api/v1/placement-rounds/{round_id}/run", headers=organiser)
    client.post(f"/api/v1/placement-rounds/{round_id}/publish", headers=organiser)
    result = client.get(
        f"/api/v1/placement-rounds/{round_id}/my-result", headers=world["cand1"].headers
    ).json()
    assert result["placed"] is True


def test_a_programme_with_nothing_to_match_gets_no_matching_order_but_still_places(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id, _, _ = _round(client, world)
    vague = client.post(
        f"/api/v1/placement-rounds/{round_id}/programmes",
        json={
            "organisation_id": world["company_a"],
            "title": "Summer scheme",
            "kind": "internship",
            "capacity": 1,
        },
        headers=world["recruiter_a"].headers,
    ).json()["id"]
    url = f"/api/v1/placement-rounds/{round_id}/choices"
    for who in ("cand1", "cand2"):
        client.put(url, json={"programme_ids": [vague]}, headers=world[who].headers)
    suggested = client.get(
        f"/api/v1/placement-programmes/{vague}/suggested-ranking",
        headers=world["recruiter_a"].headers,
    )
    # No shared word, no skill, dense off: no order is invented (the round draws lots instead).
    assert suggested.status_code == 200 and suggested.json() == []
    _close(client, world, round_id)
    run = client.post(
        f"/api/v1/placement-rounds/{round_id}/run", headers=world["organiser"].headers
    ).json()
    assert (run["placed"], run["unplaced"]) == (1, 1)


def test_running_a_round_twice_gives_the_same_result(
    client: TestClient, world: dict[str, Any]
) -> None:
    round_id, ml, _ = _round(client, world)
    url = f"/api/v1/placement-rounds/{round_id}/choices"
    for who in ("cand1", "cand2"):
        client.put(url, json={"programme_ids": [ml]}, headers=world[who].headers)
    organiser = world["organiser"].headers
    _close(client, world, round_id)
    first = client.post(f"/api/v1/placement-rounds/{round_id}/run", headers=organiser).json()
    again = client.post(f"/api/v1/placement-rounds/{round_id}/run", headers=organiser).json()
    assert first == again == {"students": 2, "placed": 1, "unplaced": 1, "places": 2}
