"""Every setting and every command is documented in the README, where an operator looks first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from talentfoundry.cli import app
from talentfoundry.config import Settings

pytestmark = pytest.mark.unit

README = (Path(__file__).resolve().parents[3] / "README.md").read_text()


def test_every_setting_has_a_row_in_the_configuration_table() -> None:
    table = README[README.index("## Configuration") :]
    documented = set(re.findall(r"`([A-Z0-9_]+)`", table))
    settings = sorted(name.upper() for name in Settings.model_fields)
    assert [name for name in settings if name not in documented] == []


def test_every_command_is_in_the_command_table() -> None:
    names = [c.name for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    assert names, "no commands registered"
    command = typer.main.get_command(app)
    assert sorted(command.commands) == sorted(n for n in names if n)
    missing = [n for n in names if f"`foundry {n}" not in README]
    assert missing == []
