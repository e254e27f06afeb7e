"""Shared pieces of the demo generator: event keys, demo logins, scratch state, small helpers.

WHY a private module: the generator's sections (roles, candidates, agenda) need the same few
helpers and the same mutable scratch state; keeping them here avoids import cycles.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from talentfoundry.demo import vocab
from talentfoundry.demo.records import (
    CandidateRecord,
    OrganisationRecord,
    RoleRecord,
    UserRecord,
)
from talentfoundry.demo.vocab_roles import RoleFamily

__all__ = [
    "DEMO_LOGINS",
    "DRIVE_EVENT_KEY",
    "MAIN_EVENT_KEY",
    "MISSION_EVENT_KEY",
    "SECTOR_WEIGHTS",
    "SIZES",
    "Context",
    "ascii_slug",
    "join_words",
    "local_time",
    "lower_title",
    "pick_skills",
    "quota",
    "random_name",
    "title_for",
    "weighted",
    "with_article",
]


MAIN_EVENT_KEY = "ai-in-action-2027"

DRIVE_EVENT_KEY = "microelectronics-drive-2027"

MISSION_EVENT_KEY = "uk-talent-mission-2027"

DEMO_LOGINS: dict[str, str] = {
    "candidate": "candidate@demo.example.org",
    "recruiter": "recruiter@demo.example.org",
    "university_staff": "staff@demo.example.org",
    "organiser": "organiser@demo.example.org",
    "admin": "admin@demo.example.org",
}
"""E-mail of the first user of each role; the lead's loader gives these known passwords."""

SECTOR_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("ai", 0.34),
    ("microelectronics", 0.27),
    ("life_health_tech", 0.17),
    ("fintech", 0.15),
    ("robotics", 0.07),
)

SIZES: tuple[tuple[str, float, int], ...] = (
    # (size band, share of companies, relative number of open roles)
    ("1-10", 0.07, 1),
    ("11-50", 0.21, 2),
    ("51-250", 0.31, 4),
    ("251-1000", 0.23, 7),
    ("1000+", 0.18, 11),
)


@dataclass
class Context:
    """Mutable scratch space of one generation run (never escapes ``generate_demo_fair``)."""

    companies: list[OrganisationRecord] = field(default_factory=list)
    universities: list[OrganisationRecord] = field(default_factory=list)
    activity: dict[str, str] = field(default_factory=dict)  # org key -> what the company does
    focus: dict[str, tuple[RoleFamily, ...]] = field(default_factory=dict)  # org key -> families
    zone: dict[str, str] = field(default_factory=dict)  # org key -> IANA zone of its city
    admin_users: list[UserRecord] = field(default_factory=list)
    staff_users: list[UserRecord] = field(default_factory=list)
    recruiters: list[UserRecord] = field(default_factory=list)
    candidate_users: list[UserRecord] = field(default_factory=list)
    roles: list[RoleRecord] = field(default_factory=list)
    candidates: list[CandidateRecord] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)
    mission_orgs: list[str] = field(default_factory=list)
    booth_style: dict[str, str] = field(default_factory=dict)  # main event: onsite|online|hybrid

    def claim_email(self, local: str, domain: str) -> str:
        """Return ``local@domain``, numbered if taken: e-mails identify accounts."""
        email = f"{local}@{domain}"
        n = 2
        while email in self.emails:
            email = f"{local}{n}@{domain}"
            n += 1
        self.emails.add(email)
        return email


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII form of a name for e-mails and slugs (``"Müller" -> "muller"``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", sep, plain).strip(sep)


def weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def quota(total: int, pairs: Sequence[tuple[str, float]]) -> list[str]:
    """Exact shares by largest remainder, so small fairs still cover every sector."""
    raw = [(name, total * w) for name, w in pairs]
    counts = {name: int(x) for name, x in raw}
    left = total - sum(counts.values())
    for name, _ in sorted(raw, key=lambda p: p[1] - int(p[1]), reverse=True)[:left]:
        counts[name] += 1
    return [name for name, _ in pairs for _ in range(counts[name])]


def random_name(rng: random.Random, region: str) -> tuple[str, str]:
    given, family = vocab.NAMES[region]
    return rng.choice(given), rng.choice(family)


def local_time(day: str, hhmm: str, zone: str) -> datetime:
    naive = datetime.fromisoformat(f"{day}T{hhmm}")
    return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def title_for(rng: random.Random, fam: RoleFamily, seniority: str) -> str:
    base = rng.choice(fam.titles)
    if seniority == "internship":
        return f"{base} Intern"
    if seniority == "graduate":
        return f"Graduate {base}"
    if seniority == "junior":
        return f"Junior {base}"
    if seniority == "senior":
        return f"Senior {base}"
    if seniority == "lead":
        return f"{rng.choice(('Lead', 'Lead', 'Principal'))} {base}"
    return base


def pick_skills(rng: random.Random, pool: tuple[str, ...], k: int, *, core: int) -> tuple[str, ...]:
    """The first ``core`` skills of a pool define the job; the rest are sampled. Pool order kept."""
    core = min(core, k)
    rest = rng.sample(range(core, len(pool)), k - core)
    return tuple(pool[i] for i in sorted([*range(core), *rest]))


def with_article(phrase: str) -> str:
    """Phrase with its indefinite article.

    >>> with_article("FPGA engineer"), with_article("data scientist")
    ('an FPGA engineer', 'a data scientist')
    """
    first = phrase.split()[0] if phrase else ""
    vowel_sound = first[:1].lower() in "aeiou" or (
        first[:2].isupper() and first[:1] in "AEFHILMNORSX"  # "an FPGA", "an MLOps", "an RF"
    )
    return f"{'an' if vowel_sound else 'a'} {phrase}"


def lower_title(title: str) -> str:
    """Lower-case a job title for running text, keeping acronyms ("IC", "MLOps", "FPGA")."""
    words = []
    for word in title.split(" "):
        keep = any(ch.isupper() for ch in word[1:]) or (word.isupper() and len(word) > 1)
        words.append(word if keep else word.lower())
    return " ".join(words)


def join_words(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
