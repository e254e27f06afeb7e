"""Sentences that describe an employer or client, not the candidate (English only).

CVs often introduce each employer in a line of its own: "Barclays is organised into four core
businesses: Personal Banking, Investment Banking, ...", "Wipro Ltd. is an Indian IT services
corporation; it's a leading consulting company", "It provides commercial lending and leasing".
A dictionary matcher reads "investment banking", "consulting" and "lending" there as the
candidate's skills. :func:`employer_sentences` finds such sentences so that a skill named *only*
there is not counted as held (:func:`talentfoundry.matching.skills.read_skills` gives it the
stance ``"employer"``); named anywhere else too, it stays held.

The rules are narrow, because dropping a skill someone has is worse than keeping one they lack.
A sentence is about an organisation when it

1. opens with a name (one to six capitalised words, or "It", "The company", "The bank", ...) or
   with nothing before the verb, as in the CV template "description - is a private bank that";
2. goes on with "is/was a/an/the/one of ..." and, within the sentence, an organisation noun
   (company, corporation, bank, firm, provider, group, conglomerate, insurer, ...), or with a
   verb that companies do (provides, offers, operates, serves, specialises in, is organised into);
3. and has no first person in it ("I", "my", "me"): "Acme is a bank where I built the risk models"
   is about the candidate too.

A project described the same way ("TrustBank-CBS is a core banking solution", "The application
is a web app") is kept: a solution, an application or a system is what the candidate worked on.
Whether a domain learned at an employer (banking, at a bank) is a skill is for the reader; the
explanation quotes the sentence when such a skill is missing for a role.

>>> text = "Barclays is a British bank. I built its Kafka pipelines."
>>> [text[s:e] for s, e in employer_sentences(text)]
['Barclays is a British bank.']
"""

from __future__ import annotations

import re

__all__ = ["EMPLOYER", "employer_sentences"]

EMPLOYER = "employer"
"""Stance of a skill named only in sentences about an employer or client."""

# A sentence ends at a line break, or at ". " / "; " after a word (not "Ltd. is", "Inc. is").
_SENTENCE = re.compile(
    r"[^\n]+?(?:(?<!\bLtd)(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bPvt)(?<!\bMr)(?<!\bMs)[.;](?=\s)|$)",
    re.M,
)
# Who the sentence is about: a name ("BT Group plc (trading as BT)", "Sun Trust Bank"), a pronoun
# or "The company", or nothing (the CV template's "description - is a private bank that ...").
_SUBJECT = (
    r"(?:description\s*[-:]\s*)?"
    r"(?:[Ii]t|The\s+(?:company|bank|firm|group|organi[sz]ation|client|employer)"
    r"|Company|Our\s+(?:customers|clients)|Its\s+(?:customers|clients)|Base\s+customers"
    r"|(?!(?:The|This|These|That|A|An)\b)[A-Z][\w&'’.,-]*"
    r"(?:\s+(?:[A-Z][\w&'’.,-]*|of|and|the|plc|&|\([^()\n]{0,60}\)))*)?\s*"
)
_ORG_NOUN = (
    r"(?:company|corporation|bank|firm|provider|organi[sz]ation|group|conglomerate|supplier"
    r"|suppliers|manufacturer|startup|start-up|enterprise|insurer|multinational|subsidiary"
    r"|unit|institution|agency|consultancy|retailer)"
)
# "is a British multinational telecommunications holding company": the organisation noun heads
# the phrase after the article; "is the mobile web app that shows bank assets" is not one.
_PHRASE_WORD = (
    r"(?:(?!(?:that|which|who|where|whose|with|for|by|to|from|at|in|on|of|shows?)\b)[\w&,'’-]+\s+)"
)
_IS_AN_ORG = re.compile(
    rf"^\s*{_SUBJECT}(?:[Ii]s|was|are|['’]s)\s+(?:(?:a|an|the|one\s+of\s+the)\s+)?"
    rf"{_PHRASE_WORD}{{0,10}}?{_ORG_NOUN}\b"
)
# "BNY Mellon provides a broad range of products and services": a verb of doing business, and what
# a business deals in; "The School Management System provides the facility to ..." is a project.
_DOES_BUSINESS = re.compile(
    rf"^\s*{_SUBJECT}(?:provides|offers|operates|serves|speciali[sz]es\s+in|focuses\s+on"
    r"|is\s+organi[sz]ed\s+(?:into|as)|designs,?\s+builds|come\s+from|are\s+(?:institutions"
    r"|corporations|companies|banks))\b"
)
_TRADE = re.compile(
    r"\b(?:services|products|customers|clients|businesses|industries|firms|companies|lending)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|I'm|I've)\b")
# Only lines with an organisation noun or a business verb are split into sentences and tested
# (splitting every line cost about 0.4 ms per CV, a third of extraction).
_TRIGGER = re.compile(
    rf"\b(?:{_ORG_NOUN}|provides|offers|operates|serves|speciali[sz]es|focuses|organi[sz]ed"
    r"|designs|come\s+from|are\s+institutions)\b"
)


def employer_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text`` that describes an organisation.

    >>> employer_sentences("Skills: Python, banking")
    []
    >>> t = "description - It provides commercial lending and leasing."
    >>> employer_sentences(t) == [(0, len(t))]
    True
    """
    found: list[tuple[int, int]] = []
    line_end = -1
    for trigger in _TRIGGER.finditer(text):  # only lines with a trigger word are split
        if trigger.start() < line_end:
            continue
        line_start = text.rfind("\n", 0, trigger.start()) + 1
        line_end = text.find("\n", trigger.end())
        line_end = len(text) if line_end < 0 else line_end
        for match in _SENTENCE.finditer(text, line_start, line_end):
            sentence = match.group()
            if not _TRIGGER.search(sentence) or _FIRST_PERSON.search(sentence):
                continue
            if _IS_AN_ORG.search(sentence) or (
                _DOES_BUSINESS.search(sentence) and _TRADE.search(sentence)
            ):
                found.append((match.start(), match.end()))
    return found
