"""A benchmark's own PostgreSQL database on this machine's server, made afresh."""

from __future__ import annotations

import subprocess

SERVER = "postgres://postgres@127.0.0.1:5432"


def recreate(name: str) -> str:
    """Drop and create database ``name``; returns its DLM_DATABASE_URL."""
    subprocess.run(
        [
            "psql",
            "-q",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-c",
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
            "-c",
            f"CREATE DATABASE {name}",
        ],
        check=True,
    )
    return f"{SERVER}/{name}"
