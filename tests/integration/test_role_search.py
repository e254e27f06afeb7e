"""Role search ranked by relevance (skills with their aliases, words, titles), the same in the API
and on the page, with the filters kept; search boxes take ``%`` and ``_`` as typed."""

from __future__ import annotations

import html
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from talentfoundry.services import roles
from talentfoundry.services.schemas import RoleIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import User

pytestmark = pytest.mark.integration

ROLES = [
    # key, title, required skills, description, work mode
    ("py_dev", "Python Developer", ["Python", "Django"], "Build our web services.", "hybrid"),
    ("backend", "Backend Engineer", ["Python", "PostgreSQL"], "Own the order service.", "onsite"),
    ("web_dev", "Web Developer", ["JavaScript", "React"], "Shape the shop front.", "hybrid"),
    ("platform", "Platform Engineer", ["Kubernetes", "Terraform"], "Run the clusters.", "hybrid"),
    ("analyst", "Data Analyst", ["SQL"], "Grow repeat orders by 100% with dashboards.", "remote"),
    ("tidier", "Schema Tidier", ["SQL"], "Rename columns to snake_case.", "remote"),
]


@pytest.fixture
def shop(engine: Engine, world: dict[str, Any]) -> dict[str, int]:
    """Six more open roles of Acme AI at the world's event (which already has "ML Engineer",
    requiring Python and PyTorch, and Beta Chips' "Verification Engineer")."""
    ids: dict[str, int] = {"ml": world["role_a"], "verification": world["role_b"]}
    with transaction(make_session_factory(engine)) as db:
        recruiter = db.get(User, world["recruiter_a"].id)
        for key, title, required, description, mode in ROLES:
            role = roles.create_role(
                db,
                recruiter,
                RoleIn(
                    organisation_id=world["company_a"],
                    event_ids=[world["event"]],
                    title=title,
                    description=description,
                    required_skills=required,
                    seniority="mid",
                    work_mode=mode,
                ),
            )
            ids[key] = role.id
    return ids


def _ids(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/api/v1/roles", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_words_and_skills_rank_the_roles_best_first(
    client: TestClient, shop: dict[str, int]
) -> None:
    # Both words in the title and Python required, then the roles requiring Python (A-Z on a
    # tie); "Web Developer" shares only "developer" and falls under a quarter of the best.
    assert _ids(client, q="python developer") == [shop["py_dev"], shop["backend"], shop["ml"]]
    # The taxonomy's alias: nobody writes "k8s", the platform role requires Kubernetes.
    assert _ids(client, q="k8s") == [shop["platform"]]
    assert _ids(client, q="Kubernetes") == [shop["platform"]]
    assert _ids(client, q="react web")[0] == shop["web_dev"]
    # The filters still apply to a ranked search, and the page window to its ranking.
    assert _ids(client, q="python developer", work_mode="onsite") == [shop["backend"]]
    second = client.get("/api/v1/roles", params={"q": "python developer", "limit": 1, "offset": 1})
    assert second.json()["total"] == 3
    assert [item["id"] for item in second.json()["items"]] == [shop["backend"]]


def test_no_words_keeps_the_filters_and_the_a_to_z_order(
    client: TestClient, shop: dict[str, int]
) -> None:
    items = client.get("/api/v1/roles", params={"limit": 50}).json()["items"]
    titles = [item["title"] for item in items]
    assert titles == sorted(titles) and len(titles) == 8
    remote = client.get("/api/v1/roles", params={"work_mode": "remote"}).json()["items"]
    assert [item["id"] for item in remote] == [shop["analyst"], shop["tidier"]]


def test_percent_and_underscore_are_literal(client: TestClient, shop: dict[str, int]) -> None:
    assert _ids(client, q="%") == [shop["analyst"]]
    assert _ids(client, q="_") == [shop["tidier"]]
    assert _ids(client, q="100%") == [shop["analyst"]]
    assert _ids(client, q="%%%") == []
    assert _ids(client, location="%") == []


def test_the_page_ranks_like_the_api_and_links_each_role(
    client: TestClient, shop: dict[str, int]
) -> None:
    page = html.unescape(client.get("/roles", params={"q": "python developer"}).text)
    assert "3 roles, best match first" in page
    first, second = page.index("Python Developer"), page.index("Backend Engineer")
    assert first < second < page.index("ML Engineer")
    assert f'<a href="/roles/{shop["py_dev"]}">Python Developer</a>' in page
    fragment = client.get("/roles", params={"q": "k8s"}, headers={"HX-Request": "true"})
    assert "<h1>" not in fragment.text  # only the results, for HTMX to swap in
    assert f'<a href="/roles/{shop["platform"]}">Platform Engineer</a>' in fragment.text
    nothing = html.unescape(client.get("/roles", params={"q": "cobol mainframe"}).text)
    assert "No role matches “cobol mainframe”. Try other words" in nothing
