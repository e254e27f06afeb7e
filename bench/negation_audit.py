"""Audit negation on real text: every skill mention in the dev CVs that has a cue word nearby.

``matching/negation.py`` decides whether a mention is held, denied ("no experience with Java") or
only to be learnt ("willing to learn Rust"). Its unit tests are hand-written sentences; this script
shows what it does on real CVs, where a wrong "not held" would hide a skill the person has. It
lists every mention with a cue word (no, not, never, without, learn...) within 60 characters
before or 40 after it, with its stance and context, so that a person can judge each one; the
judgement is written up in docs/benchmarks/extraction.md. No label is read and nothing is tuned.

Run: ``.venv/bin/python bench/negation_audit.py [--data ../shared/data/resume-categories]``
(about 5 s).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

# The audit needs every mention, not the one-per-skill summary that ``read_skills`` returns, so it
# uses the scanner and the stance rules the way ``read_skills`` does.
from talentfoundry.matching.negation import _CUE_WORD, HELD, stances
from talentfoundry.matching.normalize import normalize_text
from talentfoundry.matching.skills import _matcher, _scan
from talentfoundry.matching.taxonomy import load_taxonomy

BEFORE, AFTER = 60, 40  # characters of context searched for a cue word


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/resume-categories"))
    args = parser.parse_args()
    matcher = _matcher(load_taxonomy())
    lines = (args.data / "candidates.jsonl").read_text(encoding="utf-8").splitlines()
    total, near, by_stance = 0, [], Counter()
    for line in lines:
        row = json.loads(line)
        text = normalize_text(row["text"])
        lower = text.lower()
        hits = _scan(text, matcher)
        total += len(hits)
        for hit, stance in zip(hits, stances(text, [(h.start, h.end) for h in hits]), strict=True):
            if not _CUE_WORD.search(lower[max(0, hit.start - BEFORE) : hit.end + AFTER]):
                continue
            by_stance[stance] += 1
            context = text[max(0, hit.start - BEFORE) : hit.end + AFTER].replace("\n", " / ")
            near.append(f"{row['id']}  {stance:8}  {text[hit.start : hit.end]!r:28}  {context}")
    print(f"{len(lines)} CVs, {total} skill mentions, {len(near)} with a cue word nearby:")
    print("  " + ", ".join(f"{stance} {n}" for stance, n in sorted(by_stance.items())))
    print(f"  not held: {sum(n for s, n in by_stance.items() if s != HELD)}")
    print()
    print("\n".join(near))


if __name__ == "__main__":
    main()
