"""Parse a CV's text into what matching needs: clean text, sections, skills, years of experience.

:func:`parse_cv` is pure (text in, data out); :func:`cv_document` builds the JSON document of the
``foundry cv`` contract: ``{"text", "sections", "skills": [{"name", "taxonomy_id", "evidence",
...}], "not_held": [{"name", "taxonomy_id", "stance", "evidence"}], "years_experience", ...}``.

``skills`` lists only the skills the CV claims; ``not_held`` those it names only to deny ("No
experience with Java", stance ``"negated"``), as something to learn ("willing to learn Rust",
``"learning"``) or only while describing an employer or client ("Barclays is organised into ...
Investment Banking", ``"employer"``), so a reader sees why a named skill is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from talentfoundry.matching.normalize import normalize_text
from talentfoundry.matching.sections import find_sections, years_of_experience
from talentfoundry.matching.skills import SkillMention, read_skills
from talentfoundry.matching.taxonomy import Taxonomy, load_taxonomy

__all__ = ["ParsedCV", "cv_document", "parse_cv"]


@dataclass(frozen=True, slots=True)
class ParsedCV:
    """A CV read for matching. Offsets in ``skills`` index ``text`` (the normalised text).

    ``skills`` are held; ``not_held`` are named only in denial or as something to learn.
    """

    text: str
    sections: dict[str, str]
    skills: tuple[SkillMention, ...]
    years_experience: float | None
    not_held: tuple[SkillMention, ...] = ()


def parse_cv(text: str, *, taxonomy: Taxonomy | None = None, today: date | None = None) -> ParsedCV:
    """Normalise ``text`` once and read its sections, skills and stated years of experience.

    >>> cv = parse_cv("EXPERIENCE\\nAnalyst, 2019 - 2020: Python, Airflow", today=date(2024, 1, 1))
    >>> [s.name for s in cv.skills], list(cv.sections), cv.years_experience
    (['Python', 'Apache Airflow'], ['experience'], 2.0)
    >>> [(s.name, s.stance) for s in parse_cv("Python. No experience with Java.").not_held]
    [('Java', 'negated')]
    """
    taxonomy = taxonomy or load_taxonomy()
    clean = normalize_text(text)
    found = find_sections(clean)
    sections: dict[str, str] = {}
    for section in found:
        content = clean[section.start : section.end].strip()
        if content:
            previous = sections.get(section.key)
            sections[section.key] = f"{previous}\n{content}" if previous else content
    reading = read_skills(clean, taxonomy, sections=found)
    return ParsedCV(
        text=clean,
        sections=sections,
        skills=tuple(reading.held),
        years_experience=years_of_experience(clean, today=today, sections=found),
        not_held=tuple(reading.not_held),
    )


def cv_document(parsed: ParsedCV, *, media_type: str | None = None) -> dict[str, Any]:
    """The ``foundry cv`` JSON document for a parsed CV."""
    document: dict[str, Any] = {
        "text": parsed.text,
        "sections": parsed.sections,
        "skills": [
            {
                "name": m.name,
                "taxonomy_id": m.skill_id,
                "evidence": m.evidence,
                "span": [m.start, m.end],
                "primary": m.primary,
                "mentions": m.count,
                "section": m.section,
            }
            for m in parsed.skills
        ],
        "not_held": [
            {
                "name": m.name,
                "taxonomy_id": m.skill_id,
                "stance": m.stance,
                "evidence": m.evidence,
            }
            for m in parsed.not_held
        ],
        "years_experience": parsed.years_experience,
    }
    if media_type is not None:
        document["media_type"] = media_type
    return document
