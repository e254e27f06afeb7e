"""Behaviour of the demo fair generator: determinism, scale, integrity, realism of the data."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from email_validator import validate_email

from talentfoundry.demo import DEMO_LOGINS, DemoFair, generate_demo_fair
from talentfoundry.demo.vocab import REAL_COMPANY_DENYLIST
from talentfoundry.demo.vocab_roles import all_skills
from talentfoundry.domain.enums import (
    STANDARD_THEMES,
    EventKind,
    EventStatus,
    Mode,
    Seniority,
    SessionKind,
    UserRole,
    WorkAuthorisation,
    WorkMode,
)
from talentfoundry.domain.errors import InputError
from talentfoundry.domain.timeutil import validate_timezone

pytestmark = pytest.mark.unit

SMALL = {"companies": 12, "roles": 40, "candidates": 60, "universities": 5}


@pytest.fixture(scope="module")
def fair() -> DemoFair:
    """The default demo fair, generated once for the whole module."""
    return generate_demo_fair()


# ---------------------------------------------------------------------------- determinism
def test_same_seed_gives_equal_fair() -> None:
    assert generate_demo_fair(11, **SMALL) == generate_demo_fair(11, **SMALL)


def test_different_seed_gives_different_fair() -> None:
    a, b = generate_demo_fair(11, **SMALL), generate_demo_fair(12, **SMALL)
    assert a != b
    assert [c.cv_text for c in a.candidates] != [c.cv_text for c in b.candidates]
    assert {o.name for o in a.organisations if o.kind == "company"} != {
        o.name for o in b.organisations if o.kind == "company"
    }


def test_records_are_immutable(fair: DemoFair) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        fair.roles[0].title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"companies": 0}, "companies"),
        ({"roles": -1}, "roles"),
        ({"candidates": 0}, "candidates"),
        ({"universities": 99}, "universities"),
        ({"companies": "many"}, "companies"),
    ],
)
def test_bad_sizes_are_refused_with_a_clear_message(kwargs: dict, word: str) -> None:
    with pytest.raises(InputError, match=word):
        generate_demo_fair(**kwargs)


# ---------------------------------------------------------------------------- scale
def test_default_fair_meets_the_floors(fair: DemoFair) -> None:
    companies = [o for o in fair.organisations if o.kind == "company"]
    universities = [o for o in fair.organisations if o.kind == "university"]
    assert len(companies) >= 150
    assert len(fair.roles) >= 1000
    assert len(fair.candidates) >= 3000
    assert len(universities) >= 5
    assert 3400 <= len(fair.slots) <= 3800
    by_role = Counter(u.role for u in fair.users)
    assert by_role["organiser"] >= 1 and by_role["admin"] >= 1
    assert by_role["university_staff"] >= len(universities)
    assert by_role["candidate"] == len(fair.candidates)
    staffed = {u.org_key for u in fair.users if u.role == "university_staff"}
    assert staffed == {u.key for u in universities}


def test_companies_cover_the_four_sectors(fair: DemoFair) -> None:
    sectors = Counter(o.sector for o in fair.organisations if o.kind == "company")
    for theme in STANDARD_THEMES:
        assert sectors[theme] >= 15, theme


def test_each_company_has_one_to_three_recruiters(fair: DemoFair) -> None:
    per_org = Counter(u.org_key for u in fair.users if u.role == "recruiter")
    for org in fair.organisations:
        if org.kind == "company":
            assert 1 <= per_org[org.key] <= 3, org.key


def test_programme_has_job_search_branding_workshops_and_industry_talks(fair: DemoFair) -> None:
    main = [s for s in fair.sessions if s.event_key == fair.event.key]
    titles = " | ".join(s.title.lower() for s in main if s.kind == "workshop")
    assert "job search" in titles and "personal branding" in titles and "cv clinic" in titles
    assert sum(s.kind == "talk" for s in main) >= 4
    assert {"microelectronics", "fintech", "health"} <= {
        w for s in main if s.kind == "panel" for w in s.title.lower().replace(":", "").split()
    }


def test_overseas_candidates_are_about_ten_percent(fair: DemoFair) -> None:
    share = sum(c.overseas for c in fair.candidates) / len(fair.candidates)
    assert 0.07 <= share <= 0.13
    for c in fair.candidates:
        assert c.overseas == (c.timezone != "Asia/Taipei"), c.key


def test_cv_sharing_consent_is_about_85_percent(fair: DemoFair) -> None:
    share = sum(c.consent_share_cv for c in fair.candidates) / len(fair.candidates)
    assert 0.80 <= share <= 0.90


# ---------------------------------------------------------------------------- logins, keys, emails
def test_first_user_of_each_role_has_the_known_demo_login(fair: DemoFair) -> None:
    first: dict[str, str] = {}
    for user in fair.users:
        first.setdefault(user.role, user.email)
    assert first == DEMO_LOGINS
    assert fair.candidates[0].email == DEMO_LOGINS["candidate"]
    assert fair.candidates[0].consent_share_cv and fair.candidates[0].consent_contact


def test_keys_are_unique_per_kind(fair: DemoFair) -> None:
    for name in ("organisations", "users", "roles", "candidates", "sessions", "slots"):
        keys = [r.key for r in getattr(fair, name)]
        assert len(keys) == len(set(keys)), name
    assert len({e.key for e in fair.events}) == len(fair.events)
    pairs = [(b.event_key, b.org_key) for b in fair.booths]
    assert len(pairs) == len(set(pairs))


def test_emails_are_unique_valid_and_reserved(fair: DemoFair) -> None:
    emails = [u.email for u in fair.users]
    assert len({e.lower() for e in emails}) == len(emails)
    for email in emails[:: max(1, len(emails) // 300)]:  # a spread sample through every role
        validate_email(email, check_deliverability=False)
    for email in emails:
        assert email == email.lower()
        assert re.search(r"(^|[.@])example\.(org|com)$", email), email


# ---------------------------------------------------------------------------- integrity
def test_every_reference_resolves(fair: DemoFair) -> None:
    orgs = {o.key: o for o in fair.organisations}
    users = {u.key: u for u in fair.users}
    events = {e.key for e in fair.events}
    for role in fair.roles:
        assert orgs[role.org_key].kind == "company"
        assert role.event_keys and set(role.event_keys) <= events
        assert fair.event.key in role.event_keys
    for booth in fair.booths:
        assert booth.org_key in orgs and booth.event_key in events
    for user in fair.users:
        if user.role == "recruiter":
            assert orgs[user.org_key].kind == "company"
        elif user.role == "university_staff":
            assert orgs[user.org_key].kind == "university"
        else:
            assert user.org_key is None
    for slot in fair.slots:
        recruiter = users[slot.recruiter_key]
        assert recruiter.role == "recruiter" and recruiter.org_key == slot.org_key
        assert slot.event_key in events
    for cand in fair.candidates:
        user = users[cand.key]
        assert (user.role, user.email, user.full_name) == ("candidate", cand.email, cand.full_name)
        assert user.timezone == cand.timezone
        if cand.university_key is not None:
            uni = orgs[cand.university_key]
            assert uni.kind == "university" and uni.name == cand.institution
    for session in fair.sessions:
        assert session.event_key in events


def test_every_company_exhibits_at_the_main_event(fair: DemoFair) -> None:
    booths = {b.org_key: b for b in fair.booths if b.event_key == fair.event.key}
    for org in fair.organisations:
        booth = booths[org.key]
        assert booth.location_code or booth.online_room_url
        if booth.location_code:
            assert re.fullmatch(r"Hall [A-D]-\d{2}", booth.location_code)
        if booth.online_room_url:
            assert booth.online_room_url == f"https://rooms.example/{fair.event.key}/{org.key}"
    hybrid = [b for b in booths.values() if b.location_code and b.online_room_url]
    assert len(hybrid) > len(booths) / 3


def test_values_come_from_the_closed_vocabularies(fair: DemoFair) -> None:
    assert {e.kind for e in fair.events} == {k.value for k in EventKind}
    assert {e.status for e in fair.events} <= {s.value for s in EventStatus}
    assert {u.role for u in fair.users} == {r.value for r in UserRole}
    assert {r.seniority for r in fair.roles} == {s.value for s in Seniority}
    assert {r.work_mode for r in fair.roles} == {m.value for m in WorkMode}
    assert {c.work_authorisation for c in fair.candidates} == {a.value for a in WorkAuthorisation}
    assert {s.kind for s in fair.sessions} == {k.value for k in SessionKind}
    assert {s.mode for s in fair.slots} == {m.value for m in Mode}
    assert {o.size for o in fair.organisations} <= {"1-10", "11-50", "51-250", "251-1000", "1000+"}


# ---------------------------------------------------------------------------- time
def test_all_times_are_aware_utc_and_zones_are_iana(fair: DemoFair) -> None:
    stamps = [t for e in fair.events for t in (e.starts_at, e.ends_at)]
    stamps += [t for s in fair.sessions for t in (s.starts_at, s.ends_at)]
    stamps += [t for s in fair.slots for t in (s.starts_at, s.ends_at)]
    for t in stamps:
        assert t.tzinfo is not None and t.utcoffset() == timedelta(0)
    zones = {e.timezone for e in fair.events} | {u.timezone for u in fair.users}
    for zone in zones:
        validate_timezone(zone)


def test_events_are_anchored_in_their_local_time(fair: DemoFair) -> None:
    main = fair.event
    local = main.starts_at.astimezone(ZoneInfo(main.timezone))
    assert (main.kind, main.timezone, local.isoformat()) == (
        "career_day",
        "Asia/Taipei",
        "2027-03-18T09:00:00+08:00",
    )
    assert main.starts_at.astimezone(UTC).hour == 1  # 09:00 in Taipei is 01:00 UTC
    assert main.ends_at - main.starts_at == timedelta(hours=9)
    others = {e.kind: e for e in fair.other_events}
    assert "Microelectronics" in others["themed_drive"].name
    mission = others["overseas_mission"]
    assert mission.timezone == "Europe/London"
    assert mission.starts_at.astimezone(ZoneInfo("Europe/London")).hour == 10
    assert mission.starts_at.hour == 9  # British Summer Time in June is UTC+1


def test_slots_fit_event_hours_and_never_overlap_per_recruiter(fair: DemoFair) -> None:
    main = fair.event
    by_recruiter = defaultdict(list)
    for slot in fair.slots:
        assert slot.event_key == main.key
        assert main.starts_at <= slot.starts_at < slot.ends_at <= main.ends_at
        assert timedelta(minutes=15) <= slot.ends_at - slot.starts_at <= timedelta(minutes=30)
        by_recruiter[slot.recruiter_key].append(slot)
    for slots in by_recruiter.values():
        slots.sort(key=lambda s: s.starts_at)
        for a, b in itertools.pairwise(slots):
            assert a.ends_at <= b.starts_at


def test_every_recruiter_offers_interviews(fair: DemoFair) -> None:
    per_recruiter = Counter(s.recruiter_key for s in fair.slots)
    for user in fair.users:
        if user.role == "recruiter":
            assert per_recruiter[user.key] >= 4, (user.key, user.timezone)


def test_slot_modes_match_the_booth(fair: DemoFair) -> None:
    booths = {b.org_key: b for b in fair.booths if b.event_key == fair.event.key}
    for slot in fair.slots:
        booth = booths[slot.org_key]
        if slot.mode == "onsite":
            assert booth.location_code is not None
        else:
            assert booth.online_room_url is not None


def test_overseas_recruiters_are_not_booked_at_night(fair: DemoFair) -> None:
    zones = {u.key: u.timezone for u in fair.users}
    for slot in fair.slots:
        local_start = slot.starts_at.astimezone(ZoneInfo(zones[slot.recruiter_key]))
        assert 8 <= local_start.hour < 21


def test_sessions_fit_the_day_and_rooms_are_not_double_booked(fair: DemoFair) -> None:
    events = {e.key: e for e in fair.events}
    by_room = defaultdict(list)
    for s in fair.sessions:
        event = events[s.event_key]
        assert event.starts_at <= s.starts_at < s.ends_at <= event.ends_at
        if s.mode == "onsite":
            assert s.location and s.online_url is None and s.capacity
            by_room[(s.event_key, s.location)].append(s)
        else:
            assert s.location is None and s.online_url.startswith("https://rooms.example/")
        assert s.speaker
    assert any(s.capacity is None for s in fair.sessions if s.kind == "talk")
    for sessions in by_room.values():
        sessions.sort(key=lambda s: s.starts_at)
        for a, b in itertools.pairwise(sessions):
            assert a.ends_at <= b.starts_at


# ---------------------------------------------------------------------------- realism
def test_company_names_are_invented(fair: DemoFair) -> None:
    names = [o.name for o in fair.organisations]
    assert len(set(names)) == len(names)
    for name in names:
        for real in REAL_COMPANY_DENYLIST:
            assert not re.search(rf"\b{re.escape(real)}\b", name, re.IGNORECASE), name
    for org in fair.organisations:
        assert org.website == f"https://{org.key}.example"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", org.key)


def test_roles_have_realistic_titles_skills_and_ads(fair: DemoFair) -> None:
    vocabulary = set(all_skills())
    prefixes = {
        "internship": None,
        "graduate": "Graduate ",
        "junior": "Junior ",
        "senior": "Senior ",
    }
    titles = " ".join(r.title for r in fair.roles)
    for expected in (
        "MLOps Engineer",
        "Verification Engineer",
        "Analog Layout Engineer",
        "FPGA Engineer",
        "Bioinformatician",
        "Quant Developer",
        "Product Manager",
    ):
        assert expected in titles
    for role in fair.roles:
        assert set(role.required_skills) <= vocabulary and set(role.nice_skills) <= vocabulary
        assert not set(role.required_skills) & set(role.nice_skills)
        assert len(role.required_skills) >= 3
        words = len(role.description.split())
        assert 80 <= words <= 200, (role.key, words)
        if role.seniority == "internship":
            assert role.title.endswith(" Intern")
        elif role.seniority == "lead":
            assert role.title.startswith(("Lead ", "Principal "))
        elif prefixes.get(role.seniority):
            assert role.title.startswith(prefixes[role.seniority])
        assert role.openings >= 1
        assert re.fullmatch(r"[^,]+, [^,]+", role.location)
    senior = [len(r.required_skills) for r in fair.roles if r.seniority in ("senior", "lead")]
    entry = [len(r.required_skills) for r in fair.roles if r.seniority == "internship"]
    assert sum(senior) / len(senior) > sum(entry) / len(entry)
    uvm = [r for r in fair.roles if "Verification Engineer" in r.title]
    assert all({"SystemVerilog", "UVM"} <= set(r.required_skills) for r in uvm)


_SECTIONS = ("SUMMARY", "EDUCATION", "EXPERIENCE", "SKILLS", "PROJECTS")


def _skill_named(skill: str, text: str, lowered: str) -> bool:
    if skill.lower() not in lowered:  # cheap pre-check; the regex decides
        return False
    flags = re.IGNORECASE if len(skill) >= 4 else 0
    return re.search(rf"(?<![\w+#/.-]){re.escape(skill)}(?![\w+#-])", text, flags) is not None


def test_cvs_are_complete_and_name_exactly_their_declared_skills(fair: DemoFair) -> None:
    vocabulary = all_skills()
    for cand in fair.candidates[::3]:  # a spread sample keeps the regex work small
        text = cand.cv_text
        assert 150 <= len(text.split()) <= 400, cand.key
        lines = text.splitlines()
        for section in _SECTIONS:
            assert section in lines, (cand.key, section)
        for skill in cand.skills:
            assert skill in text, (cand.key, skill)
        lowered = text.lower()
        named = {s for s in vocabulary if _skill_named(s, text, lowered)}
        assert named <= set(cand.skills), (cand.key, named - set(cand.skills))


def test_cv_experience_uses_month_ranges(fair: DemoFair) -> None:
    ranged = re.compile(
        r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (19|20)\d\d - "
        r"((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (19|20)\d\d|Present)"
    )
    with_jobs = [c for c in fair.candidates if c.experience_years >= 1]
    assert all(ranged.search(c.cv_text) for c in with_jobs)
    assert all("Present" in c.cv_text for c in with_jobs)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def test_cv_date_ranges_run_forward_and_stop_at_the_fair(fair: DemoFair) -> None:
    month = "(" + "|".join(_MONTHS) + r") (\d{4})"
    ranged = re.compile(rf"{month} - (?:{month}|Present)")
    fair_month = 2027 * 12 + 2  # March 2027: "Present" in every CV
    seen = 0
    for cand in fair.candidates:
        for m in ranged.finditer(cand.cv_text):
            start = int(m[2]) * 12 + _MONTHS.index(m[1])
            end = fair_month if m[3] is None else int(m[4]) * 12 + _MONTHS.index(m[3])
            assert start <= end <= fair_month, (cand.key, m[0])
            seen += 1
    assert seen > len(fair.candidates)


def test_cv_texts_are_not_templated_clones(fair: DemoFair) -> None:
    texts = [c.cv_text for c in fair.candidates]
    assert len(set(texts)) == len(texts)
    summaries = [c.cv_text.split("SUMMARY\n", 1)[1].split("\n", 1)[0] for c in fair.candidates]
    assert len(set(summaries)) / len(summaries) > 0.95
    openings = Counter(s.split(" ", 3)[:3].__str__() for s in summaries)
    assert openings.most_common(1)[0][1] < len(summaries) / 10


def test_graduation_and_experience_are_plausible(fair: DemoFair) -> None:
    for c in fair.candidates:
        assert 1990 <= c.graduation_year <= 2030
        assert 0 <= c.experience_years <= max(0, 2027.25 - c.graduation_year) + 1.5, c.key
        if c.graduation_year >= 2027:  # still studying at the time of the fair
            assert c.experience_years <= 1.0, c.key
        if c.experience_years >= 8:
            assert c.graduation_year <= 2019, c.key
    cohorts = Counter(
        "student"
        if c.graduation_year >= 2027
        else ("recent" if c.graduation_year >= 2024 else "professional")
        for c in fair.candidates
    )
    assert min(cohorts.values()) > len(fair.candidates) / 8


def test_candidate_wishes_and_authorisation_are_consistent(fair: DemoFair) -> None:
    allowed_sectors = set(STANDARD_THEMES) | {"robotics"}
    for c in fair.candidates:
        assert c.sectors_wanted and set(c.sectors_wanted) <= allowed_sectors
        assert c.locations_wanted
        assert c.skills and len(c.skills) == len(set(c.skills))
        if c.work_authorisation == "student_visa":
            assert c.graduation_year >= 2027
    overseas_auth = Counter(c.work_authorisation for c in fair.candidates if c.overseas)
    assert overseas_auth.most_common(1)[0][0] == "needs_sponsorship"


def test_small_fairs_scale_down_consistently() -> None:
    small = generate_demo_fair(3, **SMALL)
    assert len(small.roles) == SMALL["roles"]
    assert len(small.candidates) == SMALL["candidates"]
    assert sum(o.kind == "company" for o in small.organisations) == SMALL["companies"]
    assert {r.org_key for r in small.roles} == {
        o.key for o in small.organisations if o.kind == "company"
    }
    assert abs(len(small.slots) - 22.5 * SMALL["companies"]) <= 30
