"""Application factory."""

from __future__ import annotations

import gc
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from talentfoundry import __version__
from talentfoundry.config import Settings, get_settings
from talentfoundry.services import match_config, match_index, skill_sets
from talentfoundry.services.sign_in_limits import AttemptLimits
from talentfoundry.store.db import make_engine, make_session_factory, pool_options
from talentfoundry.web import api_docs, health, metrics, problems
from talentfoundry.web.admission import Gate
from talentfoundry.web.api import (
    agenda,
    allocation,
    analytics,
    auth,
    events,
    leads,
    matching,
    people,
    placement,
)
from talentfoundry.web.browser_sessions import BrowserSessionMiddleware
from talentfoundry.web.metrics import MetricsMiddleware
from talentfoundry.web.pages import (
    account_links,
    account_security,
    admin,
    candidate_account,
    candidate_event,
    event_setup,
    meetings,
    organiser,
    outbox,
    ranked,
    recommendations,
    recruiter,
    skills_gap,
    staff,
)
from talentfoundry.web.pages import (
    allocation as allocation_pages,
)
from talentfoundry.web.pages import (
    leads as leads_pages,
)
from talentfoundry.web.pages import (
    placement as placement_pages,
)
from talentfoundry.web.pages import routes as pages
from talentfoundry.web.pages.guards import NeedsLogin, login_redirect
from talentfoundry.web.request_context import RequestContextMiddleware
from talentfoundry.web.retry import RetryRaces
from talentfoundry.web.security_headers import SecurityHeadersMiddleware

HERE = Path(__file__).resolve().parent


def _warm_up(factory: Any) -> None:
    """Before the first visitor: build the match index and the students' skill sets, then move
    what they hold out of the garbage collector's sight. The process keeps hundreds of thousands
    of long-lived objects; without ``gc.freeze`` a full collection every so often walked all of
    them and made an unlucky request 0.4 s slower (docs/benchmarks/analytics.md)."""
    match_index.warm_up(factory)
    skill_sets.warm_up(factory)
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    in_memory = settings.database_url in ("sqlite://", "sqlite:///") or ":memory:" in (
        settings.database_url
    )
    pool = {} if in_memory else pool_options(settings.max_active_requests)
    engine = make_engine(settings.database_url, **pool)
    match_config.configure(engine, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        if settings.environment != "test":  # tests build their data after start-up
            threading.Thread(
                target=_warm_up,
                args=(app.state.session_factories["read"],),
                name="warm-up",
                daemon=True,
            ).start()
        yield
        engine.dispose()

    app = FastAPI(
        title="Talent Foundry",
        version=__version__,
        description="Hybrid tech career fairs: events, companies, roles, candidates, interviews.",
        docs_url=None,  # served from the package, offline too: web/api_docs.py
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factories = {
        "read": make_session_factory(engine, write=False),
        "write": make_session_factory(engine, write=True),
    }
    app.state.gate = Gate(
        active=settings.max_active_requests,
        writers=1 if engine.dialect.name == "sqlite" else None,  # SQLite: one writer at a time
        wait_seconds=settings.queue_wait_seconds,
    )
    app.state.attempt_limits = AttemptLimits(settings)
    # The session cookie is an opaque id of a server-side session (web.browser_sessions).
    app.add_middleware(BrowserSessionMiddleware, https_only=settings.https_only)
    problems.install(app)
    app.add_middleware(RetryRaces)  # inside the body limit: it keeps the body to replay it
    from talentfoundry.web.body_limit import BodyLimit, upload_body_limit

    app.add_middleware(  # 413 before a body over the limit is read (web/body_limit.py)
        BodyLimit, upload_bytes=upload_body_limit(settings), other_bytes=settings.max_body_bytes
    )

    api = APIRouter(prefix="/api/v1", responses=problems.API_ERRORS)
    for module in (auth, events, people, agenda, leads, allocation, placement, analytics, matching):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(api_docs.router)
    app.include_router(health.router)  # no admission wait: a busy process still answers
    app.include_router(metrics.router)
    app.include_router(pages.router)
    for page_module in (
        account_security,
        candidate_account,
        candidate_event,
        recommendations,
        meetings,
        recruiter,
        ranked,
        organiser,
        event_setup,
        allocation_pages,
        placement_pages,
        staff,
        skills_gap,
        admin,
        outbox,
        account_links,
        leads_pages,
    ):
        app.include_router(page_module.router)
    app.add_exception_handler(NeedsLogin, login_redirect)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Added last, so outermost: every response gets the headers, errors of inner layers included.
    app.add_middleware(SecurityHeadersMiddleware, https_only=settings.https_only)
    app.add_middleware(MetricsMiddleware)  # outside: it times the whole answer
    app.add_middleware(RequestContextMiddleware)  # outermost: every log line has the request id
    return app
