"""``/healthz`` and ``/readyz`` for load balancers and process supervisors.

- ``/healthz``: the process is up and its event loop answers; no database, so a slow or down
  database never makes a supervisor restart healthy processes.
- ``/readyz``: this process can serve: the database answers, its schema is at the migration this
  code needs (a process started before ``foundry db upgrade``, or a new release against an old
  database, is taken out of rotation with the reason), and the match index's state is reported.
  The index does not gate readiness: searches bring it up to date themselves, and a fresh process
  whose index is still warming serves every other page at once (docs/adr/0009).

Neither waits for admission (``web/admission.py``): a process busy with a rush must still
answer its load balancer, or it would be taken out of rotation exactly when it is needed. The
handlers are sync (thread pool), so the one query of ``/readyz`` never blocks the event loop.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from talentfoundry import __version__
from talentfoundry.services import match_index, operations

router = APIRouter(include_in_schema=False)

_NO_STORE = {"Cache-Control": "no-store"}
_log = logging.getLogger(__name__)


@router.get("/healthz")
async def healthz() -> JSONResponse:
    """Process up: answered on the event loop itself, touching nothing else."""
    return JSONResponse(
        {"status": "ok", "version": __version__, "pid": os.getpid()}, headers=_NO_STORE
    )


def _index_report(request: Request) -> dict[str, Any]:
    factory = request.app.state.session_factories["read"]
    with factory() as db:
        state = match_index.index_state(db)
    return {
        "synced": state.synced_at is not None,
        "synced_at": state.synced_at.isoformat() if state.synced_at else None,
        "busy": state.busy,
    }


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """200 when the database answers at the right schema, else 503 with the reasons."""
    reasons: list[str] = []
    checks: dict[str, Any] = {}
    try:
        schema = operations.schema_state(request.app.state.engine)
    except SQLAlchemyError as exc:
        # The driver's words (host, port, user, "password authentication failed") go to the
        # operator's log, not to whoever can reach this URL.
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        _log.warning("readyz: the database does not answer: %s", detail)
        checks["database"] = {"ok": False}
        reasons.append("the database does not answer: see the server's log for why")
    else:
        checks["database"] = {"ok": True}
        checks["migrations"] = {
            "ok": schema.at_head,
            "current": schema.current,
            "head": schema.head,
        }
        reason = schema.reason()
        if reason:
            reasons.append(reason)
        else:
            checks["match_index"] = _index_report(request)
    ready = not reasons
    body = {"status": "ready" if ready else "not ready", "checks": checks, "reasons": reasons}
    return JSONResponse(body, status_code=200 if ready else 503, headers=_NO_STORE)
