"""Who may call is checked before the request is validated: a person whose role may not use a
route gets 403 naming who may, never 422 "field required" describing a request they may not make.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

PEOPLE = ("cand1", "recruiter_a", "staff", "organiser", "admin")


def _restricted_routes(client: TestClient) -> list[tuple[str, str, frozenset[str]]]:
    """(method, path, roles) of every API route that declares the roles that may call it."""
    found = []
    for route in iter_route_contexts(client.app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None or not (route.path or "").startswith("/api/"):
            continue
        roles = [getattr(d.call, "tf_roles", None) for d in dependant.dependencies]
        declared = [r for r in roles if r is not None]
        if declared:
            for method in sorted(route.methods - {"HEAD"}):
                found.append((method, route.path, declared[0]))
    return found


def test_every_restricted_route_refuses_other_roles_before_reading_the_request(
    client: TestClient, world: dict[str, Any]
) -> None:
    routes = _restricted_routes(client)
    assert len(routes) >= 45, routes  # the sweep found the routes, so it can fail
    refusals = 0
    for method, path, roles in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        for who in PEOPLE:
            actor = world[who]
            if actor.role in roles:
                continue
            # An empty body and no query: anything that validated first would say 422.
            response = client.request(method, url, json={}, headers=actor.headers)
            where = f"{method} {path} as {actor.role}"
            assert response.status_code == 403, f"{where}: {response.text}"
            assert response.json()["detail"].startswith("Only "), where
            assert response.json()["detail"].endswith(" may do this."), where
            refusals += 1
    assert refusals >= 120


def test_a_candidate_gets_403_not_field_required_from_organiser_routes(
    client: TestClient, world: dict[str, Any]
) -> None:
    headers = world["cand1"].headers
    created = client.post("/api/v1/events", json={}, headers=headers)
    assert created.status_code == 403
    assert created.json()["detail"] == "Only organisers and admins may do this."
    gap = client.get(f"/api/v1/universities/{world['university']}/skills-gap", headers=headers)
    assert gap.json()["detail"] == "Only university staff, organisers and admins may do this."
    # Allowed roles still get the validation they need.
    organiser = client.post("/api/v1/events", json={}, headers=world["organiser"].headers)
    assert organiser.status_code == 422
    assert {e["field"] for e in organiser.json()["errors"]} >= {"slug", "name"}


def test_a_route_open_to_the_role_still_applies_the_finer_rule(
    client: TestClient, world: dict[str, Any]
) -> None:
    """The coarse role check does not replace the services' checks: a recruiter of another
    company may not edit this company's role."""
    response = client.patch(
        f"/api/v1/roles/{world['role_a']}",
        json={"title": "Renamed"},
        headers=world["recruiter_b"].headers,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the company's recruiters and the event's organisers may do that."
    )
    assert client.get(f"/api/v1/roles/{world['role_a']}").json()["title"] == "ML Engineer"
