"""Booths, programme sessions and interview slots of the demo fair.

WHY together: all three place organisations in space and time at an event, and slot modes
depend on the booth (an online-only booth cannot host on-site interviews).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from talentfoundry.demo import vocab_events
from talentfoundry.demo._common import (
    DRIVE_EVENT_KEY,
    MAIN_EVENT_KEY,
    MISSION_EVENT_KEY,
    Context,
    join_words,
    local_time,
    random_name,
    weighted,
)
from talentfoundry.demo.records import (
    BoothRecord,
    EventRecord,
    SessionRecord,
    SlotRecord,
    UserRecord,
)

__all__ = ["build_booths", "build_sessions", "build_slots"]


_SLOTS_PER_COMPANY = 22.5  # 160 companies -> 3,600 interview slots at the main event


def build_booths(ctx: Context, rng: random.Random) -> tuple[BoothRecord, ...]:
    """Every organisation exhibits at the main event (halls by sector, online rooms, or both);
    chip companies also at the drive, the mission companies and UK partners in London.
    """
    halls = {
        "ai": "A",
        "microelectronics": "B",
        "life_health_tech": "C",
        "fintech": "C",
        "robotics": "D",
        "education": "D",
    }
    counters: dict[str, int] = {}
    out: list[BoothRecord] = []

    def room(event: str, org: str) -> str:
        return f"https://rooms.example/{event}/{org}"

    def code(prefix: str) -> str:
        counters[prefix] = counters.get(prefix, 0) + 1
        return f"{prefix}-{counters[prefix]:02d}"

    for org in (*ctx.companies, *ctx.universities):
        if org.kind == "university":
            style = "hybrid" if rng.random() < 0.5 else "onsite"
        elif org.country != "Taiwan":
            style = "online" if rng.random() < 0.7 else "hybrid"
        else:
            style = weighted(rng, [("hybrid", 0.62), ("onsite", 0.30), ("online", 0.08)])
        ctx.booth_style[org.key] = style
        out.append(
            BoothRecord(
                MAIN_EVENT_KEY,
                org.key,
                None if style == "online" else code(f"Hall {halls[org.sector]}"),
                None if style == "onsite" else room(MAIN_EVENT_KEY, org.key),
            )
        )
    drive = {r.org_key for r in ctx.roles if DRIVE_EVENT_KEY in r.event_keys}
    for org in ctx.companies:
        if org.key in drive:
            online = rng.random() < 0.5
            out.append(
                BoothRecord(
                    DRIVE_EVENT_KEY,
                    org.key,
                    code("Hall 1"),
                    room(DRIVE_EVENT_KEY, org.key) if online else None,
                )
            )
    for org_key in ctx.mission_orgs:
        out.append(
            BoothRecord(
                MISSION_EVENT_KEY, org_key, code("Level 2"), room(MISSION_EVENT_KEY, org_key)
            )
        )
    for uni in ctx.universities:
        if uni.country == "United Kingdom":
            out.append(BoothRecord(MISSION_EVENT_KEY, uni.key, code("Level 2"), None))
    return tuple(out)


_LEADER_TITLES = {
    "ai": ("Head of Applied AI", "VP of Engineering", "Director of Machine Learning"),
    "microelectronics": ("Director of IC Design", "Head of Verification", "VP of Technology"),
    "life_health_tech": ("Chief Scientific Officer", "Head of Medical AI", "VP of Engineering"),
    "fintech": ("Head of Risk Technology", "CTO", "Director of Data Science"),
    "robotics": ("CTO", "Head of Robotics"),
}


def _session_sector(title: str) -> str:
    t = title.lower()
    if any(
        w in t
        for w in (
            "semiconductor",
            "chip",
            "microelectronics",
            "tape-out",
            "packaging",
            "uvm",
            "layout",
            "hardware",
        )
    ):
        return "microelectronics"
    if "health" in t:
        return "life_health_tech"
    if "fintech" in t:
        return "fintech"
    return "ai"


def build_sessions(
    ctx: Context, rng: random.Random, events: list[EventRecord]
) -> tuple[SessionRecord, ...]:
    """The curated programme of each event, with speakers drawn from the fair's own people."""
    out: list[SessionRecord] = []
    by_key = {e.key: e for e in events}
    for event_key, programme in vocab_events.PROGRAMMES.items():
        event = by_key[event_key]
        day = event.starts_at.astimezone(ZoneInfo(event.timezone)).date().isoformat()
        short = event_key.split("-")[0]
        for i, spec in enumerate(programme, start=1):
            kind, title, start, minutes, mode, room, capacity, speaker_kind, text = spec
            key = f"sess-{short}-{i:02d}"
            starts = local_time(day, start, event.timezone)
            out.append(
                SessionRecord(
                    key=key,
                    event_key=event_key,
                    kind=kind,
                    title=title,
                    speaker=_speaker(rng, ctx, speaker_kind, title, event_key),
                    description=text,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=minutes),
                    mode=mode,
                    location=room if mode == "onsite" else None,
                    online_url=(
                        f"https://rooms.example/{event_key}/sessions/{key}"
                        if mode == "online"
                        else None
                    ),
                    capacity=capacity,
                )
            )
    return tuple(out)


def _speaker(rng: random.Random, ctx: Context, kind: str, title: str, event_key: str) -> str:
    if kind == "career":
        staff = ctx.staff_users
        if event_key == MISSION_EVENT_KEY:
            uk = {u.key for u in ctx.universities if u.country == "United Kingdom"}
            staff = [s for s in staff if s.org_key in uk] or staff
        adviser = rng.choice(staff)
        uni = next(u for u in ctx.universities if u.key == adviser.org_key)
        return f"{adviser.full_name}, Careers Adviser, {uni.name}"
    sector = _session_sector(title)
    pool = [c for c in ctx.companies if c.sector == sector] or ctx.companies
    if kind == "industry":
        org = rng.choice(pool)
        given, family = random_name(rng, "tw")
        prefix = "Dr. " if rng.random() < 0.4 else ""
        role = rng.choice(_LEADER_TITLES[org.sector])
        return f"{prefix}{given} {family}, {role}, {org.name}"
    orgs = rng.sample(pool, min(3, len(pool)))
    given, family = random_name(rng, "tw")
    return f"Moderator: {given} {family}; with speakers from {join_words([o.name for o in orgs])}"


def build_slots(ctx: Context, rng: random.Random, event: EventRecord) -> tuple[SlotRecord, ...]:
    """About 22.5 slots per company, 15-30 minutes each, inside event hours, no overlaps."""
    target = round(_SLOTS_PER_COMPANY * len(ctx.companies))
    plans: list[tuple[UserRecord, str, list[datetime], int]] = []
    for rec in ctx.recruiters:
        style = ctx.booth_style[rec.org_key or ""]
        mode = style if style != "hybrid" else ("onsite" if rng.random() < 0.55 else "online")
        length = rng.choices((15, 20, 30), weights=(0.45, 0.30, 0.25))[0]
        buffer = rng.choice((0, 5)) if length < 30 else 0
        lunch = event.starts_at + timedelta(minutes=rng.choice((165, 180, 195, 210)))
        starts = []
        t = event.starts_at + timedelta(minutes=rng.choice((0, 15, 30, 60)))
        zone = ZoneInfo(rec.timezone)
        while t + timedelta(minutes=length) <= event.ends_at:
            if lunch <= t < lunch + timedelta(minutes=45):
                t = lunch + timedelta(minutes=45)
                continue
            local_start = t.astimezone(zone)
            local_end = (t + timedelta(minutes=length)).astimezone(zone)
            awake = local_start.hour >= 8 and (
                local_end.hour < 21 or (local_end.hour == 21 and local_end.minute == 0)
            )
            if awake and local_end.date() == local_start.date():
                starts.append(t)
            t += timedelta(minutes=length + buffer)
        plans.append((rec, mode, starts, length))
    counts = [min(len(s), rng.randint(7, 15)) for _, _, s, _ in plans]
    order = list(range(len(plans)))
    rng.shuffle(order)
    total = sum(counts)
    while total < target:  # fill up to the target, spreading extra slots over recruiters
        grew = False
        for i in order:
            if total >= target:
                break
            if counts[i] < len(plans[i][2]):
                counts[i] += 1
                total += 1
                grew = True
        if not grew:
            break
    for i in order:
        while total > target and counts[i] > 4:
            counts[i] -= 1
            total -= 1
    out: list[SlotRecord] = []
    for (rec, mode, starts, length), k in zip(plans, counts, strict=True):
        chosen = sorted(rng.sample(starts, k))
        for t in chosen:
            out.append(
                SlotRecord(
                    key=f"slot-{len(out) + 1:05d}",
                    event_key=event.key,
                    org_key=rec.org_key or "",
                    recruiter_key=rec.key,
                    starts_at=t,
                    ends_at=t + timedelta(minutes=length),
                    mode=mode,
                )
            )
    return tuple(out)
