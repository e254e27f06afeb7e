"""Seeded generator of realistic ``talentfoundry.schedule/v1`` instances, for benchmarks and tests.

A fair day runs 09:00-18:00 (Europe/Berlin, written with its +01:00 offset). Each company sends 1-3
recruiters; each recruiter interviews a run of 8-16 slots of the company's slot length (10, 15,
20 or 30 minutes), starting at a staggered time, sometimes with a lunch break; recruiters of one
company often run in parallel. Candidates want 1-5 meetings and request a few more companies than
that, drawn by a Zipf-like popularity (``skew`` 0 = uniform, 1.5 = a few companies everybody wants:
the case where first come, first served hurts most). Some candidates are busy in workshops.
Weights are the candidate's rank order (first request = highest) or, with ``weights="score"``, a
matching-like score in (0, 1]. ``stagger`` is how many half-hour start times recruiters spread
over (1 = everybody starts at 09:00: the crowded case where a candidate's meetings clash most).

>>> doc = generate(seed=1, candidates=20, companies=4)
>>> doc["schema"], len(doc["candidates"])
('talentfoundry.schedule/v1', 20)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np

from talentfoundry.scheduling.instance import SCHEMA

__all__ = ["generate"]

_TZ = timezone(timedelta(hours=1))
_DAY = datetime(2027, 3, 18, 9, 0, tzinfo=_TZ)
_DAY_MINUTES = 9 * 60


def generate(
    seed: int = 0,
    candidates: int = 3000,
    companies: int = 150,
    *,
    skew: float = 1.0,
    slot_minutes: tuple[int, ...] = (10, 15, 20, 30),
    busy_rate: float = 0.3,
    max_meetings: tuple[int, int] = (1, 5),
    extra_requests: tuple[int, int] = (1, 4),
    weights: str = "rank",
    objective: str = "coverage_then_weight",
    stagger: int = 7,
) -> dict[str, Any]:
    """Return an instance document (plain JSON data); the same arguments give the same document."""
    rng = np.random.default_rng(seed)
    slots: list[dict[str, Any]] = []
    for k in range(companies):
        company = f"co{k:05d}"
        length = int(rng.choice(slot_minutes))
        n_rec = int(rng.integers(1, 4))
        parallel = rng.random() < 0.5
        first = int(rng.integers(0, stagger)) * 30
        for r in range(n_rec):
            n = int(rng.integers(8, 17))
            begin = first if parallel else int(rng.integers(0, stagger)) * 30
            lunch_at = int(rng.integers(3, n)) if rng.random() < 0.4 else -1
            minute = begin
            for j in range(n):
                if j == lunch_at:
                    minute += 45
                if minute + length > _DAY_MINUTES:
                    break
                slots.append(
                    {
                        "id": f"{company}-r{r}-{j:02d}",
                        "company": company,
                        "recruiter": f"{company}-r{r}",
                        "start": _iso(minute),
                        "end": _iso(minute + length),
                        "mode": "online" if rng.random() < 0.2 else "onsite",
                    }
                )
                minute += length
    ranks = np.arange(1, companies + 1, dtype=float)
    popularity = ranks**-skew
    popularity /= popularity.sum()
    perm = rng.permutation(companies)  # popular companies are not the first ids
    cands: list[dict[str, Any]] = []
    lo, hi = max_meetings
    for i in range(candidates):
        mm = int(rng.integers(lo, hi + 1))
        n_req = min(companies, mm + int(rng.integers(extra_requests[0], extra_requests[1] + 1)))
        chosen = rng.choice(companies, size=n_req, replace=False, p=popularity)
        reqs = []
        for pos, k in enumerate(chosen):
            if weights == "score":
                w = round(float(np.clip(1.0 - 0.1 * pos - 0.2 * rng.random(), 0.01, 1.0)), 3)
            else:
                w = n_req - pos
            reqs.append({"company": f"co{int(perm[k]):05d}", "weight": w})
        busy = []
        if rng.random() < busy_rate:
            for _ in range(int(rng.integers(1, 3))):
                start = int(rng.integers(0, (_DAY_MINUTES - 90) // 15)) * 15
                busy.append(
                    {"start": _iso(start), "end": _iso(start + int(rng.choice([45, 60, 90])))}
                )
        cands.append({"id": f"cand{i:06d}", "max_meetings": mm, "busy": busy, "requests": reqs})
    return {
        "schema": SCHEMA,
        "timezone": "Europe/Berlin",
        "slots": slots,
        "candidates": cands,
        "policy": {"objective": objective},
    }


def _iso(minute: int) -> str:
    return (_DAY + timedelta(minutes=minute)).isoformat()
