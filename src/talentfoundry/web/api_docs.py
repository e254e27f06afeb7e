"""``/api/docs``: Swagger UI served from the package, so the API's documentation works offline.

WHY not FastAPI's built-in page: it loads Swagger UI from a CDN (a blank page without internet)
and starts it with an inline ``<script>``, which a Content-Security-Policy of ``script-src 'self'``
blocks. This page loads the vendored copy in ``static/swagger-ui/`` (see its README for the
version and licence) and starts it from ``static/swagger-ui/init.js``; it names no other host.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["SWAGGER_UI_VERSION", "docs_page", "router"]

SWAGGER_UI_VERSION = "5.36.0"
"""The vendored ``swagger-ui-dist``; added to the asset URLs so that an update is never served
from a browser's cache of the previous version."""

ASSETS = "/static/swagger-ui"

router = APIRouter(include_in_schema=False)


def docs_page(openapi_url: str, title: str) -> str:
    """The HTML of the documentation page for the OpenAPI document at ``openapi_url``."""
    v = f"?v={SWAGGER_UI_VERSION}"
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <link rel="stylesheet" href="{ASSETS}/swagger-ui.css{v}">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{escape(openapi_url)}">
  <noscript><p>The API documentation needs JavaScript. The OpenAPI document itself is at
  <a href="{escape(openapi_url)}">{escape(openapi_url)}</a>.</p></noscript>
</div>
<script src="{ASSETS}/swagger-ui-bundle.js{v}"></script>
<script src="{ASSETS}/init.js{v}"></script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    app = request.app
    openapi_url = request.scope.get("root_path", "") + (app.openapi_url or "/api/openapi.json")
    return HTMLResponse(docs_page(openapi_url, f"{app.title} API"))
