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


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    code = "import dlm.settings"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DLM_DEBUG": "0", "DLM_SECRET_KEY": "", "DLM_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "DLM_SECRET_KEY must be set" in result.stderr
