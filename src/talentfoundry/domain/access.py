"""Who may see or change what: pure rules over roles and ids, shared by API, pages and CLI.

Kept free of I/O so that every role boundary can be unit-tested as a table, and so that the services
ask one question ("may this person read that CV?") in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentfoundry.domain.enums import UserRole


@dataclass(frozen=True, slots=True)
class Principal:
    """The acting person, reduced to what access rules need."""

    user_id: int
    role: UserRole
    organisation_id: int | None = None
    organiser_of: frozenset[int] = frozenset()  # event ids this organiser runs

    @property
    def is_admin(self) -> bool:
        return self.role is UserRole.ADMIN


def can_manage_event(p: Principal, event_id: int) -> bool:
    return p.is_admin or (p.role is UserRole.ORGANISER and event_id in p.organiser_of)


def can_create_event(p: Principal) -> bool:
    return p.role in (UserRole.ORGANISER, UserRole.ADMIN)


def can_manage_organisation(p: Principal, organisation_id: int) -> bool:
    """Recruiters and university staff manage their own organisation; admins any."""
    if p.is_admin:
        return True
    return (
        p.role in (UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF)
        and p.organisation_id == organisation_id
    )


def can_manage_role(p: Principal, role_org_id: int, role_event_ids: frozenset[int]) -> bool:
    """A job role is managed by its company's recruiters and by the organisers of its events."""
    if can_manage_organisation(p, role_org_id) and p.role is not UserRole.UNIVERSITY_STAFF:
        return True
    return any(can_manage_event(p, e) for e in role_event_ids)


def can_view_shortlist(p: Principal, role_org_id: int, role_event_ids: frozenset[int]) -> bool:
    return can_manage_role(p, role_org_id, role_event_ids)


def can_view_candidate(
    p: Principal,
    candidate_user_id: int,
    *,
    shared_with_org_ids: frozenset[int],
    attends_event_ids: frozenset[int],
    university_id: int | None,
) -> bool:
    """May ``p`` see this candidate's profile and CV?

    - the candidate themself, and admins: always;
    - a recruiter: only if the candidate consented to share their CV with employers of an event
      and the recruiter's company exhibits there (``shared_with_org_ids``);
    - an organiser: candidates registered for an event they run;
    - university staff: their own students.
    Another candidate never.
    """
    if p.user_id == candidate_user_id or p.is_admin:
        return True
    if p.role is UserRole.RECRUITER:
        return p.organisation_id is not None and p.organisation_id in shared_with_org_ids
    if p.role is UserRole.ORGANISER:
        return bool(p.organiser_of & attends_event_ids)
    if p.role is UserRole.UNIVERSITY_STAFF:
        return university_id is not None and p.organisation_id == university_id
    return False
