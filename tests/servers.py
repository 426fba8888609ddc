"""Running DLM as an administrator does, in subprocesses: a database of its own on the
suite's server (PostgreSQL when the suite runs on it, else SQLite in a var directory), the
``dlm`` command with a production-like environment."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from django.db import connection

DLM = [sys.executable, "-m", "dlm.cli"]
SRC = str(Path(__file__).resolve().parents[1] / "src")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(name: str) -> tuple[str, Callable[[], None]]:
    """(DLM_DATABASE_URL, drop): a new empty PostgreSQL database when the suite runs on
    PostgreSQL, dropped by ``drop``; "" (SQLite in the var directory) otherwise."""
    if connection.vendor != "postgresql":
        return "", lambda: None
    import psycopg

    settings = connection.settings_dict
    admin = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://{admin['user']}@{admin['host']}:{admin['port']}/{name}", drop


def environment(var_dir: Path, database_url: str, **extra: str) -> dict:
    env = {
        **os.environ,
        "DLM_DEBUG": "0",
        "DLM_VAR_DIR": str(var_dir),
        "DLM_DATABASE_URL": database_url,
        "DLM_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": SRC,
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DLM_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' own, not production's
    return env | extra  # a key given here (DLM_SECRET_KEY) wins over the pops above


def dlm(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DLM, *args], env=env, check=check, capture_output=True, text=True, timeout=300
    )


def a_secret() -> str:
    return secrets.token_urlsafe(50)
