"""Tell a skill a text claims from one it denies or only means to learn (English only).

"No experience with Java", "I have never used PHP", "not familiar with Kubernetes" in a CV, or
"Java not required" in a job ad, name a skill that the writer does *not* claim or ask for;
"willing to learn Rust" or "currently learning React" name one the candidate does not hold yet.
A dictionary matcher sees only the names, so :func:`stances` looks at the words around each
mention and says ``"held"``, ``"negated"`` or ``"learning"``.

The rules are deliberately narrow, because dropping a skill someone has is worse than keeping one
they lack (a skill the text states is never reported missing):

1. a **cue before** the mention (no, not, never, zero, without, lack, "n't", cannot, unfamiliar;
   "willing/want/hoping/would like to learn", "interested in learning", "currently learning",
   "learning" opening a clause or bullet), separated from it only by at most ``MAX_GAP`` words
   from a closed list ("experience", "familiar", "with", "used", "prior", "any"...). Anything
   else between them ends the cue's scope: a comma, a sentence end, a line break, "but",
   "however", or an ordinary word ("no regressions using Jenkins"). The closed list is also what
   keeps idioms and hedges held: "not only Python", "not just C", "no longer on MySQL", "not an
   expert in Go", "no professional experience with Kotlin" (the person knows it, just not at that
   level). Further skills joined to a cued one by a list separator (",", "/", "and", "or", "nor",
   "such as") share its stance: "no experience with Java, Kubernetes or Go";
2. a **cue after** the mention. Job ads: "Java not required", "Java experience is not needed",
   "Java (not required)"; it covers the list run just before it ("Java, Scala not required") but
   not a clause before a comma ("Python required, Java not required"). A CV's skills grid:
   "Java: none", "| Java | never used |"; it covers only the cell before it;
3. a cue word glued to the next word by a hyphen is a prefix, not a cue: "no-SQL", "no-code";
   a cue word inside a skill's name ("Machine Learning") is not a cue;
4. a negated mention followed in its sentence by "but ... a plus / nice to have / preferred"
   ("Java is not required but is a plus") is a nice-to-have, so it stays held.

Whether a skill named once negatively and once positively is held is for the caller (see
:func:`talentfoundry.matching.skills.read_skills`: a positive mention wins). Cost: a text with no
cue word (66 of the 90 development CVs) is decided by one regular-expression search; otherwise
linear in the number of cues and mentions. Adds no measurable time to :func:`extract_skills` on
the development CVs (medians within 1%, same run).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["HELD", "LEARNING", "MAX_GAP", "NEGATED", "stances"]

HELD = "held"
NEGATED = "negated"
LEARNING = "learning"
MAX_GAP = 6  # words allowed between a cue and the first skill it covers

# One pass finds every cue word (lower-cased text); the checks below decide whether it is a cue.
_CUE_WORD = re.compile(
    r"(?<![a-z])(?:no|none|not|never|zero|without|lack(?:s|ed|ing)?|cannot|unfamiliar"
    r"|learn(?:ing)?)(?![a-z])|(?<=[a-z])n['’]t(?![a-z])"
)
_CUE_WORD_ANY_CASE = re.compile(_CUE_WORD.pattern, re.IGNORECASE)  # if lower() changes length
# What makes "learn"/"learning" a cue: the words before it (checked on at most 40 characters).
_LEARN_BEFORE = re.compile(
    r"(?:\b(?:willing|want|wants|wanted|wanting|hoping|hope|hopes|keen|eager|like|love|plan"
    r"|plans|planning|looking|aim|aiming|intend|intending|trying|going|started|starting|begun"
    r"|beginning|begin)[ \t]+to|\b(?:will|interested[ \t]+in|currently|now|still|actively"
    r"|presently|am|is|are|i['’]m|been|started|starting|begun|beginning|begin))[ \t]+$",
    re.IGNORECASE,
)
# ... or "learning" opening a clause or a bullet ("- Learning Kubernetes").
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:(])[ \t]*(?:-[ \t]+)?$")
_LEARN_WINDOW = 40

# fmt: off
# Words that may stand between a cue and the skill it covers. Closed lists on purpose: an
# ordinary word in between ("no regressions using Jenkins") means the cue is about something else.
_NEGATION_GAP = frozenset({
    "experience", "experiences", "knowledge", "exposure", "familiarity", "background", "skill",
    "skills", "expertise", "understanding", "idea", "clue", "training", "certification",
    "certificate", "prior", "previous", "real", "world", "any", "the", "a", "an", "with", "in",
    "of", "on", "to", "using", "use", "used", "worked", "work", "working", "familiar",
    "comfortable", "experienced", "exposed", "done", "touched", "tried", "programmed", "written",
    "coded", "been", "had", "have", "has", "yet", "need", "needed", "required", "necessary", "for",
    "know", "knew", "known", "aware", "hands", "chance", "opportunity", "learned", "learnt",
    "studied", "heard", "about", "at", "all", "ever", "really", "i", "we", "language", "languages",
    "framework", "frameworks", "tool", "tools", "technology", "technologies", "platform",
    "code", "coding", "program", "programming", "write", "wrote", "develop", "developed",
    "build", "built", "deploy", "deployed", "configure", "configured", "run", "ran",
})
_LEARNING_GAP = frozenset({
    "more", "about", "new", "the", "a", "an", "some", "basics", "basic", "of", "how", "to", "use",
    "using", "work", "working", "with", "in", "on", "technologies", "technology", "tools", "tool",
    "languages", "language", "frameworks", "framework", "skills", "concepts", "things",
    "programming", "myself", "my", "own", "actively", "currently", "at", "also",
})
# fmt: on
_GAP_CHARS = re.compile(r"[A-Za-z \t\-'’\"“”:]*")
_WORD = re.compile(r"[A-Za-z]+")
# What may join two skills of one list: "Java, Kubernetes or Go", "C/C++", "such as".
_LIST_JOIN = re.compile(
    r"[ \t]*(?:[,/&+|][ \t]*)?(?:(?:and|or|nor|as[ \t]+well[ \t]+as)[ \t]+)?"
    r"(?:(?:[a-z]+[ \t]+){0,2}(?:such[ \t]+as|like|including|e\.g\.,?)[ \t]+)?",
    re.IGNORECASE,
)
# A cue after the mention. Job ads: "Java not required", "Kubernetes experience is not needed"
# (group "ad", which covers the list run before it). A CV's skill grid: "Java: none", "Java |
# never used" (group "grid", which covers only the cell before it: "| Python | Java | none |").
_POST_CUE = re.compile(
    r"[ \t]*(?:[:(\-–|][ \t]*)?"
    r"(?:(?P<grid>none\b(?![ \t]+of)|never[ \t]+used\b|not[ \t]+used\b"
    r"|no[ \t]+experience\b(?![ \t]+(?:with|in|of)\b))|"
    r"(?:(?:experience|knowledge|skills?|expertise|background|familiarity|exposure|certification"
    r"|proficiency)[ \t]+)?"
    r"(?:(?:is|are)[ \t]+not|(?:is|are)n['’]t|not)[ \t]+(?:strictly[ \t]+|absolutely[ \t]+)?"
    r"(?:required|needed|necessary|mandatory|essential|expected|compulsory"
    r"|a[ \t]+(?:requirement|must|prerequisite))\b)",
    re.IGNORECASE,
)
_POST_WORDS = frozenset({"no", "none", "not", "never", "n't", "n’t"})  # a post-cue has one
# "... not required, but a plus": a nice-to-have, which the caller should see.
_BUT_WELCOME = re.compile(
    r"\b(?:but|though|although|however)\b[^.;\n]*?\b(?:plus|nice|bonus|advantage|advantageous"
    r"|preferred|welcome|helpful|beneficial|asset|desirable)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")


def _cue_kind(lower: str, cue: re.Match[str]) -> str | None:
    """NEGATED or LEARNING when the cue word matched in ``lower`` is a cue; None otherwise."""
    word, start, end = cue.group().lower(), cue.start(), cue.end()
    if word.startswith("learn"):
        line = lower.rfind("\n", 0, start) + 1
        before = lower[max(line, start - _LEARN_WINDOW) : start]
        if _LEARN_BEFORE.search(before):
            return LEARNING
        opens_clause = word == "learning" and lower[end : end + 1] not in ("-", "'")
        return LEARNING if opens_clause and _CLAUSE_OPENING.search(before) else None
    if word == "none":  # only as an answer after the skill ("Java: none")
        return None
    if lower[end : end + 1] == "-":  # a prefix: "no-SQL", "no-code", "not-for-profit"
        return None
    return NEGATED


def _gap_stance(gap: str, learning: bool) -> str | None:
    """The stance a cue gives across ``gap`` (text between cue and skill); None: out of scope."""
    if not _GAP_CHARS.fullmatch(gap):
        return None  # a comma, a sentence end, a parenthesis: another clause
    words = [w.lower() for w in _WORD.findall(gap)]
    if len(words) > MAX_GAP:
        return None
    allowed = _LEARNING_GAP if learning else _NEGATION_GAP
    if all(w in allowed for w in words):
        return LEARNING if learning else NEGATED
    return None


def _welcome_after(text: str, end: int) -> bool:
    stop = _SENTENCE_END.search(text, end)
    return bool(_BUT_WELCOME.search(text, end, stop.start() if stop else len(text)))


def stances(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The stance of each skill mention in ``text``: ``"held"``, ``"negated"`` or ``"learning"``.

    ``spans`` are the ``(start, end)`` character offsets of the mentions in ``text``, in order and
    not overlapping. A cue word inside a mention ("Machine Learning") is not a cue.

    >>> text = "Python (primary); no experience with Java or Go; willing to learn Rust"
    >>> names = ["Python", "Java", "Go", "Rust"]
    >>> spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    >>> stances(text, spans)
    ['held', 'negated', 'negated', 'learning']
    >>> text = "not only Python but also Go"
    >>> stances(text, [(9, 15), (25, 27)])
    ['held', 'held']
    """
    result = [HELD] * len(spans)
    if not spans:
        return result
    lower, finder = text.lower(), _CUE_WORD
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): keep the offsets
        lower, finder = text, _CUE_WORD_ANY_CASE
    cues = list(finder.finditer(lower))
    if not cues:  # most texts: decided here
        return result
    starts = [s for s, _ in spans]
    for cue in cues:
        k = bisect_left(starts, cue.end())
        if k > 0 and spans[k - 1][1] > cue.start():
            continue  # the cue word is part of a skill's name ("Machine Learning")
        if k == len(spans):
            break
        kind = _cue_kind(lower, cue)
        if kind is None:
            continue
        stance = _gap_stance(text[cue.end() : starts[k]], kind == LEARNING)
        if stance is None:
            continue
        while True:
            if result[k] == HELD:
                result[k] = stance
            if k + 1 == len(spans):
                break
            if not _LIST_JOIN.fullmatch(text, spans[k][1], starts[k + 1]):
                break
            k += 1
    if any(c.group().lower() in _POST_WORDS for c in cues):
        for k, (_, end) in enumerate(spans):
            post = _POST_CUE.match(text, end)
            if post is None:
                continue
            j = k
            while True:
                result[j] = NEGATED
                if post.group("grid") or j == 0:
                    break  # a grid answer covers its own cell only
                if not _LIST_JOIN.fullmatch(text, spans[j - 1][1], starts[j]):
                    break
                j -= 1
    for k, (_, end) in enumerate(spans):
        if result[k] == NEGATED and _welcome_after(text, end):
            result[k] = HELD
    return result
