"""Errors that carry a message meant for a person.

Every layer raises these for bad input; the CLI turns them into exit status 2 and the web layer into
``application/problem+json`` responses, so no user ever sees a stack trace for a mistake of theirs.
"""

from __future__ import annotations


class FoundryError(Exception):
    """Base class: ``message`` is shown to the user as is."""

    status = 400
    title = "Bad request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InputError(FoundryError):
    """The input (a file, a form, a JSON body) is malformed or inconsistent."""

    status = 422
    title = "Invalid input"


class NotFound(FoundryError):
    status = 404
    title = "Not found"


class PermissionDenied(FoundryError):
    status = 403
    title = "Forbidden"


class AuthRequired(FoundryError):
    status = 401
    title = "Authentication required"


class Conflict(FoundryError):
    """The request is valid but the current state refuses it (slot taken, seat gone, duplicate)."""

    status = 409
    title = "Conflict"


class Busy(FoundryError):
    """The server is at capacity for a moment: nothing was done, and trying again soon will work.

    ``retry_after`` (seconds) becomes the HTTP ``Retry-After`` header.
    """

    status = 503
    title = "Busy, try again shortly"

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PayloadTooLarge(FoundryError):
    status = 413
    title = "Payload too large"


class UnsupportedMedia(FoundryError):
    status = 415
    title = "Unsupported media type"
