"""Response times of the analytics pages on the demo fair: cold, after a change, and warm.

Builds the demo fair (``foundry demo``'s builder; SQLite in a temporary folder, or a fresh
PostgreSQL database with ``--postgres``), starts the web app in this process, waits for the
match index's start-up warm-up to finish (it would otherwise compete for the CPU), logs in through
the login form as the demo's organiser and university staff (and takes an API token for the staff),
and times each analytics page through FastAPI's TestClient (the whole request: routing, session,
services, templates, plots):

* ``cold``: every cache and memo of the process is emptied before each request (the first request
  of a fresh process; ``before cache``);
* ``changed``: before each request another session changes the data the page reads (one
  student's profile of the staff's university and one role at the event), committed as a
  request would: what a page costs on the first request after an edit;
* ``warm``: nothing changed since the previous request (``after cache``).

Percentiles are nearest-rank over the requests of each page. Run the same script on the code
before the caches (``git archive HEAD | tar -x -C /tmp/head`` and ``PYTHONPATH=/tmp/head/src``) for
a baseline: the emptying is skipped there, so its three modes all measure the uncached page.

Run: ``.venv/bin/python bench/analytics_bench.py [--postgres] [--cold 5 --changed 20 --warm 50]
[--gc-freeze] [--markdown FILE] [--label TEXT]``. Results are printed and written to ``bench/out/``.
``--gc-freeze`` calls ``gc.freeze()`` after the warm-up: a full garbage collection walks every
object of the process (the match index makes them ~325,000: about 0.4 s each time), and the
occasional request that triggers one pays for it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PG_ADMIN = os.environ.get(
    "TALENTFOUNDRY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def forget_caches() -> None:
    """Empty every cache and memo the analytics pages use (absent on code without them)."""
    import importlib

    for module, names in (
        ("talentfoundry.services.analytics_cache", ("forget",)),
        ("talentfoundry.services.skill_sets", ("forget",)),
    ):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in names:
            getattr(mod, name)()
    for module, attr in (
        ("talentfoundry.services.dashboard", "_SVGS"),
        ("talentfoundry.services.skills_gap", "_PLOTS"),
    ):
        memo = getattr(importlib.import_module(module), attr, None)
        if memo is not None:
            memo.clear()


def build(url: str | None) -> tuple[str, Callable[[], None]]:
    """The demo fair in a fresh database; returns its URL and how to drop it."""
    from talentfoundry.demo import generate_demo_fair
    from talentfoundry.services.demo import load_demo_fair
    from talentfoundry.store import migrate
    from talentfoundry.store.db import make_session_factory, open_engine, transaction

    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="tf-analytics-"))
        url = f"sqlite:///{folder / 'demo.db'}"

        def drop() -> None:
            shutil.rmtree(folder, ignore_errors=True)

    else:
        from sqlalchemy import create_engine, text

        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        name = f"tf_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = f"{url.rpartition('/')[0]}/{name}"

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    migrate.upgrade(url)
    with open_engine(url) as engine, transaction(make_session_factory(engine)) as db:
        load_demo_fair(db, generate_demo_fair(2026), seed=2026)
    return url, drop


def login(client: Any, email: str, password: str) -> None:
    client.cookies.clear()
    page = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]*)"', page)
    data = {"email": email, "password": password, "csrf": token.group(1) if token else ""}
    response = client.post("/login", data=data, follow_redirects=False)
    if response.status_code != 303:
        raise SystemExit(f"could not log in as {email}: {response.status_code}")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from talentfoundry.config import Settings
    from talentfoundry.services import match_index
    from talentfoundry.services.demo import DEMO_PASSWORD
    from talentfoundry.store.db import make_engine, make_session_factory, transaction
    from talentfoundry.store.models import CandidateProfile, Event, JobRole, User, role_events

    started = time.perf_counter()
    url, drop = build(PG_ADMIN if args.postgres else None)
    built = time.perf_counter() - started
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as db:
        event = db.scalar(select(Event).where(Event.slug == "ai-in-action-2027"))
        staff = db.scalar(select(User).where(User.email == "staff@demo.example.org"))
        university = staff.organisation_id
        student = db.scalar(
            select(CandidateProfile.id).where(CandidateProfile.university_id == university)
        )
        role = db.scalar(
            select(role_events.c.job_role_id).where(role_events.c.event_id == event.id)
        )
        event_id = event.id

    def change(i: int) -> None:
        with transaction(factory) as db:
            db.get(CandidateProfile, student).experience_years = 1 + i % 2
            db.get(JobRole, role).openings = 1 + i % 2

    settings = Settings(database_url=url, environment="development", index_dir="off")
    from talentfoundry.web.app import create_app

    pages = {
        "organiser dashboard": ("organiser", f"/organiser/events/{event_id}/dashboard"),
        "dashboard plot: registrations": (
            "organiser",
            f"/organiser/events/{event_id}/dashboard/registrations.svg",
        ),
        "dashboard plot: skills": (
            "organiser",
            f"/organiser/events/{event_id}/dashboard/skills.svg",
        ),
        "dashboard plot: sessions": (
            "organiser",
            f"/organiser/events/{event_id}/dashboard/sessions.svg",
        ),
        "staff skills gap page": ("staff", f"/staff/skills-gap?event_id={event_id}"),
        "skills gap plot (PNG)": ("staff", f"/staff/skills-gap.png?event_id={event_id}"),
        "skills gap CSV": ("staff", f"/staff/skills-gap.csv?event_id={event_id}"),
        "staff students page": ("staff", "/staff/students"),
        "API skills gap": (
            "api",
            f"/api/v1/universities/{university}/skills-gap?event_id={event_id}",
        ),
        "API skills-gap trend": ("api", f"/api/v1/universities/{university}/skills-gap-trend"),
    }
    results: dict[str, dict[str, dict[str, float]]] = {}
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + 300
        with make_session_factory(engine, write=False)() as db:
            while time.monotonic() < deadline and match_index.index_state(db).synced_at is None:
                time.sleep(1)
        if args.gc_freeze:  # what a server could do after its warm-up (see the report)
            gc.collect()
            gc.freeze()
        cookies: dict[str, Any] = {}
        for who, email in (
            ("organiser", "organiser@demo.example.org"),
            ("staff", "staff@demo.example.org"),
        ):
            login(client, email, DEMO_PASSWORD)
            cookies[who] = dict(client.cookies)
        client.cookies.clear()
        token = client.post(
            "/api/v1/auth/token",
            json={"email": "staff@demo.example.org", "password": DEMO_PASSWORD},
        ).json()["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}

        def request(who: str, path: str) -> float:
            client.cookies.clear()
            headers = bearer if who == "api" else {}
            if who != "api":
                for k, v in cookies[who].items():
                    client.cookies.set(k, v)
            t0 = time.perf_counter()
            response = client.get(path, headers=headers)
            elapsed = time.perf_counter() - t0
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.text[:300]}")
            return elapsed

        for name, (who, path) in pages.items():
            request(who, path)  # imports, fonts, templates: once per process, not per page
            times: dict[str, list[float]] = {"cold": [], "changed": [], "warm": []}
            for _ in range(args.cold):
                forget_caches()
                times["cold"].append(request(who, path))
            request(who, path)
            for i in range(args.changed):
                change(i)
                times["changed"].append(request(who, path))
            request(who, path)
            for _ in range(args.warm):
                times["warm"].append(request(who, path))
            results[name] = {
                mode: {
                    "n": len(v),
                    "p50_ms": 1000 * percentile(v, 50),
                    "p95_ms": 1000 * percentile(v, 95),
                    "max_ms": 1000 * max(v),
                }
                for mode, v in times.items()
                if v
            }
            row = results[name]
            print(
                f"{name:32s} "
                + "  ".join(
                    f"{m} p50 {row[m]['p50_ms']:7.1f} p95 {row[m]['p95_ms']:7.1f}" for m in row
                ),
                flush=True,
            )
    engine.dispose()
    drop()
    return {
        "label": args.label + (" (gc.freeze after warm-up)" if args.gc_freeze else ""),
        "database": "postgresql" if args.postgres else "sqlite",
        "build_s": round(built, 1),
        "load_average": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "results": results,
    }


def markdown(report: dict[str, Any]) -> str:
    head = (
        f"### {report['label'] or 'run'}: {report['database']}, {report['date']} "
        f"(1-minute load average at the end {report['load_average'][0]:.1f})\n\n"
        "| page | cold p50 | cold p95 | after a change p50 | after a change p95 "
        "| warm p50 | warm p95 |\n|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for name, row in report["results"].items():
        cells = []
        for mode in ("cold", "changed", "warm"):
            for q in ("p50_ms", "p95_ms"):
                cells.append(f"{row[mode][q]:.0f}" if mode in row else "-")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", action="store_true", help="a fresh PostgreSQL database")
    parser.add_argument("--cold", type=int, default=5, help="cold requests per page")
    parser.add_argument("--changed", type=int, default=20, help="requests after a change")
    parser.add_argument("--warm", type=int, default=50, help="warm requests per page")
    parser.add_argument("--label", default="", help="names the run in the output")
    parser.add_argument("--markdown", type=Path, help="append the table to this file")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="move everything alive after the warm-up out of the garbage collector's reach "
        "(gc.freeze), as a server could after start-up",
    )
    args = parser.parse_args()
    os.environ.setdefault("TALENTFOUNDRY_ENVIRONMENT", "development")
    report = run(args)
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = ("-" + args.label if args.label else "") + ("-gcfreeze" if args.gc_freeze else "")
    name = f"analytics-{report['database']}{suffix}.json"
    (OUT / name).write_text(json.dumps(report, indent=2))
    table = markdown(report)
    print(table)
    if args.markdown:
        with args.markdown.open("a") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
