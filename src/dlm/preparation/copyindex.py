"""The copy index of all materials and templates, cached per process.

The database is the index's truth: each version stores its fingerprints. A process keeps a
numpy index in memory and, before each check, loads only the rows added since its last look,
so every web worker sees every material without a broker. Document ids in the index encode
the table: ``pk * 2`` for a material version, ``pk * 2 + 1`` for a template.

A material is **one** document: its latest version. When a newer version arrives the older
one is retired — never a candidate, never counted — so a material is never compared with its
own drafts and drafts count toward nothing. Each version carries its group (the campaign's
year and the team that wrote it): only language used by many units over several years is the
genre's common language; what many units of one campaign share is a cluster of copying.
Templates and generated texts are sources; stock phrases (套话) are counted apart.

Direction: for each match, whoever had the shared passage first is the source — the earliest
saved version that contains it; a superior's team material and a library text are always the
source. The copier is flagged with the share it took; the source sees "被引用".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import Max, Sum
from django.db.models.functions import Length

from dlm.preparation.enums import CopyRelation, MaterialKind, TemplateKind
from dlm.preparation.models import MaterialVersion, TemplateDocument
from dlm.textcheck.copying.align import Passage, Prepared
from dlm.textcheck.copying.check import Fingerprinted, check
from dlm.textcheck.copying.fingerprints import K
from dlm.textcheck.copying.index import DELTA_LIMIT, FingerprintIndex
from dlm.textcheck.copying.stock import StockPhrases, builtin

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
        self.current: dict[int, int] = {}  # material -> its latest version's document id
        self.lock = threading.Lock()

    def refresh(self) -> None:
        with self.lock:
            for model, kind, attr, extra in [
                (
                    MaterialVersion,
                    MATERIAL,
                    "last_version",
                    (
                        "material_id",
                        "material__meeting__campaign__year",
                        "material__meeting__team_id",
                    ),
                ),
                # templates carry no group: three placeholders keep the rows one shape
                (TemplateDocument, TEMPLATE, "last_template", ("kind", "pk", "pk")),
            ]:
                new = model.objects.filter(pk__gt=getattr(self, attr))
                if kind == TEMPLATE:  # stock phrases are counted apart, not as documents
                    new = new.exclude(kind=TemplateKind.STOCK)
                # Counted up to a fixed last id, so rows saved meanwhile wait for next time.
                found = new.aggregate(last=Max("pk"), size=Sum(Length("fingerprints")))
                if found["last"] is None:
                    continue
                new = new.filter(pk__lte=found["last"])
                rows = new.order_by("pk").values_list(
                    "pk", "fingerprints", "signature", "norm_length", *extra
                )
                size = (found["size"] or 0) // 8
                if self.index.postings_count and size < DELTA_LIMIT:
                    for doc, fingerprints, signature, length in self._decoded(rows, kind, attr):
                        self.index.add(doc, fingerprints, signature, length)
                else:  # the first load, or a large catch-up
                    self.index.bulk_load(size, self._decoded(rows, kind, attr))

    def _decoded(self, rows, kind: int, attr: str):
        for pk, fingerprints, signature, length, material, year, team in rows.iterator(
            chunk_size=2000
        ):
            setattr(self, attr, pk)
            doc = encode(kind, pk)
            if kind == MATERIAL:
                earlier = self.current.get(material)
                if earlier is not None:
                    self.index.retire(earlier)  # a material is its latest version
                self.current[material] = doc
                self.index.set_group(doc, campaign=year, unit=team)
            yield (
                doc,
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


COPIED, CITED = "copied", "cited"  # this material took the passage / the other took it


@dataclass
class CopyMatch:
    relation: CopyRelation
    version: MaterialVersion | None
    template: TemplateDocument | None
    similarity: float
    copied_share: float  # the share of this material the passages make up
    passages: list[Passage]
    direction: str = COPIED
    first_written: tuple | None = None  # (created_at, pk) of the other material's first draft

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
        label = "生成文本" if self.relation == CopyRelation.GENERATED else "模板"
        return f"{label}：{self.template}"

    @property
    def copied(self) -> bool:
        return self.direction == COPIED


@dataclass
class CopyReport:
    """One material's copy check: what it took (copied), what others took from it (cited),
    and the shares of what everyone is given, each apart."""

    matches: list[CopyMatch]
    registered_share: float = 0.0  # the notice: title, theme, aspects
    stock_share: float = 0.0  # stock phrases (套话)
    common_share: float = 0.0  # language common across many units and years

    @property
    def copied(self) -> list[CopyMatch]:
        return [m for m in self.matches if m.copied]

    @property
    def cited(self) -> list[CopyMatch]:
        return [m for m in self.matches if not m.copied]

    @property
    def given_share(self) -> float:
        return self.registered_share + self.stock_share + self.common_share


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


def campaign_headings(campaign, team) -> StockPhrases:
    """What every material of this team may write that is too short for a k-gram: the
    aspects' heads and the unit's own name (in every title). Found as phrases."""
    heads = [aspect.head for aspect in campaign.aspects.all()]
    return StockPhrases([*heads, team.name, team.display_name], shortest=4)


def stock_phrases() -> StockPhrases:
    """Our own list, and what the supervisors added to the library as 套话."""
    added = TemplateDocument.objects.filter(kind=TemplateKind.STOCK).values_list("text", flat=True)
    lines = [line for text in added for line in text.splitlines()]
    return builtin().extended(lines) if lines else builtin()


def _passage_hashes(text: str, passages: list[Passage]) -> np.ndarray:
    """Every k-gram hash of this text inside the passages."""
    prepared = Prepared.of(text)
    starts = np.searchsorted(prepared.offsets, [p.a_start for p in passages])
    ends = np.searchsorted(prepared.offsets, [p.a_end for p in passages])
    picked = [prepared.hashes[s : max(s, e - K + 1)] for s, e in zip(starts, ends, strict=True)]
    return np.concatenate(picked) if picked else np.zeros(0, dtype=np.uint64)


History = dict[int, list[tuple]]  # material -> [(created_at, pk, fingerprints)], oldest first


def histories(material_ids) -> History:
    """Every saved version of these materials, oldest first: one query for a whole check."""
    found: History = {}
    rows = (
        MaterialVersion.objects.filter(material_id__in=set(material_ids))
        .order_by("created_at", "pk")
        .values_list("material_id", "created_at", "pk", "fingerprints")
    )
    for material, created, pk, fingerprints in rows:
        found.setdefault(material, []).append(
            (created, pk, np.frombuffer(bytes(fingerprints), np.uint64))
        )
    return found


def _first_holding(history: list[tuple], hashes: np.ndarray):
    """(created_at, pk) of the earliest saved version in ``history`` holding the passage."""
    for created, pk, fingerprints in history:
        if np.isin(fingerprints, hashes).sum() >= 2:
            return (created, pk)
    return None


def first_written(history: History, material_id: int):
    """(created_at, pk) of a material's first saved version."""
    versions = history.get(material_id)
    return versions[0][:2] if versions else None


def direction(
    version: MaterialVersion, other: MaterialVersion, rel, passages, history: History
) -> str:
    """Who had the shared passages first. A superior's team material is the source of its
    subordinates' echo; otherwise the earliest saved version holding the passages."""
    mine, theirs = version.material, other.material
    if rel == CopyRelation.SUPERIOR:
        return COPIED
    if (
        mine.kind == MaterialKind.TEAM
        and theirs.meeting.team.is_within(mine.meeting.team)
        and theirs.meeting.team_id != mine.meeting.team_id
    ):
        return CITED
    hashes = _passage_hashes(version.text, passages)
    here = _first_holding(history.get(mine.pk, []), hashes)
    there = _first_holding(history.get(theirs.pk, []), hashes)
    if here is None or there is None:
        return (
            COPIED
            if (there or (other.created_at, other.pk)) < (version.created_at, version.pk)
            else CITED
        )
    return COPIED if there < here else CITED


def origin(copied: list[CopyMatch]) -> CopyMatch | None:
    """The source a copier is recorded against: the largest share taken, and among sources of
    about the same share the library text or the material written first — so the units that
    all pasted one passage point at its origin, and the overview shows them as one cluster."""
    if not copied:
        return None
    top = max(m.copied_share for m in copied)
    near = [m for m in copied if m.copied_share >= top - 0.05]

    def written(match: CopyMatch):
        if match.version is None:
            return (0, 0, 0)
        first = match.first_written or (match.version.created_at, match.version.pk)
        return (1, *first)

    return min(near, key=written)


def copies_of(version: MaterialVersion, *, limit: int = 8) -> CopyReport:
    """The documents ``version``'s material shares passages with, each with its direction,
    and the shares of the notice's text, stock phrases and common language."""
    cache = shared_index()
    found = check(
        version.text,
        cache.index,
        other_texts,
        exclude=encode(MATERIAL, version.pk),
        limit=limit * 3,
        common=campaign_text(version.material.meeting.campaign),
        headings=campaign_headings(
            version.material.meeting.campaign, version.material.meeting.team
        ),
        stock=stock_phrases(),
    )
    version_ids = [decode(m.other)[1] for m in found.matches if decode(m.other)[0] == MATERIAL]
    template_ids = [decode(m.other)[1] for m in found.matches if decode(m.other)[0] == TEMPLATE]
    versions = MaterialVersion.objects.select_related(
        "material__meeting__team", "material__meeting__campaign", "material__author__person"
    ).in_bulk(version_ids)
    templates = TemplateDocument.objects.in_bulk(template_ids)
    history = histories([version.material_id, *(other.material_id for other in versions.values())])
    matches: list[CopyMatch] = []
    seen_materials = {version.material_id}
    for match in found.matches:
        kind, pk = decode(match.other)
        if kind == MATERIAL:
            other = versions.get(pk)
            if other is None or other.material_id in seen_materials:
                continue  # a retired draft of a material already shown
            seen_materials.add(other.material_id)
            rel, template = relation(version, other), None
            way = direction(version, other, rel, match.passages, history)
        else:
            other, template = None, templates.get(pk)
            if template is None:
                continue
            rel = (
                CopyRelation.GENERATED
                if template.kind == TemplateKind.GENERATED
                else CopyRelation.TEMPLATE
            )
            way = COPIED  # a library text is always the source
        matches.append(
            CopyMatch(
                rel,
                other,
                template,
                match.similarity,
                match.copied_share_a,
                match.passages,
                way,
                first_written(history, other.material_id) if other is not None else None,
            )
        )
    shown = matches[:limit]
    source = origin([m for m in matches if m.copied])
    if source is not None and source not in shown:  # a large cluster: keep its origin
        shown[-1] = source
    return CopyReport(
        shown,
        registered_share=found.registered_share,
        stock_share=found.stock_share,
        common_share=found.common_share,
    )
