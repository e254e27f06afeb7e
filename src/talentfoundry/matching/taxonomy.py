"""The skill taxonomy: names, aliases, a broader/narrower hierarchy, and how close two skills are.

The product ships one generated file, ``data/taxonomy.json.gz`` (built by
``scripts/build_taxonomy.py`` from ESCO plus a curated layer of current technical skills); nothing
here reads ``../shared``. Two sources:

- ``curated``: a few hundred hand-written entries (PyTorch, Kubernetes, Verilog, CRISPR, KYC,
  stakeholder management, ...) with aliases ("k8s", "sklearn") and ``broader`` links forming a
  hierarchy (PyTorch -> deep learning -> machine learning -> artificial intelligence);
- ``esco``: the European Commission's ESCO skills, preferred label only (the shipped CSV does not
  mark where the labels end), linked under a curated skill when the label ends with one's name
  ("forensic accounting" -> "accounting").

Skill names are compared by :func:`skill_key`: case-, accent-, punctuation- and plural-insensitive,
so "Scikit-Learn", "scikit learn" and "SCIKIT-LEARN" are one key.

This product uses the ESCO classification of the European Commission (CC BY 4.0).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "DEFAULT_TAXONOMY_PATH",
    "ESCO_ATTRIBUTION",
    "PROXIMITY_ANCESTOR",
    "PROXIMITY_SIBLING",
    "Skill",
    "Taxonomy",
    "load_taxonomy",
    "skill_key",
    "token_key",
    "tokenize",
]

ESCO_ATTRIBUTION = "This product uses the ESCO classification of the European Commission"
DEFAULT_TAXONOMY_PATH = Path(__file__).with_name("data") / "taxonomy.json.gz"

PROXIMITY_ANCESTOR = {1: 0.6, 2: 0.4, 3: 0.2}
"""Proximity of a skill to an ancestor (or descendant) that many ``broader`` steps away."""
PROXIMITY_SIBLING = 0.4
"""Proximity of two skills with a common direct parent (fewer when the parent is a wide group)."""
PROXIMITY_WIDE_SIBLING = 0.25
PROXIMITY_COUSIN = 0.2
WIDE_PARENT = 12
"""A parent with more children than this is a catalogue ("programming languages"), not a family:
its children are only loosely related (knowing Java says little about knowing Haskell)."""

# A token: letters/digits, optionally a leading dot (".NET") and trailing "+"/"#" ("C++", "C#").
# A word (with a leading "." as in ".NET", a trailing "+"/"#" as in "C++"), or a spaced "&",
# which reads as "and" ("health & safety" is "health and safety"; "R&D" stays two letters).
_TOKEN = re.compile(r"(?:(?<![^\W_])\.)?[^\W_]+(?:[+#]+(?![^\W_]))?|(?<=\s)&(?=\s)")


@functools.lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """The comparison form of one token: lower case, no accents, simple plural folded.

    A short word in capitals is an acronym whose final S is its own letter, not a plural:
    "ACLS" (life support) is not "ACL" (access control list), "HRMS" is not "HRM".

    >>> [token_key(t) for t in ["Databases", "Technologies", "analysis", "AWS", "Naïve"]]
    ['database', 'technology', 'analysis', 'aws', 'naive']
    >>> [token_key(t) for t in ["ACLS", "ACLs", "DATABASES"]]
    ['acls', 'acl', 'database']
    """
    if token == "&":
        return "and"
    key = token.lower()
    if len(token) <= 4 and token.isupper():
        return key
    if not key.isascii():
        key = "".join(
            ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch)
        )
    if len(key) > 6 and key.endswith(("ise", "ised", "ising", "isation", "isations")):
        key = key.replace("is", "iz", 1) if key.count("is") == 1 else key  # organise = organize
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y"
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(key, start, end)`` tokens; offsets index ``text``.

    >>> [k for k, _, _ in tokenize("C++/C#, .NET and Node.js (k8s)")]
    ['c++', 'c#', '.net', 'and', 'node', 'js', 'k8s']
    """
    return [(token_key(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def skill_key(name: str) -> str:
    """The lookup key of a skill name or alias.

    >>> skill_key("Scikit-Learn") == skill_key("scikit learn")
    True
    """
    return " ".join(key for key, _, _ in tokenize(name))


@dataclass(frozen=True, slots=True)
class Skill:
    """One taxonomy entry.

    ``ambiguous`` lists the surface forms of this skill that are also ordinary words or
    abbreviations ("Go", "R", "ML", "Spring"); the extractor accepts them only in a technical
    context (see :mod:`talentfoundry.matching.skills`).
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    category: str = ""
    source: Literal["curated", "esco"] = "curated"
    ambiguous: tuple[str, ...] = ()


class Taxonomy:
    """Skills by id, lookup by name or alias, and the hierarchy between them."""

    def __init__(
        self,
        skills: list[Skill],
        *,
        occupations: list[tuple[str, str]] | None = None,
        attribution: str = ESCO_ATTRIBUTION,
    ) -> None:
        self._skills: dict[str, Skill] = {}
        self._by_key: dict[str, str] = {}
        self._children: dict[str, list[str]] = {}
        for skill in skills:
            if skill.id in self._skills:
                raise ValueError(f"duplicate skill id {skill.id!r}")
            self._skills[skill.id] = skill
        # Names win over aliases; within each, earlier entries (curated come first) win.
        for skill in skills:
            self._by_key.setdefault(skill_key(skill.name), skill.id)
        for skill in skills:
            for alias in skill.aliases:
                self._by_key.setdefault(skill_key(alias), skill.id)
        for skill in skills:
            for parent in skill.broader:
                if parent in self._skills:
                    self._children.setdefault(parent, []).append(skill.id)
        self.occupations: tuple[tuple[str, str], ...] = tuple(occupations or ())
        self.attribution = attribution
        self._proximity: dict[tuple[str, str], float] = {}
        self.cache: dict[str, Any] = {}  # derived structures (e.g. the extractor's matcher)

    # --- construction -----------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Taxonomy:
        """Build from the JSON document written by ``scripts/build_taxonomy.py``."""
        skills = [
            Skill(
                id=row["id"],
                name=row["name"],
                aliases=tuple(row.get("aliases", ())),
                broader=tuple(row.get("broader", ())),
                category=row.get("category", ""),
                source=row.get("source", "curated"),
                ambiguous=tuple(row.get("ambiguous", ())),
            )
            for row in data["skills"]
        ]
        occupations = [(row[0], row[1]) for row in data.get("occupations", ())]
        return cls(
            skills,
            occupations=occupations,
            attribution=data.get("attribution", ESCO_ATTRIBUTION),
        )

    # --- lookup -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._skills

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        return self._skills.get(skill_id)

    def resolve(self, name: str) -> Skill | None:
        """The skill a name or alias denotes (case, accents, punctuation, plurals ignored)."""
        skill_id = self._by_key.get(skill_key(name))
        return None if skill_id is None else self._skills[skill_id]

    def lookup_keys(self) -> Iterator[tuple[str, str]]:
        """Every ``(lookup key, skill id)`` pair: names and aliases."""
        return iter(self._by_key.items())

    def broader(self, skill_id: str) -> tuple[Skill, ...]:
        """The direct parents of a skill (empty for a root or an unknown id)."""
        skill = self._skills.get(skill_id)
        if skill is None:
            return ()
        return tuple(self._skills[p] for p in skill.broader if p in self._skills)

    def narrower(self, skill_id: str) -> tuple[Skill, ...]:
        """The direct children of a skill."""
        return tuple(self._skills[c] for c in self._children.get(skill_id, ()))

    def ancestors(self, skill_id: str, max_depth: int = 3) -> dict[str, int]:
        """Ancestor ids up to ``max_depth`` steps up, each with its smallest distance."""
        seen: dict[str, int] = {}
        queue = deque([(skill_id, 0)])
        while queue:
            current, depth = queue.popleft()
            if depth == max_depth:
                continue
            skill = self._skills.get(current)
            if skill is None:
                continue
            for parent in skill.broader:
                if parent in self._skills and parent not in seen and parent != skill_id:
                    seen[parent] = depth + 1
                    queue.append((parent, depth + 1))
        return seen

    # --- proximity --------------------------------------------------------------------------
    def proximity(self, a_id: str, b_id: str) -> float:
        """How much having skill ``a`` says about skill ``b``, in [0, 1]; symmetric.

        - 1.0: the same skill;
        - 0.6 / 0.4 / 0.2: one is a parent / grandparent / great-grandparent of the other
          (PyTorch -> deep learning is 0.6, PyTorch -> machine learning 0.4);
        - 0.4: siblings (a common direct parent), 0.25 when that parent is a wide catalogue of
          more than 12 children ("programming languages");
        - 0.2: uncle and nephew (common ancestor one step above one and two above the other);
        - 0.0: otherwise, or when either id is unknown.

        Partial credit lets "PyTorch" partly satisfy a role asking for "deep learning".
        """
        if a_id == b_id:
            return 1.0 if a_id in self._skills else 0.0
        pair = (a_id, b_id) if a_id < b_id else (b_id, a_id)
        cached = self._proximity.get(pair)
        if cached is not None:
            return cached
        value = self._compute_proximity(a_id, b_id)
        self._proximity[pair] = value
        return value

    def _compute_proximity(self, a_id: str, b_id: str) -> float:
        if a_id not in self._skills or b_id not in self._skills:
            return 0.0
        up_a = self.ancestors(a_id)
        up_b = self.ancestors(b_id)
        if b_id in up_a:
            return PROXIMITY_ANCESTOR[up_a[b_id]]
        if a_id in up_b:
            return PROXIMITY_ANCESTOR[up_b[a_id]]
        best = 0.0
        for common in up_a.keys() & up_b.keys():
            da, db = up_a[common], up_b[common]
            if da == 1 and db == 1:
                wide = len(self._children.get(common, ())) > WIDE_PARENT
                best = max(best, PROXIMITY_WIDE_SIBLING if wide else PROXIMITY_SIBLING)
            elif {da, db} == {1, 2}:
                best = max(best, PROXIMITY_COUSIN)
        return best


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Taxonomy:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return Taxonomy.from_dict(json.load(fh))


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """The shipped taxonomy (or the one at ``path``), loaded once per process."""
    return _load(str(path or DEFAULT_TAXONOMY_PATH))
