"""Scheduling benchmark: first come first served vs. our allocator vs. upper bounds, same run.

Instances come from :func:`talentfoundry.scheduling.generator.generate` (no external data). For
every instance the script reports coverage (candidates with at least one meeting) and total weight
of FCFS and of ours, the coverage bound (flow relaxation = LP bound for coverage, see
``bound.py``), the flow-relaxation weight bound for every instance and the tighter LP weight bound
(time conflicts as clique rows, HiGHS) at our coverage for the instances chosen with ``--lp``.

    .venv/bin/python bench/scheduling_bench.py                 # full run, a few minutes
    .venv/bin/python bench/scheduling_bench.py --quick         # 3 instances, up to 2x, no LP

Prints Markdown tables (what docs/benchmarks/scheduling.md quotes).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import dataclass
from typing import Any

from talentfoundry.scheduling import allocate, first_come_first_served, lp_bounds, parse_instance
from talentfoundry.scheduling.generator import generate
from talentfoundry.scheduling.result import violations


@dataclass
class Case:
    name: str
    seed: int
    scale: float = 1.0
    lp: bool = False
    kwargs: dict[str, Any] | None = None


CROWDED: dict[str, Any] = {
    "candidates": 800,
    "stagger": 1,
    "max_meetings": (4, 8),
    "busy_rate": 0.7,
    "skew": 0.5,
    "extra_requests": (2, 6),
}

FAIR = [
    *(
        Case(f"skew {s}", seed, lp=seed == 0 and s == 1.0)
        for s in (0.5, 1.0, 1.5)
        for seed in (0, 1, 2)
    ),
    Case("short slots 10-15 min", 0, kwargs={"slot_minutes": (10, 15)}),
    Case("long slots 20-30 min", 0, kwargs={"slot_minutes": (20, 30)}),
    Case("busy 70%", 0, kwargs={"busy_rate": 0.7}),
    Case("max meetings 3-8", 0, lp=True, kwargs={"max_meetings": (3, 8)}),
    Case("score weights", 0, kwargs={"weights": "score"}),
    Case(
        "objective weight, 3-8 meetings",
        0,
        lp=True,
        kwargs={"objective": "weight", "max_meetings": (3, 8), "weights": "score"},
    ),
    # crowded: fewer candidates, many meetings each, every recruiter starting at 09:00, so the
    # time conflicts bind (the flow relaxation is no longer tight: the LP bound matters here)
    Case("crowded: 800 cand., 4-8 meetings, 09:00 starts", 0, lp=True, kwargs=CROWDED),
    Case(
        "crowded, objective weight, uniform popularity",
        0,
        lp=True,
        kwargs={**CROWDED, "skew": 0.0, "objective": "weight", "weights": "score"},
    ),
]


def instance_for(case: Case) -> Any:
    kwargs: dict[str, Any] = {
        "candidates": round(3000 * case.scale),
        "companies": round(150 * case.scale),
        **(case.kwargs or {}),
    }
    if case.name.startswith("skew"):
        kwargs["skew"] = float(case.name.split()[1])
    return generate(seed=case.seed, **kwargs)


def run_case(case: Case, *, with_lp: bool) -> dict[str, Any]:
    doc = instance_for(case)
    t0 = time.perf_counter()
    inst = parse_instance(doc)
    parse_s = time.perf_counter() - t0
    fcfs = first_come_first_served(inst)
    t0 = time.perf_counter()
    ours = allocate(inst)
    ours_s = time.perf_counter() - t0
    bad = violations(inst, ours.assignments) + violations(inst, fcfs.assignments)
    if bad:
        raise SystemExit(f"{case.name}: infeasible allocation: {bad[:3]}")
    row: dict[str, Any] = {
        "case": case.name,
        "seed": case.seed,
        "candidates": len(inst.candidates),
        "slots": len(inst.slots),
        "objective": inst.policy.objective,
        "fcfs": fcfs.stats,
        "ours": ours.stats,
        "ours_s": ours_s,
        "parse_s": parse_s,
        "flow": ours.stats["flow_bound"],
    }
    if with_lp:
        coverage = ours.stats["candidates_with_meeting"]
        row["lp"] = lp_bounds(inst, at_coverage=coverage)
    return row


def pct(a: float, b: float | None) -> str:
    return "-" if not b else f"{100 * a / b:.2f}%"


def fair_table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| instance | seed | objective | FCFS coverage | ours coverage | coverage bound | "
        "ours/bound | FCFS weight | ours weight | flow weight bound | LP weight bound "
        "(at our coverage) | ours/LP weight | ours/flow weight | ours s | proven | LP s |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for r in rows:
        o, f, fl = r["ours"], r["fcfs"], r["flow"]
        lp = r.get("lp")
        cov_bound = fl["coverage"]
        lp_w = f"{lp['weight_bound']:.1f}" if lp else "-"
        lp_ratio = pct(o["total_weight"], lp["weight_bound"]) if lp else "-"
        lp_s = f"{lp['lp_seconds']:.0f}" if lp else "-"
        proven = "yes" if o["proven_optimal"] else "no"
        lines.append(
            f"| {r['case']} | {r['seed']} | {r['objective']} | {f['candidates_with_meeting']} | "
            f"{o['candidates_with_meeting']} | {cov_bound if cov_bound is not None else '-'} | "
            f"{pct(o['candidates_with_meeting'], cov_bound)} | {f['total_weight']:g} | "
            f"{o['total_weight']:g} | {fl['weight']:g} | {lp_w} | {lp_ratio} | "
            f"{pct(o['total_weight'], fl['weight'])} | {r['ours_s']:.2f} | {proven} | {lp_s} |"
        )
    return head + "\n".join(lines)


def scale_table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| scale | candidates | companies | slots | FCFS s | ours s | parse s | FCFS coverage | "
        "ours coverage | coverage bound | ours weight | flow weight bound | ours/flow weight |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for r in rows:
        o, f, fl = r["ours"], r["fcfs"], r["flow"]
        lines.append(
            f"| {r['scale']:g}x | {r['candidates']} | {r['companies']} | {r['slots']} | "
            f"{f['solve_seconds']:.2f} | {r['ours_s']:.2f} | {r['parse_s']:.2f} | "
            f"{f['candidates_with_meeting']} | {o['candidates_with_meeting']} | {fl['coverage']} | "
            f"{o['total_weight']:g} | {fl['weight']:g} | {pct(o['total_weight'], fl['weight'])} |"
        )
    return head + "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer instances, no 10x")
    parser.add_argument("--no-lp", action="store_true", help="skip the LP weight bounds")
    parser.add_argument("--lp-all", action="store_true", help="LP weight bound for every instance")
    args = parser.parse_args()

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU cores visible, Python "
        f"{platform.python_version()}\n"
    )
    fair = FAIR[:3] if args.quick else FAIR
    rows = []
    for case in fair:
        with_lp = (case.lp or args.lp_all) and not args.no_lp
        row = run_case(case, with_lp=with_lp)
        rows.append(row)
        print(f"  done {case.name} seed {case.seed}: ours {row['ours_s']:.2f} s", flush=True)
    print("\n## Fair scale (3,000 candidates, 150 companies; crowded cases 800 candidates)\n")
    print(fair_table(rows))

    scales = [0.25, 0.5, 1.0, 2.0] if args.quick else [0.25, 0.5, 1.0, 2.0, 5.0, 10.0]
    srows = []
    for scale in scales:
        for seed in (0, 1) if scale == 10.0 else (0,):
            case = Case(f"skew 1.0 x{scale:g}", seed, scale=scale)
            row = run_case(case, with_lp=False)
            row.update(scale=scale, companies=round(150 * scale))
            srows.append(row)
            print(f"  done scale {scale:g} seed {seed}: ours {row['ours_s']:.2f} s", flush=True)
    print("\n## Time vs size (skew 1.0; seed 0, and seed 1 at 10x)\n")
    print(scale_table(srows))


if __name__ == "__main__":
    main()
