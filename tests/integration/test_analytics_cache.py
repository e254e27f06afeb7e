"""The analytics caches: an answer is reused only while the data it came from is unchanged, in
this process or any other sharing the database, and a reused answer is the computed one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import UserRole
from talentfoundry.matching.skills import extract_skills, skills_from_list
from talentfoundry.services import analytics_cache, dashboard, skill_sets, skills_gap
from talentfoundry.store import versions
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import (
    CandidateProfile,
    CvDocument,
    DataVersion,
    Event,
    JobRole,
    Organisation,
    User,
    role_events,
)
from tests import factories

pytestmark = pytest.mark.integration


@dataclass
class Fair:
    engine: Engine
    client: TestClient
    ids: dict[str, int]
    headers: dict[str, dict[str, str]]

    def report(self, who: str = "staff", event: str = "event") -> dict[str, Any]:
        url = f"/api/v1/universities/{self.ids['north']}/skills-gap?event_id={self.ids[event]}"
        response = self.client.get(url, headers=self.headers[who])
        assert response.status_code == 200, response.text
        return response.json()

    def offered(self, who: str = "staff", event: str = "event") -> dict[str, int]:
        """Skill -> students offering it, as the report shows."""
        return {
            k["skill"]: k["students"]
            for s in self.report(who, event)["sectors"]
            for k in s["skills"]
        }


@pytest.fixture
def fair(engine: Engine, client: TestClient) -> Fair:
    analytics_cache.forget()
    with transaction(make_session_factory(engine)) as db:
        acme = factories.organisation(db, "Acme", sector="ai")
        north = factories.organisation(db, "North Uni", kind="university")
        organiser = factories.user(db, "Olga", UserRole.ORGANISER)
        event = factories.event(db, "Fair", [organiser])
        later = factories.event(db, "Later Fair", [organiser])
        factories.booth(db, event, acme)
        staff = factories.user(db, "Sara", UserRole.UNIVERSITY_STAFF, north)
        ann = factories.user(db, "Ann", university=north, cv_text="Ann\nSkills: Python, Rust")
        bob = factories.user(db, "Bob", university=north, skills=["Go"])
        factories.registration(db, ann, event, consent=True)
        role = factories.role(db, acme, [event], required=["Python", "Go", "Kubernetes"])
        ids = {
            "north": north.id,
            "acme": acme.id,
            "event": event.id,
            "later": later.id,
            "role": role.id,
            "ann": ann.id,
            "bob": bob.id,
        }
        headers = {
            "staff": factories.bearer(db, staff),
            "organiser": factories.bearer(db, organiser),
            "ann": factories.bearer(db, ann),
            "bob": factories.bearer(db, bob),
        }
    return Fair(engine, client, ids, headers)


def test_a_profile_change_shows_on_the_next_request(fair: Fair) -> None:
    assert fair.offered() == {"Python": 1, "Go": 1, "Kubernetes": 0}
    assert fair.offered() == {"Python": 1, "Go": 1, "Kubernetes": 0}  # from the cache
    hits = analytics_cache.stats().hits
    assert hits > 0
    response = fair.client.patch(
        "/api/v1/me/profile", json={"skills": ["Go", "k8s"]}, headers=fair.headers["bob"]
    )
    assert response.status_code == 200, response.text
    assert fair.offered() == {"Python": 1, "Go": 1, "Kubernetes": 1}


def test_a_new_cv_and_a_changed_role_show_on_the_next_request(fair: Fair) -> None:
    assert fair.offered()["Kubernetes"] == 0
    upload = fair.client.put(
        "/api/v1/me/cv",
        files={"file": ("cv.txt", b"Ann\nSkills: Python, Kubernetes", "text/plain")},
        headers=fair.headers["ann"],
    )
    assert upload.status_code == 200, upload.text
    assert fair.offered()["Kubernetes"] == 1
    with transaction(make_session_factory(fair.engine)) as db:
        db.get(JobRole, fair.ids["role"]).required_skills = ["Rust"]
    assert fair.offered() == {"Rust": 0}  # the new CV no longer states it


def test_a_role_moved_to_another_event_leaves_the_report_and_the_dashboard(fair: Fair) -> None:
    assert fair.offered() != {}
    with transaction(make_session_factory(fair.engine)) as db:
        d = dashboard.dashboard(db, _user(db, "Olga"), fair.ids["event"])
        assert [name for name, _ in d.top_skills] == ["Go", "Kubernetes", "Python"]
    with transaction(make_session_factory(fair.engine)) as db:
        role = db.get(JobRole, fair.ids["role"])
        role.events = [db.get(Event, fair.ids["later"])]
    assert fair.offered() == {}
    assert fair.offered(event="later") == {"Python": 1, "Go": 1, "Kubernetes": 0}
    with transaction(make_session_factory(fair.engine)) as db:
        d = dashboard.dashboard(db, _user(db, "Olga"), fair.ids["event"])
        assert d.top_skills == []


def test_a_registration_changes_what_the_organiser_counts(fair: Fair) -> None:
    """Organisers count only the students registered for their events; a new registration
    (a change to a table the staff's cohort does not read) shows at once."""
    assert fair.report("organiser")["cohort"] == 1  # ann
    assert fair.report("staff")["cohort"] == 2
    assert _registrations(fair) == (1, 1)
    response = fair.client.post(
        f"/api/v1/events/{fair.ids['event']}/attendance",
        json={"consent_share_cv": False},
        headers=fair.headers["bob"],
    )
    assert response.status_code == 200, response.text
    assert fair.report("organiser")["cohort"] == 2
    assert _registrations(fair) == (2, 1)  # the dashboard's cached figures follow too


def _registrations(fair: Fair) -> tuple[int, int]:
    with transaction(make_session_factory(fair.engine)) as db:
        d = dashboard.dashboard(db, _user(db, "Olga"), fair.ids["event"])
        return d.registrations, d.consented


def test_a_change_made_by_another_process_shows_on_the_next_request(
    fair: Fair, database_url: str
) -> None:
    assert fair.offered()["Kubernetes"] == 0
    script = textwrap.dedent(
        f"""
        from sqlalchemy import select
        from talentfoundry.store.db import make_engine, make_session_factory, transaction
        from talentfoundry.store.models import CandidateProfile
        engine = make_engine({database_url!r})
        with transaction(make_session_factory(engine)) as db:
            bob = CandidateProfile.user_id == {fair.ids["bob"]}
            profile = db.scalar(select(CandidateProfile).where(bob))
            profile.skills = ["Go", "Kubernetes"]
        engine.dispose()
        """
    )
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
    assert fair.offered()["Kubernetes"] == 1


def _user(db: Session, name: str) -> User:
    return db.scalars(select(User).where(User.full_name == name)).one()


def _reference_report(db: Session, university_id: int, event_id: int) -> skills_gap.GapReport:
    """The report as the straightforward code computes it: every profile and CV read again."""
    profiles = db.scalars(
        select(CandidateProfile)
        .where(CandidateProfile.university_id == university_id)
        .order_by(CandidateProfile.id)
    )
    students = []
    for profile in profiles:
        names = {m.name for m in skills_from_list(list(profile.skills))}
        if profile.cv is not None:
            names |= {m.name for m in extract_skills(profile.cv.text)}
        students.append(names)
    roles = db.scalars(
        select(JobRole)
        .join(role_events, role_events.c.job_role_id == JobRole.id)
        .where(role_events.c.event_id == event_id, JobRole.status == "open")
        .order_by(JobRole.id)
    )
    demand = [
        (
            db.get(Organisation, r.organisation_id).sector or "other",
            [m.name for m in skills_from_list(list(r.required_skills))],
            [m.name for m in skills_from_list(list(r.nice_skills))],
        )
        for r in roles
    ]
    university = db.get(Organisation, university_id)
    return skills_gap.GapReport(
        university=university.name,
        event="Fair",
        cohort=len(students),
        sectors=skills_gap.compute_gap(demand, students),
    )


def test_the_cached_answer_is_the_computed_one(fair: Fair) -> None:
    session = make_session_factory(fair.engine)
    with transaction(session) as db:
        staff = _user(db, "Sara")
        first = skills_gap.gap_report(db, staff, fair.ids["north"], fair.ids["event"])
        before = analytics_cache.stats()
        again = skills_gap.gap_report(db, staff, fair.ids["north"], fair.ids["event"])
        assert analytics_cache.stats().hits > before.hits  # served from the cache
        analytics_cache.forget()
        skill_sets.forget()
        cold = skills_gap.gap_report(db, staff, fair.ids["north"], fair.ids["event"])
        reference = _reference_report(db, fair.ids["north"], fair.ids["event"])
    assert again is first
    assert cold == first == reference
    assert [(k.skill, k.students) for k in first.sectors[0].skills] == [
        ("Go", 1),
        ("Kubernetes", 0),
        ("Python", 1),
    ]


def test_an_uncommitted_change_is_never_hidden_by_the_cache(fair: Fair) -> None:
    with transaction(make_session_factory(fair.engine)) as db:
        staff = _user(db, "Sara")
        report = skills_gap.gap_report(db, staff, fair.ids["north"], fair.ids["event"])
        assert report.cohort == 2
        db.get(User, fair.ids["bob"]).profile.university_id = None
        db.flush()
        changed = skills_gap.gap_report(db, staff, fair.ids["north"], fair.ids["event"])
        assert changed.cohort == 1
        db.rollback()
    assert fair.report()["cohort"] == 2  # rolled back: the data, and the cache, as before


def _tokens(engine: Engine) -> dict[str, str]:
    with make_session_factory(engine)() as db:
        return dict(db.execute(select(DataVersion.table_name, DataVersion.token)).all())


def test_every_kind_of_write_replaces_the_tokens_of_its_tables(fair: Fair) -> None:
    factory = make_session_factory(fair.engine)
    before = _tokens(fair.engine)
    with transaction(factory) as db:  # a bulk UPDATE through the session
        db.execute(update(JobRole).values(openings=3))
    after = _tokens(fair.engine)
    assert after["job_roles"] != before["job_roles"]
    assert after["candidate_profiles"] == before["candidate_profiles"]
    with transaction(factory) as db:  # deleting a person: the database cascades
        db.delete(db.get(User, fair.ids["ann"]))
    later = _tokens(fair.engine)
    changed = {name for name in later if later[name] != after[name]}
    assert {"attendees", "candidate_profiles", "cv_documents"} <= changed
    with transaction(factory) as db:  # a change rolled back changes no token
        db.get(JobRole, fair.ids["role"]).title = "Renamed"
        db.flush()
        db.rollback()
    assert _tokens(fair.engine) == later


def test_a_table_written_around_the_sessions_is_not_cached(fair: Fair) -> None:
    """Without a token (a write that bypassed the sessions removed it here), the report is
    computed every time, never served from a memo that could be stale."""
    with fair.engine.begin() as conn:
        conn.execute(delete(DataVersion).where(DataVersion.table_name == "cv_documents"))
    before = analytics_cache.stats()
    assert fair.offered() == {"Python": 1, "Go": 1, "Kubernetes": 0}
    assert fair.offered() == {"Python": 1, "Go": 1, "Kubernetes": 0}  # computed again
    after = analytics_cache.stats()
    assert after.bypassed > before.bypassed
    with make_session_factory(fair.engine)() as db:
        assert versions.tokens(db, ["cv_documents", "job_roles"]) is None


def test_the_start_up_warm_up_reads_every_students_cv_once(fair: Fair) -> None:
    """After the warm-up, a report reads no CV text: every CV's skills are already known."""
    skill_sets.forget()
    factory = make_session_factory(fair.engine, write=False)
    skill_sets.warm_up(factory)

    def must_not_read(text: str) -> list[str]:
        raise AssertionError(f"read a CV again: {text[:20]!r}")

    with factory() as db:
        cvs = db.execute(select(CvDocument.id, CvDocument.sha256, CvDocument.uploaded_at)).all()
        names = skill_sets.cv_skill_names(
            db, [skill_sets.cv_key(*row) for row in cvs], read=must_not_read
        )
    assert sorted(names.values(), key=len) == [frozenset({"Python", "Rust"})]
