"""Recommendations and ranked shortlists through the API: explained, consent-aware, no default
numbers for empty profiles."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def test_candidate_gets_roles_ranked_with_reasons(
    client: TestClient, world: dict[str, Any]
) -> None:
    recs = client.get("/api/v1/me/recommendations", headers=world["cand1"].headers).json()
    assert [r["title"] for r in recs["results"]] == ["ML Engineer", "Verification Engineer"]
    best = recs["results"][0]
    # "ML Engineer" asks for machine learning; the CV's PyTorch (narrower) covers it.
    assert {m["name"] for m in best["matched_skills"]} == {"Python", "PyTorch", "machine learning"}
    python = next(m for m in best["matched_skills"] if m["name"] == "Python")
    assert "Python (primary)" in python["evidence"]
    assert best["missing_skills"] == []  # a skill the CV states is never "missing"
    assert set(best["components"]) >= {"skills", "lexical"}
    assert any("dense" in w for w in recs["warnings"])  # says the dense component is off
    second = recs["results"][1]
    assert second["score"] < best["score"]
    assert len(second["missing_skills"]) == 2


def test_edited_cv_changes_the_next_answer(client: TestClient, world: dict[str, Any]) -> None:
    headers = world["cand1"].headers
    client.get("/api/v1/me/recommendations", headers=headers)  # first sync
    before = client.get("/api/v1/matching/status", headers=world["admin"].headers).json()
    client.put(
        "/api/v1/me/cv",
        files={"file": ("cv.txt", b"Verification engineer. SKILLS: SystemVerilog, UVM, Python")},
        headers=headers,
    )
    # The upload re-indexed the CV in the background, before anyone asked for an answer.
    after = client.get("/api/v1/matching/status", headers=world["admin"].headers).json()
    assert after["synced_at"] > before["synced_at"]
    assert (after["progress"], after["reindexing"], after["pending_dense"]) == (None, 0, 0)
    recs = client.get("/api/v1/me/recommendations", headers=headers).json()
    assert recs["results"][0]["title"] == "Verification Engineer"


def test_a_denied_requirement_is_missing_with_the_cv_quote(
    client: TestClient, world: dict[str, Any]
) -> None:
    headers = world["cand1"].headers
    cv = b"Cand One\nSKILLS: Python (primary)\nNo experience with PyTorch.\n"
    client.put("/api/v1/me/cv", files={"file": ("cv.txt", cv)}, headers=headers)
    recs = client.get("/api/v1/me/recommendations", headers=headers).json()
    ml = next(r for r in recs["results"] if r["title"] == "ML Engineer")
    assert "PyTorch" in ml["missing_skills"]
    assert "PyTorch" not in {m["name"] for m in ml["matched_skills"]}
    quote = next(m for m in ml["missing_evidence"] if m["name"] == "PyTorch")
    assert quote["stance"] == "negated" and "No experience with PyTorch" in quote["evidence"]


def test_a_broader_skill_is_named_as_related_not_as_met(
    client: TestClient, world: dict[str, Any]
) -> None:
    """Python is not PyTorch: the card says PyTorch is missing and names Python as related."""
    headers = world["cand1"].headers
    cv = b"Cand One\nSKILLS: Python (primary), Django, PostgreSQL\n"
    client.put("/api/v1/me/cv", files={"file": ("cv.txt", cv)}, headers=headers)
    recs = client.get("/api/v1/me/recommendations", headers=headers).json()
    ml = next(r for r in recs["results"] if r["title"] == "ML Engineer")
    assert "PyTorch" in ml["missing_skills"]
    assert "PyTorch" not in {m["name"] for m in ml["matched_skills"]}
    related = next(m for m in ml["related_skills"] if m["name"] == "PyTorch")
    assert related["via"] == "Python" and "Python (primary)" in related["evidence"]


def test_a_choice_in_a_roles_skills_is_met_by_either_skill(
    client: TestClient, world: dict[str, Any]
) -> None:
    """A recruiter asks for "PyTorch or TensorFlow": a TensorFlow CV misses nothing there."""
    body = {
        "organisation_id": world["company_a"],
        "event_ids": [world["event"]],
        "title": "Vision Engineer",
        "required_skills": ["Python", "PyTorch or TensorFlow"],
        "nice_skills": ["Kafka or RabbitMQ", "Redis"],
        "seniority": "mid",
        "work_mode": "remote",
    }
    created = client.post("/api/v1/roles", json=body, headers=world["recruiter_a"].headers)
    assert created.status_code == 201, created.text
    headers = world["cand1"].headers
    cv = b"Cand One\nSKILLS: Python (primary), TensorFlow, Redis\n"
    client.put("/api/v1/me/cv", files={"file": ("cv.txt", cv)}, headers=headers)
    recs = client.get("/api/v1/me/recommendations", headers=headers).json()
    vision = next(r for r in recs["results"] if r["title"] == "Vision Engineer")
    assert vision["missing_skills"] == []
    assert {"Python", "TensorFlow"} <= {m["name"] for m in vision["matched_skills"]}
    ml = next(r for r in recs["results"] if r["title"] == "ML Engineer")
    assert "PyTorch" in ml["missing_skills"]  # asked for on its own there


def test_empty_profile_gets_a_message_not_a_score(
    client: TestClient, world: dict[str, Any]
) -> None:
    body = {"email": "empty@example.org", "password": "Empty-profile-1", "full_name": "Empty"}
    client.post("/api/v1/auth/register", json=body)
    token = client.post(
        "/api/v1/auth/token", json={"email": body["email"], "password": body["password"]}
    ).json()["access_token"]
    recs = client.get("/api/v1/me/recommendations", headers={"Authorization": f"Bearer {token}"})
    assert recs.json()["results"] == []
    assert "no CV and no skills" in recs.json()["message"]


def test_recruiter_shortlist_is_ranked_and_consent_aware(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/roles/{world['role_a']}/ranked-candidates"
    ranked = client.get(url, headers=world["recruiter_a"].headers).json()
    # cand2 did not agree to share their CV: they are not shown to the company at all.
    assert [r["id"] for r in ranked["results"]] == [world["cand1"].id]
    assert ranked["results"][0]["missing_skills"] == []
    other = client.get(url, headers=world["recruiter_b"].headers)
    assert other.status_code == 403
    assert other.json()["detail"] == (
        "Only the company's recruiters and the event's organisers see this."
    )
    candidate = client.get(url, headers=world["cand1"].headers)
    assert candidate.status_code == 403
    assert candidate.json()["detail"] == "Only recruiters, organisers and admins may do this."
    everyone = client.get(url, headers=world["organiser"].headers).json()
    assert [r["id"] for r in everyone["results"]] == [world["cand1"].id, world["cand2"].id]


def test_shortlist_filters(client: TestClient, world: dict[str, Any]) -> None:
    client.patch(
        "/api/v1/me/profile",
        json={
            "graduation_year": 2026,
            "work_authorisation": "needs_sponsorship",
            "locations_wanted": ["Hsinchu"],
        },
        headers=world["cand1"].headers,
    )
    url = f"/api/v1/roles/{world['role_a']}/ranked-candidates"
    headers = world["organiser"].headers
    assert [
        r["id"]
        for r in client.get(url + "?graduation_year=2026", headers=headers).json()["results"]
    ] == [world["cand1"].id]
    assert client.get(url + "?graduation_year=2020", headers=headers).json()["results"] == []
    assert (
        len(
            client.get(url + "?work_authorisation=needs_sponsorship", headers=headers).json()[
                "results"
            ]
        )
        == 1
    )
    assert len(client.get(url + "?location=hsinchu", headers=headers).json()["results"]) == 1


def test_organisers_see_the_score_distribution_per_sector(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/events/{world['event']}/match-scores"
    sectors = {s["sector"]: s for s in client.get(url, headers=world["organiser"].headers).json()}
    assert set(sectors) == {"ai", "microelectronics"}
    assert sectors["ai"]["candidates"] == 2 and sectors["ai"]["roles"] == 1
    plot = client.get(url + ".svg", headers=world["organiser"].headers)
    assert plot.headers["content-type"].startswith("image/svg+xml")
    refused = client.get(url, headers=world["recruiter_a"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."


def test_index_status_counts_what_is_indexed(client: TestClient, world: dict[str, Any]) -> None:
    client.get("/api/v1/me/recommendations", headers=world["cand1"].headers)  # first sync
    status = client.get("/api/v1/matching/status", headers=world["admin"].headers).json()
    assert (status["candidates"], status["roles"], status["reindexing"]) == (2, 2, 0)
    assert status["components"] == ["skills", "lexical"]
    refused = client.get("/api/v1/matching/status", headers=world["cand1"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."


def test_a_new_cv_is_indexed_in_the_background(client: TestClient, world: dict[str, Any]) -> None:
    body = {"email": "new@example.org", "password": "New-candidate-1", "full_name": "New"}
    client.post("/api/v1/auth/register", json=body)
    token = client.post(
        "/api/v1/auth/token", json={"email": body["email"], "password": body["password"]}
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    client.put(
        "/api/v1/me/cv", files={"file": ("cv.txt", b"SKILLS: Solidity, KYC")}, headers=headers
    )
    # No recommendation was asked for: the upload itself scheduled the re-indexing.
    status = client.get("/api/v1/matching/status", headers=world["admin"].headers).json()
    assert (status["candidates"], status["reindexing"]) == (3, 0)
