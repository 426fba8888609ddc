"""The copy index of all stored material versions and templates, cached per process.

The database is the index's truth: each version stores its fingerprints. A process keeps a
numpy index in memory and, before each check, loads only the rows added since its last look,
so every web worker sees every material without a broker. Document ids in the index encode
the table: ``pk * 2`` for a material version, ``pk * 2 + 1`` for a template.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import Max, Sum
from django.db.models.functions import Length

from dlm.preparation.enums import CopyRelation, MaterialKind
from dlm.preparation.models import MaterialVersion, TemplateDocument
from dlm.textcheck.copying.align import Passage, Prepared
from dlm.textcheck.copying.check import Fingerprinted, check
from dlm.textcheck.copying.index import DELTA_LIMIT, FingerprintIndex

MATERIAL, TEMPLATE = 0, 1


def encode(kind: int, pk: int) -> int:
    return pk * 2 + kind


def decode(doc: int) -> tuple[int, int]:
    return doc % 2, doc // 2


def fingerprint_fields(text: str) -> dict:
    doc = Fingerprinted.of(text)
    return {
        "fingerprints": doc.fingerprints.tobytes(),
        "signature": doc.signature.tobytes(),
        "norm_length": len(doc.prepared.codes),
    }


class CopyIndex:
    def __init__(self) -> None:
        self.index = FingerprintIndex()
        self.last_version = 0
        self.last_template = 0
        self.lock = threading.Lock()

    def refresh(self) -> None:
        with self.lock:
            for model, kind, attr in [
                (MaterialVersion, MATERIAL, "last_version"),
                (TemplateDocument, TEMPLATE, "last_template"),
            ]:
                new = model.objects.filter(pk__gt=getattr(self, attr))
                # Counted up to a fixed last id, so rows saved meanwhile wait for next time.
                found = new.aggregate(last=Max("pk"), size=Sum(Length("fingerprints")))
                if found["last"] is None:
                    continue
                new = new.filter(pk__lte=found["last"])
                rows = new.order_by("pk").values_list(
                    "pk", "fingerprints", "signature", "norm_length"
                )
                size = (found["size"] or 0) // 8
                if self.index.postings and size < DELTA_LIMIT:
                    for doc, fingerprints, signature, length in self._decoded(rows, kind, attr):
                        self.index.add(doc, fingerprints, signature, length)
                else:  # the first load, or a large catch-up
                    self.index.bulk_load(size, self._decoded(rows, kind, attr))

    def _decoded(self, rows, kind: int, attr: str):
        for pk, fingerprints, signature, length in rows.iterator(chunk_size=2000):
            setattr(self, attr, pk)
            yield (
                encode(kind, pk),
                np.frombuffer(bytes(fingerprints), np.uint64),
                np.frombuffer(bytes(signature), np.uint32),
                length,
            )


_cache = CopyIndex()


def shared_index() -> CopyIndex:
    _cache.refresh()
    return _cache


def reset_shared_index() -> None:
    """For tests, whose databases are rolled back under the cache's feet."""
    global _cache
    _cache = CopyIndex()


@dataclass
class CopyMatch:
    relation: CopyRelation
    version: MaterialVersion | None
    template: TemplateDocument | None
    similarity: float
    copied_share: float
    passages: list[Passage]

    @property
    def doc(self) -> int:
        if self.version is not None:
            return encode(MATERIAL, self.version.pk)
        assert self.template is not None
        return encode(TEMPLATE, self.template.pk)

    @property
    def title(self) -> str:
        if self.version is not None:
            return str(self.version.material)
        return f"模板：{self.template}"


def other_texts(docs: list[int]) -> dict[int, str]:
    """The texts of candidate documents: one query per table."""
    texts: dict[int, str] = {}
    for kind, model in [(MATERIAL, MaterialVersion), (TEMPLATE, TemplateDocument)]:
        pks = [decode(doc)[1] for doc in docs if decode(doc)[0] == kind]
        if pks:
            rows = model.objects.filter(pk__in=pks).values_list("pk", "text")
            texts.update({encode(kind, pk): text for pk, text in rows})
    return texts


def relation(version: MaterialVersion, other: MaterialVersion) -> CopyRelation:
    mine, theirs = version.material, other.material
    if theirs.meeting_id == mine.meeting_id:
        return CopyRelation.TEAMMATE
    team, their_team = mine.meeting.team, theirs.meeting.team
    if theirs.kind == MaterialKind.TEAM and team.is_within(their_team) and team != their_team:
        return CopyRelation.SUPERIOR
    if (
        mine.author_id
        and theirs.author_id
        and theirs.author.person_id == mine.author.person_id
        and theirs.meeting.campaign.year < mine.meeting.campaign.year
    ):
        return CopyRelation.LAST_YEAR
    return CopyRelation.OTHER


def campaign_text(campaign) -> np.ndarray:
    """k-gram hashes of what every material may quote: the notice's title, theme, aspects."""
    parts = [campaign.title, campaign.theme]
    for aspect in campaign.aspects.all():
        parts += [aspect.head, aspect.text]
    return Prepared.of("\n".join(parts)).hashes


def copies_of(version: MaterialVersion, *, limit: int = 8) -> tuple[list[CopyMatch], float]:
    """The other documents ``version`` shares passages with, and its boilerplate share."""
    cache = shared_index()
    found = check(
        version.text,
        cache.index,
        other_texts,
        exclude=encode(MATERIAL, version.pk),
        limit=limit * 3,
        common=campaign_text(version.material.meeting.campaign),
    )
    version_ids = [decode(m.other)[1] for m in found.matches if decode(m.other)[0] == MATERIAL]
    template_ids = [decode(m.other)[1] for m in found.matches if decode(m.other)[0] == TEMPLATE]
    versions = MaterialVersion.objects.select_related(
        "material__meeting__team", "material__meeting__campaign", "material__author__person"
    ).in_bulk(version_ids)
    templates = TemplateDocument.objects.in_bulk(template_ids)
    matches: list[CopyMatch] = []
    seen_materials = {version.material_id}
    for match in found.matches:
        kind, pk = decode(match.other)
        if kind == MATERIAL:
            other = versions.get(pk)
            if other is None or other.material_id in seen_materials:
                continue  # own earlier drafts, or an older draft of a material already shown
            seen_materials.add(other.material_id)
            rel, template = relation(version, other), None
        else:
            other, template, rel = None, templates.get(pk), CopyRelation.TEMPLATE
            if template is None:
                continue
        matches.append(
            CopyMatch(rel, other, template, match.similarity, match.copied_share_a, match.passages)
        )
    return matches[:limit], found.boilerplate_share
