"""/api/docs works without internet: the page and everything it loads come from this server
(Swagger UI vendored in static/swagger-ui), and nothing it runs is inline, so a
``script-src 'self'`` policy allows it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

pytestmark = [
    pytest.mark.integration,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

ABSOLUTE = re.compile(r"""(?:https?:)?//[a-z0-9.-]+""", re.IGNORECASE)


def test_the_docs_page_and_its_assets_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    referenced = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert not [u for u in referenced if ABSOLUTE.match(u)], referenced
    assert "<script>" not in page.text and not re.search(r"\son[a-z]+=", page.text)
    assets = {urlsplit(u).path for u in referenced}
    assert assets == {
        "/static/swagger-ui/swagger-ui.css",
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/swagger-ui/init.js",
        "/api/openapi.json",  # the <noscript> link
    }
    bodies = {}
    for url in referenced:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[urlsplit(url).path] = response.text
    assert "SwaggerUIBundle" in bodies["/static/swagger-ui/swagger-ui-bundle.js"]
    init = bodies["/static/swagger-ui/init.js"]
    assert not ABSOLUTE.search(init) and "validatorUrl: null" in init
    css_urls = re.findall(r"url\(([^)]*)\)", bodies["/static/swagger-ui/swagger-ui.css"])
    assert css_urls and all(u.strip("'\"").startswith("data:") for u in css_urls)
    spec_url = re.search(r'data-openapi-url="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert client.get(spec_url).json()["info"]["title"] == "Talent Foundry"


def test_the_vendored_copy_says_what_it_is_and_under_which_licence(client: TestClient) -> None:
    readme = client.get("/static/swagger-ui/README.md").text
    assert "swagger-ui-dist" in readme and "5.36.0" in readme and "Apache-2.0" in readme
    licence = client.get("/static/swagger-ui/LICENSE.txt").text
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "SmartBear" in client.get("/static/swagger-ui/NOTICE.txt").text


def test_every_api_route_documents_its_error_answers(client: TestClient) -> None:
    """A client generated from the schema knows every answer a route may give (a fuzzer found
    107-132 undocumented status codes per role before)."""
    spec = client.get("/api/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "404", "409", "422", "429", "503"} <= codes, (method, path)
    problem = spec["components"]["schemas"]["Problem"]
    assert {"title", "status", "detail"} <= set(problem["required"])
