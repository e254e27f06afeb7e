"""Who may see or change what: pure rules over roles and ids, shared by API, pages and CLI.

Kept free of I/O so that every role boundary can be unit-tested as a table, and so that the services
ask one question ("may this person read that CV?") in one place.

Lists and exports ask the same question of many rows at once. For them each kind of record has a
``*_grounds`` function: the reasons a principal may see records of that kind, as plain data
(:class:`Grounds`). :mod:`talentfoundry.services.scopes` turns grounds into SQL filters, and the
per-row ``can_view_*`` checks here are written over the very same grounds, so a page that shows one
row, the list that shows many and the CSV that exports them cannot disagree.
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


OPERATOR = Principal(user_id=0, role=UserRole.ADMIN)
"""The person at the command line (``foundry export``...): they own the database, so they see
what an admin sees."""


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
    p: Principal | None,
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
    g = candidate_grounds(p)
    return (
        g.everything
        or g.own == candidate_user_id
        or (g.consented_to is not None and g.consented_to in shared_with_org_ids)
        or bool(g.events & attends_event_ids)
        or (g.students_of is not None and g.students_of == university_id)
    )


@dataclass(frozen=True, slots=True)
class Grounds:
    """Why a principal may see records of one kind: any one ground suffices (a union).

    What each ground means for a kind is said by that kind's ``*_grounds`` function; nothing here
    reads a database, so the same value is checked row by row (``can_view_*``) and translated
    into SQL (:mod:`talentfoundry.services.scopes`).
    """

    everything: bool = False
    own: int | None = None
    """Records about this person (their user id)."""
    events: frozenset[int] = frozenset()
    """Records of the events this person runs."""
    organisation: int | None = None
    """Records of this company or university (its roles' applications, its programmes)."""
    consented_to: int | None = None
    """Candidates who shared their CV with an event where this company has a booth."""
    students_of: int | None = None
    """Candidates whose profile names this university."""

    @property
    def nothing(self) -> bool:
        return not (
            self.everything
            or self.own is not None
            or self.events
            or self.organisation is not None
            or self.consented_to is not None
            or self.students_of is not None
        )


NO_GROUNDS = Grounds()
"""What an anonymous visitor may see of personal records: nothing."""


def candidate_grounds(p: Principal | None) -> Grounds:
    """Which candidates (profiles, CVs, and the people counted in an aggregate) ``p`` may see.

    Admins all; everyone themself; a recruiter those who consented to share their CV with an
    event where the company exhibits; an organiser those registered for an event they run;
    university staff their own students. Another candidate never.
    """
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role is UserRole.RECRUITER:
        return Grounds(own=p.user_id, consented_to=p.organisation_id)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    if p.role is UserRole.UNIVERSITY_STAFF:
        return Grounds(own=p.user_id, students_of=p.organisation_id)
    return Grounds(own=p.user_id)


def application_grounds(p: Principal | None) -> Grounds:
    """Which applications (shortlist rows) ``p`` may see: their own as a candidate; a role's
    applicants for its company's recruiters and its events' organisers (as
    :func:`can_view_shortlist`); admins all. University staff see none of a company's."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role is UserRole.RECRUITER:
        return Grounds(own=p.user_id, organisation=p.organisation_id)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    return Grounds(own=p.user_id)


def outcome_grounds(p: Principal | None) -> Grounds:
    """Which placement outcomes ``p`` may see: every outcome of a round at an event they run
    (organisers); the outcomes placing students in their own organisation's programmes (company
    recruiters and university staff); their own once the round is published (students; the
    ``own`` ground holds only for published rounds); admins all."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role in (UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF):
        return Grounds(own=p.user_id, organisation=p.organisation_id)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    return Grounds(own=p.user_id)


def attendance_grounds(p: Principal | None) -> Grounds:
    """Which registrations and check-ins ``p`` may see: their own; all of the events they run
    (organisers); admins all. Companies see a person only through :func:`candidate_grounds`."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    return Grounds(own=p.user_id)


def booking_grounds(p: Principal | None) -> Grounds:
    """Which interview bookings ``p`` may see: their own meetings; their company's (recruiters);
    all of the events they run (organisers); admins all."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role is UserRole.RECRUITER:
        return Grounds(own=p.user_id, organisation=p.organisation_id)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    return Grounds(own=p.user_id)


def lead_grounds(p: Principal | None) -> Grounds:
    """Which leads (people met at a booth) ``p`` may see: those of their own company
    (recruiters); the companies that met them (candidates, ``own``); the leads of the events they
    run, for counting (organisers); admins all. A lead the candidate withdrew from is seen only
    by the candidate and admins. What a company sees *of the person* in a lead is a separate
    rule: their CV only with their consent for that event (:func:`candidate_grounds`)."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    if p.role is UserRole.RECRUITER:
        return Grounds(organisation=p.organisation_id)
    if p.role is UserRole.ORGANISER:
        return Grounds(own=p.user_id, events=p.organiser_of)
    return Grounds(own=p.user_id)


def audit_grounds(p: Principal | None) -> Grounds:
    """Which audit entries ``p`` may read: those about themself ("who looked at my data?");
    admins all. Nobody else reads who read whom."""
    if p is None:
        return NO_GROUNDS
    if p.is_admin:
        return Grounds(everything=True)
    return Grounds(own=p.user_id)


def can_view_application(
    p: Principal | None, *, candidate_id: int, role_org_id: int, role_event_ids: frozenset[int]
) -> bool:
    g = application_grounds(p)
    return (
        g.everything
        or g.own == candidate_id
        or (g.organisation is not None and g.organisation == role_org_id)
        or bool(g.events & role_event_ids)
    )


def can_view_outcome(
    p: Principal | None,
    *,
    student_id: int,
    event_id: int,
    programme_org_id: int | None,
    published: bool,
) -> bool:
    g = outcome_grounds(p)
    return (
        g.everything
        or (published and g.own == student_id)
        or event_id in g.events
        or (g.organisation is not None and g.organisation == programme_org_id)
    )


def can_view_attendance(p: Principal | None, *, user_id: int, event_id: int) -> bool:
    g = attendance_grounds(p)
    return g.everything or g.own == user_id or event_id in g.events


def can_view_booking(
    p: Principal | None, *, candidate_id: int, event_id: int, organisation_id: int
) -> bool:
    g = booking_grounds(p)
    return (
        g.everything
        or g.own == candidate_id
        or event_id in g.events
        or (g.organisation is not None and g.organisation == organisation_id)
    )


def can_view_audit_entry(p: Principal | None, *, subject_user_id: int | None) -> bool:
    g = audit_grounds(p)
    return g.everything or (subject_user_id is not None and g.own == subject_user_id)


def can_view_skills_gap(p: Principal | None, university_id: int, event_id: int) -> bool:
    """The skills-gap report of a university at an event: the university's staff, the event's
    organisers, admins. Its figures count only the students the viewer may see
    (:func:`candidate_grounds`): an aggregate must not reveal what the rows would not."""
    if p is None:
        return False
    staff = p.role is UserRole.UNIVERSITY_STAFF and p.organisation_id == university_id
    return staff or can_manage_event(p, event_id)


def can_view_skills_trend(p: Principal | None, university_id: int) -> bool:
    """The trend across events spans events run by different organisers: staff and admins only."""
    if p is None:
        return False
    return p.is_admin or (
        p.role is UserRole.UNIVERSITY_STAFF and p.organisation_id == university_id
    )
