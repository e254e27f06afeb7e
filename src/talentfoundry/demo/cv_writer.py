"""Careers and plain-text CVs for demo candidates.

WHY: the matching engine reads CVs, so they must look like real ones (sections, month ranges,
varied phrasing) while naming exactly the skills the candidate declared; the career timeline
ends in March 2027, the month of the main event, which the CVs call "Present".
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from talentfoundry.demo import vocab, vocab_cv
from talentfoundry.demo._common import (
    lower_title,
    title_for,
    weighted,
    with_article,
)
from talentfoundry.demo.vocab_roles import (
    RoleFamily,
    all_skills,
)

__all__ = ["Job", "Profile", "career", "mentioned_skills", "write_cv"]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PRESENT = 2027 * 12 + 2  # March 2027, the month of the main event, as a month index

EVENT_YEAR = 2027

_NON_PROSE_SKILLS = frozenset({"English", "Mandarin Chinese", "Technical Writing", "Git", "Jira"})
_SPAN = {"bachelor": 4, "master": 2, "phd": 5}  # years of study per degree


@dataclass
class Job:
    title: str
    employer: str
    start: int  # month index
    end: int | None  # None: present
    kind: str  # "job" | "intern" | "research" | "ta"


@dataclass
class Profile:
    cohort: str
    degree: str  # "bachelor" | "master" | "phd"
    programme: str
    institution: str
    grad_year: int
    jobs: list[Job]
    experience_years: float
    headline: str
    focus: str
    title: str  # current or target title
    employer: str | None  # current employer


def career(
    rng: random.Random,
    fam: RoleFamily,
    cohort: str,
    institution: str,
    companies: Sequence[str],
) -> Profile:
    """Education and work history consistent with the cohort, ending in March 2027."""
    programme = rng.choice(fam.programmes)
    focus = rng.choice(fam.focus)
    phd_share = 0.5 if fam.key == "research_scientist" else 0.08
    degree = weighted(
        rng, [("bachelor", 0.45), ("master", 0.47 - phd_share / 2), ("phd", phd_share)]
    )
    employers = [*vocab.EXPERIENCE_EMPLOYERS, *companies]
    jobs: list[Job] = []
    worked = 0  # months of paid experience
    if cohort == "student":
        grad = rng.choice((2027, 2027, 2027, 2028)) if degree != "phd" else rng.randint(2027, 2029)
        if rng.random() < 0.55:
            start = 2026 * 12 + 6  # Jul 2026
            length = rng.randint(2, 3)
            jobs.append(
                Job(
                    f"{rng.choice(fam.titles)} Intern",
                    rng.choice(employers),
                    start,
                    start + length - 1,
                    "intern",
                )
            )
            worked += length
        if rng.random() < 0.2:
            start = 2025 * 12 + 6
            length = rng.randint(2, 3)
            jobs.append(
                Job(
                    f"{rng.choice(fam.titles)} Intern",
                    rng.choice(employers),
                    start,
                    start + length - 1,
                    "intern",
                )
            )
            worked += length
        enrolled = (grad - _SPAN[degree]) * 12 + 8  # September of the first year
        if degree != "bachelor" or rng.random() < 0.3:
            start = max(enrolled, rng.choice((2025, 2026)) * 12 + 8)
            title = "Graduate Research Assistant" if degree != "bachelor" else "Research Assistant"
            jobs.insert(
                0, Job(title, f"{rng.choice(fam.labs)}, {institution}", start, None, "research")
            )
        if rng.random() < 0.2:
            ta_start = max(enrolled, 2025 * 12 + 8)
            jobs.append(
                Job(
                    "Teaching Assistant",
                    f"Department of {programme}, {institution}",
                    ta_start,
                    min(ta_start + 9, PRESENT - 2),
                    "ta",
                )
            )
        title = rng.choice(fam.titles)
        employer = None
    elif cohort == "graduate":
        grad = rng.choice((2024, 2025, 2025, 2026, 2026))
        start = grad * 12 + rng.randint(7, 10)
        title = title_for(rng, fam, "junior" if rng.random() < 0.5 else "graduate").replace(
            "Graduate ", ""
        )
        employer = rng.choice(employers)
        jobs.append(Job(title, employer, start, None, "job"))
        worked += PRESENT - start + 1
        if rng.random() < 0.5:
            istart = (grad - 1) * 12 + 6
            jobs.append(
                Job(
                    f"{rng.choice(fam.titles)} Intern",
                    rng.choice(employers),
                    istart,
                    istart + 2,
                    "intern",
                )
            )
            worked += 3
    else:
        years = min(18.0, 2.0 + rng.expovariate(1 / 4.5))
        months = round(years * 12)
        n_jobs = 1 if months < 30 else (2 if months < 72 else rng.randint(2, 3))
        cuts = sorted(rng.sample(range(8, months - 6), n_jobs - 1)) if n_jobs > 1 else []
        bounds = [0, *cuts, months]
        chunks = [bounds[k + 1] - bounds[k] for k in range(n_jobs)]  # oldest job first
        end: int | None = None
        title, employer = rng.choice(fam.titles), None
        for k in range(n_jobs - 1, -1, -1):  # lay out from the present backwards
            start = (PRESENT if end is None else end) - chunks[k] + 1
            job_title = title_for(rng, fam, _level_for(bounds[k + 1] - 12))
            job_employer = rng.choice(employers)
            jobs.append(Job(job_title, job_employer, start, end, "job"))
            if end is None:
                title, employer = job_title, job_employer
            end = start - 1 - rng.choice((0, 0, 1, 2))  # short gaps between jobs
        worked = months
        first_start = jobs[-1].start
        grad = first_start // 12 if first_start % 12 >= 6 else first_start // 12 - 1
    jobs.sort(
        key=lambda j: (j.end is None, j.end if j.end is not None else 0, j.start), reverse=True
    )
    experience = round(worked / 12, 1)
    headline = _headline(rng, cohort, degree, programme, focus, title, employer, experience)
    return Profile(
        cohort,
        degree,
        programme,
        institution,
        grad,
        jobs,
        experience,
        headline,
        focus,
        title,
        employer,
    )


def _level_for(months_before: int) -> str:
    if months_before < 24:
        return "junior"
    if months_before < 66:
        return "mid"
    if months_before < 110:
        return "senior"
    return "lead"


def _headline(
    rng: random.Random,
    cohort: str,
    degree: str,
    programme: str,
    focus: str,
    title: str,
    employer: str | None,
    years: float,
) -> str:
    short = vocab_cv.DEGREES[degree][0]
    if cohort == "student":
        options = (
            f"{short} student in {programme} | {focus[0].upper()}{focus[1:]}",
            f"{programme} student interested in {focus}",
            f"Aspiring {title} | {short} {programme}",
        )
    elif cohort == "graduate":
        options = (
            f"{title} at {employer}",
            f"{title} | {programme} graduate",
            f"Early-career {lower_title(title)} focused on {focus}",
        )
    else:
        options = (
            f"{title} | {int(years)} years in {focus}",
            f"{title} at {employer}",
            f"{title} specialising in {focus}",
        )
    return rng.choice(options)


def _month(m: int) -> str:
    return f"{_MONTHS[m % 12]} {m // 12}"


def _dates(job: Job) -> str:
    return f"{_month(job.start)} - {'Present' if job.end is None else _month(job.end)}"


class _SkillDeck:
    """Hands out the candidate's own skills for prose, cycling so that all get mentioned."""

    def __init__(self, rng: random.Random, skills: Sequence[str]) -> None:
        prose = [s for s in skills if s not in _NON_PROSE_SKILLS]
        self._skills = prose or ["the team's tools"]
        self._rng = rng
        self._queue: list[str] = []

    def take(self, k: int) -> list[str]:
        out: list[str] = []
        guard = 0
        while len(out) < k and guard < 4 * k + 8:
            guard += 1
            if not self._queue:
                self._queue = self._rng.sample(self._skills, len(self._skills))
            s = self._queue.pop()
            if s not in out:
                out.append(s)
        while len(out) < k:
            out.append(out[-1] if out else self._skills[0])
        return out


def write_cv(
    rng: random.Random,
    full_name: str,
    email: str,
    city: str,
    country: str,
    fam: RoleFamily,
    p: Profile,
    skills: tuple[str, ...],
) -> tuple[str, tuple[str, ...]]:
    """Write a 150-400 word plain-text CV; return it with the final declared skills.

    Prose only ever names declared skills; when fixed phrases happen to name a skill (a
    "Machine Learning Lab", a "Statistics" degree) that skill is added to the declared ones, so
    that text and declaration always agree.
    """
    deck = _SkillDeck(rng, skills)
    mark = rng.choice(vocab_cv.BULLET_MARKS)
    style = rng.randrange(3)
    skills_first = rng.random() < 0.4
    summary = [_summary(rng, fam, p, deck)]
    education = _education(rng, p)
    bullets = [_bullets(rng, fam, p, job, deck) for job in p.jobs]
    projects = _projects(rng, fam, p, deck, 2 if p.cohort == "student" else 1)
    skills_style = rng.randrange(3)

    def render(declared: tuple[str, ...]) -> str:
        exp_lines: list[str] = []
        for job, job_bullets in zip(p.jobs, bullets, strict=True):
            if exp_lines:
                exp_lines.append("")
            if style == 0:
                exp_lines.append(f"{job.title}, {job.employer} | {_dates(job)}")
            elif style == 1:
                exp_lines.extend((f"{job.employer} - {job.title}", _dates(job)))
            else:
                exp_lines.append(f"{_dates(job)}: {job.title}, {job.employer}")
            exp_lines.extend(f"{mark} {b}" for b in job_bullets)
        sections = {
            "SUMMARY": summary,
            "EDUCATION": education,
            "EXPERIENCE": exp_lines or ["No paid experience yet."],
            "SKILLS": _skills_block(skills_style, declared),
            "PROJECTS": [f"{mark} {line}" for line in projects],
        }
        order = ("SUMMARY", "EDUCATION", "EXPERIENCE", "PROJECTS", "SKILLS")
        if p.cohort == "professional":
            order = ("SUMMARY", "EXPERIENCE", "SKILLS", "PROJECTS", "EDUCATION")
        elif skills_first:
            order = ("SUMMARY", "EDUCATION", "SKILLS", "EXPERIENCE", "PROJECTS")
        head = f"{full_name}\n{p.headline}\n{email} | {city}, {country}"
        body = "\n\n".join(f"{name}\n" + "\n".join(sections[name]) for name in order)
        return f"{head}\n\n{body}\n"

    text = render(skills)
    spare = [pr for pr in fam.projects if not any(pr[0] in line for line in projects)]
    spare += rng.sample(vocab_cv.GENERIC_PROJECTS, 2)
    guard = 0
    while len(text.split()) < 150 and guard < 8:  # too thin: add a project or a bullet
        guard += 1
        if spare:
            projects.append(_project_line(rng, spare.pop(0), p, deck))
        elif p.jobs:
            bullets[0].append(_fill(rng, rng.choice(vocab_cv.BULLETS), fam, p, deck))
        else:
            summary.append(rng.choice(vocab_cv.TRAITS).capitalize() + ".")
        text = render(skills)
    while len(text.split()) > 400:  # too long: trim the older jobs' bullets first
        k = max(range(len(bullets)), key=lambda i: (len(bullets[i]) > 1, i))
        if len(bullets[k]) <= 1:
            break
        bullets[k].pop()
        text = render(skills)
    extra = [s for s in mentioned_skills(text) if s not in skills]
    if extra:
        skills = (*skills, *extra)
        text = render(skills)
    return text, skills


_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")

_NOT_BEFORE = re.compile(r"[\w+#/.-]")

_NOT_AFTER = re.compile(r"[\w+#-]")

_SKILL_INDEX: dict[str, list[tuple[int, str, bool]]] = {}


def mentioned_skills(text: str) -> list[str]:
    """Vocabulary skills named in ``text``, in vocabulary order.

    Whole-word matching; names of four letters or more ignore case ("machine learning" names
    "Machine Learning"), shorter ones must match exactly so "C", "R" and "CAN" are not found in
    ordinary words. "C" inside "C++" or "Verilog" inside "Verilog-A" does not count.

    >>> mentioned_skills("Built a parser in C++ and Python; knows machine learning.")
    ['C++', 'Machine Learning', 'Python']
    """
    if not _SKILL_INDEX:
        # Index skills by their first word so each text only checks the few that can hit.
        for rank, skill in enumerate(all_skills()):
            first = _TOKEN.findall(skill.lower())[0]
            _SKILL_INDEX.setdefault(first, []).append((rank, skill, len(skill) >= 4))
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    for word in set(_TOKEN.findall(lowered)):
        for rank, skill, fold in _SKILL_INDEX.get(word, ()):
            hay, needle = (lowered, skill.lower()) if fold else (text, skill)
            if _whole_word(hay, needle):
                found.append((rank, skill))
    return [skill for _, skill in sorted(found)]


def _whole_word(hay: str, needle: str) -> bool:
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        before_ok = start == 0 or not _NOT_BEFORE.match(hay[start - 1])
        after_ok = end == len(hay) or not _NOT_AFTER.match(hay[end])
        if before_ok and after_ok:
            return True
        start = hay.find(needle, start + 1)
    return False


def _fmt_values(rng: random.Random, fam: RoleFamily, p: Profile, deck: _SkillDeck) -> dict:
    s1, s2, s3 = deck.take(3)
    return {
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "verb": rng.choice(vocab_cv.VERBS),
        "object": rng.choice(fam.objects),
        "metric": rng.choice(fam.metrics),
        "pct": rng.choice((12, 15, 18, 20, 25, 30, 35, 40, 45, 60)),
        "partner": rng.choice(vocab_cv.PARTNERS),
        "n": rng.randint(3, 8),
        "focus": p.focus,
    }


def _fill(rng: random.Random, template: str, fam: RoleFamily, p: Profile, deck: _SkillDeck) -> str:
    values = _fmt_values(rng, fam, p, deck)
    values["outcome"] = rng.choice(vocab_cv.OUTCOMES).format(**values)
    return template.format(**values)


def _summary(rng: random.Random, fam: RoleFamily, p: Profile, deck: _SkillDeck) -> str:
    long = vocab_cv.DEGREES[p.degree][1]
    values = _fmt_values(rng, fam, p, deck)
    sector = fam.sector if fam.sector != "any" else "technology"
    sector_label = vocab.SECTOR_LABELS.get(sector, "technology")
    goal = rng.choice(
        (
            f"an internship in {sector_label} for summer {p.grad_year - 1}"
            if p.grad_year > EVENT_YEAR
            else f"a graduate {lower_title(p.title)} role",
            f"a first role as {with_article(lower_title(p.title))}",
            f"{with_article(lower_title(p.title))} position in {sector_label}",
        )
    )
    n_jobs = len([j for j in p.jobs if j.kind == "job"])
    values.update(
        degree=rng.choice(vocab_cv.DEGREE_SHORT_VARIANTS[p.degree]),
        degree_long=long,
        programme=p.programme,
        institution=p.institution,
        grad_year=p.grad_year,
        goal=goal,
        title=p.title,
        title_lower=lower_title(p.title),
        a_title_lower=with_article(lower_title(p.title)),
        exp_words="about a year" if p.experience_years < 1.5 else "two years",
        years=max(1, int(p.experience_years)),
        employer=p.employer or p.institution,
        n_employers={1: "one", 2: "two", 3: "three"}.get(n_jobs, "several"),
        trait=rng.choice(vocab_cv.TRAITS),
        trait_adj=rng.choice(vocab_cv.TRAIT_ADJECTIVES),
    )
    pool = {
        "student": vocab_cv.STUDENT_SUMMARIES,
        "graduate": vocab_cv.GRAD_SUMMARIES,
        "professional": vocab_cv.PRO_SUMMARIES,
    }[p.cohort]
    return rng.choice(pool).format(**values)


def _education(rng: random.Random, p: Profile) -> list[str]:
    span = _SPAN[p.degree]
    degree = rng.choice(vocab_cv.DEGREE_SHORT_VARIANTS[p.degree])
    end = f"expected Jun {p.grad_year}" if p.grad_year >= EVENT_YEAR else str(p.grad_year)
    style = rng.randrange(3)
    if style == 0:
        lines = [f"{degree} in {p.programme}, {p.institution} | {p.grad_year - span} - {end}"]
    elif style == 1:
        lines = [f"{p.institution}", f"{degree}, {p.programme} ({p.grad_year - span} - {end})"]
    else:
        lines = [f"{degree} {p.programme} - {p.institution}, {end}"]
    extra = rng.random()
    if extra < 0.3:
        lines.append(f"GPA {rng.choice(('3.6', '3.7', '3.8', '3.9', '4.0', '4.1'))}/4.3")
    elif extra < 0.55 and p.degree != "bachelor":
        lines.append(f"Thesis on {p.focus}")
    if p.degree != "bachelor":
        first = p.grad_year - span
        lines.append(
            f"BSc in {p.programme}, {rng.choice(vocab.OTHER_INSTITUTIONS)} | {first - 4} - {first}"
        )
    return lines


def _bullets(
    rng: random.Random, fam: RoleFamily, p: Profile, job: Job, deck: _SkillDeck
) -> list[str]:
    if job.kind == "research":
        pool, k = vocab_cv.RESEARCH_BULLETS, 2
    elif job.kind == "ta":
        pool, k = vocab_cv.TA_BULLETS, 1
    elif job.kind == "intern":
        pool, k = vocab_cv.INTERN_BULLETS, 2
    else:
        pool, k = vocab_cv.BULLETS, 3 if job.end is None else 2
    templates = rng.sample(pool, min(k, len(pool)))
    if job.kind == "job" and job.title.startswith(("Senior", "Lead", "Principal")):
        templates.append(rng.choice(vocab_cv.SENIOR_BULLETS))
    return [_fill(rng, t, fam, p, deck) for t in templates]


def _project_line(
    rng: random.Random, project: tuple[str, str], p: Profile, deck: _SkillDeck
) -> str:
    name, desc = project
    s1, s2 = deck.take(2)
    year = (
        p.grad_year - rng.randint(0, 2)
        if p.cohort != "professional"
        else rng.randint(max(2012, p.grad_year), 2026)
    )
    year = min(year, 2026)
    return rng.choice(vocab_cv.PROJECT_LINES).format(
        name=name, desc=desc, desc_cap=desc[0].upper() + desc[1:], s1=s1, s2=s2, year=year
    )


def _projects(
    rng: random.Random, fam: RoleFamily, p: Profile, deck: _SkillDeck, k: int
) -> list[str]:
    chosen = rng.sample(fam.projects, min(k, len(fam.projects)))
    return [_project_line(rng, pr, p, deck) for pr in chosen]


def _skills_block(style: int, skills: tuple[str, ...]) -> list[str]:
    langs = [s for s in skills if s in ("English", "Mandarin Chinese")]
    tech = [s for s in skills if s not in langs]
    if style == 0:
        lines = [", ".join(tech)]
    elif style == 1:
        half = max(1, (len(tech) + 1) // 2)
        lines = [f"Core: {', '.join(tech[:half])}"]
        if tech[half:]:
            lines.append(f"Also: {', '.join(tech[half:])}")
    else:
        lines = [" / ".join(tech)]
    if langs:
        lines.append(f"Languages: {', '.join(langs)}")
    return lines
