"""Registration opening on the demo fair: many candidates booking interview slots and workshop seats
at once against one ``foundry serve`` process, as shipped.

    .venv/bin/python bench/registration_rush.py --backend sqlite --clients 200 --requests 10000
    .venv/bin/python bench/registration_rush.py --backend postgres --clients 60 --requests 2000

Builds the demo fair (seed 2026) in a fresh database, gives ``--people`` registered candidates an
API token each, serves it in a child process and sends the requests from ``--clients`` concurrent
clients (httpx, 30 s timeout). Reports the answers by status, the requests that got no answer
(timeouts, resets), latency percentiles and throughput; then checks the database: every booking a
client was told it got (201) is there, and :func:`talentfoundry.services.invariants.check` finds no
slot booked twice, nobody in two places, no second meeting with one company, no seat over capacity.

Numbers go in docs/benchmarks/serving.md. It is a probe of one process on this machine, not a
capacity plan: the multi-worker benchmark belongs to the production-serving work.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration import rush

from talentfoundry.demo import generate_demo_fair
from talentfoundry.services import invariants
from talentfoundry.services.demo import load_demo_fair
from talentfoundry.store import migrate
from talentfoundry.store.db import make_engine, make_session_factory, transaction
from talentfoundry.store.models import Booking

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _database(backend: str, workdir: Path) -> tuple[str, object]:
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'rush.db'}", None
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"tf_rush_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return POSTGRES.rsplit("/", 1)[0] + f"/{name}", (admin, name)


def _drop(handle: object) -> None:
    if handle is None:
        return
    admin, name = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url, handle = _database(args.backend, Path(tmp))
        try:
            migrate.upgrade(url)
            engine = make_engine(url)
            with transaction(make_session_factory(engine)) as db:
                load_demo_fair(db, generate_demo_fair(2026), seed=2026)
            crowd = rush.crowd(engine, people=args.people)
            calls = rush.plan(crowd, args.requests)
            with rush.serving(url, Path(tmp) / "server.log") as base:
                report = rush.rush(base, calls, clients=args.clients, timeout=args.timeout)
            figures = _figures(report)
            with transaction(make_session_factory(engine, write=False)) as db:
                promised = [
                    a.body["id"]
                    for a in report.answers
                    if a.status == 201 and a.call.kind == "booking" and a.body
                ]
                present = set(db.scalars(select(Booking.id).where(Booking.id.in_(promised))))
                figures["confirmed bookings lost"] = len(set(promised) - present)
                figures["violations"] = [f"{v.rule}: {v.detail}" for v in invariants.check(db)]
            engine.dispose()
            log = (Path(tmp) / "server.log").read_text(errors="replace").splitlines()
            figures["server log lines"] = len(log)
            figures["server log sample"] = log[-5:]
        finally:
            _drop(handle)
    figures = {"backend": args.backend, "clients": args.clients, **figures}
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


def _figures(report: rush.RushReport) -> dict[str, object]:
    return {
        "requests": len(report.answers),
        "answers": dict(sorted(report.statuses().items())),
        "unanswered": len(report.unanswered()),
        "wall s": round(report.wall_seconds, 1),
        "req/s": round(report.throughput(), 1),
        "p50 s": round(report.percentile(0.50), 3),
        "p95 s": round(report.percentile(0.95), 3),
        "p99 s": round(report.percentile(0.99), 3),
        "max s": round(report.percentile(1.0), 3),
    }


if __name__ == "__main__":
    main()
