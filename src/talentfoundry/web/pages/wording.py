"""Words the pages share: counted nouns ("1 place", "2 places") and the matching engine's notes
retold for the person reading the page.

WHY the notes are retold here: the engine's notes are written for the operator who runs it
("dense embeddings are off (...); set TALENTFOUNDRY_DENSE=auto to use it"). They stay as they are
in the server's log and the CLI, where the operator can act on them; candidates, recruiters and
organisers (who run the fair, not the server) see what the note means for the matches in front
of them, or nothing when it changes nothing for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["people_message", "people_notes", "plural"]

_IRREGULAR = {"company": "companies", "person": "people", "opportunity": "opportunities"}


def plural(count: int | None, noun: str, many: str | None = None) -> str:
    """``count`` and the noun, singular for one: the number grouped in thousands.

    >>> plural(1, "place"), plural(2, "place"), plural(1710, "meeting"), plural(0, "company")
    ('1 place', '2 places', '1,710 meetings', '0 companies')
    >>> plural(3, "person"), plural(2, "match", "matches")
    ('3 people', '2 matches')
    """
    n = int(count or 0)
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {many or _IRREGULAR.get(noun) or noun + 's'}"


_LEFT_OUT = re.compile(r"^(\d+) document\(s\) without text were left out")
_NOTES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (
        re.compile(r"^dense embeddings are off"),
        "These matches compare skills and the words used, so a CV that says the same thing in "
        "other words may score lower.",
    ),
    (
        re.compile(r"^skill extraction is not available"),
        "Skills are not compared for now: these matches use the words only.",
    ),
    (
        re.compile(r"^dense embeddings could not be computed"),
        "Matches compare skills and the words used for now: the finer comparison of meaning "
        "could not be computed (the server's log says why).",
    ),
    (
        re.compile(r"^dense embeddings for \d+ document\(s\) are still being computed"),
        "Some matches are still being refined and may change in the next few minutes.",
    ),
)


def people_notes(notes: Iterable[str]) -> list[str]:
    """The engine's notes as a candidate or recruiter should read them (each at most once); a
    note with nothing in it for them is left out, never shown raw.

    >>> people_notes(["dense embeddings are off (x); set TALENTFOUNDRY_DENSE=auto to use it",
    ...               "1 document(s) without text were left out of the ranking", "other"])
    ... # doctest: +NORMALIZE_WHITESPACE
    ['These matches compare skills and the words used, so a CV that says the same thing in other
      words may score lower.', '1 profile or role without any text is not ranked.']
    """
    out: list[str] = []
    for note in notes:
        said: str | None = None
        left_out = _LEFT_OUT.match(note)
        if left_out:
            n = int(left_out.group(1))
            said = (
                "1 profile or role without any text is not ranked."
                if n == 1
                else f"{n:,} profiles or roles without any text are not ranked."
            )
        else:
            said = next((text for pattern, text in _NOTES if pattern.match(note)), None)
        if said and said not in out:
            out.append(said)
    return out


_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^no text to match"),
        "There is nothing to match yet: add skills or a description, then look again.",
    ),
    (
        re.compile(r"^nothing to match"),
        "Nothing here shares a skill or a word with anything to match against: check the skills "
        "and the wording (matching reads English).",
    ),
)


def people_message(message: str | None) -> str | None:
    """The engine's reason for showing no scores, retold without its inner workings (a message
    that is not one of the engine's is already for people and is kept).

    >>> people_message("nothing to match: ... and dense embeddings are off, so ...")[:32]
    'Nothing here shares a skill or a'
    >>> people_message("Add your skills to your profile to get recommendations.")
    'Add your skills to your profile to get recommendations.'
    """
    if not message:
        return message
    return next((text for pattern, text in _MESSAGES if pattern.match(message)), message)
