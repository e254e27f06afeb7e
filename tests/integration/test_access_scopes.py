"""Every list and export returns exactly the rows its viewer may see, whichever path asks.

One world (``tests.factories.scoped_world``) with two of everything; for each kind of record a
table says, per viewer, which rows (named by their candidate) come back. The API, the CSV and the
service behind a page are each read and compared with the same table, and the SQL scopes are
compared with the per-row rules of ``domain.access`` on every row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.access import OPERATOR
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.services import dashboard, dataio, recruiting, scopes, students
from talentfoundry.services.common import principal_for
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import (
    Application,
    Attendee,
    AuditLog,
    Booking,
    Booth,
    CheckIn,
    PlacementOutcome,
    PlacementProgramme,
    PlacementRound,
    SessionRegistration,
    User,
    role_events,
)
from tests import factories

pytestmark = pytest.mark.integration

VIEWERS = (
    "organiser_e1",
    "organiser_e2",
    "staff_north",
    "staff_south",
    "recruiter_acme",
    "recruiter_beta",
    "ann",
    "admin",
    "anonymous",
)
CANDIDATES = ("ann", "bob", "cat", "dan", "eve")
REFUSED = "refused"


@dataclass
class Scene:
    """The built world, a token per person, and a way to ask as each viewer."""

    engine: Engine
    client: TestClient
    world: factories.ScopedWorld
    headers: dict[str, dict[str, str]]

    @property
    def ids(self) -> dict[str, Any]:
        return self.world.ids

    def user_id(self, name: str) -> int:
        return self.world.people[name].id

    def name_of(self, user_id: int) -> str:
        return next(k for k, u in self.world.people.items() if u.id == user_id)

    def session(self) -> Iterator[Session]:
        with transaction(make_session_factory(self.engine)) as db:
            yield db

    def as_viewer(self, db: Session, viewer: str) -> User | None:
        return None if viewer == "anonymous" else db.get(User, self.user_id(viewer))

    def get(self, viewer: str, url: str) -> Any:
        return self.client.get(url, headers=self.headers.get(viewer, {}))


@pytest.fixture
def scene(engine: Engine, client: TestClient) -> Scene:
    with transaction(make_session_factory(engine)) as db:
        world = factories.scoped_world(db)
        headers = {name: factories.bearer(db, person) for name, person in world.people.items()}
    return Scene(engine, client, world, headers)


def _names(scene: Scene, user_ids: Any) -> set[str]:
    return {scene.name_of(int(i)) for i in user_ids}


def _each_viewer(scene: Scene, read: Callable[[Session, User | None], Any]) -> dict[str, Any]:
    out = {}
    for viewer in VIEWERS:
        for db in scene.session():
            out[viewer] = read(db, scene.as_viewer(db, viewer))
    return out


def _principal(db: Session, actor: User | None) -> access.Principal | None:
    return scopes.principal_of(db, actor)


# --- candidates ----------------------------------------------------------------------------

VISIBLE_CANDIDATES = {
    "organiser_e1": {"ann", "bob", "dan"},  # registered for e1
    "organiser_e2": {"cat", "dan"},
    "staff_north": {"ann", "bob"},  # their students
    "staff_south": {"cat", "dan"},
    "recruiter_acme": {"ann", "dan"},  # shared their CV with e1, where Acme has a booth
    "recruiter_beta": {"cat"},  # dan is at e2 too, but did not share there
    "ann": {"ann"},
    "admin": set(CANDIDATES),
    "anonymous": set(),
}

CANDIDATES_AT_E1 = {
    "organiser_e1": {"ann", "bob", "dan"},
    "organiser_e2": set(),  # not their event
    "staff_north": {"ann", "bob"},
    "staff_south": {"dan"},
    "recruiter_acme": {"ann", "dan"},
    "recruiter_beta": set(),  # no booth at e1
    "ann": {"ann"},
    "admin": {"ann", "bob", "dan"},
    "anonymous": set(),
}


def test_candidates_each_viewer_may_see(scene: Scene) -> None:
    def read(db: Session, actor: User | None) -> set[str]:
        p = _principal(db, actor)
        return _names(scene, db.scalars(select(User.id).where(scopes.candidates(p))))

    seen = _each_viewer(scene, read)
    assert {v: seen[v] & set(CANDIDATES) for v in VIEWERS} == VISIBLE_CANDIDATES


def test_candidates_each_viewer_may_see_at_one_event(scene: Scene) -> None:
    e1 = scene.ids["e1"]

    def read(db: Session, actor: User | None) -> set[str]:
        p = _principal(db, actor)
        query = select(User.id).where(scopes.candidates(p, event_id=e1))
        return _names(scene, db.scalars(query)) & set(CANDIDATES)

    assert _each_viewer(scene, read) == CANDIDATES_AT_E1


def test_candidate_scope_agrees_with_the_rule_for_one_candidate(scene: Scene) -> None:
    """The SQL filter and ``access.can_view_candidate`` (the CV page's rule) agree on every pair."""
    for db in scene.session():
        for viewer in VIEWERS:
            p = _principal(db, scene.as_viewer(db, viewer))
            visible = set(db.scalars(select(User.id).where(scopes.candidates(p))))
            for name in CANDIDATES:
                uid = scene.user_id(name)
                attends = frozenset(
                    db.scalars(select(Attendee.event_id).where(Attendee.user_id == uid))
                )
                consented = select(Attendee.event_id).where(
                    Attendee.user_id == uid, Attendee.consent_share_cv.is_(True)
                )
                shared = frozenset(
                    db.scalars(select(Booth.organisation_id).where(Booth.event_id.in_(consented)))
                )
                person = db.get(User, uid)
                rule = access.can_view_candidate(
                    p,
                    uid,
                    shared_with_org_ids=shared,
                    attends_event_ids=attends,
                    university_id=person.profile.university_id,
                )
                assert rule is (uid in visible), (viewer, name)


def test_the_candidate_api_and_export_show_the_same_candidates(scene: Scene) -> None:
    """GET /candidates/{id} answers 200 exactly for the visible ones; the candidate export lists
    exactly them; the command line (the operator) exports everyone."""
    api = {}
    for viewer in VIEWERS:
        api[viewer] = {
            name
            for name in CANDIDATES
            if scene.get(viewer, f"/api/v1/candidates/{scene.user_id(name)}").status_code == 200
        }
    assert api == VISIBLE_CANDIDATES

    def exported(db: Session, actor: User | None) -> set[str]:
        viewer = _principal(db, actor)
        if viewer is None:
            return set()
        rows = dataio.export_rows(db, "candidates", viewer=viewer)
        by_email = {u.email: k for k, u in scene.world.people.items()}
        return {by_email[r["email"]] for r in rows}

    assert _each_viewer(scene, exported) == {
        v: ids for v, ids in VISIBLE_CANDIDATES.items() if v != "anonymous"
    } | {"anonymous": set()}
    for db in scene.session():
        everyone = dataio.export_rows(db, "candidates", viewer=OPERATOR)
        assert len(everyone) == len(CANDIDATES)


# --- applications (shortlists) -------------------------------------------------------------

SHORTLISTS = {  # role -> viewer -> applicants shown, or refused
    "role_acme": {
        "organiser_e1": {"ann", "bob"},
        "organiser_e2": REFUSED,
        "staff_north": REFUSED,
        "staff_south": REFUSED,
        "recruiter_acme": {"ann", "bob"},
        "recruiter_beta": REFUSED,
        "ann": REFUSED,
        "admin": {"ann", "bob"},
        "anonymous": REFUSED,
    },
    "role_beta": {
        "organiser_e1": REFUSED,
        "organiser_e2": {"cat", "dan"},
        "staff_north": REFUSED,
        "staff_south": REFUSED,
        "recruiter_acme": REFUSED,
        "recruiter_beta": {"cat", "dan"},
        "ann": REFUSED,
        "admin": {"cat", "dan"},
        "anonymous": REFUSED,
    },
}

APPLICATIONS = {
    "organiser_e1": {"ann", "bob"},
    "organiser_e2": {"cat", "dan"},
    "staff_north": set(),
    "staff_south": set(),
    "recruiter_acme": {"ann", "bob"},
    "recruiter_beta": {"cat", "dan"},
    "ann": {"ann"},
    "admin": {"ann", "bob", "cat", "dan"},
    "anonymous": set(),
}


def test_applications_each_viewer_may_see(scene: Scene) -> None:
    def read(db: Session, actor: User | None) -> set[str]:
        query = select(Application.candidate_id).where(scopes.applications(_principal(db, actor)))
        return _names(scene, db.scalars(query))

    assert _each_viewer(scene, read) == APPLICATIONS
    for db in scene.session():
        for viewer in VIEWERS:
            p = _principal(db, scene.as_viewer(db, viewer))
            for app in db.scalars(select(Application)):
                events = frozenset(
                    db.scalars(
                        select(role_events.c.event_id).where(
                            role_events.c.job_role_id == app.job_role_id
                        )
                    )
                )
                rule = access.can_view_application(
                    p,
                    candidate_id=app.candidate_id,
                    role_org_id=app.job_role.organisation_id,
                    role_event_ids=events,
                )
                assert rule is (scene.name_of(app.candidate_id) in APPLICATIONS[viewer])


@pytest.mark.parametrize("role", sorted(SHORTLISTS))
def test_a_shortlist_api_and_csv_show_the_same_applicants(scene: Scene, role: str) -> None:
    role_id = scene.ids[role]
    api: dict[str, Any] = {}
    for viewer in VIEWERS:
        response = scene.get(viewer, f"/api/v1/roles/{role_id}/shortlist")
        if response.status_code in (401, 403):
            api[viewer] = REFUSED
        else:
            api[viewer] = _names(scene, (a["candidate_id"] for a in response.json()))
    assert api == SHORTLISTS[role]

    def exported(db: Session, actor: User | None) -> Any:
        if actor is None:
            return REFUSED
        try:
            text = recruiting.shortlist_csv(db, actor, role_id)
        except PermissionDenied:
            return REFUSED
        rows = list(csv.DictReader(io.StringIO(text)))
        by_app = {v: k for k, v in scene.ids["applications"].items()}
        return {by_app[int(r["application_id"])] for r in rows}

    assert _each_viewer(scene, exported) == SHORTLISTS[role]


def test_my_applications_are_my_own(scene: Scene) -> None:
    mine = {
        viewer: _names(
            scene,
            (a["candidate_id"] for a in scene.get(viewer, "/api/v1/me/applications").json()),
        )
        for viewer in VIEWERS
        if viewer != "anonymous"
    }
    assert mine == {v: ({"ann"} if v == "ann" else set()) for v in VIEWERS if v != "anonymous"}
    anonymous = scene.get("anonymous", "/api/v1/me/applications")
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"] == (
        "Log in first: send 'Authorization: Bearer <token>' (POST /api/v1/auth/token)."
    )


# --- placement outcomes --------------------------------------------------------------------

OUTCOMES = {
    "organiser_e1": {"ann", "bob", "dan"},  # every outcome of the round at e1
    "organiser_e2": {"cat"},
    "staff_north": {"bob"},  # placed in North Uni's project
    "staff_south": set(),
    "recruiter_acme": {"ann"},  # placed in Acme's internship
    "recruiter_beta": {"cat"},  # run, not yet published: the programme's staff see it
    "ann": {"ann"},  # her round is published
    "cat": set(),  # his is not
    "admin": {"ann", "bob", "cat", "dan"},
    "anonymous": set(),
}


def test_placement_outcomes_each_viewer_may_see(scene: Scene) -> None:
    seen = {}
    for viewer in OUTCOMES:
        for db in scene.session():
            p = _principal(db, scene.as_viewer(db, viewer))
            query = select(PlacementOutcome.student_id).where(scopes.placement_outcomes(p))
            seen[viewer] = _names(scene, db.scalars(query))
            for o in db.scalars(select(PlacementOutcome)):
                placement_round = db.get(PlacementRound, o.round_id)
                programme = db.get(PlacementProgramme, o.programme_id) if o.programme_id else None
                rule = access.can_view_outcome(
                    p,
                    student_id=o.student_id,
                    event_id=placement_round.event_id,
                    programme_org_id=programme.organisation_id if programme else None,
                    published=placement_round.status == scopes.PUBLISHED,
                )
                assert rule is (scene.name_of(o.student_id) in OUTCOMES[viewer]), viewer
    assert seen == OUTCOMES


@pytest.mark.parametrize("placement_round", ["round_e1", "round_e2"])
def test_the_results_csv_shows_the_outcomes_of_the_scope(
    scene: Scene, placement_round: str
) -> None:
    """Organisers and programme staff download exactly their scope's rows of the round."""
    round_id = scene.ids[placement_round]
    in_round = {
        "round_e1": {"ann", "bob", "dan"},
        "round_e2": {"cat"},
    }[placement_round]
    for viewer in ("organiser_e1", "organiser_e2", "staff_north", "recruiter_acme", "admin"):
        response = scene.get(viewer, f"/api/v1/placement-rounds/{round_id}/results.csv")
        expected = OUTCOMES[viewer] & in_round
        if response.status_code == 403:
            assert not expected, viewer
            continue
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert _names(scene, (r["student_id"] for r in rows)) == expected, viewer


# --- registrations, check-ins, seats, bookings, audit entries ------------------------------

ATTENDANCE = {
    "organiser_e1": {"ann@e1", "bob@e1", "dan@e1"},
    "organiser_e2": {"cat@e2", "dan@e2"},
    "staff_north": set(),
    "staff_south": set(),
    "recruiter_acme": set(),
    "recruiter_beta": set(),
    "ann": {"ann@e1"},
    "admin": {"ann@e1", "bob@e1", "cat@e2", "dan@e1", "dan@e2"},
    "anonymous": set(),
}


def test_registrations_each_viewer_may_see(scene: Scene) -> None:
    by_id = {v: k for k, v in scene.ids["registrations"].items()}

    def read(db: Session, actor: User | None) -> set[str]:
        rows = db.scalars(select(Attendee.id).where(scopes.attendees(_principal(db, actor))))
        return {by_id[i] for i in rows}

    assert _each_viewer(scene, read) == ATTENDANCE


@pytest.mark.parametrize("event", ["e1", "e2"])
def test_the_attendee_list_api_shows_the_same_registrations(scene: Scene, event: str) -> None:
    event_id = scene.ids[event]
    shown = {}
    for viewer in VIEWERS:
        response = scene.get(viewer, f"/api/v1/events/{event_id}/attendees?limit=200")
        if response.status_code in (401, 403):
            shown[viewer] = REFUSED
        else:
            shown[viewer] = {
                f"{scene.name_of(a['user_id'])}@{event}" for a in response.json()["items"]
            }
    expected = {}
    for viewer, rows in ATTENDANCE.items():
        runs = viewer == "admin" or viewer == f"organiser_{event}"
        expected[viewer] = {r for r in rows if r.endswith(f"@{event}")} if runs else REFUSED
    assert shown == expected


PER_EVENT_OWN = {  # check-ins and seats: ann at e1, cat at e2
    "organiser_e1": {"ann"},
    "organiser_e2": {"cat"},
    "staff_north": set(),
    "staff_south": set(),
    "recruiter_acme": set(),
    "recruiter_beta": set(),
    "ann": {"ann"},
    "admin": {"ann", "cat"},
    "anonymous": set(),
}
BOOKINGS = PER_EVENT_OWN | {"recruiter_acme": {"ann"}, "recruiter_beta": {"cat"}}
AUDIT = {v: set() for v in VIEWERS} | {"ann": {"ann"}, "admin": {"ann", "bob"}}
LEADS = {v: set() for v in VIEWERS} | {
    "organiser_e1": {"ann", "bob"},  # counted on their event's dashboard; dan withdrew
    "organiser_e2": {"cat"},
    "recruiter_acme": {"ann", "bob"},  # dan withdrew from Acme's leads
    "recruiter_beta": {"cat"},
    "ann": {"ann"},
    "admin": {"ann", "bob", "cat", "dan"},
}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("check_ins", PER_EVENT_OWN),
        ("session_registrations", PER_EVENT_OWN),
        ("bookings", BOOKINGS),
        ("audit_entries", AUDIT),
        ("leads", LEADS),
    ],
)
def test_personal_records_each_viewer_may_see(
    scene: Scene, kind: str, expected: dict[str, set[str]]
) -> None:
    column, scope = {
        "check_ins": (CheckIn.user_id, scopes.check_ins),
        "session_registrations": (SessionRegistration.user_id, scopes.session_registrations),
        "bookings": (Booking.candidate_id, scopes.bookings),
        "audit_entries": (AuditLog.subject_user_id, scopes.audit_entries),
        "leads": (Lead.candidate_id, scopes.leads),
    }[kind]

    def read(db: Session, actor: User | None) -> set[str]:
        return _names(scene, db.scalars(select(column).where(scope(_principal(db, actor)))))

    assert _each_viewer(scene, read) == expected


def test_who_viewed_me_lists_entries_about_me_only(scene: Scene) -> None:
    entries = scene.get("ann", "/api/v1/me/audit").json()
    recruiter = scene.user_id("recruiter_acme")
    assert [(e["actor_id"], e["action"]) for e in entries] == [(recruiter, "cv.view")]
    assert scene.get("staff_north", "/api/v1/me/audit").json() == []


# --- analytics: students list, skills gap, dashboard ---------------------------------------

STUDENTS = {
    "staff_north": {"ann", "bob"},
    "staff_south": {"cat", "dan"},
} | {v: REFUSED for v in VIEWERS if not v.startswith("staff")}


def test_the_student_list_shows_the_universitys_students(scene: Scene) -> None:
    def read(db: Session, actor: User | None) -> Any:
        if actor is None:
            return REFUSED
        try:
            return _names(scene, (r.user_id for r in students.my_students(db, actor)))
        except PermissionDenied:
            return REFUSED

    assert _each_viewer(scene, read) == STUDENTS


GAP = {  # (university, event) -> viewer -> students counted, or refused
    ("north", "e1"): {
        "organiser_e1": {"ann", "bob"},
        "staff_north": {"ann", "bob"},
        "admin": {"ann", "bob"},
    },
    ("south", "e1"): {
        "organiser_e1": {"dan"},  # cat is registered for e2 only: not the organiser's to count
        "staff_south": {"cat", "dan"},
        "admin": {"cat", "dan"},
    },
    ("south", "e2"): {
        "organiser_e2": {"cat", "dan"},
        "staff_south": {"cat", "dan"},
        "admin": {"cat", "dan"},
    },
}


@pytest.mark.parametrize("where", sorted(GAP))
def test_the_skills_gap_counts_only_the_students_the_viewer_may_see(
    scene: Scene, where: tuple[str, str]
) -> None:
    university, event = where
    url = f"/api/v1/universities/{scene.ids[university]}/skills-gap?event_id={scene.ids[event]}"
    skill_to_name = {skill: name for name, skill in factories.SKILL_OF.items()}
    counted: dict[str, Any] = {}
    for viewer in VIEWERS:
        response = scene.get(viewer, url)
        if response.status_code in (401, 403):
            counted[viewer] = REFUSED
            continue
        report = response.json()
        names = {
            skill_to_name[k["skill"]]
            for s in report["sectors"]
            for k in s["skills"]
            if k["students"] > 0
        }
        assert report["cohort"] == len(names), viewer
        counted[viewer] = names
        csv_rows = list(
            csv.DictReader(io.StringIO(scene.get(viewer, url.replace("gap?", "gap.csv?")).text))
        )
        assert {skill_to_name[r["skill"]] for r in csv_rows if int(r["students"])} == names
    assert counted == {v: GAP[where].get(v, REFUSED) for v in VIEWERS}


def test_the_dashboard_counts_the_events_registrations_for_its_organisers(scene: Scene) -> None:
    def read(db: Session, actor: User | None) -> Any:
        if actor is None:
            return REFUSED
        try:
            d = dashboard.dashboard(db, actor, scene.ids["e1"])
        except PermissionDenied:
            return REFUSED
        return (d.registrations, d.consented, d.checked_in_onsite, d.bookings)

    seen = _each_viewer(scene, read)
    figures = (3, 2, 1, 1)  # ann, bob, dan; ann and dan share; ann checked in and booked
    assert seen == {v: figures if v in ("organiser_e1", "admin") else REFUSED for v in VIEWERS}


def test_the_principal_of_an_anonymous_visitor_sees_nothing(scene: Scene) -> None:
    for db in scene.session():
        assert scopes.principal_of(db, None) is None
        for scope in (scopes.candidates, scopes.applications, scopes.placement_outcomes):
            assert list(db.scalars(select(User.id).where(scope(None)))) == []
        staff = db.get(User, scene.user_id("staff_north"))
        assert principal_for(db, staff).organisation_id == scene.ids["north"]


def test_the_leads_api_and_csv_show_the_same_people_with_the_same_consent(scene: Scene) -> None:
    """Acme's list and CSV at e1 hold ann (sharing: her best role) and bob (not sharing: name
    only), never dan, who withdrew; Beta has no booth at e1 and is refused."""
    e1 = scene.ids["e1"]
    listed = scene.get("recruiter_acme", f"/api/v1/events/{e1}/leads").json()
    assert {scene.name_of(x["candidate_id"]): x["shares_cv"] for x in listed} == {
        "ann": True,
        "bob": False,
    }
    sheet = scene.get("recruiter_acme", f"/api/v1/events/{e1}/leads.csv").text
    rows = {r["name"]: r["shares_cv"] for r in csv.DictReader(io.StringIO(sheet))}
    assert rows == {"Ann": "yes", "Bob": "no"}
    refused = scene.get("recruiter_beta", f"/api/v1/events/{e1}/leads")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Your company has no booth at this event."
    mine = scene.get("dan", "/api/v1/me/scans").json()
    assert [(m["company"], m["withdrawn"]) for m in mine] == [("Acme", True)]
