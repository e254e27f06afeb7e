"""Matching in the pages: a candidate's recommendations with reasons, applying and asking to meet
a company from there, the ranked list of companies to meet; a recruiter's ranked, explained,
consent-aware candidates with filters. Never another role's or company's data."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, csrf_of, page_login, page_sign_up

pytestmark = pytest.mark.integration


def _text(response: Any) -> str:
    return html.unescape(response.text)


def _companies(client: TestClient, world: dict[str, Any]) -> list[int]:
    response = client.get(
        f"/api/v1/events/{world['event']}/meeting-requests", headers=world["cand1"].headers
    )
    return response.json()["organisation_ids"]


def test_candidate_sees_ranked_roles_with_reasons_and_applies(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "cand1@example.org")
    page = _text(client.get("/me/recommendations"))
    assert "Recommended for you" in page
    # Best first, grouped by company, with the evidence line from the CV and component shares.
    assert page.index("ML Engineer") < page.index("Verification Engineer")
    assert page.index("Acme AI") < page.index("Beta Chips")
    assert "Python (primary)" in page
    assert "Missing:</strong> nothing required" in page
    assert "Missing:</strong> SystemVerilog, UVM" in page
    assert re.search(r"<strong>\d+%</strong> match", page)
    assert "Score made of: " in page
    # The engine's "dense embeddings are off" note, retold for the candidate (no configuration).
    assert "These matches compare skills and the words used" in page
    assert "TALENTFOUNDRY_" not in page
    applied = client.post(
        "/me/recommendations/apply", data={"csrf": token, "role_id": world["role_a"]}
    )
    assert "Application sent." in applied.text
    assert "<strong>Applied</strong>" in applied.text
    again = client.post(
        "/me/recommendations/apply", data={"csrf": token, "role_id": world["role_a"]}
    )
    assert again.status_code == 409 and "already applied" in _text(again)
    forged = client.post("/me/recommendations/apply", data={"role_id": world["role_b"]})
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    mine = client.get("/api/v1/me/applications", headers=world["cand1"].headers).json()
    assert [a["job_role_id"] for a in mine] == [world["role_a"]]  # no application to role_b


def test_empty_profile_gets_a_message_and_no_number(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_sign_up(client, "empty@example.org", "Empty-profile-1", "Empty Person")
    page = _text(client.get("/me/recommendations"))
    assert "no CV and no skills" in page
    assert "% match" not in page and "<meter" not in page


def test_candidate_builds_a_ranked_list_of_companies_to_meet(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "cand1@example.org")
    url = "/events/ai-day/meetings"
    # From the recommendations page: add the company, and come back there.
    added = client.post(
        url,
        data={
            "csrf": token,
            "action": "add",
            "organisation_id": world["company_b"],
            "back": f"/me/recommendations?event_id={world['event']}&msg=requested",
        },
    )
    assert added.url.path == "/me/recommendations"
    assert "Added to the companies you would like to meet" in _text(added)
    client.post(url, data={"csrf": token, "action": "add", "organisation_id": world["company_a"]})
    assert _companies(client, world) == [world["company_b"], world["company_a"]]
    page = _text(client.get(url))
    assert page.index("Beta Chips") < page.index("Acme AI")
    moved = client.post(
        url, data={"csrf": token, "action": "up", "organisation_id": world["company_a"]}
    )
    assert "Your list is saved." in moved.text
    assert _companies(client, world) == [world["company_a"], world["company_b"]]
    client.post(
        url, data={"csrf": token, "action": "remove", "organisation_id": world["company_b"]}
    )
    assert _companies(client, world) == [world["company_a"]]
    unknown = client.post(url, data={"csrf": token, "action": "add", "organisation_id": "99999"})
    assert unknown.status_code == 422 and 'id="organisation_id-error"' in unknown.text
    assert _companies(client, world) == [world["company_a"]]  # a refused list changes nothing
    nothing = client.post(url, data={"csrf": token, "action": "add", "organisation_id": ""})
    assert nothing.status_code == 422 and "Choose a company." in nothing.text
    unsafe = client.post(
        url,
        data={
            "csrf": token,
            "action": "add",
            "organisation_id": world["company_b"],
            "back": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert unsafe.headers["location"].startswith("/events/ai-day/meetings")
    forged = client.post(url, data={"action": "remove", "organisation_id": world["company_a"]})
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    assert world["company_a"] in _companies(client, world)  # not removed


def test_an_unregistered_candidate_is_told_to_register_first(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_sign_up(client, "new@example.org", "New-person-12", "New Person")
    page = client.get("/events/ai-day/meetings")
    assert "Register for the event first" in page.text
    token = csrf_of(page.text)
    refused = client.post(
        "/events/ai-day/meetings",
        data={"csrf": token, "action": "add", "organisation_id": world["company_a"]},
    )
    assert refused.status_code == 409
    assert "Register for the event before requesting meetings." in _text(refused)


def test_recruiter_sees_ranked_candidates_explained_and_filtered(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_login(client, "recruiter.a@example.org")
    url = f"/recruiter/roles/{world['role_a']}/ranked"
    page = _text(client.get(url))
    assert "Cand1" in page and "Python (primary)" in page
    assert f"/recruiter/candidates/{world['cand1'].id}/cv?role_id={world['role_a']}" in page
    assert "Cand2" not in page  # did not agree to share their CV with exhibitors
    assert "These matches compare skills" in page and "TALENTFOUNDRY_" not in page  # retold
    none = _text(client.get(url, params={"graduation_year": "1999"}))
    assert "Cand1" not in none and "matches these filters" in none
    bad = client.get(url, params={"graduation_year": "soon"})
    assert bad.status_code == 422 and 'id="graduation_year-error"' in bad.text
    odd = client.get(url, params={"work_authorisation": "alien"})
    assert odd.status_code == 422 and 'id="work_authorisation-error"' in odd.text
    roles = client.get("/recruiter/roles").text
    assert url in roles  # linked from the roles table


def test_a_required_skill_the_cv_denies_is_quoted_to_recruiter_and_candidate(
    client: TestClient, world: dict[str, Any]
) -> None:
    cv = b"Cand One\nSKILLS: Python (primary)\nNo experience with PyTorch <yet> & co.\n"
    uploaded = client.put(
        "/api/v1/me/cv", files={"file": ("cv.txt", cv)}, headers=world["cand1"].headers
    )
    assert uploaded.status_code == 200, uploaded.text
    # The quote is the CV's own words, escaped: its "<yet>" is text, never markup.
    quote = (
        "<strong>PyTorch</strong> — CV says: "
        "<q>No experience with PyTorch &lt;yet&gt; &amp; co.</q>"
    )
    page_login(client, "recruiter.a@example.org")
    ranked = client.get(f"/recruiter/roles/{world['role_a']}/ranked").text
    card = ranked[ranked.index(f'id="c{world["cand1"].id}"') :]
    # Not "PyTorch (through Python)": the CV's own denial wins over a near skill.
    assert "Matches:</strong> Python</p>" in card
    assert "Missing:</strong> PyTorch</p>" in card
    assert quote in card
    assert "<yet>" not in ranked
    page_login(client, "cand1@example.org")
    mine = client.get("/me/recommendations").text
    role_card = mine[mine.index(f'id="r{world["role_a"]}"') :]
    assert "Missing:</strong> PyTorch</p>" in role_card
    assert quote in role_card
    assert "<yet>" not in mine


def test_a_related_skill_is_shown_but_the_requirement_stays_missing(
    client: TestClient, world: dict[str, Any]
) -> None:
    cv = b"Cand One\nSKILLS: Python (primary), Django\n"
    client.put("/api/v1/me/cv", files={"file": ("cv.txt", cv)}, headers=world["cand1"].headers)
    page_login(client, "recruiter.a@example.org")
    ranked = client.get(f"/recruiter/roles/{world['role_a']}/ranked").text
    card = ranked[ranked.index(f'id="c{world["cand1"].id}"') :]
    assert "Matches:</strong> Python</p>" in card
    assert "Missing:</strong> PyTorch</p>" in card
    assert "<strong>PyTorch</strong> — not stated; related: Python" in card


def test_ranked_candidates_and_recommendations_stay_with_their_roles(
    client: TestClient, world: dict[str, Any]
) -> None:
    ranked = f"/recruiter/roles/{world['role_a']}/ranked"
    for url in (ranked, "/me/recommendations"):
        anonymous = client.get(url, follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"] == f"/login?next={url}"

    def refused(url: str, message: str, who: str) -> None:
        page = client.get(url, headers=HTML)
        assert page.status_code == 403, (who, url)
        assert message in page.text, (who, url)
        assert "ML Engineer" not in page.text, (who, url)  # nothing of the page leaks

    page_login(client, "recruiter.b@example.org")
    refused(ranked, "This role belongs to another company.", "recruiter.b")
    refused("/me/recommendations", "This page is for candidates.", "recruiter.b")
    refused("/events/ai-day/meetings", "This page is for candidates.", "recruiter.b")
    for who in ("cand1@example.org", "staff@example.org", "organiser@example.org"):
        page_login(client, who)
        refused(ranked, "This page is for recruiters.", who)
    for who in ("staff@example.org", "organiser@example.org"):
        page_login(client, who)
        refused("/me/recommendations", "This page is for candidates.", who)
        refused("/events/ai-day/meetings", "This page is for candidates.", who)
