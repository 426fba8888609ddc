"""Backup and restore: one archive with the whole database and a manifest of checksums.

Everything users gave DLM lives in the database — uploads, evidence, kept files are binary
columns — so the archive is the database (an online copy while the site runs) plus the
installation's secret key (sessions and signed links stay valid after a restore) and
``manifest.json``: what each file's SHA-256 is and how many rows each table held. A restore
checks every checksum before touching anything, refuses a database that already holds data,
and checks every table's rows against the manifest afterwards.

SQLite: the online backup API (a consistent copy while requests write). PostgreSQL:
``pg_dump --format=custom`` (a consistent snapshot), restored with ``pg_restore``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """What went wrong, in words for the administrator."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Rows per table of the database DLM runs on (Django's tables and ours)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 - a table's own name
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env() -> tuple[list[str], dict]:
    """pg_dump/pg_restore connection options from the database settings (the password in
    the environment, never on the command line)."""
    db = settings.DATABASES["default"]
    options = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            options += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return options, env


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # online: a consistent copy
        finally:
            destination.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        options, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *options, name],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return target
    raise BackupError(f"不支持的数据库：{connection.vendor}")


def backup(archive: Path) -> dict:
    """Write the archive; returns its manifest."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [_dump_database(folder)]
        key = Path(settings.VAR_DIR) / "secret_key"
        if key.exists() and not os.environ.get("DLM_SECRET_KEY"):
            shutil.copy2(key, folder / "secret_key")
            files.append(folder / "secret_key")
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "files": {f.name: {"sha256": _sha256(f), "size": f.stat().st_size} for f in files},
            "tables": table_counts(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            for path in [folder / MANIFEST, *files]:
                tar.add(path, arcname=path.name)
        partial.replace(archive)  # never a half-written archive under the real name
    os.chmod(archive, 0o600)  # it holds everything, password hashes included
    return manifest


def _extract_flat(tar: tarfile.TarFile, folder: Path) -> None:
    """Our archives hold a few plain files side by side; anything else (a path, a link, a
    device) is refused. Written out by hand: ``extractall(filter=...)`` is missing from the
    Python 3.11 that Debian 12 ships (3.11.2)."""
    for member in tar.getmembers():
        name = member.name
        if not member.isfile() or "/" in name or "\\" in name or name.startswith("."):
            raise BackupError(f"备份文件中有不应出现的条目：{name}")
        source = tar.extractfile(member)
        if source is None:
            raise BackupError(f"备份文件中的 {name} 无法读取")
        with source, open(folder / name, "wb") as target:
            shutil.copyfileobj(source, target)


def read_manifest(archive: Path, folder: Path) -> dict:
    """Unpack into ``folder`` and check every file against the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            _extract_flat(tar, folder)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"备份文件无法读取：{error}") from None
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError("备份文件中没有有效的 manifest.json") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不是本版本的格式 {FORMAT}")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.exists() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"备份中的 {name} 校验和不符：文件已损坏或被改动，未做任何恢复")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if not tables:
        return True
    counts = table_counts()
    return not any(counts.values())


def restore(archive: Path) -> dict:
    """Restore the archive into the configured, empty database; returns its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = read_manifest(Path(archive), folder)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"备份来自 {manifest['engine']} 数据库，当前配置的是 {connection.vendor}"
            )
        if not _database_is_empty():
            raise BackupError("目标数据库已有数据：请恢复到一个新建的空数据库")
        if connection.vendor == "sqlite":
            _restore_sqlite(folder / "database.sqlite3")
        else:
            _restore_postgresql(folder / "database.pgdump")
        key = folder / "secret_key"
        target = Path(settings.VAR_DIR) / "secret_key"
        if key.exists() and not os.environ.get("DLM_SECRET_KEY"):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(key, target)
            os.chmod(target, 0o600)
    restored = table_counts()
    different = {
        table: (count, restored.get(table))
        for table, count in manifest["tables"].items()
        if restored.get(table) != count
    }
    if different:
        raise BackupError(f"恢复后各表行数与备份不符：{different}")
    return manifest


def _restore_sqlite(dump: Path) -> None:
    connection.close()
    name = Path(settings.DATABASES["default"]["NAME"])
    source = sqlite3.connect(dump)
    target = sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgresql(dump: Path) -> None:
    connection.close()
    options, env = _pg_env()
    name = settings.DATABASES["default"]["NAME"]
    result = subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", name, *options, str(dump)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")


def manifest_text(manifest: dict) -> str:
    buffer = io.StringIO()
    rows = sum(manifest["tables"].values())
    buffer.write(f"{manifest['engine']}，{len(manifest['tables'])} 张表，共 {rows} 行；")
    buffer.write("、".join(f"{n}（{f['size']} 字节）" for n, f in manifest["files"].items()))
    return buffer.getvalue()
