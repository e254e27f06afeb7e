"""Tell a job ad from a CV by its language, to know which side of a generic run holds roles.

``foundry rank`` takes two files of ``{"id", "text"}`` lines and does not say which one holds the
roles, yet only a role's skills are *requirements* (what "missing" is measured against). Length
alone was the first rule (a title or an ad is shorter than a CV), and it fails when short CVs meet
full job ads: the CVs' skills then became the "requirements" and a candidate was told that the
role "misses" their own skills. An ad speaks to its reader ("you will", "we offer", "nice to have",
"Requirements:"); a CV speaks of its writer ("I", "my", "Education", "Objective"). Counting both
kinds of cue is enough to say which side is ads when one clearly is; otherwise the caller falls
back to length.

An ad also names skills that it does not ask for: in its company blurb ("About Acme: a leading
investment bank"), its benefits ("What we offer: gym membership") and its closing lines ("Our
recruitment team will be in touch"). :func:`ad_boilerplate` finds those parts, so that a skill
named *only* there is not a requirement (the extractor gives it the stance ``"employer"``).

>>> looks_like_job_ad("Frontend developer. Must have: React, TypeScript. Nice to have: Figma.")
True
>>> looks_like_job_ad("I am a front-end developer. Skills: React, TypeScript. Education: BSc.")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["ad_boilerplate", "ad_share", "looks_like_job_ad", "optional_parts"]

# Matched against the lower-cased text (case-blind matching is 2-4x slower in ``re``).
_AD_CUES = re.compile(
    r"\b(?:must[- ]haves?|nice[- ]to[- ]haves?|(?:is |are |would be )?a (?:big )?plus"
    r"|we(?: are|['’]re) (?:looking|seeking|hiring)|you will|you['’]ll|you have|you are"
    r"|the ideal candidate|the successful candidate|we offer|join (?:our|us)|about the role"
    r"|about you|your profile|what you(?: will|['’]ll) do|apply now|how to apply)\b"
    # Requirement headings: a CV says "requirements gathering", an ad says "Requirements:".
    r"|\b(?:requirements|required|qualifications|desired skills)\s*:"
    # UK person specifications ("Essential:", "Desirable criteria:"), hiring verbs, the offer.
    r"|\b(?:essential|desirable)(?: skills| criteria| requirements| experience)?\s*:"
    r"|\b(?:skills required|person specification)\b"
    r"|\b(?:is|are|we['’]re|we are) (?:recruiting|hiring)\b"
    r"|\b(?:benefits|perks|what we offer|key responsibilities|the company)\s*:"
    r"|\b(?:you should|we need|must be|about the team)\b|[£€$]\s?\d+\s?k\b"
    r"|^[ \t]*(?:requirements|essential|desirable|benefits)[ \t]*$",
    re.MULTILINE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Mm]yself)\b")  # capital I: not the "i" of "i.e."
_CV_CUES = re.compile(
    r"\b(?:curriculum vitae|resume|résumé|education|objective|date of birth|languages known"
    r"|declaration|hobbies|personal details)\b"
)


def looks_like_job_ad(text: str) -> bool:
    """Whether ``text`` reads as a job ad: at least two ad cues, and more than twice its CV cues.

    A second-person pronoun counts half a cue. CVs also say "responsibilities" and "requirements"
    (of a project), so those words count only as a heading with a colon. The cues are plain
    words that broken encodings leave alone, so raw and normalised text read the same and the
    text is not normalised here (that costs milliseconds per CV; the extractor has done it).
    """
    low = text.lower()
    ad = len(_AD_CUES.findall(low)) + len(_SECOND_PERSON.findall(low)) / 2
    if ad < 2:  # most CVs stop here, before the CV cues are counted
        return False
    cv = len(_FIRST_PERSON.findall(text)) + len(_CV_CUES.findall(low))
    return ad > 2 * cv


def ad_share(texts: Iterable[str]) -> float:
    """The share of ``texts`` that read as job ads (0 for none)."""
    flags = [looks_like_job_ad(text) for text in texts]
    return sum(flags) / len(flags) if flags else 0.0


# Headings of the parts of an ad that describe the employer or the offer, not the job.
_BOILERPLATE_HEADING = re.compile(
    r"(?:about\s+(?!the\s+(?:role|job|position|team|opportunity)\b|you\b|this\s+role\b)"
    r"[\w&.' -]{1,40}"
    r"|who\s+we\s+are|our\s+(?:company|story|mission|values|culture)|(?:our\s+)?benefits"
    r"|perks(?:\s+and\s+benefits)?|what\s+we\s+offer|we\s+offer"
    r"|why\s+(?:join|work\s+(?:for|with))\s+us"
    r"|(?:salary|compensation|pay)(?:\s+and\s+benefits)?|equal\s+opportunit(?:y|ies)"
    r"|diversity(?:\s+and\s+inclusion)?|how\s+to\s+apply)",
    re.IGNORECASE,
)
# Headings of the job itself: they end a boilerplate part, with or without a colon.
_JOB_HEADING = re.compile(
    r"(?:about\s+(?:the\s+(?:role|job|position|team|opportunity)|you|this\s+role)|the\s+role"
    r"|(?:key\s+)?(?:requirements|responsibilities|qualifications|skills)|your\s+profile"
    r"|what\s+you(?:'ll|\s+will)\s+(?:do|need|bring)|must[- ]haves?|nice[- ]to[- ]haves?"
    r"|the\s+opportunity|(?:essential|desired|preferred)\s+skills)",
    re.IGNORECASE,
)
# Sentences that are the offer or the application process, wherever they stand.
_BOILERPLATE_SENTENCE = re.compile(
    r"^(?:we\s+offer|we\s+provide|you(?:'ll|\s+will)?\s+(?:get|enjoy|receive)|benefits\s+include"
    r"|perks\s+include|our\s+benefits|we\s+are\s+an\s+equal|to\s+apply|how\s+to\s+apply"
    r"|apply\s+(?:now|via|today|online|through)|our\s+(?:recruitment|hiring|talent)\s+team"
    # What the employer's business does ("Our company builds software for airlines").
    r"|our\s+(?:company|organi[sz]ation|firm|business|group)\s+(?:builds|makes|designs"
    r"|develops|provides|offers|serves|operates|sells|manufactures|speciali[sz]es|was\s+founded"
    r"|has\s+been|is\s+an?|is\s+the))\b",
    re.IGNORECASE,
)
# The employer hiring ("St Mary's is recruiting a nurse"): the verb is not the skill recruitment.
_HIRING_VERB = re.compile(
    r"\b(?:is|are|['’]re|currently|now)\s+(?P<verb>recruiting|hiring)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# A sentence about the job itself (what it asks, what the reader will do): it ends an employer
# part that has no heading of its own to end it, as in an ad written on one line ("About us:
# Acme is a bank. You will build models. Requirements: Python.").
_JOB_SENTENCE = re.compile(
    r"\b(?:you\s+will|you['’]ll|you\s+have|you\s+are|you\s+bring|you\s+need"
    r"|the\s+(?:ideal|successful)\s+candidate|we(?:\s+are|['’]re)\s+(?:looking|seeking|hiring)"
    r"|must[- ]haves?|nice[- ]to[- ]haves?|(?:is|are|would\s+be)\s+a\s+(?:big\s+)?plus"
    r"|required|requirements|responsibilities|qualifications|experience\s+(?:with|in|of)"
    r"|(?:skills|tech\s+stack)\s*:)",
    re.IGNORECASE,
)


def ad_boilerplate(text: str) -> list[tuple[int, int]]:
    r"""Sorted ``(start, end)`` spans of ``text`` that describe the employer or the offer.

    A part opens with a heading line ("About Acme", "What we offer:", "Benefits") and runs to the
    next heading-like line (a short line ending in ":", or one of those headings); a heading with
    its content on the same line ("Benefits: gym membership") opens a part too. A part also ends
    at the first sentence about the job ("You will ...", "Requirements: ...", "experience with
    ..."), so an ad written on one line keeps its requirements. Offer and application sentences
    ("We offer ...", "Our recruitment team will ...", "Our company builds ...") count wherever
    they stand, and so does the hiring verb of "Acme is recruiting a nurse". Headings of the job
    itself ("About the role", "About you", "Requirements") never do.

    >>> ad = "Data engineer\nRequirements: Python, Spark\nWhat we offer:\nGym membership\nBonus"
    >>> [ad[s:e] for s, e in ad_boilerplate(ad)]
    ['What we offer:\nGym membership\nBonus']
    >>> ad_boilerplate("About the role\nYou will build Spark pipelines.")
    []
    >>> ad = "About us: Acme is a bank. You will build models. Requirements: Python."
    >>> [ad[s:e] for s, e in ad_boilerplate(ad)]
    ['About us: Acme is a bank.']
    """
    spans: list[tuple[int, int]] = []
    block_start: int | None = None
    for start, end, stripped in _lines(text):
        heading, inline = _heading(stripped)
        # "- Salary: 70k" inside a Benefits part is one of its items, not a new part.
        if heading is not None and not (heading and inline and block_start is not None):
            if block_start is not None:
                spans.append((block_start, start))
                block_start = None
            if heading and not inline:
                block_start = start
            elif heading:  # "About us: ..." is this line, up to the first words about the job
                job = _job_starts(text, text.index(":", start) + 1, end)
                spans.append((start, job))
                spans.extend(_offer_sentences(text, job, end))
            continue
        if block_start is not None:
            job = _job_starts(text, start, end)
            if job == end:
                continue  # the part goes on
            spans.append((block_start, job))
            block_start, start = None, job
        spans.extend(_offer_sentences(text, start, end))
    if block_start is not None:
        spans.append((block_start, len(text)))
    spans.extend(m.span("verb") for m in _HIRING_VERB.finditer(text))
    return _trimmed(text, spans)


# A heading of the skills an ad would like but does not require ("Nice to have:", "Desirable",
# "Bonus points:", "Preferred qualifications:", "Plus:").
_OPTIONAL_LABEL = re.compile(
    r"(?:(?:additional|other|some)\s+)?(?:nice[- ]to[- ]haves?|bonus(?:\s+points)?|pluses|plus"
    r"|(?:it\s+is|it['’]s|would\s+be)\s+a\s+(?:big\s+)?plus"
    r"|(?:preferred|desirable|optional|advantageous)"
    r"(?:\s+(?:skills|qualifications|requirements|experience|criteria|knowledge))?)",
    re.IGNORECASE,
)
"""The nice word heads the label: "Preferred qualifications", not "Preferred location"; and
"Desired Skills and Experience" (LinkedIn's heading for what a role requires) is no such label."""


def optional_parts(text: str) -> list[tuple[int, int]]:
    r"""Spans of ``text`` listed under a nice-to-have heading, one item per line.

    The part runs from the line after the heading to the next heading-like line (a short line
    ending in ":", a heading of the ad's parts) or a blank line after its first item. A heading
    with its items on the same line ("Nice to have: AWS, Docker") needs no part: the line says
    it.

    >>> ad = "Must have:\n- Python\nNice to have:\n- AWS\n- Docker\nBenefits\n- Gym"
    >>> [ad[s:e] for s, e in optional_parts(ad)]
    ['- AWS\n- Docker']
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    last_end = 0
    for line_start, line_end, stripped in _lines(text):
        label, colon, rest = stripped.partition(":")
        label = label.strip(" -*#•")
        heading = bool(label) and not rest.strip() and len(label.split()) <= 6
        if heading and _OPTIONAL_LABEL.fullmatch(label):
            if start is not None and last_end > start:
                spans.append((start, last_end))
            start = last_end = -1  # the part opens on the next line
            continue
        if start is None:
            continue
        if start < 0:
            start = last_end = line_start
        ends = not stripped and last_end > start
        if ends or (heading and (colon or _heading(stripped)[0] is not None)):
            if last_end > start:
                spans.append((start, last_end))
            start = None
            continue
        if stripped:
            last_end = line_end
    if start is not None and last_end > start:
        spans.append((start, last_end))
    return spans


def _heading(line: str) -> tuple[bool | None, bool]:
    """(None if not a heading, else whether it opens a boilerplate part; whether text follows)."""
    label, colon, rest = line.partition(":")
    words = label.split()
    if not words or len(words) > 6:
        return None, False
    label = label.strip(" -*#")
    if _JOB_HEADING.fullmatch(label):
        return False, False
    if _BOILERPLATE_HEADING.fullmatch(label):
        return True, bool(rest.strip())
    if colon and not rest.strip():  # "Tech stack:", "Location:": another part of the ad
        return False, False
    return None, False


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, stripped)`` of each line of ``text``; ``end`` excludes the line break."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, offset + len(line.rstrip("\n\r")), line.strip()
        offset += len(line)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """``(offset, sentence)`` of each sentence of ``text[start:end]``."""
    position = start
    for stop in _SENTENCE_END.finditer(text, start, end):
        yield position, text[position : stop.start()]
        position = stop.end()
    yield position, text[position:end]


def _job_starts(text: str, start: int, end: int) -> int:
    """Where the first sentence about the job begins in ``text[start:end]`` (``end``: none)."""
    for at, sentence in _sentences(text, start, end):
        bare = sentence.lstrip(" -*•")
        if _JOB_SENTENCE.search(bare) and not _BOILERPLATE_SENTENCE.match(bare):
            return at
    return end


def _offer_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [
        (at, at + len(sentence))
        for at, sentence in _sentences(text, start, end)
        if _BOILERPLATE_SENTENCE.match(sentence.lstrip(" -*•"))
    ]


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in sorted(spans):
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out
