"""The embedded default: an SQLite file under var/ in WAL mode with a busy timeout."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
from django.db import connection
with connection.cursor() as c:
    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]
    c.execute('PRAGMA busy_timeout'); timeout = c.fetchone()[0]
print(connection.vendor, connection.settings_dict['NAME'], mode, timeout)
"""


def run_probe(env: dict) -> str:
    code = "import django; django.setup()\n" + PROBE
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dlm.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_zero_configuration_gives_sqlite_in_wal_mode(tmp_path):
    out = run_probe({"DLM_VAR_DIR": str(tmp_path), "DLM_DATABASE_URL": ""})

    vendor, name, mode, timeout = out.split()
    assert (vendor, name, mode) == ("sqlite", str(tmp_path / "dlm.sqlite3"), "wal")
    assert int(timeout) >= 5000


def test_without_a_secret_key_one_is_made_once_and_kept_private(tmp_path):
    """No known key is ever used: an installation without DLM_SECRET_KEY makes its own, keeps
    it in the var directory readable by its owner only, and reads the same one next time."""
    code = "import dlm.settings as s; print(s.SECRET_KEY, s.DEBUG)"
    env = {**os.environ, "DLM_SECRET_KEY": "", "DLM_VAR_DIR": str(tmp_path)}
    env.pop("DLM_DEBUG", None)

    def key() -> str:
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    first, second = key(), key()
    assert first == second and first.endswith(" False")  # debugging off unless asked for
    assert len(first.split()[0]) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_documented_https_configuration_passes_the_deployment_check(tmp_path):
    """docs/deploy.md's /etc/dlm.env (HTTPS): `dlm check --deploy` finds nothing."""
    env = {
        **os.environ,
        "DLM_VAR_DIR": str(tmp_path),
        "DLM_ALLOWED_HOSTS": "dlm.example.gov.cn,10.1.2.3",
        "DLM_HTTPS": "1",
        "DLM_DATABASE_URL": "",
    }
    env.pop("DLM_DEBUG", None)
    env.pop("DLM_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests, never in production
    result = subprocess.run(
        [sys.executable, "-m", "dlm.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
