"""Smoke check of matching on the demo fair's generated data (never the headline).

The demo generator (``talentfoundry.demo``) writes every job ad and every CV from one table of role
families (``demo/vocab_roles.py``): a role belongs to one family, a candidate aims at one. That
gives a ground truth for free, and also makes the task easy, because a CV and the ads of its family
share titles, skills and phrasing by construction. So high numbers here are expected and prove
little; they show that the product's matching works end to end on the data the demo shows, and
that a change did not break it. The quality headline is measured on real resumes
(``bench/matching_bench.py``, docs/benchmarks/matching.md).

Ground truth, recovered from the generator's own vocabulary (the records do not store it):

* a role's family from its title: every family's base titles are distinct, and the generator only
  adds a seniority word ("Senior ...", "... Intern");
* a candidate's family from the multi-word phrases that only that family's CVs use (its titles,
  focus phrases, things built, project names and blurbs), counted with the longest match first;
* a family's sector is the family's own (``ai``, ``microelectronics``, ...; ``any`` for jobs every
  kind of company hires for, such as DevOps).

The run also checks that recovery against the families the generator really drew, by wrapping two
of its internal calls while it generates (``--no-trace`` skips the check).

What is ranked, as in the product (``services/match_index.py``): every candidate's document
(headline, programme and CV text; title = headline; declared skills) on side ``a``, every *open*
role's (description plus a "Nice to have" line; title; required skills) on side ``b``, which holds
the requirements; dense embeddings off unless ``--dense``. Each candidate's roles and each role's
shortlist are read from the index's fused scores over the whole population (the product then
filters by event and consent; that is not scored here).

Metrics, per method:

* candidate -> roles (every candidate): ``fam@1`` the top role is of the candidate's family,
  ``fam P@10`` share of the top 10 roles of that family, ``sector@1`` and ``sector P@10`` the same
  for the sector, ``skill cov@1`` share of the top role's required skills the candidate declared;
* role -> candidates (every open role): ``fam P@20`` and ``sector P@20``, the share of its top-20
  shortlist from the role's family / sector.

Methods, all in the same run on the same documents: ours (``MatchIndex``), TF-IDF cosine
(scikit-learn, sublinear tf, English stop words, fitted on both sides, as in
``bench/matching_bench.py``), random scores (seeded) and the ceiling (the best any ranking can
reach: a family with 6 open roles caps ``fam P@10`` at 0.6; ``skill cov@1`` ceiling is each
candidate's best coverage over all open roles).

Run: ``.venv/bin/python bench/demo_smoke.py`` (about a minute on two CPU cores). ``--dense`` adds
the dense component (all-MiniLM-L6-v2; minutes on CPU for the whole fair, so pair it with
``--limit N``: a seeded sample of N candidates and the same share of open roles, every method
scored on that sample). Results are printed and written to ``bench/out/demo_smoke.json``
(``demo_smoke-dense-limitN.json``, ``demo_smoke-seedS.json`` and the like for other runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from talentfoundry.demo import CandidateRecord, DemoFair, RoleRecord, generate_demo_fair
from talentfoundry.demo.vocab_roles import FAMILIES
from talentfoundry.matching.index import MatchDocument, MatchIndex

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CHUNK = 250  # documents per add_many call, as the product's sync (and one progress step)
DEMO_SEED = 2026  # the seed the product's demo fair is built with
SAMPLE_SEED = 11
RANDOM_SEED = 5
CAND_METRICS = ("fam@1", "fam P@10", "sector@1", "sector P@10", "skill cov@1")
ROLE_METRICS = ("fam P@20", "sector P@20")

console = Console()
if not console.is_terminal:  # a log file or a pipe: wide enough for the table on one line
    console = Console(width=120)


# --- ground truth -------------------------------------------------------------------------------
_SENIORITY = re.compile(r"^(?:Graduate|Junior|Senior|Lead|Principal) ")
_TITLE_FAMILY = {title: fam.key for fam in FAMILIES for title in fam.titles}
SECTOR = {fam.key: fam.sector for fam in FAMILIES}


def role_family(role: RoleRecord) -> str | None:
    """The family whose base title the role carries (``title_for`` adds only a seniority word)."""
    return _TITLE_FAMILY.get(_SENIORITY.sub("", role.title.removesuffix(" Intern")))


def _phrase_owners() -> dict[str, str]:
    """Multi-word phrases that belong to exactly one family's CV material.

    One-word phrases ("automation") also occur in generic CV sentences, so they are left out.
    """
    owners: dict[str, set[str]] = {}
    for fam in FAMILIES:
        phrases = {*fam.titles, *fam.focus, *fam.objects}
        phrases |= {part for project in fam.projects for part in project}
        for phrase in phrases:
            if " " in phrase:
                owners.setdefault(phrase, set()).add(fam.key)
    return {p: next(iter(keys)) for p, keys in owners.items() if len(keys) == 1}


_OWNER = _phrase_owners()
_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(_OWNER, key=len, reverse=True)) + r")\b"
)


def candidate_family(cand: CandidateRecord) -> str | None:
    """The family most of the candidate's family-specific phrases point to (None on a tie)."""
    votes = Counter(_OWNER[m] for m in _PHRASES.findall(f"{cand.headline}\n{cand.cv_text}"))
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@contextmanager
def _drawn_families() -> Iterator[dict[str, Any] | None]:
    """While the generator runs, record the family it draws for each candidate and role.

    It wraps ``candidates.career`` (called once per candidate, in order) and
    ``roles._make_role`` (once per role, with its key). Both are the generator's internals: if
    they have moved, this yields None and the run says the check was not made.
    """
    import talentfoundry.demo.candidates as cand_mod
    import talentfoundry.demo.roles as role_mod

    career = getattr(cand_mod, "career", None)
    make_role = getattr(role_mod, "_make_role", None)
    if career is None or make_role is None:
        yield None
        return
    drawn: dict[str, Any] = {"candidates": [], "roles": {}}

    def career_spy(rng: Any, fam: Any, *rest: Any, **kwargs: Any) -> Any:
        drawn["candidates"].append(fam.key)
        return career(rng, fam, *rest, **kwargs)

    def make_role_spy(rng: Any, ctx: Any, org: Any, fam: Any, key: str) -> Any:
        drawn["roles"][key] = fam.key
        return make_role(rng, ctx, org, fam, key)

    cand_mod.career, role_mod._make_role = career_spy, make_role_spy
    try:
        yield drawn
    finally:
        cand_mod.career, role_mod._make_role = career, make_role


def check_ground_truth(
    fair: DemoFair, drawn: dict[str, Any], cand_fam: dict[str, str | None]
) -> dict[str, Any]:
    """How often the recovered family equals the one the generator drew."""
    by_key = dict(zip((c.key for c in fair.candidates), drawn["candidates"], strict=True))
    cands = sum(cand_fam[c.key] == by_key[c.key] for c in fair.candidates)
    roles = sum(role_family(r) == drawn["roles"][r.key] for r in fair.roles)
    return {
        "candidates agree": f"{cands}/{len(fair.candidates)}",
        "roles agree": f"{roles}/{len(fair.roles)}",
    }


# --- documents, as services/match_index.py builds them -------------------------------------------
def candidate_document(cand: CandidateRecord) -> MatchDocument:
    """Mirror of ``services.match_index.candidate_document`` (the demo sets no free-text
    ``experience``, so the text is headline, programme and CV)."""
    parts = [cand.headline, cand.programme, cand.cv_text]
    text = "\n".join(p for p in parts if p and p.strip())
    return MatchDocument(cand.key, text, cand.headline or None, tuple(cand.skills))


def role_document(role: RoleRecord) -> MatchDocument:
    """Mirror of ``services.match_index.role_document``."""
    text = role.description or ""
    if role.nice_skills:
        text += "\nNice to have (a plus): " + ", ".join(role.nice_skills) + "."
    return MatchDocument(role.key, text, role.title, tuple(role.required_skills))


# --- methods ------------------------------------------------------------------------------------
def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:28s}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def ours(
    cdocs: list[MatchDocument], rdocs: list[MatchDocument], dense: bool
) -> tuple[np.ndarray, dict[str, float], list[str]]:
    """The product's index: fused scores, candidates x roles, and how long each step took."""
    from talentfoundry.matching.dense import get_encoder

    encoder = get_encoder("on" if dense else "off")
    if dense:
        encoder.encode(["warm up"])  # loading the model is once per process, not index build
    index = MatchIndex(encoder=encoder, requirements="b")
    timings: dict[str, float] = {}
    label = "dense on" if dense else "dense off"
    with _progress() as bar:
        for side, docs, name in (("a", cdocs, "CVs"), ("b", rdocs, "roles")):
            task = bar.add_task(f"ours ({label}): index {name}", total=len(docs))
            start = time.perf_counter()
            for i in range(0, len(docs), CHUNK):
                # Dense vectors are deferred as in the product: encoded below, then rescored.
                index.add_many(side, docs[i : i + CHUNK], defer_dense=dense)
                bar.advance(task, len(docs[i : i + CHUNK]))
            timings[f"index {name} s"] = round(time.perf_counter() - start, 2)
        if dense:
            task = bar.add_task(f"ours ({label}): dense", total=index.pending_dense())
            start = time.perf_counter()
            index.encode_pending(
                batch=32, progress=lambda _stage, done, _total: bar.update(task, completed=done)
            )
            timings["dense encoding s"] = round(time.perf_counter() - start, 2)
        task = bar.add_task(f"ours ({label}): scores", total=1)
        start = time.perf_counter()
        index.refresh()  # the population state: IDF, expansion, hubs, normalisation
        _, scores = index.scores("a")
        bar.advance(task)
        timings["population state s"] = round(time.perf_counter() - start, 2)
    return scores.fused, timings, index.warnings


def tfidf(cdocs: list[MatchDocument], rdocs: list[MatchDocument]) -> np.ndarray:
    """TF-IDF cosine, configured as the baseline of ``bench/matching_bench.py``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    cv_texts = [d.full_text for d in cdocs]
    role_texts = [d.full_text for d in rdocs]
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(cv_texts + role_texts)
    return (vec.transform(cv_texts) @ vec.transform(role_texts).T).toarray()


# --- metrics ------------------------------------------------------------------------------------
def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Column indices of each row's ``k`` best scores, best first (ties keep column order)."""
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    rows = np.arange(scores.shape[0])[:, None]
    order = np.lexsort((part, -scores[rows, part]), axis=1)
    return part[rows, order]


def coverage_matrix(cands: Sequence[CandidateRecord], roles: Sequence[RoleRecord]) -> np.ndarray:
    """Share of each role's required skills that each candidate declared (candidates x roles)."""
    names = sorted({s for r in roles for s in r.required_skills})
    col = {s: j for j, s in enumerate(names)}
    have = np.zeros((len(cands), len(names)))
    for i, c in enumerate(cands):
        for s in c.skills:
            if s in col:
                have[i, col[s]] = 1.0
    need = np.zeros((len(roles), len(names)))
    for j, r in enumerate(roles):
        need[j, [col[s] for s in r.required_skills]] = 1.0
    return (have @ need.T) / np.maximum(need.sum(axis=1), 1.0)


def evaluate(
    scores: np.ndarray, cfam: np.ndarray, rfam: np.ndarray, coverage: np.ndarray
) -> dict[str, float]:
    """The smoke metrics of one candidates x roles score matrix."""
    csec = np.asarray([SECTOR[f] for f in cfam])
    rsec = np.asarray([SECTOR[f] for f in rfam])
    by_cand = top(scores, 10)
    by_role = top(scores.T, 20)
    rows = np.arange(len(cfam))
    fam_hits = rfam[by_cand] == cfam[:, None]
    sec_hits = rsec[by_cand] == csec[:, None]
    return {
        "fam@1": float(fam_hits[:, 0].mean()),
        "fam P@10": float(fam_hits.mean()),
        "sector@1": float(sec_hits[:, 0].mean()),
        "sector P@10": float(sec_hits.mean()),
        "skill cov@1": float(coverage[rows, by_cand[:, 0]].mean()),
        "fam P@20": float((cfam[by_role] == rfam[:, None]).mean()),
        "sector P@20": float((csec[by_role] == rsec[:, None]).mean()),
    }


def ceiling(cfam: np.ndarray, rfam: np.ndarray, coverage: np.ndarray) -> dict[str, float]:
    """The best any ranking can score on these populations."""
    csec = np.asarray([SECTOR[f] for f in cfam])
    rsec = np.asarray([SECTOR[f] for f in rfam])
    roles_of, roles_in = Counter(rfam.tolist()), Counter(rsec.tolist())
    cands_of, cands_in = Counter(cfam.tolist()), Counter(csec.tolist())
    k_c, k_r = min(10, len(rfam)), min(20, len(cfam))
    return {
        "fam@1": float(np.mean([roles_of[f] > 0 for f in cfam])),
        "fam P@10": float(np.mean([min(k_c, roles_of[f]) / k_c for f in cfam])),
        "sector@1": float(np.mean([roles_in[s] > 0 for s in csec])),
        "sector P@10": float(np.mean([min(k_c, roles_in[s]) / k_c for s in csec])),
        "skill cov@1": float(coverage.max(axis=1).mean()),
        "fam P@20": float(np.mean([min(k_r, cands_of[f]) / k_r for f in rfam])),
        "sector P@20": float(np.mean([min(k_r, cands_in[s]) / k_r for s in rsec])),
    }


def misses(
    scores: np.ndarray,
    cands: Sequence[CandidateRecord],
    roles: Sequence[RoleRecord],
    cfam: np.ndarray,
    rfam: np.ndarray,
    n: int = 5,
) -> dict[str, Any]:
    """Candidates whose top role is of another family: how many, and the first ``n`` of them,
    to read when a number moves."""
    best = top(scores, 1)[:, 0]
    wrong = np.flatnonzero(rfam[best] != cfam)
    return {
        "count": len(wrong),
        "first": [
            {
                "candidate": cands[i].key,
                "headline": cands[i].headline,
                "family": str(cfam[i]),
                "top role": roles[best[i]].title,
                "top role family": str(rfam[best[i]]),
            }
            for i in wrong[:n]
        ],
    }


# --- run ----------------------------------------------------------------------------------------
def sample(
    cands: list[CandidateRecord], roles: list[RoleRecord], limit: int | None
) -> tuple[list[CandidateRecord], list[RoleRecord]]:
    """All of them, or a seeded sample of ``limit`` candidates and the same share of roles."""
    if limit is None or limit >= len(cands):
        return cands, roles
    rng = np.random.default_rng(SAMPLE_SEED)
    n_roles = max(1, round(limit * len(roles) / len(cands)))
    pick_c = np.sort(rng.choice(len(cands), limit, replace=False))
    pick_r = np.sort(rng.choice(len(roles), n_roles, replace=False))
    return [cands[i] for i in pick_c], [roles[j] for j in pick_r]


def print_table(results: dict[str, dict[str, float]], title: str) -> None:
    table = Table(title=title)
    table.add_column("method")
    for name in (*CAND_METRICS, *ROLE_METRICS):
        table.add_column(name, justify="right")
    for method, row in results.items():
        table.add_row(method, *(f"{row[m]:.3f}" for m in (*CAND_METRICS, *ROLE_METRICS)))
    console.print(table)


def out_path(seed: int, dense: bool, limit: int | None) -> Path:
    suffix = f"-seed{seed}" if seed != DEMO_SEED else ""
    suffix += ("-dense" if dense else "") + (f"-limit{limit}" if limit else "")
    return OUT / f"demo_smoke{suffix}.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help="demo fair seed (default 2026)")
    parser.add_argument("--dense", action="store_true", help="also score with dense embeddings on")
    parser.add_argument("--limit", type=int, help="a seeded sample of this many candidates")
    parser.add_argument("--no-trace", action="store_true", help="skip the ground-truth check")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 20:
        parser.error("--limit must be at least 20 (the shortlist depth)")

    report: dict[str, Any] = {
        "machine": f"{os.cpu_count()} CPU cores (shared)",
        "seed": args.seed,
        "note": "smoke check on generated data; not the headline (see the module docstring)",
    }
    start = time.perf_counter()
    with console.status("generating the demo fair"):
        if args.no_trace:
            fair, drawn = generate_demo_fair(args.seed), None
        else:
            with _drawn_families() as drawn:
                fair = generate_demo_fair(args.seed)
    report["generate s"] = round(time.perf_counter() - start, 2)

    cand_fam = {c.key: candidate_family(c) for c in fair.candidates}
    unresolved = sum(f is None for f in cand_fam.values())
    unresolved += sum(role_family(r) is None for r in fair.roles)
    if unresolved:
        raise SystemExit(f"{unresolved} record(s) without a recovered family; fix the recovery")
    if drawn is None:
        report["ground truth check"] = "not made" if args.no_trace else "generator internals moved"
    else:
        report["ground truth check"] = check_ground_truth(fair, drawn, cand_fam)

    open_roles = [r for r in fair.roles if r.status == "open"]  # the product indexes open roles
    cands, roles = sample(list(fair.candidates), open_roles, args.limit)
    report["population"] = {
        "candidates": len(cands),
        "open roles": len(roles),
        "families": len(FAMILIES),
        "sample": f"seeded sample (seed {SAMPLE_SEED})" if args.limit else "whole fair",
    }
    cfam = np.asarray([cand_fam[c.key] for c in cands])
    rfam = np.asarray([role_family(r) for r in roles])
    cdocs = [candidate_document(c) for c in cands]
    rdocs = [role_document(r) for r in roles]
    coverage = coverage_matrix(cands, roles)

    results: dict[str, dict[str, float]] = {}
    timings: dict[str, Any] = {}
    for dense in (False, True) if args.dense else (False,):
        name = f"ours, dense {'on' if dense else 'off'}"
        scores, timings[name], warnings = ours(cdocs, rdocs, dense)
        results[name] = evaluate(scores, cfam, rfam, coverage)
        report.setdefault("top-1 family misses", {})[name] = misses(
            scores, cands, roles, cfam, rfam
        )
        report.setdefault("warnings", {})[name] = warnings
    with console.status("TF-IDF cosine"):
        start = time.perf_counter()
        baseline = tfidf(cdocs, rdocs)
        results["TF-IDF cosine"] = evaluate(baseline, cfam, rfam, coverage)
        timings["TF-IDF cosine"] = {"fit + score s": round(time.perf_counter() - start, 2)}
    report["top-1 family misses"]["TF-IDF cosine"] = misses(baseline, cands, roles, cfam, rfam)
    noise = np.random.default_rng(RANDOM_SEED).random((len(cands), len(roles)))
    results["random"] = evaluate(noise, cfam, rfam, coverage)
    results["ceiling"] = ceiling(cfam, rfam, coverage)
    report["results"] = results
    report["timings"] = timings

    pop = report["population"]
    print_table(
        results,
        f"demo fair seed {args.seed}: {pop['candidates']} candidates x {pop['open roles']} open "
        f"roles ({pop['sample']}); SMOKE CHECK on generated data, not the headline",
    )
    console.print(f"ground truth check: {report['ground truth check']}")
    console.print(f"timings: {timings} (generate {report['generate s']} s)")
    OUT.mkdir(parents=True, exist_ok=True)
    path = out_path(args.seed, args.dense, args.limit)
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    console.print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
