"""Sentences that describe an employer or client, not the candidate (English only).

CVs often introduce each employer in a line of its own: "Barclays is organised into four core
businesses: Personal Banking, Investment Banking, ...", "Wipro Ltd. is an Indian IT services
corporation; it's a leading consulting company", "It provides commercial lending and leasing".
A dictionary matcher reads "investment banking", "consulting" and "lending" there as the
candidate's skills. :func:`employer_sentences` finds such sentences so that a skill named *only*
there is not counted as held (:func:`talentfoundry.matching.skills.read_skills` gives it the
stance ``"employer"``); named anywhere else too, it stays held.

The rules are narrow, because dropping a skill someone has is worse than keeping one they lack.
A sentence (up to ". ", "; ", a line break, a table cell "|" or a spaced dash " - ") is about an
organisation when it

1. opens with a name (capitalised words, "of", "and", "plc", a parenthesis: "BT Group plc
   (trading as BT)"), "It", "The company", "The bank", ..., or with nothing right after the CV
   template's label "description - is a private bank that ..."; the name may come after an
   opening clause of the organisation's history ("Founded in 1998, Acme ...") and before an
   apposition that names an organisation ("Barclays, a British universal bank, provides ...");
2. goes on with "is/was a/an/the/one of the ..." whose phrase ends in an organisation noun
   (company, corporation, bank, firm, provider, group, conglomerate, insurer, ...), or with a
   verb that companies do (provides, offers, operates, serves, specialises in, is organised into)
   and what a business deals in (services, products, customers, clients, ...);
3. and names no person and no hiring: not "I", "we", "our", "you", "he", "she", "they", nor
   "looking for", "seeking", "hiring", "join", "role". "Acme is a bank where I built the risk
   models", "He provides bookkeeping services" and a job ad's "Acme is a fintech startup seeking a
   React developer" are about work, so their skills stay.

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

__all__ = ["EMPLOYER", "employer_names", "employer_sentences"]

EMPLOYER = "employer"
"""Stance of a skill named only in sentences about an employer or client."""

# A sentence ends at a line break, a table cell ("|"), a spaced dash ("Acme is a bank - Java
# developer"), or ". " / "; " after a word (not "Ltd. is", "Inc. is"). Found as the boundaries
# between sentences.
_BOUNDARY = re.compile(
    r"(?<!\bLtd)(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bPvt)(?<!\bMr)(?<!\bMs)[.;](?=\s)"
    r"|\s[-–—](?=\s)|\|"
)
# Who the sentence is about: a name ("BT Group plc (trading as BT)", "Sun Trust Bank"), "It" or
# "The company". No subject at all only right after the CV template's "description -"
# ("description - is a private bank that ..."; see :func:`employer_sentences`).
_SUBJECT = (
    r"(?:[Ii]t|The\s+(?:[Cc]ompany|[Bb]ank|[Ff]irm|[Gg]roup|[Oo]rgani[sz]ation|[Cc]lient|[Ee]mployer)"
    r"|Company"
    r"|Its\s+(?:customers|clients)|Base\s+customers"
    r"|(?!(?:The|This|These|That|A|An|We|He|She|You|They|It['’]s|Our|My|His|Her|Their|Your)\b)"
    r"[A-Z][\w&'’.,-]*(?:\s+(?:[A-Z][\w&'’.,-]*|of|and|the|plc|&|\([^()\n]{0,60}\)))*)"
)
_TEMPLATE_LABEL = re.compile(r"description\s*[-–—:]\s*$", re.IGNORECASE)
_ORG_NOUN = (  # "one of the largest banks in India": plurals too
    r"(?:compan(?:y|ies)|corporations?|banks?|firms?|providers?|organi[sz]ations?|groups?"
    r"|conglomerates?|suppliers?|manufacturers?|startups?|start-ups?|enterprises?|insurers?"
    r"|multinationals?|subsidiar(?:y|ies)|unit|institutions?|agenc(?:y|ies)|consultanc(?:y|ies)"
    r"|retailers?)"
)
# "is a British multinational telecommunications holding company": the organisation noun heads
# the phrase after the article; "is the mobile web app that shows bank assets" is not one.
_PHRASE_WORD = (
    r"(?:(?!(?:that|which|who|where|whose|with|for|by|to|from|at|in|on|of|shows?)\b)[\w&,'’-]+\s+)"
)
_IS_AN_ORG = (
    rf"(?:[Ii]s|was|are|['’]s)\s+(?:(?:a|an|the|one\s+of\s+the)\s+)?"
    rf"{_PHRASE_WORD}{{0,10}}?{_ORG_NOUN}\b"
)
# "BNY Mellon provides a broad range of products and services": a verb of doing business, and what
# a business deals in (:data:`_TRADE`); "The School Management System provides the facility to
# ..." is a project.
_DOES_BUSINESS = (
    r"(?:provides|offers|operates|serves|speciali[sz]es\s+in|focuses\s+on"
    r"|is\s+organi[sz]ed\s+(?:into|as)|designs,?\s+builds|come\s+from|are\s+(?:institutions"
    r"|corporations|companies|banks))\b"
)
# "Founded in 1998, Acme is a bank": an opening clause of the organisation's own history.
_OPENING = (
    r"(?:(?:Founded|Established|Incorporated|Headquartered|Based)\s+(?:in|at)\s+[^,.;\n]{1,40},\s*)"
)
# "Barclays, a British universal bank, provides ...": an apposition whose phrase ends in an
# organisation noun, between the name and what the organisation is or does.
_APPOSITION = (
    rf"(?:,?\s*(?:a|an|the|one\s+of\s+the)\s+{_PHRASE_WORD}{{0,10}}?{_ORG_NOUN}\b"
    r"[^,.;\n]{0,40},\s*)"
)
_NAMED = re.compile(
    rf"^\s*{_OPENING}?{_SUBJECT}\s*{_APPOSITION}?"
    rf"(?:(?P<is>{_IS_AN_ORG})|(?P<does>{_DOES_BUSINESS}))"
)
_UNNAMED = re.compile(rf"^\s*(?:(?P<is>{_IS_AN_ORG})|(?P<does>{_DOES_BUSINESS}))")
_TRADE = re.compile(
    r"\b(?:services|products|customers|clients|businesses|industries|firms|companies|lending"
    r"|divisions|segments|brands)\b"
)
# A person in the sentence (the candidate, a colleague, the reader of a job ad) or hiring words:
# then it is about work, not only about the organisation.
_ABOUT_PEOPLE = re.compile(
    r"\b(?:I|me|my|I['’]m|I['’]ve|we|We|us|our|Our|you|You|your|Your|you['’]ll|he|He|she|She"
    r"|his|His|her|Her|they|They|their|Their|looking\s+for|seeking|hiring|join|recruiting"
    r"|vacancy|opening|candidates?|role)\b"
)
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
    >>> [t[s:e] for s, e in employer_sentences(t)]
    ['It provides commercial lending and leasing.']
    """
    found: list[tuple[int, int]] = []
    line_end = -1
    for trigger in _TRIGGER.finditer(text):  # only lines with a trigger word are split
        if trigger.start() < line_end:
            continue
        line_start = text.rfind("\n", 0, trigger.start()) + 1
        line_end = text.find("\n", trigger.end())
        line_end = len(text) if line_end < 0 else line_end
        start = line_start
        for boundary in [*_BOUNDARY.finditer(text, line_start, line_end), None]:
            if boundary is None:
                end = line_end
            elif boundary.group() in ".;":
                end = boundary.end()  # the full stop belongs to the sentence
            else:
                end = boundary.start()
            if _about_an_organisation(text, line_start, start, end):
                found.append((end - len(text[start:end].lstrip()), end))  # blanks trimmed
            start = line_end if boundary is None else boundary.end()
    return found


def _about_an_organisation(text: str, line_start: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a sentence of the line at ``line_start``, describes one."""
    sentence = text[start:end]
    if not sentence.strip() or not _TRIGGER.search(sentence) or _ABOUT_PEOPLE.search(sentence):
        return False
    found = _NAMED.search(sentence)
    if found is None and _TEMPLATE_LABEL.search(text, max(line_start, start - 24), start):
        found = _UNNAMED.search(sentence)
    return found is not None and bool(found["is"] or _TRADE.search(sentence))


# "HR Coordinator at Docker", "Data Engineer at Snowflake": a job title, "at", then the employer's
# name, which may also be a product. The title ends in a job noun, as written in a CV's header.
_TITLE_AT = re.compile(
    r"\b(?:Engineer|Developer|Manager|Coordinator|Administrator|Analyst|Intern|Consultant"
    r"|Specialist|Assistant|Officer|Director|Lead|Executive|Designer|Scientist|Architect"
    r"|Recruiter|Associate|Representative|Technician|Accountant|Nurse|Teacher|Trainee"
    r"|Programmer|Researcher|Head|President|Founder|Owner|Partner)s?\s+(?:at|@)\s+"
    r"(?P<org>[A-Z][\w&-]*(?:\.(?=\w)[\w&-]*)*(?:[ \t]+[A-Z][\w&-]*(?:\.(?=\w)[\w&-]*)*){0,3})"
)


def employer_names(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of employers' names after a job title: "HR Coordinator at Docker".

    A product that names the employer ("Docker", "SAP", "Snowflake") says where the person
    worked, not what they worked with; named anywhere else too, it stays held.

    >>> t = "HR Coordinator at Docker, 2019 - 2022. Built onboarding in Workday."
    >>> [t[s:e] for s, e in employer_names(t)]
    ['Docker']
    >>> employer_names("Expert at Docker and Kubernetes")
    []
    """
    if " at " not in text and " @ " not in text:
        return []
    return [m.span("org") for m in _TITLE_AT.finditer(text)]
