"""``foundry serve``: the web application, in one process or several (``--workers N``).

Several workers are uvicorn's own supervisor (``uvicorn.run(workers=N)``), not gunicorn: it
starts fresh (spawned, not forked) processes, restarts one that dies, replaces them one by one on
SIGHUP, and needs no second server package (docs/adr/0009-serving-processes.md). The workers build
the app from the environment (``create_app`` as a factory), so the command puts what it was given
on the command line there before they start, and prepares prometheus-client's multiprocess
directory so that ``/metrics`` answers for all of them.

The configuration is checked before anything starts: a problem that would make the deployment
wrong rather than fail (several SQLite writers, cookies sent over plain HTTP in production,
per-process rate limits shared by nobody, e-mail links on the default or a plain-http public URL,
a mail-server password sent in clear) stops the start with one line and exit status 2.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from talentfoundry.cli._common import fail

if TYPE_CHECKING:
    from talentfoundry.config import Settings

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # read by prometheus-client when it is imported


def serve(
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Override the database URL."
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="Worker processes (PostgreSQL only above 1); about one per CPU core.",
    ),
    proxy_headers: bool = typer.Option(
        True,
        "--proxy-headers/--no-proxy-headers",
        help="Take the client's address and scheme from X-Forwarded-For/-Proto, when sent by "
        "an address in --forwarded-allow-ips.",
    ),
    forwarded_allow_ips: str = typer.Option(
        "127.0.0.1",
        "--forwarded-allow-ips",
        help="Comma-separated addresses or networks of the reverse proxies to trust ('*': any).",
    ),
) -> None:
    """Serve the API (/api/v1, docs at /api/docs) and the pages; migrates the database first."""
    run_server(
        host=host,
        port=port,
        database_url=database_url,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def start_problems(settings: Settings, *, workers: int) -> tuple[list[str], list[str]]:
    """What stops the start, and what only deserves a warning, for these settings.

    >>> from talentfoundry.config import Settings
    >>> start_problems(Settings(database_url="sqlite:///x.db"), workers=2)[0][0][:45]
    'SQLite allows one writer at a time: --workers'
    """
    from talentfoundry.store.db import normalise_url

    refuse: list[str] = []
    warn: list[str] = []
    production = settings.environment == "production"
    sqlite = normalise_url(settings.database_url).startswith("sqlite")
    if sqlite and workers > 1:
        refuse.append(
            f"SQLite allows one writer at a time: --workers {workers} needs PostgreSQL "
            "(TALENTFOUNDRY_DATABASE_URL=postgresql://...); serve SQLite with --workers 1"
        )
    if production and settings.cookie_secure is False:
        refuse.append(
            "TALENTFOUNDRY_COOKIE_SECURE=false in production would send session cookies over "
            "plain HTTP; serve over HTTPS (deploy/nginx) and unset it"
        )
    if workers > 1 and settings.rate_limit_url.startswith("memory://"):
        message = (
            f"TALENTFOUNDRY_RATE_LIMIT_URL=memory:// counts sign-in attempts per process, so "
            f"{workers} workers allow {workers} times the limit; use redis://host:6379/0"
        )
        (refuse if production else warn).append(message)
    if production and sqlite:
        warn.append("SQLite in production: one process, one writer; PostgreSQL scales further")
    if production:
        refuse.extend(public_url_problems(settings))
        plain_login = smtp_plain_login(settings)
        if plain_login:
            refuse.append(plain_login)
        elif settings.smtp_url:
            problem = smtp_problem(settings)
            if problem:
                refuse.append(problem)
        else:
            warn.append(
                "TALENTFOUNDRY_SMTP_URL is not set: e-mails (password resets, address "
                "confirmations) are kept in the admins' outbox and reach nobody"
            )
    return refuse, warn


DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def public_url_problems(settings: Settings) -> list[str]:
    """Why ``public_url`` cannot be a production site's address: every link in an e-mail is
    built on it, so the default sends people to their own computer, and plain http hands a
    password-reset token to anyone on the way."""
    from urllib.parse import urlsplit

    url = settings.public_url.strip()
    if url.rstrip("/") == DEFAULT_PUBLIC_URL:
        return [
            f"TALENTFOUNDRY_PUBLIC_URL is still {DEFAULT_PUBLIC_URL}: the links in e-mails would "
            "point at the reader's own computer; set the site's address, e.g. "
            "https://fair.example.org"
        ]
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return [
            f"TALENTFOUNDRY_PUBLIC_URL={url} is not an https:// address: password-reset links "
            "would travel unencrypted; set the site's https address, e.g. https://fair.example.org"
        ]
    return []


def smtp_plain_login(settings: Settings) -> str | None:
    """Why an ``smtp://`` URL with a user name or password but no STARTTLS is refused, or None:
    the login would cross the network in clear text (a mail server on this machine excepted)."""
    from urllib.parse import urlsplit

    if not settings.smtp_url:
        return None
    parts = urlsplit(settings.smtp_url)
    if parts.scheme != "smtp" or not (parts.username or parts.password):
        return None
    if settings.smtp_starttls or (parts.hostname or "") in _LOCAL_HOSTS:
        return None
    return (
        f"TALENTFOUNDRY_SMTP_URL logs in to {parts.hostname} over plain smtp://: the password "
        "would cross the network unencrypted; set TALENTFOUNDRY_SMTP_STARTTLS=true or use smtps://"
    )


def smtp_problem(settings: Settings) -> str | None:
    """Why the configured mail server cannot take mail (connect, TLS, login), or None.

    Checked at start in production only: a wrong SMTP URL otherwise shows up hours later as
    password-reset e-mails that never arrive. Nothing is sent (the connection ends with QUIT).
    """
    import smtplib
    import ssl

    from talentfoundry.services import mail

    try:
        server = mail.smtp_server(settings)
    except ValueError as exc:
        return str(exc)
    if server is None:
        return None
    context = ssl.create_default_context()
    try:
        connection = (
            smtplib.SMTP_SSL(server.host, server.port, timeout=10, context=context)
            if server.tls
            else smtplib.SMTP(server.host, server.port, timeout=10)
        )
        with connection:
            if server.starttls:
                connection.starttls(context=context)
            if server.username:
                connection.login(server.username, server.password or "")
    except (OSError, smtplib.SMTPException) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            f"TALENTFOUNDRY_SMTP_URL: the mail server {server} does not take mail ({reason}); "
            "fix it, or unset it to keep e-mails in the outbox"
        )
    return None


def run_server(
    *,
    host: str,
    port: int,
    database_url: str | None,
    workers: int = 1,
    proxy_headers: bool = True,
    forwarded_allow_ips: str = "127.0.0.1",
) -> None:
    from talentfoundry.config import Settings, get_settings
    from talentfoundry.store import migrate

    settings = get_settings()
    if database_url:
        settings = Settings(**{**settings.model_dump(), "database_url": database_url})
    refuse, warn = start_problems(settings, workers=workers)
    if refuse:
        fail(refuse[0])
    for message in warn:
        typer.echo(f"warning: {message}", err=True)
    migrate.upgrade(settings.database_url)
    with ExitStack() as stack:
        if workers > 1 or os.environ.get(MULTIPROC_ENV):
            # Before prometheus-client is imported here: it reads the variable once, at import.
            stack.enter_context(_metrics_directory())
        options = options_for(settings, host, port)
        options.update(proxy_headers=proxy_headers, forwarded_allow_ips=forwarded_allow_ips)
        _run(settings, workers=workers, options=options)


def options_for(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """uvicorn's options, proxy settings aside: address, logging (ours, in every worker)."""
    from talentfoundry.web.request_context import log_config

    log_format, log_level = settings.logs
    return {
        "host": host,
        "port": port,
        "log_config": log_config(log_format, log_level),
        "log_level": log_level.lower(),
        "access_log": False,  # one line per request with its id: web/request_context.py
    }


def _run(settings: Settings, *, workers: int, options: dict[str, Any]) -> None:
    import uvicorn

    host, port = options["host"], options["port"]
    typer.echo(
        f"Talent Foundry on http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)"
        + (f", {workers} workers" if workers > 1 else "")
    )
    if workers == 1:
        from talentfoundry.web.app import create_app

        uvicorn.run(create_app(settings), **options)
        return
    # The workers read their settings from the environment: hand over the database given here.
    os.environ["TALENTFOUNDRY_DATABASE_URL"] = settings.database_url
    uvicorn.run("talentfoundry.web.app:create_app", factory=True, workers=workers, **options)


@contextmanager
def _metrics_directory() -> Iterator[Path]:
    """``PROMETHEUS_MULTIPROC_DIR`` for the workers: the operator's (emptied, as prometheus-client
    requires at each start) or a fresh temporary one, removed at the end."""
    given = os.environ.get(MULTIPROC_ENV)
    path = Path(given) if given else Path(tempfile.mkdtemp(prefix="talentfoundry-metrics-"))
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.db"):
        old.unlink()
    os.environ[MULTIPROC_ENV] = str(path)
    try:
        yield path
    finally:
        if not given:
            shutil.rmtree(path, ignore_errors=True)
            os.environ.pop(MULTIPROC_ENV, None)
