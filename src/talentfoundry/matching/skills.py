"""Find the skills a CV or job text states, each with the evidence that shows it.

Matching is a dictionary match over normalised tokens (see :func:`taxonomy.tokenize`): every name
and alias of every taxonomy skill goes into a token trie made of plain dicts, and the text is
scanned left to right taking the longest accepted match at each token. A trie over tokens rather
than characters (e.g. ``pyahocorasick``) gives word boundaries, case/plural folding and
multi-word aliases for free, needs no compiled dependency, and is fast enough: a one-page CV is
scanned in about a millisecond (see ``docs/benchmarks/extraction.md``).

Short or ordinary-word aliases ("R", "C", "Go", "ML", "Spring": the taxonomy marks them
``ambiguous``) are accepted only in a technical context:

1. case: a form written with a capital must be capitalised in the text ("go" is never Go), one
   written in capitals must be in capitals ("LESS", not "Less"); and it must not be glued into a
   dotted abbreviation or version ("R.80");
2. and either a list context: the mention is an item between separators (start of line or
   bullet, ``, ; | / ( ) :`` or "and"/"or", end of line), as in "Languages: Python, R, Go";
3. or a technical neighbour: an unambiguous technical skill within ``NEIGHBOUR_TOKENS`` tokens on
   the same line ("built services in Go on Kubernetes").

A mention is ``primary`` when its clause (the text between separators around it) says so:
"Python (primary)", "expert in Go", "main language: Java" (but not "not an expert in Go").

Negation and aspiration (English only; rules in :mod:`talentfoundry.matching.negation`): a
mention the text denies ("no experience with Java", "Java not required") or names as something
to learn ("willing to learn Rust", "currently learning React") is not a skill of the text. A
skill named positively anywhere else in the text is kept, with that positive mention as its
evidence, and a mention stated as primary is never dropped: a skill the text states is never
reported missing. :func:`read_skills` also returns the skills named *only* negatively or as
learning, so an explanation can quote them ("says: no experience with Java").

Likewise a skill named only in a sentence that describes an employer or a client ("Barclays is
organised into four core businesses: ... Investment Banking", rules in
:mod:`talentfoundry.matching.employer`) is not held: its stance is ``"employer"``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from talentfoundry.matching.alternatives import choices
from talentfoundry.matching.employer import EMPLOYER, employer_names, employer_sentences
from talentfoundry.matching.job_ads import ad_boilerplate, looks_like_job_ad, optional_parts
from talentfoundry.matching.negation import HELD, stances
from talentfoundry.matching.normalize import normalize_text
from talentfoundry.matching.sections import Section, find_sections
from talentfoundry.matching.taxonomy import Taxonomy, load_taxonomy, skill_key, tokenize

__all__ = [
    "NEIGHBOUR_TOKENS",
    "TECH_CATEGORIES",
    "SkillMention",
    "SkillReading",
    "extract_skills",
    "read_skills",
    "skills_from_list",
]

NEIGHBOUR_TOKENS = 8
TECH_CATEGORIES = ("software", "data", "cloud", "hardware", "security")
EVIDENCE_MAX = 220
PRIMARY_WINDOW = 200  # characters either side of a mention searched for "primary" etc.
_END = "\x00"  # trie key for "a skill ends here" (never a token)
_PRIMARY_WORDS = frozenset(
    {
        "primary",
        "main",
        "expert",
        "expertise",
        "advanced",
        "specialist",
        "specialised",
        "specialized",
        "strongest",
        "mastery",
    }
)
_PRIMARY_RE = re.compile(r"\b(?:" + "|".join(sorted(_PRIMARY_WORDS)) + r")\b", re.IGNORECASE)
_SECTION_RANK = {"experience": 3, "projects": 3, "summary": 2, "skills": 1}
_LIST_BEFORE = frozenset(",;|/(:&+")
_LIST_AFTER = frozenset(",;|/)&+.")  # "(" after a name: see _list_context
# What may separate the words of one skill name: spaces, "-", "/", "&", "." inside a name
# ("Node.js"), but not a sentence end (". "), a line break or a parenthesis.
_GAP = re.compile(r"(?!.*\. )[ \-/&.']{0,3}")
_CLAUSE_BREAK = re.compile(r"[,;|\n•]|(?<=[\w)\]\"'])\.(?=\s)")
_JOB_NOUNS = frozenset(
    {
        "developer",
        "developers",
        "engineer",
        "engineers",
        "engineering",
        "programmer",
        "architect",
        "scientist",
        "researcher",
        "specialist",
        "consultant",
        "intern",
        "internship",
        "designer",
        "designers",
        "analyst",
        "analysts",
        "administrator",
        "technician",
    }
)
"""Words that, right after an ambiguous name, make it a field of work ("ML Engineer")."""
_NOT_WORDS = frozenset({"not", "no", "never", "t", "without"})  # "t": "isn't", "don't"


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill found in a text, with the best evidence for it.

    ``start``/``end`` index the normalised text (``normalize_text(text)``) and delimit the words
    that named the skill; ``evidence`` is the line or sentence around them, verbatim. For skills
    from a declared list (:func:`skills_from_list`) they are -1. ``skill_id`` is None for a
    declared skill the taxonomy does not know. ``count`` is how many times the text names it
    with that ``stance``: ``"held"`` (the text claims or asks for the skill), or, in
    :attr:`SkillReading.not_held` only, ``"negated"`` ("no experience with Java") or
    ``"learning"`` ("willing to learn Rust").
    """

    skill_id: str | None
    name: str
    evidence: str
    start: int
    end: int
    primary: bool = False
    count: int = 1
    section: str | None = None
    surface: str = ""
    stance: str = HELD
    alternatives: tuple[str, ...] = ()
    """For a declared entry that offers a choice ("PyTorch or TensorFlow"): the sorted ids of
    the choice (see :attr:`SkillReading.alternatives`); empty otherwise."""


@dataclass(frozen=True, slots=True)
class SkillReading:
    """What a text says about skills: those it holds, and those it names only to deny or learn.

    ``held`` is what :func:`extract_skills` returns. ``not_held`` lists, once per skill, the skills
    that every mention denies or names as something to learn, with the first such mention as
    evidence; a skill is never in both lists. ``alternatives`` groups held skills offered as a
    choice ("PyTorch or TensorFlow").
    """

    held: list[SkillMention]
    not_held: list[SkillMention]
    optional: frozenset[str] = frozenset()
    """Held skills that a job ad names only under a nice-to-have heading, one per line
    ("Nice to have:" then "- AWS"; :func:`~talentfoundry.matching.job_ads.optional_parts`)."""
    alternatives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Held skills offered only as a choice ("PyTorch or TensorFlow"; see
    :mod:`~talentfoundry.matching.alternatives`): skill id -> the sorted ids of its choice. A
    skill in two choices ("Java or Go, and Java or Kotlin") belongs to the first; the second is
    still a requirement of its own, through its other skills, as in a declared list. A skill the
    text also names on its own ("Python required; Python or Java") is not a key, as it is
    required whatever the choice; its id stays in the choice of the others."""


@dataclass(slots=True)
class _Matcher:
    trie: dict[str, Any]
    tech: frozenset[str]


def _matcher(taxonomy: Taxonomy) -> _Matcher:
    cached = taxonomy.cache.get("skills.matcher")
    if cached is not None:
        return cached
    ambiguous: dict[str, tuple[str, str]] = {}  # key -> (skill id, case the text must show)
    for skill in taxonomy:
        for form in skill.ambiguous:
            shape = "upper" if form.isupper() and len(form) > 1 else "capital"
            ambiguous[skill_key(form)] = (skill.id, shape if form[:1].isupper() else "")
    # Multi-word forms made of one- and two-letter tokens ("M&A", "R&D", "A/B testing" is fine)
    # must appear spelled as written: "m a" or "M.A." is not M&A.
    exact: dict[str, set[str]] = {}
    for skill in taxonomy:
        for form in (skill.name, *skill.aliases):
            parts = skill_key(form).split(" ")
            if len(parts) > 1 and all(len(p) <= 2 for p in parts):
                exact.setdefault(" ".join(parts), set()).add(form.lower())
    trie: dict[str, Any] = {}
    for key, skill_id in taxonomy.lookup_keys():
        if not key:
            continue
        node = trie
        for part in key.split(" "):
            node = node.setdefault(part, {})
        amb = ambiguous.get(key)
        needs_context = amb is not None and amb[0] == skill_id
        case = amb[1] if needs_context and amb else ""
        node[_END] = (skill_id, needs_context, case, frozenset(exact.get(key, ())))
    tech = frozenset(
        s.id for s in taxonomy if s.source == "curated" and s.category.startswith(TECH_CATEGORIES)
    )
    matcher = _Matcher(trie=trie, tech=tech)
    taxonomy.cache["skills.matcher"] = matcher
    return matcher


@dataclass(slots=True)
class _Hit:
    skill_id: str
    first: int  # token index
    last: int
    start: int  # char offsets
    end: int
    pending: bool  # ambiguous, waiting for a technical neighbour


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi == -1 else hi


def _case_ok(surface: str, case: str) -> bool:
    if case == "upper":  # "LESS", "SOLID", "REST": only in capitals ("PLCs": its plural)
        return surface.isupper() or (surface.endswith("s") and surface[:-1].isupper())
    if case == "capital":  # "Go", "Spring", "R"
        return surface[:1].isupper()
    return True


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a dotted abbreviation or version ("R.80", "A.I.S"): not a mention on its own."""
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] == "." and after[1].isalnum()) or (
        len(before) == 2 and before[1] == "." and before[0].isalnum()
    )


def _list_context(text: str, start: int, end: int) -> bool:
    lo, hi = _line_bounds(text, start, end)
    # Only a few characters either side matter; slicing the whole line per mention made one long
    # line (a CV pasted without line breaks) cost its length squared.
    j = start
    while j > lo and text[j - 1].isspace():
        j -= 1
    line_start = j == lo or (j == lo + 1 and text[lo] == "-")  # or a dash opens the line
    separated = not line_start and (
        text[j - 1] in _LIST_BEFORE or text[max(lo, j - 4) : j].lower().endswith((" and", " or"))
    )
    k = end
    while k < hi and text[k].isspace():
        k += 1
    if k == hi:
        ok_after = True
    elif text[k] == "(":  # "IDE: Eclipse (Oxygen)", but not "Go (to the next step)" opening a line
        ok_after = separated
    else:
        ok_after = text[k] in _LIST_AFTER or text[k : k + 4].lower().startswith(("and ", "or "))
    return (line_start or separated) and ok_after


def _names_a_job(text: str, tokens: list[tuple[str, int, int]], last: int) -> bool:
    """Whether the word right after a mention is a job noun: "ML Engineer", "Go developer",
    "R programmer" use the name as a field of work, which settles an ambiguous one."""
    if last + 1 >= len(tokens):
        return False
    key, start, _ = tokens[last + 1]
    return key in _JOB_NOUNS and text[tokens[last][2] : start] in (" ", "-")


_TOOL_WORDS = frozenset({"in", "with", "using", "via", "through"})
_DATE_WORDS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def _used_as_a_tool(
    text: str, tokens: list[tuple[str, int, int]], first: int, last: int, case: str
) -> bool:
    """Whether a capitalised name follows "in", "with", "using", "via" or "through" and ends its
    phrase: "models in Excel.", "analysed in R,", "PLCs in C" name a tool, not a word.

    Only names written with a capital qualify; an abbreviation in capitals does not ("in PR & DR
    mocks" is production and disaster recovery, not public relations), nor a season ("graduated
    in Spring"). A capitalised word or a number right after the name continues another name
    ("in Spring 2019", "in Salt Lake City").
    """
    if case != "capital" or first == 0 or tokens[first][0] in _DATE_WORDS:
        return False
    _, start, end = tokens[first - 1]
    if text[start:end] not in _TOOL_WORDS or text[end : tokens[first][1]] != " ":
        return False
    if last + 1 < len(tokens):
        _, nxt_start, _ = tokens[last + 1]
        following = text[tokens[last][2] : nxt_start]
        nxt = text[nxt_start]
        if following.strip() == "" and "\n" not in following and (nxt.isupper() or nxt.isdigit()):
            return False
    return True


_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame"})
"""Titles before a person's name, as written ("MS Office" is Microsoft's)."""


def _names_a_person(text: str, tokens: list[tuple[str, int, int]], first: int) -> bool:
    """Whether the name at token ``first`` is a person's: after a title, with or without a
    first name ("Reference: Mr Paul Jenkins", "Dr. Kafka")."""
    for back in (1, 2):
        if first - back < 0:
            return False
        _, start, end = tokens[first - back]
        word, gap = text[start:end], text[end : tokens[first - back + 1][1]]
        if word in _HONORIFICS and gap in (" ", ". "):
            return True
        if not word[:1].isupper() or gap != " ":  # "Mr Paul Jenkins": one name, spaced
            return False
    return False


def _scan(text: str, matcher: _Matcher) -> list[_Hit]:
    tokens = tokenize(text)
    trie = matcher.trie
    hits: list[_Hit] = []
    i, n = 0, len(tokens)
    while i < n:
        node = trie.get(tokens[i][0])
        if node is None:
            i += 1
            continue
        ends: list[tuple[int, tuple[str, bool, str, frozenset[str]]]] = []
        j = i
        while node is not None:
            if _END in node:
                ends.append((j, node[_END]))
            j += 1
            if j >= n or not _GAP.fullmatch(text, tokens[j - 1][2], tokens[j][1]):
                break  # a skill name does not run across a line, a sentence or a parenthesis
            node = node.get(tokens[j][0])
        chosen: _Hit | None = None
        for last, (skill_id, needs_context, case, spellings) in reversed(ends):
            start, end = tokens[i][1], tokens[last][2]
            if spellings and text[start:end].lower() not in spellings:
                continue
            if needs_context:
                if not _case_ok(text[start:end], case) or _glued(text, start, end):
                    continue
                pending = (
                    not _list_context(text, start, end)
                    and not _names_a_job(text, tokens, last)
                    and not _used_as_a_tool(text, tokens, i, last, case)
                )
            else:
                pending = False
            chosen = _Hit(skill_id, i, last, start, end, pending)
            break
        if chosen is None:
            i += 1
            continue
        if not _names_a_person(text, tokens, i):
            hits.append(chosen)
        i = chosen.last + 1
    return _confirm_pending(text, hits, matcher.tech)


def _confirm_pending(text: str, hits: list[_Hit], tech: frozenset[str]) -> list[_Hit]:
    if not any(h.pending for h in hits):
        return hits
    anchors = sorted(
        (h for h in hits if not h.pending and h.skill_id in tech), key=lambda h: h.first
    )
    firsts = [a.first for a in anchors]
    kept = []
    for hit in hits:
        if hit.pending:
            lo, hi = _line_bounds(text, hit.start, hit.end)
            # Only the anchors within NEIGHBOUR_TOKENS tokens (bisect, not a scan of all of them:
            # a long text has thousands of both).
            window = anchors[
                bisect_left(firsts, hit.first - NEIGHBOUR_TOKENS) : bisect_right(
                    firsts, hit.first + NEIGHBOUR_TOKENS
                )
            ]
            if not any(lo <= a.start < hi for a in window):
                continue
        kept.append(hit)
    return kept


def _evidence(text: str, start: int, end: int) -> str:
    lo, hi = _line_bounds(text, start, end)
    if hi - lo > EVIDENCE_MAX:  # a long line: keep the sentence around the mention
        sentence_lo = max(text.rfind(". ", lo, start), text.rfind("; ", lo, start))
        lo = sentence_lo + 2 if sentence_lo != -1 else lo
        stops = [p for p in (text.find(". ", end, hi), text.find("; ", end, hi)) if p != -1]
        hi = min(stops) + 1 if stops else hi
    if hi - lo > EVIDENCE_MAX:  # still long: a window around the mention, cut at spaces
        half = (EVIDENCE_MAX - (end - start)) // 2
        new_lo = max(lo, start - half)
        new_hi = min(hi, end + half)
        if new_lo > lo:
            space = text.find(" ", new_lo, start)
            new_lo = space + 1 if space != -1 else new_lo
        if new_hi < hi:
            space = text.rfind(" ", end, new_hi)
            new_hi = space if space != -1 else new_hi
        lo, hi = new_lo, new_hi
    fragment = text[lo:hi]
    return fragment[2:] if fragment.startswith("- ") else fragment.strip()


def _is_primary(text: str, start: int, end: int) -> bool:
    lo, hi = _line_bounds(text, start, end)
    # A claim about this mention sits in its clause, a few words away; searching a whole line
    # per mention made one long line (a CV pasted without line breaks) cost its length squared.
    lo, hi = max(lo, start - PRIMARY_WINDOW), min(hi, end + PRIMARY_WINDOW)
    if not _PRIMARY_RE.search(text, lo, hi):  # the common case, decided without parsing clauses
        return False
    # The clause: back to the previous separator, forward to the next one. A parenthesis right
    # after the mention belongs to it ("Python (primary), Java").
    left = text[lo:start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(left)), default=0)
    clause_left = left[cut:]
    right = text[end:hi]
    if right.lstrip().startswith("("):
        close = right.find(")")
        clause_right = right[: close + 1] if close != -1 else right
    else:
        stop = _CLAUSE_BREAK.search(right)
        clause_right = right[: stop.start()] if stop else right
    words = re.findall(r"[a-z]+", (clause_left + " " + clause_right).lower())
    # "not an expert in Go", "no main language": a primary word after a negation does not count.
    return any(
        w in _PRIMARY_WORDS and _NOT_WORDS.isdisjoint(words[max(0, i - 3) : i])
        for i, w in enumerate(words)
    )


def _section_at(sections: list[Section], starts: list[int], offset: int) -> str | None:
    index = bisect_right(starts, offset) - 1
    return sections[index].key if index >= 0 else None


def _not_about_the_person(text: str, job_ad: bool | None = None) -> list[tuple[int, int]]:
    """Sorted, disjoint spans that describe an employer, not the candidate or the job: a CV's
    sentences about its employers and, in a job ad, its company blurb, benefits and closing.
    ``job_ad`` says whether the text is an ad (None: tell from its words)."""
    spans = [*employer_sentences(text), *employer_names(text)]
    if looks_like_job_ad(text) if job_ad is None else job_ad:
        spans += ad_boilerplate(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def read_skills(
    text: str,
    taxonomy: Taxonomy | None = None,
    *,
    sections: list[Section] | None = None,
    job_ad: bool | None = None,
) -> SkillReading:
    """Read the skills ``text`` holds and those it names only to deny or to learn.

    Each mention gets a stance (:func:`talentfoundry.matching.negation.stances`); a mention
    stated as primary is held whatever precedes it. A skill with at least one held mention is
    held, described by its held mentions only; the others go to ``not_held``. Both lists are in
    order of first appearance. See :func:`extract_skills` for evidence and ``sections``.
    ``job_ad`` says whether the text is a job ad, whose company blurb and benefits ask for
    nothing (:func:`~talentfoundry.matching.job_ads.ad_boilerplate`); None tells from its words.

    >>> reading = read_skills("Python (primary). No experience with Java; willing to learn Rust")
    >>> [m.name for m in reading.held], [(m.name, m.stance) for m in reading.not_held]
    (['Python'], [('Java', 'negated'), ('Rust', 'learning')])
    """
    taxonomy = taxonomy or load_taxonomy()
    if sections is None:
        text = normalize_text(text)
    if not text:
        return SkillReading([], [])
    hits = _scan(text, _matcher(taxonomy))
    if sections is None:
        sections = find_sections(text)
    section_starts = [s.start for s in sections]
    hit_stances = stances(text, [(h.start, h.end) for h in hits])
    is_ad = bool(hits) and (looks_like_job_ad(text) if job_ad is None else job_ad)
    about_employers = _not_about_the_person(text, is_ad) if hits else []
    if about_employers:  # named while describing an employer: not the candidate's, unless cued
        ends = [end for _, end in about_employers]
        for i, hit in enumerate(hits):
            k = bisect_left(ends, hit.end)
            if k < len(ends) and about_employers[k][0] <= hit.start and hit_stances[i] == HELD:
                hit_stances[i] = EMPLOYER
    grouped: dict[str, list[tuple[_Hit, str, bool]]] = {}
    for hit, stance in zip(hits, hit_stances, strict=True):
        primary = _is_primary(text, hit.start, hit.end)
        if primary:  # "Python (primary)" is a claim, whatever cue came before it
            stance = HELD
        grouped.setdefault(hit.skill_id, []).append((hit, stance, primary))
    held: list[tuple[int, SkillMention]] = []
    not_held: list[tuple[int, SkillMention]] = []
    for skill_id, group in grouped.items():
        positive = [g for g in group if g[1] == HELD]
        chosen = positive or group  # a held mention anywhere wins over denials
        if positive:
            hit = max(
                positive,
                key=lambda g: (
                    int(g[2]),
                    _SECTION_RANK.get(_section_at(sections, section_starts, g[0].start) or "", 0),
                    -g[0].start,
                ),
            )[0]
        else:  # the first denial is the evidence; a denial says more than an employer's name
            said = [g for g in group if g[1] != EMPLOYER] or group
            chosen, hit = said, said[0][0]
        section = _section_at(sections, section_starts, hit.start)
        skill = taxonomy.get(skill_id)
        assert skill is not None
        mention = SkillMention(
            skill_id=skill_id,
            name=skill.name,
            evidence=_evidence(text, hit.start, hit.end),
            start=hit.start,
            end=hit.end,
            primary=any(g[2] for g in chosen),
            count=len(chosen),
            section=section,
            surface=text[hit.start : hit.end],
            stance=HELD if positive else chosen[0][1],
        )
        (held if positive else not_held).append((chosen[0][0].start, mention))
    held.sort(key=lambda pair: pair[0])
    not_held.sort(key=lambda pair: pair[0])
    return SkillReading(
        [m for _, m in held],
        [m for _, m in not_held],
        _optional(text, hits, hit_stances) if is_ad else frozenset(),
        _alternatives(text, hits, hit_stances),
    )


def _optional(text: str, hits: list[_Hit], hit_stances: list[str]) -> frozenset[str]:
    """Held skills whose every held mention is under a nice-to-have heading."""
    parts = optional_parts(text)
    if not parts:
        return frozenset()
    inside: dict[str, bool] = {}
    for hit, stance in zip(hits, hit_stances, strict=True):
        if stance == HELD:
            within = any(a <= hit.start < b for a, b in parts)
            inside[hit.skill_id] = inside.get(hit.skill_id, True) and within
    return frozenset(skill_id for skill_id, only in inside.items() if only)


def _alternatives(
    text: str, hits: list[_Hit], hit_stances: list[str]
) -> dict[str, tuple[str, ...]]:
    """The choices among the held mentions (see :attr:`SkillReading.alternatives`)."""
    found = choices(text, [(h.start, h.end) for h in hits])
    if not found:
        return {}
    chosen = {i for group in found for i in group}
    plain = {h.skill_id for i, h in enumerate(hits) if hit_stances[i] == HELD and i not in chosen}
    out: dict[str, tuple[str, ...]] = {}
    for group in found:
        members = {hits[i].skill_id for i in group if hit_stances[i] == HELD}
        if len(members) < 2 or members <= plain:
            continue
        choice = tuple(sorted(members))
        for skill_id in choice:  # a skill in two choices belongs to the first
            if skill_id not in plain:
                out.setdefault(skill_id, choice)
    return out


def extract_skills(
    text: str,
    taxonomy: Taxonomy | None = None,
    *,
    sections: list[Section] | None = None,
) -> list[SkillMention]:
    """Return one :class:`SkillMention` per distinct skill that ``text`` holds (or asks for).

    The text is normalised first (:func:`normalize_text`, idempotent), and offsets index the
    normalised text. Of several mentions of a skill the evidence kept is the best one: a mention
    stated as primary, then one in experience or projects (showing use) over a summary or a bare
    skills list, then the earliest. Mentions are returned in order of first appearance. A skill
    named only in denial or as something to learn ("no experience with Java", "Java not
    required", "willing to learn Rust") is left out; :func:`read_skills` returns those too.

    ``sections`` (from :func:`find_sections`) says the text is already normalised and saves
    doing that and the section split again (as :func:`talentfoundry.matching.cv.parse_cv` does).

    >>> [(m.name, m.primary) for m in extract_skills("Skills: Python (primary), SQL, Go")]
    [('Python', True), ('SQL', False), ('Go', False)]
    >>> [m.name for m in extract_skills("Python, Docker. No experience with Java.")]
    ['Python', 'Docker']
    """
    return read_skills(text, taxonomy, sections=sections).held


def skills_from_list(names: list[str], taxonomy: Taxonomy | None = None) -> list[SkillMention]:
    """Skills from a declared list (a profile form, a job's "skills" field).

    Each entry is resolved as a whole name or alias first ("k8s", "Scikit-Learn"); failing that
    it is read as text ("Python 3 (primary)", "Java/Kotlin"), which may yield several skills. An
    entry that names no known skill is kept with ``skill_id=None`` and its own spelling as
    ``name``: a declared skill is a fact about the person or the role even when the taxonomy
    lacks it, and a ranker can still match it by name. Duplicates are dropped; order is kept;
    offsets are -1 (there is no running text). An entry that only denies a skill ("Java (not
    required)") declares nothing and is dropped. An entry that offers a choice ("PyTorch or
    TensorFlow") gives each of its skills the choice's ids in ``alternatives``.

    >>> [(m.skill_id, m.name) for m in skills_from_list(["k8s", "Underwater basket weaving"])]
    [('kubernetes', 'Kubernetes'), (None, 'Underwater basket weaving')]
    """
    taxonomy = taxonomy or load_taxonomy()
    out: list[SkillMention] = []
    seen: set[str] = set()
    for raw in names:
        name = normalize_text(str(raw)).strip()
        if not name:
            continue
        skill = taxonomy.resolve(name)
        found: list[tuple[str | None, str, bool, tuple[str, ...]]] = []
        if skill is not None:
            found.append((skill.id, skill.name, False, ()))
        else:
            reading = read_skills(name, taxonomy)
            choice = reading.alternatives
            found.extend(
                (m.skill_id, m.name, m.primary, choice.get(m.skill_id or "", ()))
                for m in reading.held
            )
            if not found and reading.not_held:
                continue  # "Java (not required)": a declared non-requirement
        if not found:
            found.append((None, name, False, ()))
        for skill_id, skill_name, primary, alternatives in found:
            marker = skill_id if skill_id is not None else "?" + skill_key(skill_name)
            if marker in seen:
                if not alternatives:  # listed on its own too: required, not only a choice
                    out = [
                        replace(m, alternatives=()) if m.skill_id == skill_id else m for m in out
                    ]
                continue
            seen.add(marker)
            out.append(
                SkillMention(
                    skill_id=skill_id,
                    name=skill_name,
                    evidence=name,
                    start=-1,
                    end=-1,
                    primary=primary,
                    section="declared",
                    surface=name,
                    alternatives=alternatives,
                )
            )
    return out
