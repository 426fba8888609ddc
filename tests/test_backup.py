"""Backup and restore (issue 20): the demo backed up from a running installation and restored
into a new empty database on the engine the suite runs on (SQLite, and PostgreSQL in CI's second
run); every table's rows and every file's checksum are the same afterwards. A damaged archive
or a database already in use is refused before anything is changed."""

from __future__ import annotations

import json
import os
import tarfile

import pytest

from tests.servers import dlm, environment, fresh_database

# every table's rows as a digest: binary columns as hex, rows sorted (no order assumed)
TABLES = """
import hashlib, json
import django
django.setup()
from django.db import connection
out = {}
with connection.cursor() as c:
    for table in sorted(connection.introspection.table_names(c)):
        c.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = sorted(
            repr([bytes(v).hex() if isinstance(v, (bytes, memoryview)) else str(v) for v in row])
            for row in c.fetchall()
        )
        out[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


def tables(env) -> dict:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", TABLES],
        env={**env, "DJANGO_SETTINGS_MODULE": "dlm.settings"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@pytest.fixture
def installations(tmp_path, db):
    made = []

    def make(name: str):
        url, drop = fresh_database(f"dlm_{name}_{os.getpid()}")
        made.append(drop)
        folder = tmp_path / name
        folder.mkdir()
        return environment(folder, url)

    yield make
    for drop in made:
        drop()


def test_the_demo_round_trips_through_a_backup(installations, tmp_path):
    source, target = installations("source"), installations("target")
    dlm(source, "migrate", "--noinput")
    dlm(source, "demo")
    archive = tmp_path / "dlm.tar.gz"

    done = dlm(source, "backup", str(archive))
    assert "已备份到" in done.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "secret_key" in names

    restored = dlm(target, "restore", str(archive))

    assert "各表行数与备份一致" in restored.stdout
    before, after = tables(source), tables(target)
    assert before == after
    assert sum(count for count, _ in after.values()) > 500
    # the installation's key came along: sessions and signed links stay valid
    assert (tmp_path / "source" / "secret_key").read_bytes() == (
        tmp_path / "target" / "secret_key"
    ).read_bytes()

    again = dlm(target, "restore", str(archive), check=False)
    assert again.returncode != 0 and "目标数据库已有数据" in again.stderr


def test_a_damaged_archive_is_refused_before_anything_is_restored(installations, tmp_path):
    source, target = installations("damaged_source"), installations("damaged_target")
    dlm(source, "migrate", "--noinput")
    archive = tmp_path / "dlm.tar.gz"
    dlm(source, "backup", str(archive))
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            (unpacked / member.name).write_bytes(tar.extractfile(member).read())
    dump = next(p for p in unpacked.iterdir() if p.name.startswith("database"))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for path in unpacked.iterdir():
            tar.add(path, arcname=path.name)

    refused = dlm(target, "restore", str(damaged), check=False)

    assert refused.returncode != 0 and "校验和不符" in refused.stderr
    assert tables(target) == {} or not any(count for count, _ in tables(target).values())


def test_an_archive_with_paths_or_links_is_refused(installations, tmp_path):
    import io

    target = installations("hostile_target")
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as tar:
        data = b"{}"
        entry = tarfile.TarInfo("../../etc/evil")
        entry.size = len(data)
        tar.addfile(entry, io.BytesIO(data))

    refused = dlm(target, "restore", str(hostile), check=False)

    assert refused.returncode != 0 and "不应出现的条目" in refused.stderr
    assert not (tmp_path.parent / "etc" / "evil").exists()
