"""Tell a job ad from a CV by its language, to know which side of a generic run holds roles.

``foundry rank`` takes two files of ``{"id", "text"}`` lines and does not say which one holds the
roles, yet only a role's skills are *requirements* (what "missing" is measured against). Length
alone was the first rule (a title or an ad is shorter than a CV), and it fails when short CVs meet
full job ads: the CVs' skills then became the "requirements" and a candidate was told that the
role "misses" their own skills. An ad speaks to its reader ("you will", "we offer", "nice to have",
"Requirements:"); a CV speaks of its writer ("I", "my", "Education", "Objective"). Counting both
kinds of cue is enough to say which side is ads when one clearly is; otherwise the caller falls
back to length.

>>> looks_like_job_ad("Frontend developer. Must have: React, TypeScript. Nice to have: Figma.")
True
>>> looks_like_job_ad("I am a front-end developer. Skills: React, TypeScript. Education: BSc.")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from talentfoundry.matching.normalize import normalize_text

__all__ = ["ad_share", "looks_like_job_ad"]

_AD_CUES = re.compile(
    r"\b(?:must[- ]haves?|nice[- ]to[- ]haves?|(?:is |are |would be )?a (?:big )?plus"
    r"|we(?: are|'re) (?:looking|seeking|hiring)|you will|you'll|you have|you are"
    r"|the ideal candidate|the successful candidate|we offer|join (?:our|us)|about the role"
    r"|about you|your profile|what you(?: will|'ll) do|apply now|how to apply)\b"
    # Requirement headings: a CV says "requirements gathering", an ad says "Requirements:".
    r"|\b(?:requirements|required|qualifications|desired skills)\s*:",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|myself)\b")  # capital I: not the letter in "i.e."
_CV_CUES = re.compile(
    r"\b(?:curriculum vitae|resume|résumé|education|objective|date of birth|languages known"
    r"|declaration|hobbies|personal details)\b",
    re.IGNORECASE,
)


def looks_like_job_ad(text: str) -> bool:
    """Whether ``text`` reads as a job ad: at least two ad cues, and more than twice its CV cues.

    A second-person pronoun counts half a cue. CVs also say "responsibilities" and "requirements"
    (of a project), so those words count only as a heading with a colon.
    """
    text = normalize_text(text)
    ad = len(_AD_CUES.findall(text)) + len(_SECOND_PERSON.findall(text)) / 2
    cv = len(_FIRST_PERSON.findall(text)) + len(_CV_CUES.findall(text))
    return ad >= 2 and ad > 2 * cv


def ad_share(texts: Iterable[str]) -> float:
    """The share of ``texts`` that read as job ads (0 for none)."""
    flags = [looks_like_job_ad(text) for text in texts]
    return sum(flags) / len(flags) if flags else 0.0
