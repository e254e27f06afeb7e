"""Application factory."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from talentfoundry import __version__
from talentfoundry.config import Settings, get_settings
from talentfoundry.services import match_index
from talentfoundry.store.db import make_engine, make_session_factory
from talentfoundry.web import problems
from talentfoundry.web.api import (
    agenda,
    allocation,
    analytics,
    auth,
    events,
    matching,
    people,
    placement,
)
from talentfoundry.web.pages import (
    allocation as allocation_pages,
)
from talentfoundry.web.pages import (
    candidate_account,
    candidate_event,
    event_setup,
    meetings,
    organiser,
    ranked,
    recommendations,
    recruiter,
    skills_gap,
    staff,
)
from talentfoundry.web.pages import (
    placement as placement_pages,
)
from talentfoundry.web.pages import routes as pages
from talentfoundry.web.pages.guards import NeedsLogin, login_redirect

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        if settings.environment != "test":  # tests build their data after start-up
            threading.Thread(
                target=match_index.warm_up,
                args=(app.state.session_factories["read"],),
                name="match-index-warm-up",
                daemon=True,
            ).start()
        yield
        engine.dispose()

    app = FastAPI(
        title="Talent Foundry",
        version=__version__,
        description="Hybrid tech career fairs: events, companies, roles, candidates, interviews.",
        docs_url="/api/docs",
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
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="tf_session",
        same_site="lax",
        https_only=settings.cookie_secure,
        max_age=60 * 60 * 12,
    )
    problems.install(app)

    api = APIRouter(prefix="/api/v1")
    for module in (auth, events, people, agenda, allocation, placement, analytics, matching):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(pages.router)
    for page_module in (
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
    ):
        app.include_router(page_module.router)
    app.add_exception_handler(NeedsLogin, login_redirect)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
