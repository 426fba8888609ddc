"""The copy index in the database: which documents hold a fingerprint (model CopyPosting).

Every worker asks the database, so none loads an index of its own: no warm-up after a
restart, no memory that grows with the corpus, and a draft saved on one machine is a
candidate on every other at once (it is written in the saving transaction).

Only **live** documents have rows — a material's latest version (its earlier drafts are
removed when a new one is saved: a material is one document) and the library's texts other
than stock phrases. Alignment, directions and shares stay in Python (copyindex, textcheck).

How many holders a fingerprint can have is unbounded: a sentence of the genre stands in most
materials of a province. PostgreSQL therefore reads, per fingerprint and per campaign, only
its SAMPLE earliest holders — one short range of the primary key (fp, campaign, doc, unit)
each, read from the index alone. A
fingerprint with more holders than that in a campaign is judged from them: the earliest
holders are the candidates a copy is traced to (the origin of a cluster is its first holder),
and every campaign holding it is seen, which is what the common-language test counts (a
passage 500 units pasted this year is one campaign: a cluster, not the genre's language).
Below SAMPLE holders a campaign (every corpus in the tests) the answer is exact. SQLite, the
embedded single-process default, reads every holder.
"""

from __future__ import annotations

import numpy as np
from django.db import connection

from dlm.textcheck.copying.index import NO_GROUP, Holders, gather, short32

SAMPLE = 16  # holders of a fingerprint read per campaign
TABLE = "preparation_copyposting"
SQLITE_CHUNK = 900  # bound parameters a statement, well under SQLite's limit


def keys_of(fingerprints: bytes | memoryview | np.ndarray) -> np.ndarray:
    """The distinct 32-bit keys a document's stored fingerprints give, sorted."""
    if not isinstance(fingerprints, np.ndarray):
        fingerprints = np.frombuffer(bytes(fingerprints), np.uint64)
    return np.unique(short32(fingerprints))


def add(doc: int, fingerprints, *, campaign: int = NO_GROUP, unit: int = NO_GROUP) -> None:
    keys = keys_of(fingerprints)
    if not len(keys):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TABLE} (fp, doc, campaign, unit) "
                "SELECT unnest(%s::integer[]), %s, %s, %s ON CONFLICT DO NOTHING",
                [keys.tolist(), doc, campaign, unit],
            )
        else:
            cursor.executemany(
                f"INSERT OR IGNORE INTO {TABLE} (fp, doc, campaign, unit) VALUES (%s, %s, %s, %s)",
                [(key, doc, campaign, unit) for key in keys.tolist()],
            )


def remove(doc: int, fingerprints) -> None:
    """A document's rows, found by its own fingerprints: the primary key (fp, doc) serves
    the delete, so no second index on doc is needed."""
    keys = keys_of(fingerprints).tolist()
    if not keys:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {TABLE} WHERE doc = %s AND fp = ANY(%s)", [doc, keys])
            return
        for start in range(0, len(keys), SQLITE_CHUNK):
            chunk = keys[start : start + SQLITE_CHUNK]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {TABLE} WHERE doc = %s AND fp IN ({marks})", [doc, *chunk])


def campaigns() -> list[int]:
    """The groups the index can hold: every campaign year, and the library's NO_GROUP."""
    from dlm.campaigns.models import Campaign

    return [NO_GROUP, *sorted(set(Campaign.objects.values_list("year", flat=True)))]


def holders(keys: np.ndarray, groups: list[int] | None = None) -> np.ndarray:
    """Rows (fp, doc, campaign, unit) of these fingerprint keys, sorted by fp then doc."""
    keys_list = keys.tolist()
    rows: list = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""SELECT q.fp, h.doc, g.campaign, h.unit
                FROM unnest(%s::integer[]) AS q(fp)
                CROSS JOIN unnest(%s::smallint[]) AS g(campaign)
                CROSS JOIN LATERAL (
                    SELECT doc, unit FROM {TABLE} p
                    WHERE p.fp = q.fp AND p.campaign = g.campaign ORDER BY p.doc LIMIT %s
                ) AS h""",
                [keys_list, groups if groups is not None else campaigns(), SAMPLE],
            )
            rows = cursor.fetchall()
        else:
            for start in range(0, len(keys_list), SQLITE_CHUNK):
                chunk = keys_list[start : start + SQLITE_CHUNK]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT fp, doc, campaign, unit FROM {TABLE} WHERE fp IN ({marks})", chunk
                )
                rows += cursor.fetchall()
    found = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return found[np.lexsort((found[:, 1], found[:, 0]))]


class DatabaseIndex(Holders):
    """The index a check asks, answered by the database; built afresh for each check (it
    keeps only what that check read: the holders' groups and the candidates' signatures)."""

    def __init__(self, groups: list[int] | None = None) -> None:
        self.group_list = groups  # the campaigns to read (default: all there are)
        self.signatures: dict[int, np.ndarray] = {}
        self._docs = np.zeros(0, dtype=np.int64)
        self._campaigns = np.zeros(0, dtype=np.int64)
        self._units = np.zeros(0, dtype=np.int64)

    def postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which fingerprint, which live document) for every holder read."""
        keys = short32(fingerprints).astype(np.int64)
        if not len(keys):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        rows = holders(np.unique(keys), self.group_list)
        self._docs, first = np.unique(rows[:, 1], return_index=True)
        self._campaigns, self._units = rows[first, 2], rows[first, 3]
        left = np.searchsorted(rows[:, 0], keys, side="left")
        right = np.searchsorted(rows[:, 0], keys, side="right")
        fingerprint, at = gather(left, right)
        return fingerprint, rows[at, 1]

    def groups(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of documents the last :meth:`postings` read."""
        at = np.searchsorted(self._docs, docs)
        return self._campaigns[at], self._units[at]
