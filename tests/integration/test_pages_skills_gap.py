"""University staff's skills-gap page: filters, plot, table, the skills nobody offers, CSV; only
for the university's own staff."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration


def test_staff_see_the_gap_with_plot_table_and_csv(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_login(client, "staff@example.org")
    assert "/staff/skills-gap" in client.get("/me").text  # in the menu
    page = html.unescape(client.get("/staff/skills-gap").text)
    assert "AI in Action: cohort of 1" in page
    assert "ai: 1 role, coverage 100%" in page
    assert "<td>Python</td><td>1</td><td>100%</td><td>1</td><td>100%</td><td>+0 pts</td>" in page
    assert "Demanded skills none of your students offer:</strong> " in page
    missing = page.split("Demanded skills none of your students offer:</strong> ")[1]
    assert "UVM" in missing.split("</p>")[0]
    query = f"event_id={world['event']}"
    assert f'src="/staff/skills-gap.png?{query}"' in page
    png = client.get(f"/staff/skills-gap.png?{query}")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    exported = client.get(f"/staff/skills-gap.csv?{query}")
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text.splitlines()[0].startswith("sector,skill,demand")
    # A cohort filter that nobody matches: nobody offers anything.
    empty = html.unescape(client.get(f"/staff/skills-gap?{query}&graduation_year=1990").text)
    assert "cohort of 0" in empty and "coverage 0%" in empty
    bad = client.get(f"/staff/skills-gap?{query}&graduation_year=next")
    assert bad.status_code == 422 and 'id="graduation_year-error"' in bad.text
    unknown = client.get("/staff/skills-gap?event_id=99999")
    assert unknown.status_code == 422 and 'id="event_id-error"' in unknown.text


def test_only_university_staff_open_the_skills_gap(
    client: TestClient, world: dict[str, Any]
) -> None:
    urls = ["/staff/skills-gap", f"/staff/skills-gap.png?event_id={world['event']}"]
    urls.append(f"/staff/skills-gap.csv?event_id={world['event']}")
    for url in urls:
        anonymous = client.get(url, follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"] == "/login?next=" + quote(url, safe="/")
    for who in ("cand1@example.org", "recruiter.a@example.org", "organiser@example.org"):
        page_login(client, who)
        for url in urls:
            refused = client.get(url, headers=HTML)
            assert refused.status_code == 403, (who, url)
            assert refused.headers["content-type"].startswith("text/html"), (who, url)
            assert "This page is for university staff." in refused.text, (who, url)
            assert "student_share" not in refused.text, (who, url)  # no CSV leaks


def test_staff_page_shows_the_trend_across_events(
    client: TestClient, world: dict[str, Any]
) -> None:
    organiser = world["organiser"].headers
    body = {
        "slug": "chips-drive",
        "kind": "themed_drive",
        "name": "Chips Drive",
        "timezone": "UTC",
        "starts_at": "2027-06-01T09:00:00Z",
        "ends_at": "2027-06-01T17:00:00Z",
        "status": "open",
    }
    drive = client.post("/api/v1/events", json=body, headers=organiser).json()["id"]
    role = {
        "organisation_id": world["company_a"],
        "title": "Python Developer",
        "seniority": "junior",
        "work_mode": "remote",
        "event_ids": [drive],
        "required_skills": ["Python"],
    }
    client.post("/api/v1/roles", json=role, headers=organiser)
    page_login(client, "staff@example.org")
    page = client.get("/staff/skills-gap").text
    assert "Across events" in page
    assert "Chips Drive" in page and "100%" in page
