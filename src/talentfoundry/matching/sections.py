"""CV sections (summary, experience, education, skills, ...) and stated years of experience.

A heading is recognised by what it says, not by a fixed layout: a short line (at most
``MAX_HEADING_WORDS`` words, no sentence punctuation) that contains a known heading word
("experience", "education", "skills", "projects", ...) and is written like a heading: ALL CAPS,
Title Case, ending in a colon, or nothing but the heading phrase. The same heading may start a
line and be followed by its content, after a colon ("Skills: Python, SQL") or a table cell bar
from a DOCX table ("Skills | Python, SQL"), or end a line it was glued to when text extraction
lost a line break ("... 72 monthsCompany Details"). Text before the first heading is ``header``
(name, contact details).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from talentfoundry.matching.normalize import normalize_text

__all__ = [
    "HEADINGS",
    "MAX_HEADING_WORDS",
    "Section",
    "find_sections",
    "is_heading",
    "split_sections",
    "years_of_experience",
]

MAX_HEADING_WORDS = 6

# Canonical key -> words or phrases that name it in a heading (matched on whole words).
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "profile",
        "objective",
        "about me",
        "overview",
        "personal statement",
        "introduction",
        "career goal",
        "career goals",
    ),
    "experience": (
        "experience",
        "employment",
        "work history",
        "career history",
        "professional background",
        "professional history",
        "experiences",
        "company details",
        "internship",
        "internships",
        "positions held",
        # German, French, Spanish, Portuguese, Italian, Dutch
        "berufserfahrung",
        "berufspraxis",
        "expérience professionnelle",
        "expériences professionnelles",
        "experiencia laboral",
        "experiencia profesional",
        "experiência profissional",
        "esperienza lavorativa",
        "esperienze lavorative",
        "werkervaring",
    ),
    "education": (
        "education",
        "academic",
        "academics",
        "qualification",
        "qualifications",
        "studies",
        "degrees",
        "schooling",
        "ausbildung",
        "studium",
        "formation",
        "formación",
        "educación",
        "formação",
        "istruzione",
        "opleiding",
    ),
    "skills": (
        "skills",
        "skill",
        "competencies",
        "competences",
        "expertise",
        "technologies",
        "tech stack",
        "technical proficiency",
        "tools",
        "strengths",
        "proficiencies",
        "kenntnisse",
        "fähigkeiten",
        "compétences",
        "competencias",
        "habilidades",
        "competências",
        "competenze",
        "vaardigheden",
    ),
    "projects": (
        "projects",
        "project",
        "portfolio",
        "projekte",
        "projets",
        "proyectos",
        "projetos",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "licenses",
        "licences",
        "courses",
        "training",
        "trainings",
    ),
    "languages": ("languages", "language skills", "sprachen", "langues", "idiomas", "lingue"),
    "publications": ("publications", "papers", "patents"),
    "awards": ("awards", "honors", "honours", "achievements", "accomplishments", "scholarships"),
    "volunteering": ("volunteering", "volunteer", "community service", "extracurricular"),
    "interests": ("interests", "hobbies", "activities"),
    "references": ("references", "referees"),
    "personal": ("personal details", "personal information", "contact", "personal profile"),
}

_PHRASES = sorted(
    ((phrase, key) for key, phrases in HEADINGS.items() for phrase in phrases),
    key=lambda pair: -len(pair[0]),
)
_PHRASE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in _PHRASES) + r")\b")
_PHRASE_KEY = dict(_PHRASES)
# Words that may stand beside a heading phrase on a line that goes on with content
# ("Technical Skills: ...", "Education Details | ..."); anything else there is content.
_QUALIFIERS = frozenset(
    [
        "technical",
        "professional",
        "work",
        "key",
        "core",
        "details",
        "relevant",
        "academic",
        "personal",
        "other",
        "additional",
        "computer",
        "it",
        "soft",
        "hard",
        "language",
        "employment",
        "educational",
        "career",
        "research",
        "teaching",
        "industry",
        "my",
        "and",
        "of",
        "summary",
        "areas",
        "main",
        "selected",
    ]
)
_NUMBERING = re.compile(r"^(?:\d+[.)]|[ivx]+[.)])\s*", re.IGNORECASE)
_SENTENCE_OR_DIGIT = re.compile(r"[.!?,;]\s|\d")
_GLUE = re.compile(r"(?<=[a-z0-9)])(?=[A-Z][a-z]+(?: [A-Za-z&]+){0,2} *:?$)")
_SMALL_WORDS = frozenset({"and", "of", "in", "&", "the", "for", "a", "an", "to", "my", "with"})
# What a list of spoken languages says: a few common languages, or a level.
_SPOKEN = re.compile(
    r"\b(?:english|french|german|spanish|portuguese|italian|dutch|polish|russian|arabic|hindi"
    r"|urdu|bengali|tamil|telugu|marathi|gujarati|kannada|malayalam|punjabi|chinese|mandarin"
    r"|cantonese|japanese|korean|vietnamese|thai|malay|indonesian|turkish|greek|swedish"
    r"|norwegian|danish|finnish|hebrew|persian|swahili|bilingual|mother\s+tongue"
    r"|native\s+speaker|[abc][12])\b"
    r"|\((?:native|fluent|intermediate|basic|beginner|conversational)\)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Section:
    """A section of a normalised text: ``text[start:end]`` is its content (heading excluded)."""

    key: str
    heading: str
    start: int
    end: int


def _heading_key(candidate: str, *, strict: bool) -> str | None:
    """The section key a heading-like string names, or None.

    ``strict`` (used when content follows on the same line) asks for a heading phrase plus at most
    a few qualifier words ("Technical Skills", "Education Details"), nothing else.
    """
    if len(candidate) > 80:  # the common case: a line of content
        return None
    cleaned = candidate.strip().strip("-–—:#*=_ ").strip()
    cleaned = _NUMBERING.sub("", cleaned)
    if not cleaned or len(cleaned) > 60:
        return None
    words = cleaned.split()
    if len(words) > (3 if strict else MAX_HEADING_WORDS):
        return None
    if _SENTENCE_OR_DIGIT.search(cleaned):
        return None
    lower = cleaned.lower()
    match = _PHRASE_RE.search(lower)
    if match is None:
        return None
    letters = [c for c in cleaned if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    title = all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha())
    exact = lower.strip() == match.group(1)
    if not (all_caps or title or exact or candidate.rstrip().endswith(":")):
        return None
    if strict:
        others = set(re.findall(r"[a-z]+", lower.replace(match.group(1), " ")))
        if not others <= _QUALIFIERS:
            return None
    return _PHRASE_KEY[match.group(1)]


def is_heading(line: str) -> bool:
    """Whether ``line`` on its own is a section heading ("EXPERIENCE", "Technical Skills:").

    >>> is_heading("WORK EXPERIENCE"), is_heading("Worked on experience design")
    (True, False)
    """
    return _heading_key(line, strict=False) is not None


def _glued_heading(line: str) -> tuple[str, int] | None:
    """A heading glued to the end of a line by a lost line break: "... 72 monthsCompany Details".

    Only a lower-case letter, digit or ")" running straight into a capital (no space) counts: that
    join is an extraction artefact, while "... in Higher Education" is prose.
    """
    match = _GLUE.search(line)
    if match is None:
        return None
    # strict: nothing but a heading phrase and qualifiers ("Company Details", not "Point Skills"
    # from "PowerPoint Skills").
    key = _heading_key(line[match.start() :], strict=True)
    return None if key is None else (key, match.start())


def find_sections(text: str) -> list[Section]:
    """Sections of an already normalised text, in order; see the module docstring."""
    sections: list[Section] = []
    current_key, current_heading, current_start = "header", "", 0
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        key = None
        content_start = offset
        heading = stripped
        for sep in (" | ", ":", " - "):
            if sep in stripped:
                head, _, rest = stripped.partition(sep)
                if rest.strip():
                    key = _heading_key(head, strict=True)
                    if key == "languages" and current_key == "skills" and not _SPOKEN.search(rest):
                        key = None  # "Languages: Go, Java" under Technical Skills: a sub-label
                        break
                    if key is not None:
                        heading = head.strip()
                        content_start = line_start + line.index(sep) + len(sep)
                        break
        heading_start = line_start
        if key is None:
            key = _heading_key(stripped, strict=False)
            if key is not None and stripped.startswith("- "):
                key = None  # a bullet item ("- Project management") is content, not a heading
        if key is None:
            glued = _glued_heading(line)
            if glued is not None:
                key, heading = glued[0], line[glued[1] :].strip()
                heading_start = line_start + glued[1]
        if key is None:
            continue
        if current_start < heading_start or current_key != "header":
            sections.append(Section(current_key, current_heading, current_start, heading_start))
        current_key, current_heading, current_start = key, heading, min(content_start, len(text))
    sections.append(Section(current_key, current_heading, current_start, len(text)))
    return [s for s in sections if text[s.start : s.end].strip() or s.key != "header"]


def split_sections(text: str) -> dict[str, str]:
    """Section key -> content, in the order sections first appear (repeats are joined).

    >>> split_sections("Jane Doe\\nEXPERIENCE\\nAcme, 2019 - 2021\\nSkills: Python, SQL")
    {'header': 'Jane Doe', 'experience': 'Acme, 2019 - 2021', 'skills': 'Python, SQL'}
    """
    text = normalize_text(text)
    out: dict[str, str] = {}
    for section in find_sections(text):
        content = text[section.start : section.end].strip()
        if not content:
            continue
        out[section.key] = f"{out[section.key]}\n{content}" if section.key in out else content
    return out


# --- years of experience --------------------------------------------------------------------------
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
# The same months in German, French and Spanish (CVs from overseas missions).
_FOREIGN_MONTHS = [
    ("januar", "janvier", "enero", "ene"),
    ("februar", "février", "fevrier", "febrero"),
    ("märz", "mär", "mrz", "mars", "marzo"),
    ("avril", "abril", "abr"),
    ("mai", "mayo"),
    ("juni", "juin", "junio"),
    ("juli", "juillet", "julio"),
    ("août", "aout", "agosto", "ago"),
    ("septembre", "septiembre"),
    ("oktober", "okt", "octobre", "octubre"),
    ("novembre", "noviembre"),
    ("dezember", "dez", "décembre", "decembre", "diciembre", "dic"),
]
_MONTHS.update({m: i + 1 for i, names in enumerate(_FOREIGN_MONTHS) for m in names})
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + "|".join(sorted((m for names in _FOREIGN_MONTHS for m in names), key=len, reverse=True))
    + r")\.?"
)
_POINT = (
    rf"(?:{_MONTH}\s*[,']?\s*(?:19|20)\d\d"  # Jan 2019, Sept. 2020
    rf"|{_MONTH}\s*['’]\s*\d\d(?!\d)"  # Jan '19
    r"|(?:0?[1-9]|1[0-2])\s*[/.-]\s*(?:19|20)\d\d"  # 03/2017
    r"|(?:19|20)\d\d\s*[/.-]\s*(?:0?[1-9]|1[0-2])(?!\d)"  # 2017-03, 2017/03
    r"|(?:19|20)\d\d"  # 2018
    r"|['’]\d\d(?!\d))"  # '16
)
_NOW = (
    r"(?:present|current(?:ly)?|now|today|till date|to date|date|ongoing|continuing"
    r"|heute|bis heute|aktuell|présent|aujourd['’]hui|actualidad|actual|presente|hoy|oggi)"
)
_RANGE = re.compile(
    rf"(?P<a>{_POINT})\s*(?:-|–|—|to|until|till)\s*(?P<b>{_POINT}|{_NOW})"
    rf"|\bsince\s+(?P<since>{_POINT})",  # "with Acme since 2020": to today
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    word: i + 1
    for i, word in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_N = r"(?<![\w-])(?P<n>\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
"""A number: not the end of another ("twenty-five" is not five; no word for it: no match)."""
_STATED = re.compile(
    rf"\b{_N}\s*\+?\s*(?P<unit>years?|yrs?|months?)['’]?\.?\s*(?:of\s+)?"
    r"(?:[a-z/&+#.-]+\s+){0,4}?(?:experience|exp\b)",
    re.IGNORECASE,
)
_STATED_AFTER = re.compile(
    r"experience\s*(?:of|:|-|–)?\s*(?:about|around|over|more than)?\s*"
    rf"{_N}\s*\+?\s*(?P<unit>years?|yrs?|months?)",
    re.IGNORECASE,
)
MAX_YEARS = 50.0


def _month_index(point: str, today: date, *, end: bool) -> int | None:
    """Months since year 0 for a date point; a bare year is January (start) or December (end)."""
    point = point.strip().lower()
    if re.fullmatch(_NOW, point, flags=re.IGNORECASE):
        return today.year * 12 + today.month - 1
    year_match = re.search(r"(19|20)\d\d", point)
    if year_match is not None:
        year = int(year_match.group())
    else:  # '19: the century that puts it at or before today
        short = re.search(r"['’](\d\d)", point)
        if short is None:
            return None
        year = 2000 + int(short.group(1))
        if year > today.year:
            year -= 100
    month_name = re.match(r"[^\W\d_]+", point)
    year_first = re.fullmatch(r"(?:19|20)\d\d\s*[/.-]\s*(\d{1,2})", point)
    if month_name and month_name.group() in _MONTHS:
        month = _MONTHS[month_name.group()]
    elif year_first:
        month = int(year_first.group(1))
    else:
        numeric = re.match(r"(\d{1,2})\s*[/.-]", point)
        month = int(numeric.group(1)) if numeric else (12 if end else 1)
    return year * 12 + month - 1


def _range_years(text: str, today: date) -> float | None:
    intervals = []
    for match in _RANGE.finditer(text):
        if match.group("since"):
            a = _month_index(match.group("since"), today, end=False)
            b = _month_index("present", today, end=True)
        else:
            a = _month_index(match.group("a"), today, end=False)
            b = _month_index(match.group("b"), today, end=True)
        now = today.year * 12 + today.month - 1
        if a is None or b is None or b < a or a > now:
            continue
        intervals.append((a, min(b, now) + 1))  # inclusive of the end month
    if not intervals:
        return None
    intervals.sort()
    total, (lo, hi) = 0, intervals[0]
    for a, b in intervals[1:]:
        if a <= hi:
            hi = max(hi, b)
        else:
            total += hi - lo
            lo, hi = a, b
    total += hi - lo
    return total / 12


def _stated_years(text: str) -> float | None:
    best = None
    for pattern in (_STATED, _STATED_AFTER):
        for match in pattern.finditer(text):
            n = match.group("n").lower()
            value = float(_NUMBER_WORDS.get(n) or n)
            if match.group("unit").lower().startswith("m"):
                value /= 12
            best = value if best is None else max(best, value)
    return best


def years_of_experience(
    text: str, *, today: date | None = None, sections: list[Section] | None = None
) -> float | None:
    """Years of professional experience the CV states, or None when it states none.

    The rule: the larger of

    - the largest explicit statement anywhere ("5+ years of experience", "2 yrs experience in
      Java", "Experience - 72 months", "experience of 3 years"): what the candidate claims;
    - the total of the date ranges in the experience section(s) ("2018 - 2021", "Jan 2019 -
      Present", "03/2017 – 05/2019"), overlaps merged, ranges inclusive of their end month, a bare
      start year read as January and a bare end year as December, "present" as ``today``.
      Without an experience section no ranges are counted (they may be education dates).

    Rounded to one decimal and capped at 50. ``today`` defaults to the current date; pass it for
    reproducible results. ``sections`` (from :func:`find_sections`) says the text is already
    normalised and split.

    >>> years_of_experience("Experience\\nAcme: Jan 2019 - Dec 2020", today=date(2024, 1, 1))
    2.0
    """
    today = today or date.today()
    if sections is None:
        text = normalize_text(text)
        sections = find_sections(text)
    stated = _stated_years(text)
    experience = "\n".join(text[s.start : s.end] for s in sections if s.key == "experience")
    ranged = _range_years(experience, today) if experience else None
    values = [v for v in (stated, ranged) if v is not None]
    if not values:
        return None
    return round(min(max(values), MAX_YEARS), 1)
