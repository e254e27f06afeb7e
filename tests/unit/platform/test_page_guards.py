"""Every page that takes a form checks its CSRF token, and checks who may call first.

The checks are dependencies declared in each handler's signature (web/pages/guards.py); this test
reads the app's routes, so a new POST page that forgets `CheckedForm` fails here, not in an
attacker's hands.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from talentfoundry.web import pages
from talentfoundry.web.deps import page_user
from talentfoundry.web.pages.guards import checked_form

pytestmark = pytest.mark.unit


def _calls(dependant: Dependant) -> Iterator[object]:
    """The dependency functions of a route, depth first, in the order FastAPI solves them."""
    for sub in dependant.dependencies:
        yield from _calls(sub)
        yield sub.call


def _page_posts() -> list[APIRoute]:
    """The routes of every page module's router that take a posted form."""
    routes: list[APIRoute] = []
    for info in pkgutil.iter_modules(pages.__path__):
        router = getattr(importlib.import_module(f"{pages.__name__}.{info.name}"), "router", None)
        if isinstance(router, APIRouter):
            routes += [r for r in router.routes if isinstance(r, APIRoute)]
    return [r for r in routes if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]


def test_every_posted_page_form_is_csrf_checked() -> None:
    posts = _page_posts()
    assert len(posts) > 30  # the pages' forms, not an empty app
    unchecked = [r.path for r in posts if checked_form not in list(_calls(r.dependant))]
    assert unchecked == []


def test_the_person_is_known_before_the_form_is_checked() -> None:
    """Where a page is for signed-in people, a stranger gets the login form, not "the form
    expired": the guard (a dependency built on the signed-in user) is solved before the CSRF
    check. Pages open to everyone (sign-up, forgotten password) have no guard."""
    guarded = 0
    for route in _page_posts():
        top = [d.call for d in route.dependant.dependencies]
        guards = [
            i
            for i, d in enumerate(route.dependant.dependencies)
            if page_user in [sub.call for sub in d.dependencies]
        ]
        if guards:
            guarded += 1
            assert guards[0] < top.index(checked_form), route.path
    assert guarded > 30
