"""The copy index in PostgreSQL at a province's scale, against the in-memory index (issue 21).

Run by hand (a database of its own; it is dropped and created):

    .venv/bin/python bench/copydb.py --docs 100000 [--gin] [--queries 200]
    .venv/bin/python bench/copydb.py --docs 1000000

Texts are not generated at this scale — fingerprinting 10^6 texts would take the benchmark an
hour and measures nothing new. The postings are synthetic but shaped as the product's are
(bench/copyscenarios.py measures the texts): 250-550 fingerprints a document (a 3,000-6,500
character material, one fingerprint per ~12 characters); a third of them from the genre's
common language, Zipf-distributed over 50,000 keys (a few held by nearly every material);
one document in twenty carries a passage of 40 fingerprints shared with others (clusters of
2 to 200); ids in the order written, five campaigns, teams of eight. They are loaded with
binary COPY into the table the migrations create, under its primary key.

Measured, each in the same run:
- ingest: binary COPY of all postings, then the primary key built; and the product's own
  insert of one more document (postings.add) into the loaded table, p50;
- the candidate stage of a check (postings of the text's fingerprints → common language →
  ranking), in a fresh worker process with no warm-up: first check, p50, p99, the worker's
  peak RSS; against the in-memory index built from the same postings (its build time and
  memory);
- database size (table + index); with --gin, the same corpus as one int4[] a document under a
  GIN index, queried per fingerprint, for the comparison the issue asks for.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.databases import SERVER, recreate  # noqa: E402

CHUNK = 20_000  # documents generated and copied at a time
COMMON_KEYS = 50_000
GROUPS = [-1, 2022, 2023, 2024, 2025, 2026]  # the library and five campaigns
SHARED_PASSAGES = 5_000


def setup(database: str) -> None:
    os.environ["DLM_DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
    os.environ.setdefault("DLM_VAR_DIR", "/tmp/dlm-copydb-bench")
    import django

    django.setup()


# -- the corpus ---------------------------------------------------------------------------
def corpus_chunk(rng: np.random.Generator, lo: int, hi: int, total: int):
    """Sorted distinct (fp, doc) of documents lo..hi, with their campaign and unit."""
    count = hi - lo
    lengths = rng.integers(250, 551, count)
    doc = np.repeat(np.arange(lo, hi, dtype=np.int64), lengths)
    fp = rng.integers(-(2**31), 2**31, len(doc), dtype=np.int64)
    common = rng.random(len(doc)) < 0.33
    fp[common] = rng.zipf(1.3, int(common.sum())) % COMMON_KEYS
    shared_docs = np.flatnonzero(rng.random(count) < 0.05)
    passages = rng.zipf(1.6, len(shared_docs)) % SHARED_PASSAGES
    # a passage's 40 keys follow from its number, so every holder of it shares them
    passage_keys = [
        np.random.default_rng(int(passage)).integers(2**20, 2**31, 40) for passage in passages
    ]
    doc = np.concatenate([doc, np.repeat(lo + shared_docs, 40)])
    fp = np.concatenate([fp, *passage_keys])
    packed = np.unique((fp.astype(np.int64) << 32) | doc)  # distinct, sorted by fp then doc
    fp, doc = (packed >> 32).astype(np.int32), (packed & 0xFFFFFFFF).astype(np.int32)
    doc = doc * 2  # a material version's encoded id
    campaign = (2022 + (doc // 2) * 5 // total).astype(np.int16)
    unit = ((doc // 2) % max(1, total // 5) // 8).astype(np.int32)
    return fp, doc, campaign, unit


def pgcopy(fp, doc, campaign, unit) -> bytes:
    """PostgreSQL's binary COPY format for (integer, integer, smallint, integer) rows."""
    row = np.dtype(
        [
            ("n", ">i2"),
            ("l1", ">i4"),
            ("fp", ">i4"),
            ("l2", ">i4"),
            ("doc", ">i4"),
            ("l3", ">i4"),
            ("campaign", ">i2"),
            ("l4", ">i4"),
            ("unit", ">i4"),
        ]
    )
    rows = np.empty(len(fp), dtype=row)
    rows["n"], rows["l1"], rows["l2"], rows["l3"], rows["l4"] = 4, 4, 4, 2, 4
    rows["fp"], rows["doc"], rows["campaign"], rows["unit"] = fp, doc, campaign, unit
    return rows.tobytes()


def load(docs: int, seed: int, gin: bool, asked: set[int]) -> tuple[dict, object, dict]:
    from django.db import connection

    from dlm.textcheck.copying.index import FingerprintIndex

    rng = np.random.default_rng(seed)
    figures: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE preparation_copyposting DROP CONSTRAINT preparation_copyposting_pkey"
        )
        if gin:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS intarray")
            cursor.execute("CREATE TABLE gin_doc (doc integer PRIMARY KEY, fps integer[])")
    keys_parts, groups, queries = [], {}, {}
    copied = memory_build = 0.0
    total_rows = 0
    raw = connection.connection
    for lo in range(0, docs, CHUNK):
        fp, doc, campaign, unit = corpus_chunk(rng, lo, min(docs, lo + CHUNK), docs)
        total_rows += len(fp)
        for query in asked & set(range(2 * lo, 2 * min(docs, lo + CHUNK), 2)):
            queries[query] = fp[doc == query]  # the text a user saves, as its keys
        start = time.perf_counter()
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY preparation_copyposting (fp, doc, campaign, unit) FROM STDIN (FORMAT BINARY)"
            ) as copy,
        ):
            copy.write(b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8)
            copy.write(pgcopy(fp, doc, campaign, unit))
            copy.write(b"\xff\xff")
        raw.commit()
        copied += time.perf_counter() - start
        if gin:
            order = np.argsort(doc, kind="stable")
            bounds = np.flatnonzero(np.diff(doc[order])) + 1
            with raw.cursor() as cur, cur.copy("COPY gin_doc (doc, fps) FROM STDIN") as copy:
                for d, part in zip(
                    doc[order][np.concatenate(([0], bounds))],
                    np.split(fp[order], bounds),
                    strict=True,
                ):
                    copy.write_row((int(d), part.tolist()))
            raw.commit()
        start = time.perf_counter()
        keys_parts.append(
            (
                (fp.astype(np.int64).astype(np.uint64) << np.uint64(32))
                & np.uint64(0xFFFFFFFF00000000)
            )
            | doc.astype(np.uint64)
        )
        first = np.unique(doc, return_index=True)[1]
        for d, c, u in zip(doc[first], campaign[first], unit[first], strict=True):
            groups[int(d)] = (int(c), int(u))
        memory_build += time.perf_counter() - start
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(
            "ALTER TABLE preparation_copyposting ADD CONSTRAINT preparation_copyposting_pkey "
            "PRIMARY KEY (fp, campaign, doc, unit)"
        )
        keyed = time.perf_counter() - start
        cursor.execute("VACUUM ANALYZE preparation_copyposting")
        cursor.execute("SELECT pg_total_relation_size('preparation_copyposting')")
        figures["db_bytes"] = cursor.fetchone()[0]
        if gin:
            start = time.perf_counter()
            cursor.execute("CREATE INDEX gin_doc_fps ON gin_doc USING gin (fps gin__int_ops)")
            figures["gin_index_s"] = time.perf_counter() - start
            cursor.execute("VACUUM ANALYZE gin_doc")
            cursor.execute("SELECT pg_total_relation_size('gin_doc')")
            figures["gin_bytes"] = cursor.fetchone()[0]
    figures.update(rows=total_rows, copy_s=copied, key_s=keyed)
    # the in-memory index of the same postings, as a worker used to build it
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = FingerprintIndex()
    index._keys = np.sort(np.concatenate(keys_parts))
    del keys_parts
    for d, (c, u) in groups.items():
        index.set_group(d, campaign=c, unit=u)
        index.signatures[d] = np.zeros(1, np.uint32)
    figures["memory_build_s"] = memory_build + time.perf_counter() - start
    figures["memory_mb"] = index.memory_bytes() / 2**20
    figures["memory_rss_growth_mb"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    ) / 1024
    return figures, index, queries


def query_docs(docs: int, queries: int, seed: int) -> list[int]:
    rng = np.random.default_rng(seed + 1)
    return sorted(set((rng.integers(0, docs, queries) * 2).tolist()))


def fingerprints_of(keys: np.ndarray) -> np.ndarray:
    """A document's keys as the check's 64-bit fingerprints."""
    return keys.astype(np.int64).astype(np.uint64) << np.uint64(32)


def candidates(index, fingerprints: np.ndarray, exclude: int):
    """The check's candidate stage (textcheck/copying/check.py): postings, common language,
    ranking."""
    fp, docs = index.postings(fingerprints)
    frequent = index.common_mask(fingerprints, fp, docs)
    weights = np.where(frequent, 0.25, 1.0)
    return index.rank(fp, docs, weights, exclude=exclude, limit=24)


def worker(database: str, path: str, gin: bool) -> None:
    """A fresh worker process: no warm-up, nothing loaded before its first check."""
    setup(database)
    from django.db import connection

    from dlm.preparation.postings import DatabaseIndex

    stored = np.load(path)
    queries = {int(name): fingerprints_of(stored[name]) for name in sorted(stored.files, key=int)}
    timings, gin_timings, found = [], [], {}
    for doc, fingerprints in queries.items():
        start = time.perf_counter()
        ranked = candidates(DatabaseIndex(GROUPS), fingerprints, doc)
        timings.append(time.perf_counter() - start)
        found[doc] = [d for d, _ in ranked[:5]]
    # resident memory now (ru_maxrss would count the parent's peak, inherited at fork)
    status = Path("/proc/self/status").read_text()
    rss = int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])
    rss /= 1024
    for fingerprints in queries.values() if gin else []:
        if gin:
            keys = (fingerprints >> np.uint64(32)).astype(np.uint32).view(np.int32).tolist()
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT d.doc, count(*) FROM unnest(%s::integer[]) AS q(fp) "
                    "JOIN gin_doc d ON d.fps @> ARRAY[q.fp] GROUP BY d.doc "
                    "ORDER BY 2 DESC LIMIT 24",
                    [keys],
                )
                cursor.fetchall()
            gin_timings.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "timings": timings,
                "gin": gin_timings,
                "rss_mb": rss,
                "found": found,
            }
        )
    )


def percentile(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--memory-queries",
        type=int,
        default=200,
        help="of those, how many the in-memory index answers (it needs seconds each at 10^6)",
    )
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--gin", action="store_true")
    parser.add_argument("--database", default="dlm_copydb_bench")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the queries' .npz
    args = parser.parse_args()
    if args.worker:
        worker(args.database, args.worker, args.gin)
        return
    recreate(args.database)
    setup(args.database)
    from django.core.management import call_command
    from django.db import connection, transaction

    from dlm.preparation import postings

    call_command("migrate", verbosity=0)
    docs = query_docs(args.docs, args.queries, args.seed)
    figures, memory, queries = load(args.docs, args.seed, args.gin, set(docs))
    connection.close()
    path = Path(tempfile.mkdtemp(prefix="dlm-copydb-")) / "queries.npz"
    np.savez(path, **{str(doc): keys for doc, keys in queries.items()})
    out = subprocess.run(
        [sys.executable, __file__, "--database", args.database, "--worker", str(path)]
        + (["--gin"] if args.gin else []),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    # the in-memory index on the same queries, in this process
    memory_timings, copies, agree = [], 0, 0
    for doc in docs[: args.memory_queries]:
        found = result["found"][str(doc)]
        fingerprints = fingerprints_of(queries[doc])
        start = time.perf_counter()
        ranked = candidates(memory, fingerprints, doc)
        memory_timings.append(time.perf_counter() - start)
        if ranked and ranked[0][1] >= 20:  # a shared passage, not common language alone
            copies += 1
            # the database's first candidate shares the passage too (for a passage held by
            # hundreds it is the earliest holder, where the in-memory index may rank another)
            fp, held = memory.postings(fingerprints)
            weights = np.where(memory.common_mask(fingerprints, fp, held), 0.25, 1.0)
            theirs = memory.rank(fp, held, weights, allowed=set(found[:1]), limit=1)
            agree += bool(theirs) and theirs[0][1] >= 20
            if os.environ.get("BENCH_DEBUG"):
                print("query", doc, "memory", ranked[:3], "database", found, theirs)
    # one more document saved through the product's own insert
    adds = []
    rng = np.random.default_rng(args.seed + 2)
    for n in range(50):
        fingerprints = rng.integers(0, 2**63, 400, dtype=np.uint64)
        with transaction.atomic():
            start = time.perf_counter()
            postings.add((args.docs + n) * 2, fingerprints, campaign=2026, unit=1)
            adds.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    timings = result["timings"]
    rows = figures["rows"]
    print(f"\n{args.docs:,} documents, {rows:,} postings ({rows / args.docs:.0f} a document)\n")
    print("| measure | PostgreSQL postings (B-tree) | in-memory index | target |")
    print("| --- | --- | --- | --- |")
    print(
        f"| build: load, s | COPY {figures['copy_s']:.0f} + key {figures['key_s']:.0f} "
        f"| {figures['memory_build_s']:.0f} per worker start | |"
    )
    print(f"| one document saved, ms p50 | {statistics.median(adds) * 1000:.1f} | | |")
    print(
        f"| first check in a fresh worker, ms | {timings[0] * 1000:.0f} "
        f"| after {figures['memory_build_s']:.0f} s of loading | no warm-up |"
    )
    print(
        f"| candidates p50 / p99, ms | {percentile(timings, 0.5):.1f} / "
        f"{percentile(timings, 0.99):.1f} | {percentile(memory_timings, 0.5):.1f} / "
        f"{percentile(memory_timings, 0.99):.1f} | ≤ 30 / ≤ 50 |"
    )
    print(
        f"| worker memory, MB | {result['rss_mb']:.0f} (RSS after the checks) | "
        f"{figures['memory_mb']:.0f} (index alone) | independent of corpus |"
    )
    print(f"| database size, MB | {figures['db_bytes'] / 2**20:,.0f} | | |")
    print(
        f"| queries sharing a passage whose first database candidate shares it "
        f"| {agree}/{copies} | | |"
    )
    if args.gin:
        gin = result["gin"]
        print(
            f"| GIN int4[] a document: p50 / p99, ms; size, MB; index build, s | "
            f"{percentile(gin, 0.5):.0f} / {percentile(gin, 0.99):.0f}; "
            f"{figures['gin_bytes'] / 2**20:,.0f}; {figures['gin_index_s']:.0f} | | |"
        )


if __name__ == "__main__":
    main()
