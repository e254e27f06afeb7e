"""Retrieval benchmark: two-stage top-20 (ANN/exact dense + lexical, re-scored) at 100k x 10k.

Synthetic but structured data, no model needed: candidates and roles belong to topics (one per 50
candidates); a topic has a set of skill names from the curated taxonomy and a centre in 384-d space.
A CV (~150 words) names most of its topic's skills in filler sentences and gets the topic's centre
plus noise as its vector (the same clustered vectors as ``matching_bench.scale``); a role ad (~40
words) names 5 skills (4 required) and gets a vector the same way.

Measured in one run, on the same data: build time of :class:`Retriever` (term counting, lexical
state, usearch HNSW graph), per-query latency p50/p95 of the two-stage search with the usearch
path and with the exact blocked-matmul fallback, and recall@20 of both against exhaustive
re-scoring (stage 2 applied to every candidate) on a sample of queries.

    .venv/bin/python bench/retrieval_bench.py                 # 100k x 10k (a few minutes)
    .venv/bin/python bench/retrieval_bench.py --quick         # 20k x 2k
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "bench" / "out"

FILLER = [
    "Worked closely with product owners to deliver features using",
    "Led a small team and mentored junior colleagues on",
    "Improved reliability and reduced costs through automation with",
    "Responsible for design, implementation and testing in",
    "Wrote technical documentation and trained users on",
    "Collaborated with cross-functional teams building services in",
]
TITLES = ["Engineer", "Developer", "Analyst", "Scientist", "Manager", "Consultant"]


def synthetic(n_cand: int, n_roles: int, dim: int = 384, seed: int = 3) -> tuple[list, list]:
    from talentfoundry.matching.lexical import term_counts
    from talentfoundry.matching.retrieval import RetrievalItem
    from talentfoundry.matching.scoring import SkillEntry
    from talentfoundry.matching.taxonomy import load_taxonomy

    rng = np.random.default_rng(seed)
    pyr = random.Random(seed)
    names = sorted({s.name for s in load_taxonomy() if s.source == "curated"})
    n_topics = max(1, n_cand // 50)
    centres = rng.standard_normal((n_topics, dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    topic_skills = [pyr.sample(names, 12) for _ in range(n_topics)]
    noise = 1.2 / np.sqrt(dim)

    def vectors(topics: np.ndarray) -> np.ndarray:
        v = centres[topics] + noise * rng.standard_normal((topics.size, dim), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def entry(name: str, required: bool) -> SkillEntry:
        return SkillEntry(name.lower(), name, name, required)

    cand_topics = rng.integers(0, n_topics, n_cand)
    cand_vecs = vectors(cand_topics)
    cands = []
    for i, t in enumerate(cand_topics):
        skills = pyr.sample(topic_skills[t], 8) + pyr.sample(names, 2)
        parts = [f"{skills[0]} {pyr.choice(TITLES)}. Skills: {', '.join(skills)}."]
        parts += [f"{pyr.choice(FILLER)} {pyr.choice(skills)}." for _ in range(12)]
        text = " ".join(parts)
        entries = tuple(entry(s, False) for s in skills)
        cands.append(RetrievalItem(f"cv{i}", text, cand_vecs[i], entries, term_counts(text)))
    role_topics = rng.integers(0, n_topics, n_roles)
    role_vecs = vectors(role_topics)
    roles = []
    for j, t in enumerate(role_topics):
        skills = pyr.sample(topic_skills[t], 5)
        text = (
            f"We are hiring a {skills[0]} {pyr.choice(TITLES)}. Required: {', '.join(skills[:4])}."
            f" Nice to have: {skills[4]}. {pyr.choice(FILLER)} {skills[1]}."
        )
        entries = tuple(entry(s, k < 4) for k, s in enumerate(skills))
        roles.append(RetrievalItem(f"role{j}", text, role_vecs[j], entries))
    return cands, roles


def latency(retriever: Any, queries: list, k: int) -> tuple[dict[str, float], list]:
    times, results = [], []
    for q in queries:
        s = time.perf_counter()
        results.append(retriever.search(q, k))
        times.append(time.perf_counter() - s)
    ms = 1000 * np.asarray(times)
    return {
        "p50 ms": round(float(np.percentile(ms, 50)), 2),
        "p95 ms": round(float(np.percentile(ms, 95)), 2),
        "mean ms": round(float(ms.mean()), 2),
    }, results


def main() -> None:
    from talentfoundry.matching.retrieval import RetrievalConfig, Retriever, usearch_available

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20k x 2k instead of 100k x 10k")
    parser.add_argument("--latency-queries", type=int, default=300)
    parser.add_argument("--recall-queries", type=int, default=40)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument(
        "--all", action="store_true", help="also time every role as a query (usearch path)"
    )
    parser.add_argument("--depth", type=int, default=200, help="dense and lexical shortlist sizes")
    args = parser.parse_args()
    n_cand, n_roles = (20_000, 2_000) if args.quick else (100_000, 10_000)
    k = args.k
    report: dict[str, Any] = {
        "machine": f"{os.cpu_count()} CPU cores (shared)",
        "load average at start": os.getloadavg(),
        "candidates": n_cand,
        "roles": n_roles,
        "k": k,
        "stage-1 depth (dense, lexical)": args.depth,
        "usearch": usearch_available(),
    }
    s = time.perf_counter()
    cands, roles = synthetic(n_cand, n_roles)
    report["synthesis + term counting s"] = round(time.perf_counter() - s, 1)
    print(f"data: {report['synthesis + term counting s']} s", flush=True)

    rng = np.random.default_rng(11)
    q_lat = [roles[i] for i in rng.choice(n_roles, args.latency_queries, replace=False)]
    q_rec = q_lat[: args.recall_queries]

    paths: dict[str, Any] = {}
    built: dict[str, Retriever] = {}
    for name, use_ann in (("usearch", True), ("exact fallback", False)):
        if use_ann and not usearch_available():
            paths[name] = "usearch not installed"
            continue
        config = RetrievalConfig(dense_depth=args.depth, lexical_depth=args.depth, use_ann=use_ann)
        r = Retriever(384, config)
        s = time.perf_counter()
        r.add(cands)
        t_add = time.perf_counter() - s
        s = time.perf_counter()
        r.compact()
        t_compact = time.perf_counter() - s
        lat, results = latency(r, q_lat, k)
        paths[name] = {
            "path reported": results[0].dense_path,
            "build: add 100% (vectors, postings, ANN graph) s": round(t_add, 1),
            "build: inverted index + sample s": round(t_compact, 2),
            "query latency": lat,
            "mean shortlist": round(float(np.mean([x.shortlist for x in results])), 1),
            "all roles as queries, serial, estimated s": round(lat["mean ms"] * n_roles / 1000, 1),
        }
        built[name] = r
        print(f"{name}: {paths[name]}", flush=True)
    report["paths"] = paths

    # Exact reference: stage 2 applied to every candidate, same scorer, same statistics.
    ref = built.get("exact fallback") or next(iter(built.values()))
    s = time.perf_counter()
    exact = [ref.search(q, k, exhaustive=True) for q in q_rec]
    report["exhaustive re-scoring per query s"] = round((time.perf_counter() - s) / len(q_rec), 2)
    for name, r in built.items():
        recalls = []
        for q, ex in zip(q_rec, exact, strict=True):
            got = {h.id for h in r.search(q, k).hits}
            recalls.append(len(got & {h.id for h in ex.hits}) / k)
        paths[name]["recall@20 vs exhaustive"] = round(float(np.mean(recalls)), 4)
        paths[name]["recall@20 min"] = round(float(np.min(recalls)), 4)
        print(f"{name}: recall@20 {paths[name]['recall@20 vs exhaustive']}", flush=True)
    if args.all and "usearch" in built:
        s = time.perf_counter()
        for q in roles:
            built["usearch"].search(q, k)
        total = round(time.perf_counter() - s, 1)
        paths["usearch"]["all roles as queries, serial, measured s"] = total
        print(f"all {n_roles} queries: {total} s", flush=True)
    if "usearch" in built and "exact fallback" in built:
        a, b = paths["usearch"]["query latency"], paths["exact fallback"]["query latency"]
        report["p50 ratio exact/usearch"] = round(b["p50 ms"] / a["p50 ms"], 2)
    report["max RSS GiB"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)
    report["load average at end"] = os.getloadavg()
    print(json.dumps(report, indent=1))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"retrieval{'-quick' if args.quick else ''}-d{args.depth}.json").write_text(
        json.dumps(report, indent=1), encoding="utf-8"
    )
    print("written under", OUT)


if __name__ == "__main__":
    main()
