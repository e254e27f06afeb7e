"""Open roles of the demo fair: titles, skills and job-ad prose per company.

WHY: roles are what candidates are matched against, so titles, seniority, skills and the ad text
must agree; all four come from one :class:`~talentfoundry.demo.vocab_roles.RoleFamily` row.
"""

from __future__ import annotations

import dataclasses
import random

from talentfoundry.demo._common import (
    DRIVE_EVENT_KEY,
    MAIN_EVENT_KEY,
    MISSION_EVENT_KEY,
    SIZES,
    Context,
    join_words,
    pick_skills,
    title_for,
    weighted,
    with_article,
)
from talentfoundry.demo.records import (
    OrganisationRecord,
    RoleRecord,
)
from talentfoundry.demo.vocab_roles import RoleFamily

__all__ = ["build_roles"]


_SENIORITY: tuple[tuple[str, float], ...] = (
    ("internship", 0.10),
    ("graduate", 0.14),
    ("junior", 0.18),
    ("mid", 0.28),
    ("senior", 0.22),
    ("lead", 0.08),
)

_REQUIRED_COUNT = {"internship": 3, "graduate": 3, "junior": 4, "mid": 4, "senior": 5, "lead": 5}


def build_roles(ctx: Context, rng: random.Random, count: int) -> None:
    """Spread ``count`` roles over companies by size (large firms hire more), each company at
    least one; visa-sponsoring roles of up to 24 Taiwanese employers also go to the UK mission.
    """
    weights = {s[0]: s[2] for s in SIZES}
    orgs = ctx.companies
    per_org = [1 if count >= len(orgs) else 0 for _ in orgs]
    extra = count - sum(per_org)
    for idx in rng.choices(range(len(orgs)), weights=[weights[o.size] for o in orgs], k=extra):
        per_org[idx] += 1
    n = 0
    visa_orgs: list[str] = []
    for org, k in zip(orgs, per_org, strict=True):
        focus = ctx.focus[org.key]
        own = [f for f in focus if f.sector != "any"]
        generic = [f for f in focus if f.sector == "any"]
        org_roles = []
        for _ in range(k):
            fam = rng.choice(own) if (rng.random() < 0.78 or not generic) else rng.choice(generic)
            n += 1
            org_roles.append(_make_role(rng, ctx, org, fam, f"role-{n:05d}"))
        if any(r.visa_sponsorship for r in org_roles) and org.country == "Taiwan":
            visa_orgs.append(org.key)
        ctx.roles.extend(org_roles)
    # The UK mission takes up to 24 Taiwanese employers that sponsor visas.
    ctx.mission_orgs = sorted(rng.sample(visa_orgs, min(24, len(visa_orgs))))
    mission = set(ctx.mission_orgs)
    ctx.roles[:] = [
        _with_events(r, (*r.event_keys, MISSION_EVENT_KEY))
        if r.org_key in mission and r.visa_sponsorship
        else r
        for r in ctx.roles
    ]


def _with_events(role: RoleRecord, keys: tuple[str, ...]) -> RoleRecord:
    return dataclasses.replace(role, event_keys=keys)


def _make_role(
    rng: random.Random, ctx: Context, org: OrganisationRecord, fam: RoleFamily, key: str
) -> RoleRecord:
    levels = [p for p in _SENIORITY if fam.interns or p[0] != "internship"]
    seniority = weighted(rng, levels)
    title = title_for(rng, fam, seniority)
    n_req = min(_REQUIRED_COUNT[seniority] + rng.randint(0, 1), len(fam.required))
    required = pick_skills(rng, fam.required, n_req, core=2)
    nice = pick_skills(rng, fam.nice, min(rng.randint(2, 4), len(fam.nice)), core=0)
    if fam.key in ("process_integration", "research_associate", "controls_engineer"):
        mode = "onsite"  # lab and fab work cannot be done from home
    elif seniority == "internship":
        mode = weighted(rng, [("onsite", 0.6), ("hybrid", 0.4)])
    else:
        mode = weighted(rng, [("onsite", 0.42), ("hybrid", 0.43), ("remote", 0.15)])
    p_visa = 0.28 + (0.2 if org.country != "Taiwan" else 0.0)
    p_visa += 0.15 if seniority in ("senior", "lead") else 0.0
    p_visa -= 0.15 if seniority == "internship" else 0.0
    visa = rng.random() < p_visa
    if seniority in ("internship", "graduate"):
        openings = rng.choices((1, 2, 3, 4, 5), weights=(3, 3, 2, 1, 1))[0]
    else:
        openings = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    events = [MAIN_EVENT_KEY]
    if fam.sector == "microelectronics" or (
        org.sector == "microelectronics" and rng.random() < 0.5
    ):
        events.append(DRIVE_EVENT_KEY)
    description = _role_description(
        rng, ctx, org, fam, title, seniority, required, nice, mode, visa
    )
    return RoleRecord(
        key=key,
        org_key=org.key,
        event_keys=tuple(events),
        title=title,
        description=description,
        required_skills=required,
        nice_skills=nice,
        seniority=seniority,
        location=f"{org.city}, {org.country}",
        work_mode=mode,
        visa_sponsorship=visa,
        openings=openings,
        status="open" if rng.random() < 0.94 else "closed",
    )


_EXPERIENCE_ASK = {
    "internship": "You are enrolled in a bachelor's or master's programme in {prog} or a related "
    "field",
    "graduate": "You have graduated recently, or will by summer 2027, in {prog} or a related field",
    "junior": "You have one to two years of relevant experience, or a master's degree with strong "
    "project work",
    "mid": "You have three to five years of hands-on experience in {focus}",
    "senior": "You have six or more years of experience, including ownership of complex work in "
    "{focus}",
    "lead": "You have eight or more years of experience and have led a team or a major technical "
    "area in {focus}",
}

_LEVEL_NOTES = {
    "internship": (
        "The internship runs for three months over the summer, is paid and can lead to a "
        "graduate offer.",
        "Interns get a named mentor and present their work to the whole team at the end.",
    ),
    "graduate": (
        "Our graduate programme includes mentoring and a structured first year.",
        "You will rotate through two teams in your first year before choosing where to grow.",
    ),
    "lead": (
        "You will lead a team of {n} engineers and help us hire more.",
        "You will set technical direction and coach a team of {n}.",
    ),
}

_OFFERS = (
    "We offer competitive pay, an annual bonus and a yearly learning budget.",
    "We offer flexible hours, health cover for you and your family, and time for conferences.",
    "You will get real ownership from day one, mentoring and a budget for courses and books.",
    "Expect a friendly team, modern tools and a clear path to promotion.",
    "Benefits include profit sharing, employee stock options and generous parental leave.",
)


def _role_description(
    rng: random.Random,
    ctx: Context,
    org: OrganisationRecord,
    fam: RoleFamily,
    title: str,
    seniority: str,
    required: tuple[str, ...],
    nice: tuple[str, ...],
    mode: str,
    visa: bool,
) -> str:
    activity = ctx.activity[org.key]
    intro = rng.choice(
        (
            f"{org.name} is {activity}.",
            f"At {org.name} we are {activity}.",
            f"{org.name}, based in {org.city}, is {activity}.",
        )
    )
    duties = rng.sample(fam.duties, min(3, len(fam.duties)))
    duty = rng.choice(
        (
            f"As {with_article(title)}, you will {join_words(duties)}.",
            f"In this role you will {'; '.join(duties[:-1])}; and {duties[-1]}.",
            f"What you will do: {join_words(duties)}.",
        )
    )
    ask = _EXPERIENCE_ASK[seniority].format(
        prog=rng.choice(fam.programmes), focus=rng.choice(fam.focus)
    )
    req = rng.choice(
        (
            f"{ask}, and you are confident with {join_words(required)}.",
            f"{ask}. You work comfortably with {join_words(required)}.",
        )
    )
    plus = rng.choice(
        (
            f"Experience with {join_words(nice)} is a plus.",
            f"Bonus points for {join_words(nice)}.",
            f"It helps if you also know {join_words(nice)}.",
        )
    )
    where = {
        "onsite": f"This role is based on site in {org.city}.",
        "hybrid": f"This is a hybrid role with three days a week in our {org.city} office.",
        "remote": f"This role is remote-first, with a visit to {org.city} about once a quarter.",
    }[mode]
    permit = (
        "We sponsor work permits and help with relocation."
        if visa
        else f"Applicants need the right to work in {org.country}."
    )
    parts = [intro, rng.choice(fam.teams), duty, req, plus, where, permit]
    if seniority in _LEVEL_NOTES:
        parts.append(rng.choice(_LEVEL_NOTES[seniority]).format(n=rng.randint(4, 9)))
    parts.append(rng.choice(_OFFERS))
    text = " ".join(parts)
    while len(text.split()) > 200 and len(parts) > 5:  # keep ads readable: drop the perks first
        parts.pop()
        text = " ".join(parts)
    return text
