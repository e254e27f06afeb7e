"""Matching benchmark: quality on the resume-categories development set, speed at fair scale.

Quality (``../shared/data/resume-categories``; its README defines the tasks and metrics):

1. candidate -> role: queries = 90 CVs, documents = 25 roles; MRR and accuracy@1.
2. role -> candidate: queries = roles, documents = CVs; nDCG@10 and MAP.

The ``category`` label is removed before anything is ranked. Baselines are rerun here, in the same
process: TF-IDF cosine (scikit-learn, sublinear tf, English stop words, fitted on both sides) and
BM25 (bm25s, English stop words). Ours runs through ``foundry rank`` (a subprocess, so it is the
exact file contract), with the dense component on and off (``TALENTFOUNDRY_DENSE=off``).

Speed (synthetic texts of realistic length, generated here from the taxonomy's skill names):
index build for 3,000 CVs + 1,000 roles from scratch (features, dense encoding, population
state), one recommendation query, an incremental add, and a 100k x 10k top-20 retrieval plan
(exact blocked matmul vs a usearch HNSW index on random unit vectors of the model's dimension).

Run: ``.venv/bin/python bench/matching_bench.py`` (``--quick`` for a smaller speed run,
``--skip-quality`` / ``--skip-speed`` / ``--skip-scale`` to run parts). Results are printed and
written to ``bench/out/matching.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "resume-categories"
OUT = ROOT / "bench" / "out"


# --- data and metrics ---------------------------------------------------------------------------
def load_dev() -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """CVs and roles without their label, plus the labels kept aside for scoring."""
    labels: dict[str, str] = {}

    def read(name: str) -> list[dict[str, Any]]:
        rows = []
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[row["id"]] = row.pop("category")
                rows.append(row)
        return rows

    return read("candidates.jsonl"), read("roles.jsonl"), labels


def task1(rankings: dict[str, list[str]], labels: dict[str, str]) -> dict[str, float]:
    """Candidate -> role: MRR and accuracy@1."""
    rr, acc = [], []
    for query, ranked in rankings.items():
        hits = [i for i, doc in enumerate(ranked) if labels[doc] == labels[query]]
        rr.append(1.0 / (hits[0] + 1) if hits else 0.0)
        acc.append(1.0 if hits and hits[0] == 0 else 0.0)
    return {"MRR": float(np.mean(rr)), "acc@1": float(np.mean(acc))}


def task2(
    rankings: dict[str, list[str]], labels: dict[str, str], pool: list[str]
) -> dict[str, float]:
    """Role -> candidate: nDCG@10 and MAP (binary relevance: same category)."""
    ndcg, aps = [], []
    for query, ranked in rankings.items():
        relevant = {d for d in pool if labels[d] == labels[query]}
        gains = [1.0 if d in relevant else 0.0 for d in ranked]
        dcg = sum(g / np.log2(i + 2) for i, g in enumerate(gains[:10]))
        idcg = sum(1.0 / np.log2(i + 2) for i in range(min(10, len(relevant))))
        ndcg.append(dcg / idcg if idcg else 0.0)
        hits, precisions = 0, []
        for i, g in enumerate(gains):
            if g:
                hits += 1
                precisions.append(hits / (i + 1))
        aps.append(sum(precisions) / len(relevant) if relevant else 0.0)
    return {"nDCG@10": float(np.mean(ndcg)), "MAP": float(np.mean(aps))}


def rank_matrix(scores: np.ndarray, q_ids: list[str], d_ids: list[str]) -> dict[str, list[str]]:
    order = np.argsort(-scores, axis=1, kind="stable")
    return {q: [d_ids[j] for j in order[i]] for i, q in enumerate(q_ids)}


# --- baselines ----------------------------------------------------------------------------------
def tfidf_scores(cv_texts: list[str], role_texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(cv_texts + role_texts)
    return (vec.transform(cv_texts) @ vec.transform(role_texts).T).toarray()


def bm25_scores(queries: list[str], docs: list[str]) -> np.ndarray:
    import bm25s

    model = bm25s.BM25()
    model.index(bm25s.tokenize(docs, stopwords="en", show_progress=False), show_progress=False)
    tokens = bm25s.tokenize(queries, stopwords="en", show_progress=False)
    out = np.zeros((len(queries), len(docs)))
    results, scores = model.retrieve(tokens, k=len(docs), show_progress=False)
    for i in range(len(queries)):
        out[i, results[i]] = scores[i]
    return out


# --- ours, through the CLI ----------------------------------------------------------------------
def foundry_rank(
    queries: list[dict[str, Any]], docs: list[dict[str, Any]], top: int, dense: str
) -> tuple[dict[str, list[str]], float, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        q, d, out = Path(tmp, "q.jsonl"), Path(tmp, "d.jsonl"), Path(tmp, "run.jsonl")
        q.write_text("".join(json.dumps(r) + "\n" for r in queries), encoding="utf-8")
        d.write_text("".join(json.dumps(r) + "\n" for r in docs), encoding="utf-8")
        env = dict(os.environ, TALENTFOUNDRY_DENSE=dense)
        cmd = [sys.executable, "-c", "from talentfoundry.cli import main; main()", "rank"]
        cmd += ["--queries", str(q), "--docs", str(d), "--top", str(top), "--out", str(out)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"foundry rank failed ({proc.returncode}): {proc.stderr}")
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    return {r["query"]: [m["id"] for m in r["results"]] for r in rows}, elapsed, notes


def quality() -> dict[str, Any]:
    cvs, roles, labels = load_dev()
    cv_ids = [c["id"] for c in cvs]
    role_ids = [r["id"] for r in roles]
    results: dict[str, Any] = {}
    tf = tfidf_scores([c["text"] for c in cvs], [r["text"] for r in roles])
    results["TF-IDF cosine"] = {
        **task1(rank_matrix(tf, cv_ids, role_ids), labels),
        **task2(rank_matrix(tf.T, role_ids, cv_ids), labels, cv_ids),
    }
    b1 = bm25_scores([c["text"] for c in cvs], [r["text"] for r in roles])
    b2 = bm25_scores([r["text"] for r in roles], [c["text"] for c in cvs])
    results["BM25 (bm25s)"] = {
        **task1(rank_matrix(b1, cv_ids, role_ids), labels),
        **task2(rank_matrix(b2, role_ids, cv_ids), labels, cv_ids),
    }
    for name, dense in (("ours, dense on", "on"), ("ours, dense off", "off")):
        try:
            r1, s1, notes = foundry_rank(cvs, roles, len(roles), dense)
            r2, s2, _ = foundry_rank(roles, cvs, len(cvs), dense)
        except SystemExit as exc:
            results[name] = {"error": str(exc)}
            continue
        results[name] = {
            **task1(r1, labels),
            **task2(r2, labels, cv_ids),
            "seconds": round(s1 + s2, 1),
            "notes": notes,
        }
    return results


# --- robustness: other populations of the same kind ----------------------------------------------
class _CachedEncoder:
    """The real encoder, remembering each text's vector (subsamples share their texts)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.dim, self.note = inner.name, inner.dim, inner.note
        self.available = inner.available
        self._seen: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if todo:
            self._seen.update(zip(todo, self.inner.encode(todo), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._seen[t] for t in texts])


def stratified_halves(
    labels: dict[str, str], cv_ids: list[str], n: int, seed: int
) -> list[list[str]]:
    """``n`` random halves of the CVs, half of each category (at least one CV of each)."""
    by_label: dict[str, list[str]] = {}
    for cv in cv_ids:
        by_label.setdefault(labels[cv], []).append(cv)
    rng = random.Random(seed)
    return [
        [
            cv
            for _, members in sorted(by_label.items())
            for cv in rng.sample(members, max(1, round(len(members) / 2)))
        ]
        for _ in range(n)
    ]


def _record(
    scores: dict[str, list[tuple[float, float]]],
    labels: dict[str, str],
    sample: list[str],
    role_queries: set[str],
    name: str,
    r1: dict[str, list[str]],
    r2: dict[str, list[str]],
) -> None:
    """acc@1 (task 1) and nDCG@10 (task 2, roles with a CV in the sample) of one method."""
    r2 = {q: ranked for q, ranked in r2.items() if q in role_queries}
    scores.setdefault(name, []).append(
        (task1(r1, labels)["acc@1"], task2(r2, labels, sample)["nDCG@10"])
    )


def random_subsets(cv_ids: list[str], fraction: float, n: int, seed: int) -> list[list[str]]:
    """``n`` random subsets of ``fraction`` of the CVs, categories ignored: unbalanced
    populations, where some roles have no CV of their own and others several, as at a fair."""
    rng = random.Random(seed)
    size = max(3, round(len(cv_ids) * fraction))
    return [sorted(rng.sample(cv_ids, size)) for _ in range(n)]


@cache
def _encoder() -> _CachedEncoder:
    from talentfoundry.matching.dense import get_encoder

    return _CachedEncoder(get_encoder("auto"))


def robustness(samples: list[list[str]], ours: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every method on each population in ``samples`` (lists of CV ids; all 25 roles each time).

    The unseen evaluation set is another population of the same kind. The corrections of the
    hybrid (expansion, hub reduction, normalisation) depend on the population, so the headline
    numbers on the 90 CVs can flatter it; smaller populations (stratified halves: 45 CVs, many
    categories with one CV; random subsets: roles with no CV of their own) are harder, more
    varied tests of the same method, with the baselines scored on the very same populations.
    ``ours`` maps names to scoring configurations (default: the default, plain top-k feedback
    and each component alone).
    """
    from talentfoundry.matching.index import MatchDocument
    from talentfoundry.matching.rank import rank
    from talentfoundry.matching.scoring import ScoringConfig

    cvs, roles, labels = load_dev()
    text = {row["id"]: row["text"] for row in [*cvs, *roles]}
    role_ids = [r["id"] for r in roles]
    encoder = _encoder()
    if ours is None:
        ours = {
            "ours (competitive feedback)": ScoringConfig(),
            "ours, plain top-k feedback": ScoringConfig(prf_competitive=False),
        }
        # Each component alone, with the same corrections: what each one brings to the fusion.
        for component in ("skills", "lexical", "dense")[: 3 if encoder.available else 2]:
            alone = {name: float(name == component) for name in ("skills", "lexical", "dense")}
            ours[f"ours, {component} only"] = ScoringConfig(weights=alone)
    scores: dict[str, list[tuple[float, float]]] = {}
    for sample in samples:
        present = {labels[c] for c in sample}
        queries2 = {r for r in role_ids if labels[r] in present}
        record = partial(_record, scores, labels, sample, queries2)

        cv_texts, role_texts = [text[c] for c in sample], [text[r] for r in role_ids]
        tf = tfidf_scores(cv_texts, role_texts)
        record(
            "TF-IDF cosine",
            rank_matrix(tf, sample, role_ids),
            rank_matrix(tf.T, role_ids, sample),
        )
        record(
            "BM25 (bm25s)",
            rank_matrix(bm25_scores(cv_texts, role_texts), sample, role_ids),
            rank_matrix(bm25_scores(role_texts, cv_texts), role_ids, sample),
        )
        cdocs = [MatchDocument(c, text[c]) for c in sample]
        rdocs = [MatchDocument(r, text[r], text[r]) for r in role_ids]
        for name, config in ours.items():
            out1 = rank(cdocs, rdocs, len(rdocs), encoder=encoder, config=config)
            out2 = rank(rdocs, cdocs, len(cdocs), encoder=encoder, config=config)
            record(
                name,
                {r.query: [m.id for m in r.results] for r in out1},
                {r.query: [m.id for m in r.results] for r in out2},
            )
    summary: dict[str, Any] = {"samples": len(samples), "dense": encoder.available}
    for name, rows in scores.items():
        acc, ndcg = np.asarray(rows).T
        summary[name] = {
            "acc@1 mean": float(acc.mean()),
            "acc@1 min": float(acc.min()),
            "nDCG@10 mean": float(ndcg.mean()),
            "nDCG@10 min": float(ndcg.min()),
        }
    return summary


def unbalanced(n: int = 20, seed: int = 5) -> dict[str, Any]:
    """Random subsets of 20%, 35% and 60% of the CVs: the default against the feedback rule
    before the borrowing margin (a role nobody prefers took its nearest CVs, whoever they chose)."""
    from talentfoundry.matching.scoring import ScoringConfig

    cvs, _, _ = load_dev()
    cv_ids = [c["id"] for c in cvs]
    ours = {
        "ours (default)": ScoringConfig(),
        "ours, borrowing any nearest CV": ScoringConfig(prf_borrow_margin=None),
    }
    return {
        f"random {round(fraction * 100)}%": robustness(
            random_subsets(cv_ids, fraction, n, seed), ours
        )
        for fraction in (0.2, 0.35, 0.6)
    }


def _print_rows(rows: dict[str, Any]) -> None:
    for name, row in rows.items():
        if isinstance(row, dict):
            print(
                f"  {name:32s} acc@1 mean {row['acc@1 mean']:.3f} min {row['acc@1 min']:.3f}"
                f"  nDCG@10 mean {row['nDCG@10 mean']:.3f} min {row['nDCG@10 min']:.3f}"
            )


# --- synthetic fair data ------------------------------------------------------------------------
FILLER = [
    "Worked closely with product owners and stakeholders to deliver features on time",
    "Led a team of engineers and mentored junior colleagues",
    "Improved reliability and reduced costs through automation",
    "Responsible for requirements, design, implementation and testing",
    "Presented results to management and wrote technical documentation",
    "Collaborated with cross-functional teams in an agile environment",
    "Bachelor of Engineering, graduated with distinction",
    "Master of Science thesis on large-scale data processing",
    "Volunteer tutor and hackathon organiser",
    "Fluent in English and German; good communication skills",
]
TITLES = ["Engineer", "Developer", "Analyst", "Scientist", "Manager", "Consultant", "Specialist"]


def synthetic(n_cvs: int, n_roles: int, seed: int = 7) -> tuple[list[Any], list[Any]]:
    """CVs of ~350-500 words and role ads of ~60-120 words built from taxonomy skill names."""
    from talentfoundry.matching.index import MatchDocument
    from talentfoundry.matching.taxonomy import load_taxonomy

    rng = random.Random(seed)
    names = sorted({s.name for s in load_taxonomy() if s.source == "curated"})
    cvs = []
    for i in range(n_cvs):
        skills = rng.sample(names, 12)
        parts = [f"{rng.choice(skills)} {rng.choice(TITLES)}", "Skills: " + ", ".join(skills)]
        for _ in range(rng.randint(14, 20)):
            parts.append(
                f"{rng.choice(FILLER)} using {rng.choice(skills)} and {rng.choice(skills)}."
            )
        cvs.append(MatchDocument(f"cv{i}", "\n".join(parts)))
    roles = []
    for j in range(n_roles):
        skills = rng.sample(names, 6)
        text = (
            f"We are hiring a {skills[0]} {rng.choice(TITLES)}. Required: {', '.join(skills[:4])}. "
            f"Nice to have: {', '.join(skills[4:])}. {rng.choice(FILLER)}. {rng.choice(FILLER)}."
        )
        roles.append(MatchDocument(f"role{j}", text, f"{skills[0]} {rng.choice(TITLES)}"))
    return cvs, roles


def speed(n_cvs: int, n_roles: int) -> dict[str, Any]:
    from talentfoundry.matching.dense import get_encoder
    from talentfoundry.matching.index import MatchDocument, MatchIndex
    from talentfoundry.matching.rank import recommend

    cvs, roles = synthetic(n_cvs, n_roles)
    out: dict[str, Any] = {"cvs": n_cvs, "roles": n_roles}
    words = np.mean([len(c.text.split()) for c in cvs])
    out["mean CV words"] = round(float(words), 1)
    for dense in ("off", "on"):
        encoder = get_encoder(dense)
        encoder.encode(["warm up"])  # model load is a one-off per process, not index build
        index = MatchIndex(encoder=encoder)
        t0 = time.perf_counter()
        # Dense vectors are deferred: the index is complete and searchable on lexical + skill
        # evidence first; the encoding runs after (in the product, in the background).
        index.add_many("a", cvs, defer_dense=True)
        t1 = time.perf_counter()
        index.add_many("b", roles, defer_dense=True)
        t2 = time.perf_counter()
        index.refresh()
        t3 = time.perf_counter()
        encode_s = refresh_s = 0.0
        if index.pending_dense():
            s = time.perf_counter()
            index.encode_pending()
            encode_s = time.perf_counter() - s
            s = time.perf_counter()
            index.refresh()
            refresh_s = time.perf_counter() - s
        lat, lat_role = [], []
        for k in range(50):
            s = time.perf_counter()
            recommend(index, "a", f"cv{k * 7 % n_cvs}", 20)  # 20 roles for a CV, explained
            lat.append(time.perf_counter() - s)
            s = time.perf_counter()
            recommend(index, "b", f"role{k * 3 % n_roles}", 20)  # a shortlist for a role
            lat_role.append(time.perf_counter() - s)
        s = time.perf_counter()
        index.add("a", MatchDocument("new-cv", cvs[0].text + " Kubernetes"))
        hits = index.search("a", "new-cv", 20)
        incremental = time.perf_counter() - s
        assert hits
        with tempfile.TemporaryDirectory() as tmp:
            s = time.perf_counter()
            index.save(tmp)
            saved = time.perf_counter() - s
            s = time.perf_counter()
            MatchIndex.load(tmp, encoder=encoder).refresh()
            loaded = time.perf_counter() - s
        out[f"dense {dense}"] = {
            "add CVs s": round(t1 - t0, 2),
            "add roles s": round(t2 - t1, 2),
            "population state s": round(t3 - t2, 2),
            "build total s (searchable)": round(t3 - t0, 2),
            "dense encoding s (background)": round(encode_s, 2),
            "dense texts per s": round((n_cvs + n_roles) / encode_s, 1) if encode_s else None,
            "rebuild with dense s": round(refresh_s, 2),
            "query median ms": round(1000 * float(np.median(lat)), 2),
            "query p95 ms": round(1000 * float(np.percentile(lat, 95)), 2),
            "shortlist median ms": round(1000 * float(np.median(lat_role)), 2),
            "add one CV + search s": round(incremental, 2),
            "save s": round(saved, 2),
            "load + rebuild s": round(loaded, 2),
        }
        print(f"  speed, dense {dense}: {out[f'dense {dense}']}", flush=True)
    return out


def scale(n_cand: int, n_roles: int, k: int = 20, dim: int = 384) -> dict[str, Any]:
    """Top-k candidates for every role: exact blocked matmul vs usearch HNSW (measured, scaled)."""
    rng = np.random.default_rng(3)
    # Clustered unit vectors (topics), closer to real embeddings than uniform noise.
    centres = rng.standard_normal((max(1, n_cand // 50), dim), dtype=np.float32)
    noise = 1.2 / np.sqrt(dim)
    cands = centres[rng.integers(0, len(centres), n_cand)]
    cands = cands / np.linalg.norm(cands, axis=1, keepdims=True)
    cands += noise * rng.standard_normal((n_cand, dim), dtype=np.float32)
    cands /= np.linalg.norm(cands, axis=1, keepdims=True)
    roles = centres[rng.integers(0, len(centres), n_roles)]
    roles = roles / np.linalg.norm(roles, axis=1, keepdims=True)
    roles += noise * rng.standard_normal((n_roles, dim), dtype=np.float32)
    roles /= np.linalg.norm(roles, axis=1, keepdims=True)
    out: dict[str, Any] = {"candidates": n_cand, "roles": n_roles, "k": k, "dim": dim}
    s = time.perf_counter()
    exact = np.empty((n_roles, k), dtype=np.int64)
    block = 512
    for start in range(0, n_roles, block):
        sims = roles[start : start + block] @ cands.T
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        exact[start : start + block] = part
    out["exact s"] = round(time.perf_counter() - s, 2)
    try:
        from usearch.index import Index
    except ImportError:
        out["usearch"] = "not installed"
        return out
    s = time.perf_counter()
    ann = Index(
        ndim=dim, metric="cos", dtype="f16", connectivity=16, expansion_add=64, expansion_search=128
    )
    ann.add(np.arange(n_cand), cands, threads=2)
    out["usearch build s"] = round(time.perf_counter() - s, 2)
    s = time.perf_counter()
    found = ann.search(roles, k, threads=2)
    out["usearch search s"] = round(time.perf_counter() - s, 2)
    keys = np.asarray(found.keys)
    recall = np.mean([len(set(keys[i]) & set(exact[i])) / k for i in range(n_roles)])
    out["usearch recall@20"] = round(float(recall), 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller speed and scale runs")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-robustness", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {"machine": f"{os.cpu_count()} CPU cores (shared)"}
    if not args.skip_quality:
        if not DATA.exists():
            raise SystemExit(f"development set not found at {DATA}")
        report["quality"] = quality()
        base = report["quality"]["TF-IDF cosine"]
        print("quality (resume-categories dev set):")
        for name, row in report["quality"].items():
            if "error" in row:
                print(f"  {name:18s} {row['error']}")
                continue
            cells = " ".join(f"{m} {row[m]:.3f}" for m in ("MRR", "acc@1", "nDCG@10", "MAP"))
            ratio = row["acc@1"] / base["acc@1"]
            print(f"  {name:18s} {cells}  acc@1 x{ratio:.2f} vs TF-IDF")
    if not args.skip_quality and not args.skip_robustness:
        cvs, _, labels = load_dev()
        cv_ids = [c["id"] for c in cvs]
        report["robustness"] = robustness(stratified_halves(labels, cv_ids, 20, 11))
        print(f"robustness ({report['robustness']['samples']} stratified halves of the dev set):")
        _print_rows(report["robustness"])
        report["unbalanced"] = unbalanced()
        for name, rows in report["unbalanced"].items():
            print(f"unbalanced populations ({rows['samples']} {name} subsets of the CVs):")
            _print_rows(rows)
    if not args.skip_speed:
        n_cvs, n_roles = (600, 200) if args.quick else (3000, 1000)
        report["speed"] = speed(n_cvs, n_roles)
    if not args.skip_scale:
        n_cand, n_roles = (20_000, 2_000) if args.quick else (100_000, 10_000)
        report["scale"] = scale(n_cand, n_roles)
        print(f"  scale: {report['scale']}", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "matching.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"written {OUT / 'matching.json'}")


if __name__ == "__main__":
    main()
