#!/usr/bin/env python3
"""Measure skill extraction: speed (against a regex-alternation baseline in the same run) and
skills found per CV on the development set.

Usage (from the repository root)::

    .venv/bin/python scripts/measure_extraction.py [--data ../shared/data/resume-categories]

The baseline is the usual first attempt at dictionary matching: one compiled regular expression
that alternates every taxonomy name and alias (longest first) between word boundaries, run with
``finditer``. It finds roughly the same names but has no context rules; it is here for speed only.
The numbers go to ``docs/benchmarks/extraction.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from talentfoundry.matching.normalize import normalize_text  # noqa: E402
from talentfoundry.matching.skills import extract_skills  # noqa: E402
from talentfoundry.matching.taxonomy import load_taxonomy  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "resume-categories"
REPEAT = 3


def _timed(func, texts: list[str]) -> list[float]:
    """Per-text wall times in ms, best of ``REPEAT`` runs for each text (shared machine)."""
    best = [float("inf")] * len(texts)
    for _ in range(REPEAT):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            func(text)
            best[i] = min(best[i], (time.perf_counter() - start) * 1000)
    return best


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"mean {statistics.mean(times):.2f} ms, median {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    path = args.data / "candidates.jsonl"
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    raw = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    clean = [normalize_text(text) for text in raw]

    start = time.perf_counter()
    taxonomy = load_taxonomy()
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    extract_skills("warm-up: Python", taxonomy)
    matcher_ms = (time.perf_counter() - start) * 1000

    forms = sorted(
        {form for skill in taxonomy for form in (skill.name, *skill.aliases)}, key=len, reverse=True
    )
    start = time.perf_counter()
    baseline = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)
    baseline_compile_ms = (time.perf_counter() - start) * 1000

    chars = statistics.mean(len(t) for t in clean)
    print(f"taxonomy: {len(taxonomy)} skills, {len(forms)} names and aliases")
    print(f"load taxonomy {load_ms:.0f} ms; build matcher {matcher_ms:.0f} ms; ")
    print(f"baseline regex compile {baseline_compile_ms:.0f} ms")
    print(f"dev set: {len(raw)} CVs, mean {chars:.0f} characters after normalisation")
    t_raw = _timed(lambda t: extract_skills(t, taxonomy), raw)
    t_clean = _timed(lambda t: extract_skills(t, taxonomy), clean)
    t_base = _timed(lambda t: list(baseline.finditer(t)), clean)
    t_norm = _timed(normalize_text, raw)
    print(f"extract_skills, raw text (incl. normalisation): {_summary(t_raw)}")
    print(f"extract_skills, normalised text:                {_summary(t_clean)}")
    print(f"  of which normalize_text on raw text:          {_summary(t_norm)}")
    print(f"baseline regex alternation, normalised text:    {_summary(t_base)}")
    ratio = statistics.mean(t_base) / statistics.mean(t_clean)
    print(f"baseline / extract_skills (mean, normalised text): {ratio:.1f}x")

    mentions = [extract_skills(text, taxonomy) for text in raw]
    counts = [len(m) for m in mentions]
    sources = Counter(
        taxonomy.get(m.skill_id).source for group in mentions for m in group if m.skill_id
    )
    with_five = sum(1 for c in counts if c >= 5)
    print(
        f"skills per CV: mean {statistics.mean(counts):.1f}, median {statistics.median(counts)}, "
        f"min {min(counts)}, max {max(counts)}; CVs with >= 5 skills: {with_five}/{len(counts)}"
    )
    total = sum(sources.values())
    print(
        "mentions by source: "
        + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in sorted(sources.items()))
    )
    primary = sum(1 for group in mentions for m in group if m.primary)
    print(f"mentions marked primary: {primary}/{total}")
    _long_line(clean, taxonomy)
    return 0


def _long_line(clean: list[str], taxonomy) -> None:
    """All dev CVs as one text, with its line breaks (the baseline) and as one single line (a
    CV pasted without breaks): the rules that look at a mention's line must stay linear."""
    joined = "\n".join(clean)
    one_line = " ".join(joined.split("\n"))
    times = []
    for text in (joined, one_line):
        start = time.perf_counter()
        found = extract_skills(text, taxonomy)
        times.append(time.perf_counter() - start)
    print(
        f"all CVs as one text ({len(joined):,} characters): {times[0]:.2f} s with line breaks, "
        f"{times[1]:.2f} s as one line ({times[1] / times[0]:.1f}x; {len(found)} skills)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
