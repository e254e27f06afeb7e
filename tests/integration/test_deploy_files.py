"""The example deployment in ``deploy/`` is one an operator can install as it is: nginx accepts the
site configuration (``nginx -t``), systemd accepts the units (``systemd-analyze verify``), the
commands they run are real ``foundry`` commands with real options, and nginx lets through the
largest request the app accepts.

nginx comes from Debian (``scripts/install_nginx.sh``, run by ``make test``); without it the nginx
check skips, except under CI=true, where it fails.
"""

from __future__ import annotations

import configparser
import datetime
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from talentfoundry.cli import app
from talentfoundry.config import Settings
from talentfoundry.web.body_limit import upload_body_limit

pytestmark = pytest.mark.integration

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SITE = DEPLOY / "nginx" / "talentfoundry.conf"
UNITS = sorted((DEPLOY / "systemd").glob("talentfoundry-*"))
CERT = "/etc/letsencrypt/live/fair.example.org/fullchain.pem"
KEY = "/etc/letsencrypt/live/fair.example.org/privkey.pem"
FOUNDRY = "/opt/talentfoundry/venv/bin/foundry"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).is_file()), None
    )
    if found is None:
        message = "nginx is not installed (scripts/install_nginx.sh installs Debian's)"
        if IN_CI:
            pytest.fail(message + "; CI=true: the nginx check must run")
        pytest.skip(message)
    return found


def _throwaway_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed pair for ``nginx -t``, which loads the certificate files it is given."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fair.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_nginx_accepts_the_site_configuration(tmp_path: Path) -> None:
    nginx = _nginx()
    site = SITE.read_text()
    assert CERT in site and KEY in site
    cert, key = _throwaway_certificate(tmp_path)
    # Only the certificate paths change: everything else is checked as shipped.
    (tmp_path / "site.conf").write_text(site.replace(CERT, str(cert)).replace(KEY, str(key)))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http {\n"
        "    access_log off;\n"
        f"    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/site.conf;\n"
        "}\n"
    )
    check = [nginx, "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
    check += ["-c", str(tmp_path / "nginx.conf")]
    result = subprocess.run(check, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    # A broken copy is refused, so the check above means something.
    (tmp_path / "site.conf").write_text(site.replace(CERT, str(cert)).replace(KEY, str(key))[:-3])
    broken = subprocess.run(check, capture_output=True, text=True, check=False)
    assert broken.returncode != 0


def _megabytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()  # type: ignore[union-attr]
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def test_nginx_passes_the_largest_request_the_app_accepts() -> None:
    site = SITE.read_text()
    (limit,) = re.findall(r"client_max_body_size\s+(\w+);", site)
    app_limit = upload_body_limit(Settings())
    # At least the app's limit, so the app answers with its own message; not far beyond it.
    assert app_limit <= _megabytes(limit) <= 2 * app_limit
    assert "proxy_set_header X-Request-ID $talentfoundry_request_id;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "location /static/" in site


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


def test_units_run_real_foundry_commands() -> None:
    assert {p.name for p in UNITS} >= {
        "talentfoundry-web.service",
        "talentfoundry-index.service",
        "talentfoundry-index.timer",
        "talentfoundry-mail.service",
        "talentfoundry-mail.timer",
    }
    group = typer.main.get_command(app)
    commands = []
    for path in UNITS:
        unit = _unit(path)
        if path.suffix == ".timer":
            assert unit["Timer"]["Unit"] in {p.name for p in UNITS}
            continue
        argv = shlex.split(unit["Service"]["ExecStart"])
        assert argv[0] == FOUNDRY
        command = group.commands[argv[1]]  # type: ignore[attr-defined]
        command.make_context(argv[1], argv[2:])  # unknown options raise a usage error
        commands.append(argv[1])
    assert sorted(commands) == ["index", "mail", "serve"]


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not available; the units were parsed above")
    foundry = str(Path(sys.executable).with_name("foundry"))  # this checkout's, as installed
    assert Path(foundry).is_file()
    copies = []
    for path in UNITS:  # the executable where this checkout installed it, nothing else changed
        copy = tmp_path / path.name
        copy.write_text(path.read_text().replace(FOUNDRY, foundry))
        copies.append(str(copy))
    result = subprocess.run(
        [analyze, "verify", "--man=no", *copies], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
