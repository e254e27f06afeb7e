"""Security headers on every response: pages, API, static files and errors alike.

- ``Content-Security-Policy``: scripts, styles, images, fonts and connections from this site only;
  no inline script or style (so an injected ``<script>`` or ``onclick`` does not run), no plugins,
  forms post only here, and no other site may frame a page (``frame-ancestors 'none'``, with
  ``X-Frame-Options: DENY`` for older browsers). HTMX is told not to inject its indicator
  ``<style>`` (``htmx-config`` meta in ``base.html``); confirmations and "print" buttons are wired
  by ``static/site.js`` instead of inline handlers.
- SVG charts are documents of their own (matplotlib writes a ``<style>`` element into them): they
  get a policy that allows their inline styles and nothing else, no script at all.
- Swagger UI (``/api/docs``) styles its icons with ``data:`` images; only that route allows them.
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: strict-origin-when-cross-origin``,
  ``Permissions-Policy`` (the camera only for this site: the check-in desk scans badges; no
  microphone, location or payment), and ``Strict-Transport-Security`` when the site is served
  over HTTPS (production).

A handler may set its own value for any of these; the middleware only fills in what is missing.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["PAGE_POLICY", "SVG_POLICY", "SecurityHeadersMiddleware"]

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
DOCS_POLICY = PAGE_POLICY.replace("img-src 'self'", "img-src 'self' data:")
_DOCS_PATHS = ("/api/docs", "/api/redoc")

_COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: adds the headers to the response start, never buffers a body."""

    def __init__(self, app: ASGIApp, *, https_only: bool) -> None:
        self.app = app
        self.https_only = https_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _COMMON.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", _policy(path, headers))
                if self.https_only:
                    headers.setdefault("strict-transport-security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _policy(path: str, headers: MutableHeaders) -> str:
    if headers.get("content-type", "").startswith("image/svg+xml"):
        return SVG_POLICY
    if path.startswith(_DOCS_PATHS):
        return DOCS_POLICY
    return PAGE_POLICY
