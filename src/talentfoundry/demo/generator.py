"""Deterministic generator of a realistic demo fair: the science park's "AI in Action" career day.

WHY a generator rather than fixtures: the platform's matching, scheduling and placement engines only
show their worth at realistic scale (160 exhibitors, 1,100 roles, 3,200 CVs, 3,600 interview slots),
and hand-written fixtures of that size rot. The generator is:

* deterministic: one ``random.Random(seed)`` feeds everything (split into per-section streams so a
  change in, say, CV phrasing does not reshuffle company names); no global random, no clock;
* anchored in time: the main event is Thursday 2027-03-18, 09:00-18:00 in ``Asia/Taipei`` (a
  Hsinchu science-park career day; Taiwan has no daylight saving, so local times are stable).
  CVs treat March 2027 as "Present";
* consistent: every foreign key resolves, every CV names exactly its declared skills and no other
  skill from the vocabulary, and interview slots fit the event hours without overlaps;
* fast: the default fair takes well under a second on one core.

>>> fair = generate_demo_fair(7, companies=8, roles=20, candidates=15, universities=5)
>>> (len(fair.roles), len(fair.candidates), fair.event.timezone)
(20, 15, 'Asia/Taipei')
>>> fair == generate_demo_fair(7, companies=8, roles=20, candidates=15, universities=5)
True
"""

from __future__ import annotations

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from talentfoundry.demo import vocab, vocab_events
from talentfoundry.demo._common import (
    DEMO_LOGINS,
    MAIN_EVENT_KEY,
    SECTOR_WEIGHTS,
    SIZES,
    Context,
    ascii_slug,
    join_words,
    local_time,
    quota,
    random_name,
    weighted,
    with_article,
)
from talentfoundry.demo.agenda import build_booths, build_sessions, build_slots
from talentfoundry.demo.candidates import build_candidates
from talentfoundry.demo.cv_writer import mentioned_skills
from talentfoundry.demo.records import (
    DemoFair,
    EventRecord,
    OrganisationRecord,
    UserRecord,
)
from talentfoundry.demo.roles import build_roles
from talentfoundry.demo.vocab_roles import SECTOR_FAMILIES
from talentfoundry.domain.errors import InputError

__all__ = ["DEMO_LOGINS", "MAIN_EVENT_KEY", "generate_demo_fair", "mentioned_skills"]


_LIMITS = {"companies": (5, 400), "roles": (1, 20_000), "candidates": (1, 50_000)}


def generate_demo_fair(
    seed: int = 2026,
    *,
    companies: int = 160,
    roles: int = 1100,
    candidates: int = 3200,
    universities: int = 6,
) -> DemoFair:
    """Build the whole demo fair for ``seed``; the same arguments always give an equal result."""
    _check_sizes(seed, companies, roles, candidates, universities)
    master = random.Random(seed)
    # One child stream per section: sections stay stable when another section's logic changes.
    streams = {
        name: random.Random(master.getrandbits(64))
        for name in ("orgs", "users", "roles", "cands", "booths", "slots", "sessions")
    }
    ctx = Context()
    events = _build_events()
    main = events[0]
    _build_companies(ctx, streams["orgs"], companies)
    _build_universities(ctx, universities)
    _build_staff_users(ctx, streams["users"])
    build_roles(ctx, streams["roles"], roles)
    build_candidates(ctx, streams["cands"], candidates)
    booths = build_booths(ctx, streams["booths"])
    sessions = build_sessions(ctx, streams["sessions"], events)
    slots = build_slots(ctx, streams["slots"], main)
    users = (*ctx.admin_users, *ctx.staff_users, *ctx.recruiters, *ctx.candidate_users)
    return DemoFair(
        event=main,
        other_events=tuple(events[1:]),
        organisations=(*ctx.companies, *ctx.universities),
        booths=booths,
        users=users,
        roles=tuple(ctx.roles),
        candidates=tuple(ctx.candidates),
        sessions=sessions,
        slots=slots,
    )


def _check_sizes(seed: int, companies: int, roles: int, candidates: int, universities: int) -> None:
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise InputError(f"seed must be a whole number, not {seed!r}")
    for name, value in (("companies", companies), ("roles", roles), ("candidates", candidates)):
        low, high = _LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InputError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    high = len(vocab.UNIVERSITIES)
    if (
        not isinstance(universities, int)
        or isinstance(universities, bool)
        or not (1 <= universities <= high)
    ):
        raise InputError(
            f"universities must be a whole number from 1 to {high}, not {universities!r}"
        )


def _build_events() -> list[EventRecord]:
    out = []
    for key, spec in vocab_events.EVENTS.items():
        kind, name, themes, zone, venue, day, start, end, onsite, online, status, text = spec
        out.append(
            EventRecord(
                key=key,
                kind=kind,
                name=name,
                themes=tuple(themes),
                timezone=zone,
                venue=venue,
                starts_at=local_time(day, start, zone),
                ends_at=local_time(day, end, zone),
                onsite=onsite,
                online=online,
                status=status,
                description=text,
            )
        )
    return out


def _build_companies(ctx: Context, rng: random.Random, count: int) -> None:
    sectors = quota(count, SECTOR_WEIGHTS)
    rng.shuffle(sectors)
    roots = list(vocab.COMPANY_ROOTS)
    rng.shuffle(roots)
    names: set[str] = set()
    local_cities = [(c[0], c[1], c[2]) for c in vocab.LOCAL_CITIES]
    local_weights = [c[3] for c in vocab.LOCAL_CITIES]
    abroad = [c for c in vocab.OVERSEAS_CITIES if c[3] in ("eu", "us", "jp", "sea", "kr")]
    for i, sector in enumerate(sectors):
        name = _company_name(rng, roots, i, sector, names)
        slug = ascii_slug(name, "-")
        if rng.random() < 0.12:
            city, country, zone, _ = rng.choice(abroad)
        else:
            city, country, zone = rng.choices(local_cities, weights=local_weights)[0]
        size = weighted(rng, [(s[0], s[1]) for s in SIZES])
        activity = rng.choice(vocab.SECTOR_ACTIVITIES[sector])
        own = list(SECTOR_FAMILIES[sector])
        rng.shuffle(own)
        generic = list(SECTOR_FAMILIES["any"])
        rng.shuffle(generic)
        focus = (*own[: rng.randint(2, min(5, len(own)))], *generic[: rng.randint(1, 2)])
        founded = rng.randint(1988, 2023)
        size_words = {"1-10": "young", "11-50": "small", "51-250": "growing"}.get(
            size, "established"
        )
        hiring = join_words([f.titles[0] for f in focus[:3]])
        description = (
            f"{name} is {with_article(size_words)} {vocab.SECTOR_LABELS[sector]} company based in "
            f"{city}, {country}, {activity}. Founded in {founded}, it employs {size} people and "
            f"is hiring for roles such as {hiring}."
        )
        ctx.companies.append(
            OrganisationRecord(
                key=slug,
                kind="company",
                name=name,
                sector=sector,
                size=size,
                website=f"https://{slug}.example",
                country=country,
                city=city,
                description=description,
            )
        )
        ctx.activity[slug] = activity
        ctx.focus[slug] = focus
        ctx.zone[slug] = zone


def _company_name(
    rng: random.Random, roots: list[str], index: int, sector: str, taken: set[str]
) -> str:
    descriptors = vocab.COMPANY_DESCRIPTORS[sector]
    root = roots[index % len(roots)]
    for descriptor in rng.sample(descriptors, len(descriptors)):
        name = f"{root} {descriptor}"
        if name not in taken:
            taken.add(name)
            return name
    for other in roots:  # every descriptor of this root is taken: move on to another root
        for descriptor in descriptors:
            name = f"{other} {descriptor}"
            if name not in taken:
                taken.add(name)
                return name
    raise InputError("too many companies for the demo name vocabulary")  # pragma: no cover


def _build_universities(ctx: Context, count: int) -> None:
    for name, city, country, zone, speciality in vocab.UNIVERSITIES[:count]:
        slug = ascii_slug(name, "-")
        ctx.universities.append(
            OrganisationRecord(
                key=slug,
                kind="university",
                name=name,
                sector="education",
                size="1000+",
                website=f"https://{slug}.example",
                country=country,
                city=city,
                description=(
                    f"{name} in {city}, {country}, is known for {speciality}. Its careers centre "
                    "brings students and alumni to the fair and follows up on their applications."
                ),
            )
        )
        ctx.zone[slug] = zone


def _build_staff_users(ctx: Context, rng: random.Random) -> None:
    ctx.emails.update(DEMO_LOGINS.values())
    ctx.admin_users.append(
        UserRecord(
            "user-organiser-1",
            DEMO_LOGINS["organiser"],
            "Ya-Ting Lin",
            "organiser",
            None,
            "Asia/Taipei",
        )
    )
    ctx.admin_users.append(
        UserRecord("user-admin-1", DEMO_LOGINS["admin"], "Daniel Wu", "admin", None, "Asia/Taipei")
    )
    n = 0
    for uni in ctx.universities:
        region = "eu" if uni.country == "United Kingdom" else "tw"
        if uni.country == "Singapore":
            region = "sea"
        for _ in range(rng.randint(1, 3)):
            n += 1
            given, family = random_name(rng, region)
            if n == 1:
                email = DEMO_LOGINS["university_staff"]
            else:
                local = f"{ascii_slug(given)}.{ascii_slug(family)}"
                email = ctx.claim_email(local, f"{uni.key}.example.org")
            ctx.staff_users.append(
                UserRecord(
                    f"staff-{n:03d}",
                    email,
                    f"{given} {family}",
                    "university_staff",
                    uni.key,
                    ctx.zone[uni.key],
                )
            )
    n = 0
    recruiters_by_size = {
        "1-10": (1, 1),
        "11-50": (1, 2),
        "51-250": (1, 3),
        "251-1000": (2, 3),
        "1000+": (2, 3),
    }
    for org in ctx.companies:
        low, high = recruiters_by_size[org.size]
        region = _region_of(org.city, "tw")
        for _ in range(rng.randint(low, high)):
            n += 1
            given, family = random_name(rng, region if rng.random() < 0.85 else "tw")
            if n == 1:
                email = DEMO_LOGINS["recruiter"]
            else:
                local = f"{ascii_slug(given)}.{ascii_slug(family)}"
                email = ctx.claim_email(local, f"{org.key}.example.com")
            ctx.recruiters.append(
                UserRecord(
                    f"rec-{n:04d}",
                    email,
                    f"{given} {family}",
                    "recruiter",
                    org.key,
                    _recruiter_zone(ctx.zone[org.key]),
                )
            )


def _recruiter_zone(company_zone: str) -> str:
    """The company's zone if its recruiters can interview during the main event while awake.

    Otherwise (the Americas, for a day in Taipei) the company's Asia-Pacific recruiters attend,
    working in Taipei time.
    """
    spec = vocab_events.EVENTS[MAIN_EVENT_KEY]
    start = local_time(spec[5], spec[6], spec[3])
    zone = ZoneInfo(company_zone)
    awake = sum(8 <= (start + timedelta(hours=h)).astimezone(zone).hour < 20 for h in range(9))
    return company_zone if awake >= 3 else spec[3]


def _region_of(city: str, default: str) -> str:
    for c in vocab.OVERSEAS_CITIES:
        if c[0] == city:
            return c[3]
    return default
