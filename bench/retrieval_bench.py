"""Retrieval benchmark: two-stage top-20 (ANN/exact dense + lexical, re-scored) at 100k to 1M.

Synthetic but structured data, no model needed: candidates and roles belong to topics (one per 50
candidates); a topic has a set of skill names from the curated taxonomy and a centre in 384-d space.
A CV (~150 words) names most of its topic's skills in filler sentences and gets the topic's centre
plus noise as its vector (the same clustered vectors as ``matching_bench.scale``); a role ad (~40
words) names 5 skills (4 required) and gets a vector the same way. CV texts are drawn in chunks of
10,000 with one random stream per chunk, so ``--workers`` (processes for drawing and term counting)
changes the speed of the set-up, never the data.

Measured in one run, on the same data, for each ``--sizes`` entry: build time of
:class:`Retriever` (term rows, lexical state, usearch HNSW graph), per-query latency p50/p95 of the
two-stage search with the usearch path and with the exact blocked-matmul fallback, recall@20 of
both against exhaustive re-scoring (stage 2 applied to every candidate) on a sample of queries,
the resident memory the build added, and optionally the throughput of many queries in
``--throughput-workers`` forked processes (one search at a time each) and save/load times.

    .venv/bin/python bench/retrieval_bench.py                 # 100k x 10k (a few minutes)
    .venv/bin/python bench/retrieval_bench.py --quick         # 20k x 2k
    .venv/bin/python bench/retrieval_bench.py --agreement     # exact vs two-stage, demo fair
    .venv/bin/python bench/retrieval_bench.py --quick --corrections off,on   # before / after
    .venv/bin/python bench/retrieval_bench.py --dev-quality   # both engines, labelled dev set
    python3 bench/retrieval_bench.py --sizes 100000x10000,1000000x100000 --workers 16 \\
        --threads 16 --throughput-workers 16                  # the GPU machine's CPU (docs)
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from functools import partial
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
CHUNK = 10_000


def _cv_chunk(job: tuple[int, int, list[int], list[list[str]], list[str]]) -> list[tuple]:
    """CV texts, skill names and term counts for one chunk (its own random stream)."""
    from talentfoundry.matching.lexical import term_counts

    seed, chunk, topics, topic_skills, names = job
    pyr = random.Random(seed * 1_000_003 + chunk)
    out = []
    for t in topics:
        skills = pyr.sample(topic_skills[t], 8) + pyr.sample(names, 2)
        parts = [f"{skills[0]} {pyr.choice(TITLES)}. Skills: {', '.join(skills)}."]
        parts += [f"{pyr.choice(FILLER)} {pyr.choice(skills)}." for _ in range(12)]
        text = " ".join(parts)
        out.append((text, skills, dict(term_counts(text))))
    return out


def synthetic(
    n_cand: int, n_roles: int, dim: int = 384, seed: int = 3, workers: int = 1
) -> tuple[list, list]:
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

    entries: dict[tuple[str, bool], SkillEntry] = {}  # shared: a name gives one entry object

    def entry(name: str, required: bool) -> SkillEntry:
        key = (name, required)
        if key not in entries:
            entries[key] = SkillEntry(name.lower(), name, name, required)
        return entries[key]

    cand_topics = rng.integers(0, n_topics, n_cand)
    cand_vecs = vectors(cand_topics)
    jobs = [
        (seed, c, cand_topics[s : s + CHUNK].tolist(), topic_skills, names)
        for c, s in enumerate(range(0, n_cand, CHUNK))
    ]
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            drawn = pool.map(_cv_chunk, jobs, chunksize=1)
    else:
        drawn = [_cv_chunk(job) for job in jobs]
    cands = []
    for i, (text, skills, counts) in enumerate(row for rows in drawn for row in rows):
        items = tuple(entry(s, False) for s in skills)
        cands.append(RetrievalItem(f"cv{i}", text, cand_vecs[i], items, counts))
    del drawn
    role_topics = rng.integers(0, n_topics, n_roles)
    role_vecs = vectors(role_topics)
    roles = []
    for j, t in enumerate(role_topics):
        skills = pyr.sample(topic_skills[t], 5)
        text = (
            f"We are hiring a {skills[0]} {pyr.choice(TITLES)}. Required: {', '.join(skills[:4])}."
            f" Nice to have: {skills[4]}. {pyr.choice(FILLER)} {skills[1]}."
        )
        items = tuple(entry(s, k < 4) for k, s in enumerate(skills))
        roles.append(RetrievalItem(f"role{j}", text, role_vecs[j], items))
    return cands, roles


def rss_gib() -> float:
    """Resident memory of this process now (not the peak)."""
    with Path("/proc/self/statm").open() as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**30


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


_SHARED: dict[str, Any] = {}  # what forked throughput workers read (copy-on-write)


def _throughput_worker(part: tuple[int, int]) -> tuple[int, float]:
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # one core per worker: no BLAS oversubscription
    except ImportError:
        pass
    start, step = part
    retriever, queries, k = _SHARED["retriever"], _SHARED["queries"], _SHARED["k"]
    s = time.perf_counter()
    done = 0
    for q in queries[start::step]:
        retriever.search(q, k)
        done += 1
    return done, time.perf_counter() - s


def throughput(retriever: Any, queries: list, k: int, workers: int) -> dict[str, float]:
    """Wall time of ``queries`` spread over ``workers`` forked processes."""
    _SHARED.update(retriever=retriever, queries=queries, k=k)
    s = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_throughput_worker, [(w, workers) for w in range(workers)])
    wall = time.perf_counter() - s
    _SHARED.clear()
    return {
        "queries": sum(p[0] for p in parts),
        "workers": workers,
        "wall s (pool start included)": round(wall, 1),
        "slowest worker s": round(max(p[1] for p in parts), 1),
        "queries per s": round(sum(p[0] for p in parts) / wall, 1),
    }


def persist(retriever: Any, queries: list, k: int) -> dict[str, Any]:
    """Save and load times, size on disk per file (calibration.npz: the saved calibration) and
    whether the loaded index returns the same top ``k`` and scores."""
    from talentfoundry.matching.retrieval import Retriever

    with tempfile.TemporaryDirectory() as tmp:
        s = time.perf_counter()
        retriever.save(tmp)
        t_save = time.perf_counter() - s
        sizes = {f.name: f.stat().st_size for f in sorted(Path(tmp).iterdir())}
        s = time.perf_counter()
        loaded = Retriever.load(tmp, retriever.config)
        t_load = time.perf_counter() - s
    before = [retriever.search(q, k).hits for q in queries]
    after = [loaded.search(q, k).hits for q in queries]
    return {
        "save s": round(t_save, 2),
        "load s": round(t_load, 2),
        "on disk MiB": round(sum(sizes.values()) / 2**20, 2),
        "per file MiB": {f: round(b / 2**20, 3) for f, b in sizes.items()},
        "calibrated after load": loaded.calibrated,
        "same top-k after load": all(
            [h.id for h in a] == [h.id for h in b] for a, b in zip(before, after, strict=True)
        ),
        "max score difference after load": max(
            (
                abs(x.score - y.score)
                for a, b in zip(before, after, strict=True)
                for x, y in zip(a, b, strict=True)
            ),
            default=0.0,
        ),
    }


def run_size(n_cand: int, n_roles: int, args: argparse.Namespace, out_dir: Path) -> dict[str, Any]:
    from talentfoundry.matching.retrieval import RetrievalConfig, Retriever, usearch_available

    k = args.k
    tag = f"{n_cand // 1000}k x {n_roles // 1000}k"
    report: dict[str, Any] = {
        "machine": f"{os.cpu_count()} CPU cores",
        "load average at start": os.getloadavg(),
        "candidates": n_cand,
        "roles": n_roles,
        "k": k,
        "stage-1 depth (dense, lexical)": args.depth,
        "usearch": usearch_available(),
        "usearch build threads": args.threads,
    }
    path_json = out_dir / f"retrieval-{n_cand}x{n_roles}-d{args.depth}.json"

    def save() -> None:
        path_json.write_text(json.dumps(report, indent=1), encoding="utf-8")

    s = time.perf_counter()
    cands, roles = synthetic(n_cand, n_roles, workers=args.workers)
    report["synthesis + term counting s"] = round(time.perf_counter() - s, 1)
    report["workers for synthesis"] = args.workers
    print(f"[{tag}] data: {report['synthesis + term counting s']} s", flush=True)

    rng = np.random.default_rng(11)
    q_lat = [roles[i] for i in rng.choice(n_roles, args.latency_queries, replace=False)]
    q_rec = q_lat[: args.recall_queries]

    paths: dict[str, Any] = {}
    report["paths"] = paths
    built: dict[str, Retriever] = {}
    for corrections in args.corrections.split(","):
        for path_name in args.paths.split(","):
            use_ann = path_name == "usearch"
            name = f"{path_name}, corrections {corrections}"
            if use_ann and not usearch_available():
                paths[name] = "usearch not installed"
                continue
            config = RetrievalConfig(
                dense_depth=args.depth,
                lexical_depth=args.depth,
                use_ann=use_ann,
                threads=args.threads,
                corrections=corrections == "on",
            )
            gc.collect()
            before = rss_gib()
            r = Retriever(384, config)
            s = time.perf_counter()
            r.add(cands)
            t_add = time.perf_counter() - s
            s = time.perf_counter()
            r.compact()
            t_compact = time.perf_counter() - s
            entry: dict[str, Any] = {}
            if corrections == "on":  # the roles are the other side: calibrate on them
                s = time.perf_counter()
                used = r.calibrate(roles)
                entry["calibrate s"] = round(time.perf_counter() - s, 1)
                step = math.ceil(used / max(config.hub_sample, 1)) if used else 1
                entry["calibration sample (first pass, hubs)"] = (used, len(range(0, used, step)))
            grown = rss_gib() - before
            queries = q_lat if use_ann else q_lat[: args.exact_latency_queries or None]
            lat, results = latency(r, queries, k)
            paths[name] = {
                "path reported": results[0].dense_path,
                "build: add all (vectors, postings, ANN graph) s": round(t_add, 1),
                "build: inverted index + sample s": round(t_compact, 2),
                **entry,
                "resident memory added by the build GiB": round(grown, 2),
                "latency queries": len(queries),
                "query latency": lat,
                "mean shortlist": round(float(np.mean([x.shortlist for x in results])), 1),
                "all roles as queries, serial, estimated s": round(
                    lat["mean ms"] * n_roles / 1000, 1
                ),
            }
            built[name] = r
            save()
            print(f"[{tag}] {name}: {paths[name]}", flush=True)

    # Exact reference per setting: stage 2 applied to every candidate, same scorer, same
    # statistics, same calibration.
    report["recall queries"] = len(q_rec)
    for corrections in args.corrections.split(","):
        mine = {n: r for n, r in built.items() if n.endswith(f"corrections {corrections}")}
        if not mine:
            continue
        ref = next((r for n, r in mine.items() if n.startswith("exact")), None)
        ref = ref or next(iter(mine.values()))
        s = time.perf_counter()
        exact = [ref.search(q, k, exhaustive=True) for q in q_rec]
        report[f"exhaustive re-scoring per query s, corrections {corrections}"] = round(
            (time.perf_counter() - s) / len(q_rec), 2
        )
        for name, r in mine.items():
            recalls = []
            for q, ex in zip(q_rec, exact, strict=True):
                got = {h.id for h in r.search(q, k).hits}
                recalls.append(len(got & {h.id for h in ex.hits}) / k)
            paths[name]["recall@20 vs exhaustive"] = round(float(np.mean(recalls)), 4)
            paths[name]["recall@20 min"] = round(float(np.min(recalls)), 4)
            print(f"[{tag}] {name}: recall@20 {paths[name]['recall@20 vs exhaustive']}", flush=True)
    save()
    fastest = next(iter(built.values()))
    name = next(iter(built))
    if args.all:
        s = time.perf_counter()
        for q in roles:
            fastest.search(q, k)
        paths[name]["all roles as queries, serial, measured s"] = round(time.perf_counter() - s, 1)
    if args.throughput_workers > 1:
        count = min(args.throughput_queries or n_roles, n_roles)
        res = throughput(fastest, roles[:count], k, args.throughput_workers)
        res["all roles at this rate, s"] = round(n_roles / res["queries per s"], 1)
        paths[name]["throughput"] = res
        save()
        print(f"[{tag}] throughput: {res}", flush=True)
    if args.persist:
        # A calibrated retriever when there is one: its save holds the calibration too.
        name = next((n for n, r in built.items() if r.calibrated), name)
        paths[name]["persist"] = persist(built[name], q_rec, k)
        save()
        print(f"[{tag}] persist ({name}): {paths[name]['persist']}", flush=True)
    report["max RSS of the process so far GiB"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2
    )
    report["load average at end"] = os.getloadavg()
    save()
    print(json.dumps(report, indent=1), flush=True)
    return report


def agreement(out_dir: Path, k: int = 10) -> dict[str, Any]:
    """Two-stage (with and without its estimated corrections) vs exact ``foundry rank`` on the
    demo fair (CVs as queries, roles as docs, dense off): how often they agree on the best role
    and how much their top ``k`` overlap."""
    from talentfoundry.demo.generator import generate_demo_fair
    from talentfoundry.matching.dense import NullEncoder
    from talentfoundry.matching.index import MatchDocument
    from talentfoundry.matching.rank import rank
    from talentfoundry.matching.two_stage import rank_two_stage

    fair = generate_demo_fair(2026)
    cvs = [MatchDocument(f"c{i}", c.cv_text) for i, c in enumerate(fair.candidates)]
    roles = [MatchDocument(f"r{i}", r.description, r.title) for i, r in enumerate(fair.roles)]
    report: dict[str, Any] = {"queries (CVs)": len(cvs), "docs (roles)": len(roles), "k": k}
    runs = {}
    engines = (
        ("exact", rank),
        ("two-stage, corrections off", partial(rank_two_stage, corrections=False)),
        ("two-stage", rank_two_stage),
    )
    for name, engine in engines:
        s = time.perf_counter()
        runs[name] = [
            [m.id for m in r.results] for r in engine(cvs, roles, k, encoder=NullEncoder())
        ]
        report[f"{name} s"] = round(time.perf_counter() - s, 1)
        print(f"[agreement] {name}: {report[f'{name} s']} s", flush=True)
    for name in ("two-stage, corrections off", "two-stage"):
        pairs = list(zip(runs["exact"], runs[name], strict=True))
        report[name] = {
            "top-1 agreement": round(float(np.mean([a[0] == b[0] for a, b in pairs])), 4),
            f"overlap@{k}": round(float(np.mean([len(set(a) & set(b)) / k for a, b in pairs])), 4),
            "exact top-1 in two-stage top-10": round(
                float(np.mean([a[0] in b for a, b in pairs])), 4
            ),
        }
    (out_dir / "rank-engines-agreement.json").write_text(json.dumps(report, indent=1), "utf-8")
    print(json.dumps(report, indent=1), flush=True)
    return report


def dev_quality(out_dir: Path) -> dict[str, Any]:
    """Both ``foundry rank`` engines on the labelled dev set, through the CLI (``--engine``), with
    ``bench/matching_bench.py``'s data and metrics: what the two-stage engine costs in quality."""
    import subprocess

    sys.path.insert(0, str(ROOT / "bench"))
    from matching_bench import load_dev, task1, task2

    cvs, roles, labels = load_dev()
    cv_ids = [c["id"] for c in cvs]

    def cli(queries: list, docs: list, engine: str, dense: str) -> dict[str, list[str]]:
        with tempfile.TemporaryDirectory() as tmp:
            q, d, out = Path(tmp, "q.jsonl"), Path(tmp, "d.jsonl"), Path(tmp, "run.jsonl")
            q.write_text("".join(json.dumps(r) + "\n" for r in queries), encoding="utf-8")
            d.write_text("".join(json.dumps(r) + "\n" for r in docs), encoding="utf-8")
            cmd = [sys.executable, "-c", "from talentfoundry.cli import main; main()", "rank"]
            cmd += ["-q", str(q), "-d", str(d), "-k", str(len(docs)), "-o", str(out)]
            cmd += ["--engine", engine, "--dense", dense]
            subprocess.run(cmd, check=True, capture_output=True)
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return {r["query"]: [m["id"] for m in r["results"]] for r in rows}

    def plain(queries: list, docs: list, dense: str) -> dict[str, list[str]]:
        """The two-stage engine without corrections, in process (the CLI has no switch)."""
        from talentfoundry.cli.rank import load_documents
        from talentfoundry.matching.dense import get_encoder
        from talentfoundry.matching.two_stage import rank_two_stage

        with tempfile.TemporaryDirectory() as tmp:
            q, d = Path(tmp, "q.jsonl"), Path(tmp, "d.jsonl")
            q.write_text("".join(json.dumps(r) + "\n" for r in queries), encoding="utf-8")
            d.write_text("".join(json.dumps(r) + "\n" for r in docs), encoding="utf-8")
            qd, dd = load_documents(q, "query"), load_documents(d, "document")
        encoder = get_encoder(dense)
        found = rank_two_stage(qd, dd, len(dd), encoder=encoder, corrections=False)
        return {r.query: [m.id for m in r.results] for r in found}

    report: dict[str, Any] = {}
    for dense in ("off", "on"):
        for engine in ("exact", "two-stage, corrections off", "two-stage"):
            s = time.perf_counter()
            if engine.endswith("off"):
                r1, r2 = plain(cvs, roles, dense), plain(roles, cvs, dense)
            else:
                r1 = cli(cvs, roles, engine, dense)
                r2 = cli(roles, cvs, engine, dense)
            name = f"{engine}, dense {dense}"
            report[name] = {
                k: round(v, 4)
                for k, v in {**task1(r1, labels), **task2(r2, labels, cv_ids)}.items()
            }
            report[name]["seconds (both tasks)"] = round(time.perf_counter() - s, 1)
            print(f"[dev] {name}: {report[name]}", flush=True)
    (out_dir / "rank-engines-dev.json").write_text(json.dumps(report, indent=1), "utf-8")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20k x 2k instead of 100k x 10k")
    parser.add_argument("--sizes", help="comma-separated CANDIDATESxROLES, run in this order")
    parser.add_argument("--paths", default="usearch,exact", help="usearch, exact or both")
    parser.add_argument(
        "--corrections", default="off,on", help="stage-2 corrections: off, on or both (calibrated)"
    )
    parser.add_argument("--latency-queries", type=int, default=300)
    parser.add_argument("--exact-latency-queries", type=int, default=0, help="0: as usearch")
    parser.add_argument("--recall-queries", type=int, default=40)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument(
        "--all", action="store_true", help="also time every role as a query (fastest path)"
    )
    parser.add_argument("--depth", type=int, default=200, help="dense and lexical shortlist sizes")
    parser.add_argument("--workers", type=int, default=1, help="processes drawing the CVs")
    parser.add_argument("--threads", type=int, default=2, help="usearch build threads")
    parser.add_argument("--throughput-workers", type=int, default=0)
    parser.add_argument("--throughput-queries", type=int, default=0, help="0: every role")
    parser.add_argument("--persist", action="store_true", help="time save and load")
    parser.add_argument(
        "--agreement", action="store_true", help="only: exact vs two-stage rank on the demo fair"
    )
    parser.add_argument(
        "--dev-quality", action="store_true", help="only: both engines on the labelled dev set"
    )
    args = parser.parse_args()
    if args.sizes:
        sizes = [tuple(int(x) for x in s.lower().split("x")) for s in args.sizes.split(",")]
    else:
        sizes = [(20_000, 2_000) if args.quick else (100_000, 10_000)]
    out_dir = Path(os.environ.get("OUT") or OUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.agreement:
        agreement(out_dir)
        return
    if args.dev_quality:
        dev_quality(out_dir)
        return
    for n_cand, n_roles in sizes:
        run_size(n_cand, n_roles, args, out_dir)
        gc.collect()
    print("written under", out_dir)


if __name__ == "__main__":
    main()
