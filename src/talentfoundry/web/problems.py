"""Errors as ``application/problem+json`` (RFC 9457), each with a message a person can act on."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services.messages import messages_of, summary

PROBLEM = "application/problem+json"


class FieldProblem(BaseModel):
    field: str
    message: str
    code: str | None = None


class Problem(BaseModel):
    """An error answer (RFC 9457): ``detail`` is a sentence for a person."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None


_ANSWERS = {
    400: "The request is malformed.",
    401: "Not logged in, or the token has expired.",
    403: "Logged in, but not allowed to do this.",
    404: "No such thing (or not visible to you).",
    409: "Refused by the current state: a slot just taken, an overlap, a closed round...",
    413: "The body is too large.",
    422: "A field is invalid; `errors` says which and why.",
    429: "Too many attempts; `Retry-After` says when to try again.",
    503: "Busy for a moment; nothing was done; `Retry-After` says when to try again.",
}
API_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": text, "content": {PROBLEM: {}}}
    for code, text in _ANSWERS.items()
}
"""The error answers every API route may give, documented once for the OpenAPI schema."""


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def _html(request: Request, status: int, title: str, detail: str) -> Response:
    from talentfoundry.web.pages.errors import error_page  # the pages import this module's app

    return error_page(request, status, title, detail)


def problem(
    status: int, title: str, detail: str, *, instance: str | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _body_model(request: Request) -> type[BaseModel] | None:
    """The input schema of the route's JSON body, whose ``labels`` name its fields for people
    (None when the body is not one schema: then the fields are named by the default labels)."""
    route = request.scope.get("route")
    body = getattr(route, "body_field", None)
    if body is None or getattr(route, "_embed_body_fields", False):
        return None
    model = getattr(body.field_info, "annotation", None)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def foundry_error(request: Request, exc: FoundryError) -> Response:
    """A person's mistake or a refusal: an HTML page for a browser, a problem for the API; with
    ``Retry-After`` when the error says when to try again (busy, rate-limited)."""
    if _wants_html(request):
        response = _html(request, exc.status, exc.title, exc.message)
    else:
        extra = {"errors": [{"field": exc.field, "message": exc.message}]} if exc.field else {}
        response = problem(exc.status, exc.title, exc.message, instance=request.url.path, **extra)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def install(app: FastAPI) -> None:
    @app.exception_handler(FoundryError)
    async def _foundry(request: Request, exc: FoundryError) -> Response:
        return foundry_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        found = messages_of(exc.errors(), _body_model(request))
        errors = [{"field": m.field or "body", "message": m.message, "code": m.code} for m in found]
        return problem(
            422, "Invalid input", summary(found), instance=request.url.path, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 401: "Authentication required"}
        if _wants_html(request):
            return _html(
                request, exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail)
            )
        return problem(
            exc.status_code,
            titles.get(exc.status_code, "Error"),
            str(exc.detail),
            instance=request.url.path,
        )
