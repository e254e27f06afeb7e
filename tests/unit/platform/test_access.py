"""Every role boundary as a table: who may see a candidate, manage a role, run an event."""

from __future__ import annotations

import pytest

from talentfoundry.domain.access import (
    Principal,
    can_manage_event,
    can_manage_role,
    can_view_candidate,
)
from talentfoundry.domain.enums import UserRole

pytestmark = pytest.mark.unit

CANDIDATE_ID = 10
ACME, BETA, UNI = 1, 2, 3
EVENT = 100


def _view(p: Principal, *, consent_orgs: frozenset[int] = frozenset({ACME})) -> bool:
    return can_view_candidate(
        p,
        CANDIDATE_ID,
        shared_with_org_ids=consent_orgs,
        attends_event_ids=frozenset({EVENT}),
        university_id=UNI,
    )


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (Principal(CANDIDATE_ID, UserRole.CANDIDATE), True),
        (Principal(11, UserRole.CANDIDATE), False),
        (Principal(20, UserRole.RECRUITER, ACME), True),
        (Principal(21, UserRole.RECRUITER, BETA), False),
        (Principal(22, UserRole.RECRUITER, None), False),
        (Principal(30, UserRole.ORGANISER, organiser_of=frozenset({EVENT})), True),
        (Principal(31, UserRole.ORGANISER, organiser_of=frozenset({999})), False),
        (Principal(40, UserRole.UNIVERSITY_STAFF, UNI), True),
        (Principal(41, UserRole.UNIVERSITY_STAFF, 77), False),
        (Principal(50, UserRole.ADMIN), True),
    ],
)
def test_who_may_view_a_candidate(principal: Principal, expected: bool) -> None:
    assert _view(principal) is expected


def test_recruiter_loses_access_when_consent_is_withdrawn() -> None:
    assert _view(Principal(20, UserRole.RECRUITER, ACME), consent_orgs=frozenset()) is False


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (Principal(20, UserRole.RECRUITER, ACME), True),
        (Principal(21, UserRole.RECRUITER, BETA), False),
        (Principal(40, UserRole.UNIVERSITY_STAFF, ACME), False),  # staff never post job roles
        (Principal(30, UserRole.ORGANISER, organiser_of=frozenset({EVENT})), True),
        (Principal(31, UserRole.ORGANISER), False),
        (Principal(10, UserRole.CANDIDATE), False),
    ],
)
def test_who_may_manage_a_role(principal: Principal, expected: bool) -> None:
    assert can_manage_role(principal, ACME, frozenset({EVENT})) is expected


def test_only_the_events_organisers_and_admins_manage_it() -> None:
    assert can_manage_event(
        Principal(30, UserRole.ORGANISER, organiser_of=frozenset({EVENT})), EVENT
    )
    assert not can_manage_event(Principal(31, UserRole.ORGANISER), EVENT)
    assert not can_manage_event(Principal(20, UserRole.RECRUITER, ACME), EVENT)
    assert can_manage_event(Principal(50, UserRole.ADMIN), EVENT)
