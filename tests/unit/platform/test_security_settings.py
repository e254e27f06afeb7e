"""Production refuses weak secret keys with one clear sentence, and turns on Secure cookies and
HSTS by default; the CLI turns a refused setting into one line and exit status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from talentfoundry.config import DEV_SECRET, Settings

pytestmark = pytest.mark.unit

STRONG = "kq3T8v0Rz_pLw2Nx5cYb7Hd9Jm4Fs6Gt-Qe1"


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (DEV_SECRET, "is the development default"),
        ("x", "is 1 characters long, shorter than 32"),
        ("ab" * 30, "has only 2 distinct characters (at least 10 needed)"),
        ("0123456780123456780123456780123456", "has only 9 distinct characters"),
    ],
)
def test_production_refuses_a_weak_secret_key(secret: str, reason: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(environment="production", secret_key=secret)
    message = raised.value.errors()[0]["msg"]
    assert message.startswith(f"Value error, TALENTFOUNDRY_SECRET_KEY {reason}")
    assert "\n" not in message


def test_a_strong_secret_is_accepted_and_production_defaults_to_https_only() -> None:
    production = Settings(environment="production", secret_key=STRONG)
    assert production.https_only is True
    assert Settings(environment="development").https_only is False
    assert Settings(environment="test", cookie_secure=True).https_only is True
    behind_plain_http = Settings(environment="production", secret_key=STRONG, cookie_secure=False)
    assert behind_plain_http.https_only is False
    # Development keeps working with the default key (a laptop demo needs no set-up).
    assert Settings(environment="development").secret_key == DEV_SECRET


def test_the_cli_says_it_in_one_line_and_exits_2() -> None:
    env = {
        "TALENTFOUNDRY_ENVIRONMENT": "production",
        "TALENTFOUNDRY_SECRET_KEY": "x",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from talentfoundry.cli import main; main()", "db", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: TALENTFOUNDRY_SECRET_KEY is 1 characters long")
