"""``foundry serve``: refused configurations end with one line and exit 2 before anything starts,
and ``--workers 2`` on PostgreSQL really runs two processes behind one port, with merged metrics
and JSON logs carrying the request id."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from typer.testing import CliRunner

from talentfoundry.cli import app
from talentfoundry.config import get_settings
from talentfoundry.store import migrate
from tests.integration.rush import free_port
from tests.integration.smtp_server import running_smtp_server

pytestmark = pytest.mark.integration

STRONG_SECRET = "kq3T8v0Rz_pLw2Nx5cYb7Hd9Jm4Fs6Gt-x1"
PRODUCTION = {
    "TALENTFOUNDRY_ENVIRONMENT": "production",
    "TALENTFOUNDRY_SECRET_KEY": STRONG_SECRET,
    "TALENTFOUNDRY_PUBLIC_URL": "https://fair.example.org",
}


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Records a server start instead of serving; fresh settings from the environment."""
    import uvicorn

    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_args, **kwargs: started.append(kwargs))
    get_settings.cache_clear()
    yield started
    get_settings.cache_clear()


def serve(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    get_settings.cache_clear()  # the command reads this call's environment
    result = CliRunner().invoke(app, ["serve", *args], env=env)
    return result.exit_code, result.output


def test_sqlite_with_several_workers_is_refused(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    code, output = serve("--workers", "2", "--database-url", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 2
    assert output.strip().splitlines() == [
        "error: SQLite allows one writer at a time: --workers 2 needs PostgreSQL "
        "(TALENTFOUNDRY_DATABASE_URL=postgresql://...); serve SQLite with --workers 1"
    ]
    assert not (tmp_path / "x.db").exists()  # refused before migrating anything
    assert no_server == []


def test_production_refuses_cookies_over_plain_http(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    env = {
        "TALENTFOUNDRY_ENVIRONMENT": "production",
        "TALENTFOUNDRY_SECRET_KEY": STRONG_SECRET,
        "TALENTFOUNDRY_COOKIE_SECURE": "false",
    }
    code, output = serve("--database-url", f"sqlite:///{tmp_path / 'x.db'}", env=env)
    assert code == 2
    assert output.startswith("error: TALENTFOUNDRY_COOKIE_SECURE=false in production")
    assert len(output.strip().splitlines()) == 1


def test_production_refuses_per_process_rate_limits_with_workers(
    no_server: list[dict[str, Any]], postgres_url: str
) -> None:
    env = {
        "TALENTFOUNDRY_ENVIRONMENT": "production",
        "TALENTFOUNDRY_SECRET_KEY": STRONG_SECRET,
        "TALENTFOUNDRY_RATE_LIMIT_URL": "memory://",
    }
    code, output = serve("--workers", "3", "--database-url", postgres_url, env=env)
    assert code == 2
    assert "3 workers allow 3 times the limit; use redis://" in output
    assert no_server == []


def test_production_checks_the_mail_server_before_starting(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    env = {**PRODUCTION}
    url = f"sqlite:///{tmp_path / 'x.db'}"
    closed = free_port()  # nothing listens there
    code, output = serve(
        "--database-url", url, env={**env, "TALENTFOUNDRY_SMTP_URL": f"smtp://127.0.0.1:{closed}"}
    )
    assert code == 2
    server = f"smtp://127.0.0.1:{closed}"
    assert output.startswith(f"error: TALENTFOUNDRY_SMTP_URL: the mail server {server} does not")
    assert no_server == []
    with running_smtp_server() as inbox:
        code, output = serve(
            "--database-url", url, env={**env, "TALENTFOUNDRY_SMTP_URL": inbox.url}
        )
    assert code == 0, output
    assert "warning: SQLite in production" in output
    assert len(no_server) == 1 and no_server[0]["proxy_headers"] is True
    assert inbox.messages == []  # checked, nothing sent


def test_production_refuses_e_mail_links_on_the_default_or_a_plain_http_address(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    unset = {k: v for k, v in PRODUCTION.items() if k != "TALENTFOUNDRY_PUBLIC_URL"}
    code, output = serve("--database-url", url, env=unset)  # the default
    assert code == 2
    assert output.strip().splitlines() == [
        "error: TALENTFOUNDRY_PUBLIC_URL is still http://127.0.0.1:8000: the links in e-mails "
        "would point at the reader's own computer; set the site's address, e.g. "
        "https://fair.example.org"
    ]
    plain = {**PRODUCTION, "TALENTFOUNDRY_PUBLIC_URL": "http://fair.example.org"}
    code, output = serve("--database-url", url, env=plain)
    assert code == 2
    assert output.startswith(
        "error: TALENTFOUNDRY_PUBLIC_URL=http://fair.example.org is not an https:// address"
    )
    assert no_server == []
    assert not (tmp_path / "x.db").exists()  # refused before migrating anything


def test_production_refuses_a_mail_server_password_sent_in_clear(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    remote = {**PRODUCTION, "TALENTFOUNDRY_SMTP_URL": "smtp://fair:s3cret@mail.example.org:587"}
    code, output = serve("--database-url", url, env=remote)
    assert code == 2
    assert output.strip().splitlines() == [
        "error: TALENTFOUNDRY_SMTP_URL logs in to mail.example.org over plain smtp://: the "
        "password would cross the network unencrypted; set TALENTFOUNDRY_SMTP_STARTTLS=true or "
        "use smtps://"
    ]
    assert no_server == []
    # On this machine the login never crosses a network: only the server's answer is checked.
    with running_smtp_server() as inbox:
        local = inbox.url.replace("smtp://", "smtp://fair:s3cret@")
        code, output = serve(
            "--database-url", url, env={**PRODUCTION, "TALENTFOUNDRY_SMTP_URL": local}
        )
    assert code == 2
    assert "over plain smtp://" not in output
    assert output.startswith("error: TALENTFOUNDRY_SMTP_URL: the mail server smtp://127.0.0.1:")


def test_production_without_a_mail_server_starts_with_a_warning(
    no_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    code, output = serve("--database-url", f"sqlite:///{tmp_path / 'x.db'}", env=PRODUCTION)
    assert code == 0, output
    assert (
        "warning: TALENTFOUNDRY_SMTP_URL is not set: e-mails (password resets, address "
        "confirmations) are kept in the admins' outbox and reach nobody"
    ) in output
    assert len(no_server) == 1


def _metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


@pytest.mark.slow
def test_two_workers_on_postgresql_serve_health_readiness_and_metrics(
    postgres_url: str, tmp_path: Path
) -> None:
    migrate.upgrade(postgres_url)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "TALENTFOUNDRY_ENVIRONMENT": "development",
        "TALENTFOUNDRY_LOG_FORMAT": "json",
        "TALENTFOUNDRY_LOG_LEVEL": "INFO",
        "TALENTFOUNDRY_RATE_LIMIT_URL": "memory://",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [sys.executable, "-c", "from talentfoundry.cli import main; main()", "serve"]
    command += ["--workers", "2", "--port", str(port), "--database-url", postgres_url]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    healthy = False
    try:
        deadline = time.monotonic() + 90
        while not healthy:
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "foundry serve did not answer within 90 s"
            try:
                healthy = httpx.get(base + "/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                time.sleep(0.3)
        ready = httpx.get(base + "/readyz", timeout=10)
        events = httpx.get(base + "/api/v1/events", headers={"X-Request-ID": "multi-42"})
        for _ in range(8):  # new connections: the workers share them out
            assert httpx.get(base + "/api/v1/events", timeout=10).status_code == 200
        metrics = httpx.get(base + "/metrics", timeout=10).text
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"
    assert events.status_code == 200
    assert events.headers["x-request-id"] == "multi-42"
    # Whichever worker answered the scrape, it counts every worker's requests.
    counted = _metric(metrics, "talentfoundry_http_requests_total", route="/api/v1/events")
    assert counted == 9
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    started = {line["pid"] for line in lines if line["message"] == "Application startup complete."}
    assert len(started) == 2, log.read_text()[-3000:]
    (access,) = [line for line in lines if line.get("request_id") == "multi-42"]
    assert access["route"] == "/api/v1/events"
    assert access["status"] == 200
    assert access["pid"] in started
