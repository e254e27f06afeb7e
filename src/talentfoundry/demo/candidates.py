"""Candidates of the demo fair: who they are, what they want, what they may do.

WHY: a candidate's cohort (student, recent graduate, professional), home and work permit decide
which roles fit them; the CV text is written from the same profile by :mod:`.cv_writer`.
"""

from __future__ import annotations

import random

from talentfoundry.demo import vocab
from talentfoundry.demo._common import (
    DEMO_LOGINS,
    SECTOR_WEIGHTS,
    Context,
    ascii_slug,
    pick_skills,
    random_name,
    weighted,
)
from talentfoundry.demo.cv_writer import career, write_cv
from talentfoundry.demo.records import (
    CandidateRecord,
    UserRecord,
)
from talentfoundry.demo.vocab_roles import (
    FAMILIES,
    GENERIC_SKILLS,
    SECTOR_FAMILIES,
    RoleFamily,
)
from talentfoundry.domain.enums import STANDARD_THEMES

__all__ = ["build_candidates"]


_OVERSEAS_AUTH = (("needs_sponsorship", 0.8), ("work_visa", 0.1), ("settled", 0.1))

_INTL_REGIONS = ("in", "vn", "sea", "jp", "kr", "eu", "us", "latam")


def build_candidates(ctx: Context, rng: random.Random, count: int) -> None:
    """Students (~42%), recent graduates (~23%) and professionals; ~10% live abroad.

    The first candidate is the known demo login: a local student aiming at machine learning
    who consents to sharing and contact, so the demo always has a complete profile to show.
    """
    fam_pool = list(FAMILIES)
    fam_weights = [_family_weight(f) for f in fam_pool]
    local_cities = [(c[0], c[1], c[2]) for c in vocab.LOCAL_CITIES]
    local_weights = [c[3] for c in vocab.LOCAL_CITIES]
    by_sector: dict[str, list[str]] = {}
    for c in ctx.companies:
        by_sector.setdefault(c.sector, []).append(c.name)
    for i in range(count):
        first = i == 0  # the known demo candidate: a local master's student aiming at ML
        fam = FAMILIES[0] if first else rng.choices(fam_pool, weights=fam_weights)[0]
        cohort = (
            "student"
            if first
            else weighted(rng, [("student", 0.42), ("graduate", 0.23), ("professional", 0.35)])
        )
        overseas = (not first) and rng.random() < 0.10
        if overseas:
            city, country, zone, region = rng.choice(vocab.OVERSEAS_CITIES)
            name_region = "tw" if rng.random() < 0.25 else region
            auth = "citizen" if name_region == "tw" else weighted(rng, _OVERSEAS_AUTH)
        else:
            city, country, zone = rng.choices(local_cities, weights=local_weights)[0]
            name_region = "tw" if (first or rng.random() < 0.86) else rng.choice(_INTL_REGIONS)
            if name_region == "tw":
                auth = "citizen" if rng.random() < 0.96 else "settled"
            elif cohort == "student":
                auth = "student_visa"
            else:
                auth = weighted(rng, [("work_visa", 0.7), ("settled", 0.3)])
        given, family = random_name(rng, name_region)
        full_name = f"{given} {family}"
        key = f"cand-{i + 1:05d}"
        if first:
            email = DEMO_LOGINS["candidate"]
        else:
            domain = "example.org" if rng.random() < 0.6 else "example.com"
            email = ctx.claim_email(f"{ascii_slug(given)}.{ascii_slug(family)}", domain)
        institution, uni_key = _pick_institution(rng, ctx, fam, country, overseas)
        peers = by_sector.get(fam.sector) or [c.name for c in ctx.companies]
        profile = career(rng, fam, cohort, institution, peers)
        skills = _declared_skills(rng, fam, cohort, name_region, overseas)
        cv, skills = write_cv(rng, full_name, email, city, country, fam, profile, skills)
        sectors = [fam.sector if fam.sector != "any" else rng.choice(STANDARD_THEMES)]
        if rng.random() < 0.4:
            other = rng.choice(STANDARD_THEMES)
            if other not in sectors:
                sectors.append(other)
        ctx.candidate_users.append(UserRecord(key, email, full_name, "candidate", None, zone))
        share = first or rng.random() < 0.85
        ctx.candidates.append(
            CandidateRecord(
                key=key,
                full_name=full_name,
                email=email,
                headline=profile.headline,
                institution=institution,
                programme=profile.programme,
                graduation_year=profile.grad_year,
                experience_years=profile.experience_years,
                skills=skills,
                sectors_wanted=tuple(sectors),
                locations_wanted=_locations_wanted(rng, city, country, overseas),
                work_authorisation=auth,
                overseas=overseas,
                timezone=zone,
                cv_text=cv,
                consent_share_cv=share,
                consent_contact=first or rng.random() < (0.75 if share else 0.35),
                university_key=uni_key,
            )
        )


def _family_weight(fam: RoleFamily) -> float:
    share = dict(SECTOR_WEIGHTS)
    if fam.sector == "any":
        return 0.05
    return share[fam.sector] / len(SECTOR_FAMILIES[fam.sector])


_STUDY_WORDS = {
    "ai": ("computer", "data", "information", "informatics", "computing"),
    "microelectronics": ("electronics", "semiconductor", "electrical", "materials"),
    "life_health_tech": ("medicine", "life", "bio", "health"),
    "fintech": ("finance", "business", "economics", "data", "computer"),
    "robotics": ("mechanical", "robotics", "engineering"),
    "any": ("computer", "information", "engineering", "computing", "business"),
}


def _pick_institution(
    rng: random.Random, ctx: Context, fam: RoleFamily, country: str, overseas: bool
) -> tuple[str, str | None]:
    nearby = [u for u in ctx.universities if u.country == country]
    if nearby and rng.random() < (0.5 if overseas else 0.62):
        # Students mostly come from universities strong in their field.
        words = _STUDY_WORDS[fam.sector]
        weights = [4 if any(w in u.description.lower() for w in words) else 1 for u in nearby]
        uni = rng.choices(nearby, weights=weights)[0]
        return uni.name, uni.key
    return rng.choice(vocab.OTHER_INSTITUTIONS), None


def _locations_wanted(
    rng: random.Random, city: str, country: str, overseas: bool
) -> tuple[str, ...]:
    tw = [f"{c[0]}, {c[1]}" for c in vocab.LOCAL_CITIES]
    wanted: list[str] = []
    if overseas:
        wanted.extend(rng.sample(tw, rng.randint(1, 2)))
        if rng.random() < 0.5:
            wanted.append(f"{city}, {country}")
    else:
        wanted.append(f"{city}, {country}")
        for other in rng.sample(tw, rng.randint(0, 2)):
            if other not in wanted:
                wanted.append(other)
    if rng.random() < 0.25:
        wanted.append("Remote")
    return tuple(wanted)


def _declared_skills(
    rng: random.Random, fam: RoleFamily, cohort: str, region: str, overseas: bool
) -> tuple[str, ...]:
    n_req = {"student": (3, 4), "graduate": (3, 5), "professional": (4, 6)}[cohort]
    n_nice = {"student": (1, 2), "graduate": (1, 3), "professional": (2, 4)}[cohort]
    req = pick_skills(rng, fam.required, min(rng.randint(*n_req), len(fam.required)), core=1)
    nice = pick_skills(rng, fam.nice, min(rng.randint(*n_nice), len(fam.nice)), core=0)
    skills = [*req, *nice]
    siblings = [
        f
        for f in SECTOR_FAMILIES[fam.sector]
        if f is not fam and set(f.required) & set(fam.required)  # related jobs only
    ]
    if siblings and rng.random() < 0.5:  # people pick up neighbouring skills on the job
        extra = rng.choice(rng.choice(siblings).required)
        if extra not in skills:
            skills.append(extra)
    if rng.random() < 0.5 and "Git" not in skills:
        skills.append("Git")
    if rng.random() < 0.35:
        skills.append("English" if (region == "tw" and not overseas) else "Mandarin Chinese")
    if rng.random() < 0.1:
        skills.append(rng.choice(GENERIC_SKILLS[3:]))
    seen: list[str] = []
    for s in skills:
        if s not in seen:
            seen.append(s)
    return tuple(seen)
