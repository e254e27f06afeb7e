"""``foundry serve``: the web application."""

from __future__ import annotations

import typer


def serve(
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Override the database URL."
    ),
) -> None:
    """Serve the API (/api/v1, docs at /api/docs) and the pages; migrates the database first."""
    run_server(host=host, port=port, database_url=database_url)


def run_server(*, host: str, port: int, database_url: str | None) -> None:
    import uvicorn

    from talentfoundry.config import Settings, get_settings
    from talentfoundry.store import migrate
    from talentfoundry.web.app import create_app

    settings = get_settings()
    if database_url:
        settings = Settings(**{**settings.model_dump(), "database_url": database_url})
    migrate.upgrade(settings.database_url)
    typer.echo(
        f"Talent Foundry on http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
