"""The grounds of each kind of record, as tables: who may see which rows, and why."""

from __future__ import annotations

import pytest

from talentfoundry.domain.access import (
    NO_GROUNDS,
    OPERATOR,
    Grounds,
    Principal,
    application_grounds,
    audit_grounds,
    can_view_application,
    can_view_outcome,
    can_view_skills_gap,
    can_view_skills_trend,
    candidate_grounds,
)
from talentfoundry.domain.enums import UserRole

pytestmark = pytest.mark.unit

ACME, UNI, OTHER_UNI, EVENT, OTHER_EVENT = 1, 3, 4, 100, 200
ORGANISER = Principal(30, UserRole.ORGANISER, organiser_of=frozenset({EVENT}))
RECRUITER = Principal(20, UserRole.RECRUITER, ACME)
STAFF = Principal(40, UserRole.UNIVERSITY_STAFF, UNI)
STUDENT = Principal(10, UserRole.CANDIDATE)
ADMIN = Principal(50, UserRole.ADMIN)


@pytest.mark.parametrize(
    ("principal", "grounds"),
    [
        (None, NO_GROUNDS),
        (STUDENT, Grounds(own=10)),
        (RECRUITER, Grounds(own=20, consented_to=ACME)),
        (ORGANISER, Grounds(own=30, events=frozenset({EVENT}))),
        (STAFF, Grounds(own=40, students_of=UNI)),
        (ADMIN, Grounds(everything=True)),
        (OPERATOR, Grounds(everything=True)),
    ],
)
def test_who_sees_which_candidates(principal: Principal | None, grounds: Grounds) -> None:
    assert candidate_grounds(principal) == grounds


def test_nobody_anonymous_sees_anything() -> None:
    assert NO_GROUNDS.nothing
    assert audit_grounds(None).nothing and application_grounds(None).nothing
    assert not Grounds(own=1).nothing


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (STUDENT, True),  # their own application
        (Principal(11, UserRole.CANDIDATE), False),
        (RECRUITER, True),  # the role is Acme's
        (Principal(21, UserRole.RECRUITER, 2), False),
        (ORGANISER, True),  # the role is at their event
        (Principal(31, UserRole.ORGANISER, organiser_of=frozenset({OTHER_EVENT})), False),
        (STAFF, False),  # university staff never see a company's applicants
        (ADMIN, True),
        (None, False),
    ],
)
def test_who_sees_an_application(principal: Principal | None, expected: bool) -> None:
    seen = can_view_application(
        principal, candidate_id=10, role_org_id=ACME, role_event_ids=frozenset({EVENT})
    )
    assert seen is expected


@pytest.mark.parametrize(
    ("principal", "published", "expected"),
    [
        (STUDENT, True, True),
        (STUDENT, False, False),  # not before the round is published
        (ORGANISER, False, True),
        (Principal(40, UserRole.UNIVERSITY_STAFF, UNI), False, True),  # placed in UNI's project
        (Principal(41, UserRole.UNIVERSITY_STAFF, OTHER_UNI), True, False),
        (RECRUITER, True, False),  # not Acme's programme
        (None, True, False),
    ],
)
def test_who_sees_a_placement_outcome(
    principal: Principal | None, published: bool, expected: bool
) -> None:
    seen = can_view_outcome(
        principal, student_id=10, event_id=EVENT, programme_org_id=UNI, published=published
    )
    assert seen is expected


def test_who_sees_a_skills_gap_and_its_trend() -> None:
    assert can_view_skills_gap(STAFF, UNI, OTHER_EVENT) and can_view_skills_trend(STAFF, UNI)
    assert can_view_skills_gap(ORGANISER, OTHER_UNI, EVENT)
    assert not can_view_skills_trend(ORGANISER, OTHER_UNI)  # spans other organisers' events
    assert not can_view_skills_gap(ORGANISER, UNI, OTHER_EVENT)
    assert not can_view_skills_gap(RECRUITER, UNI, EVENT)
    assert not can_view_skills_gap(None, UNI, EVENT)
    assert can_view_skills_gap(ADMIN, UNI, EVENT) and can_view_skills_trend(ADMIN, UNI)
