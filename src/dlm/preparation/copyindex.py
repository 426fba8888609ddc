"""The copy check of a material against all materials and templates.

The database is the index (preparation.postings): each version stores its fingerprints, and
the postings of the live documents are written in the transaction that saves them, so every
worker on every machine checks against the same index with nothing to load. Document ids in
the index encode the table: ``pk * 2`` for a material version, ``pk * 2 + 1`` for a template.

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

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Max

from dlm.preparation import postings
from dlm.preparation.enums import CopyRelation, MaterialKind, TemplateKind
from dlm.preparation.models import CopyPosting, MaterialVersion, TemplateDocument
from dlm.preparation.postings import DatabaseIndex
from dlm.textcheck.copying.align import Passage, Prepared, share
from dlm.textcheck.copying.check import ANCHOR, Fingerprinted, check
from dlm.textcheck.copying.fingerprints import K
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


def _index_material(version: MaterialVersion) -> None:
    """Postings for a version as its material's document, with its group (year, team)."""
    meeting = version.material.meeting
    postings.add(
        encode(MATERIAL, version.pk),
        version.fingerprints,
        campaign=meeting.campaign.year,
        unit=meeting.team_id,
    )


def index_version(version: MaterialVersion) -> None:
    """A new latest version is the material's document; the version it replaces leaves the
    index. Called in the saving transaction, so every worker sees it at once."""
    previous = (
        MaterialVersion.objects.filter(material_id=version.material_id, pk__lt=version.pk)
        .order_by("-pk")
        .values_list("pk", "fingerprints")
        .first()
    )
    if previous is not None:
        postings.remove(encode(MATERIAL, previous[0]), previous[1])
    _index_material(version)


def index_template(template: TemplateDocument) -> None:
    if template.kind != TemplateKind.STOCK:  # stock phrases are counted apart, not documents
        postings.add(encode(TEMPLATE, template.pk), template.fingerprints)


def version_deleted(sender, instance: MaterialVersion, **kwargs) -> None:
    postings.remove(encode(MATERIAL, instance.pk), instance.fingerprints)
    latest = (
        MaterialVersion.objects.filter(material_id=instance.material_id).order_by("-pk").first()
    )
    if latest is not None:  # the draft before it is the material's document again
        _index_material(latest)


def template_deleted(sender, instance: TemplateDocument, **kwargs) -> None:
    postings.remove(encode(TEMPLATE, instance.pk), instance.fingerprints)


def rebuild_index(progress=None) -> int:
    """The whole index from the fingerprints every version and template keeps: after a
    restore, a bulk load, or to repair it. Returns the number of documents indexed."""
    CopyPosting.objects.all().delete()
    latest = MaterialVersion.objects.values("material_id").annotate(last=Max("pk")).values("last")
    versions = MaterialVersion.objects.filter(pk__in=latest).values_list(
        "pk", "fingerprints", "material__meeting__campaign__year", "material__meeting__team_id"
    )
    templates = TemplateDocument.objects.exclude(kind=TemplateKind.STOCK).values_list(
        "pk", "fingerprints"
    )
    total = versions.count() + templates.count()
    done = 0
    for pk, fingerprints, year, team in versions.iterator(chunk_size=2000):
        postings.add(encode(MATERIAL, pk), fingerprints, campaign=year, unit=team)
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done, total)
    for pk, fingerprints in templates.iterator(chunk_size=2000):
        postings.add(encode(TEMPLATE, pk), fingerprints)
        done += 1
    if progress is not None:
        progress(done, total)
    return done


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
    other_share: float = 0.0  # the share of the other document the passages make up
    also_in: list[str] = field(default_factory=list)  # later copies of the same passages

    @property
    def doc(self) -> int:
        if self.version is not None:
            return encode(MATERIAL, self.version.pk)
        assert self.template is not None
        return encode(TEMPLATE, self.template.pk)

    @property
    def title(self) -> str:
        """The other document, with its unit when that is another unit's."""
        if self.version is not None:
            material = self.version.material
            if self.relation in (CopyRelation.TEAMMATE, CopyRelation.LAST_YEAR):
                return str(material)
            return f"{material.meeting.team.display_name}·{material}"
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


def texts_of(index: DatabaseIndex):
    """How a check gets its candidates' texts: one query per table, which also hands the
    index the candidates' signatures."""

    def other_texts(docs: list[int]) -> dict[int, str]:
        texts: dict[int, str] = {}
        for kind, model in [(MATERIAL, MaterialVersion), (TEMPLATE, TemplateDocument)]:
            pks = [decode(doc)[1] for doc in docs if decode(doc)[0] == kind]
            if pks:
                rows = model.objects.filter(pk__in=pks).values_list("pk", "text", "signature")
                for pk, text, signature in rows:
                    texts[encode(kind, pk)] = text
                    index.signatures[encode(kind, pk)] = np.frombuffer(bytes(signature), np.uint32)
        return texts

    return other_texts


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


def first_written(history: History, material_id: int):
    """(created_at, pk) of a material's first saved version."""
    versions = history.get(material_id)
    return versions[0][:2] if versions else None


def directed(
    version: MaterialVersion,
    other: MaterialVersion,
    rel,
    passages: list[Passage],
    history: History,
    doc: Fingerprinted,
    theirs: Prepared,
) -> list[tuple[Passage, str]]:
    """Each shared passage with who had it first. A superior's team material is the source
    of its subordinates' echo; otherwise the earliest saved version holding each piece. A
    passage is cut where that changes: when two materials took from each other, even in one
    run of text, each is the copier of what it took and the source of what it wrote."""
    mine, their_material = version.material, other.material
    if rel == CopyRelation.SUPERIOR:
        return [(p, COPIED) for p in passages]
    if (
        mine.kind == MaterialKind.TEAM
        and their_material.meeting.team.is_within(mine.meeting.team)
        and their_material.meeting.team_id != mine.meeting.team_id
    ):
        return [(p, CITED) for p in passages]
    fallback = COPIED if (other.created_at, other.pk) < (version.created_at, version.pk) else CITED
    here = history.get(mine.pk, [])
    there = history.get(their_material.pk, [])
    result: list[tuple[Passage, str]] = []
    for passage in passages:
        lo = int(np.searchsorted(doc.prepared.offsets, passage.a_start))
        hi = int(np.searchsorted(doc.prepared.offsets, passage.a_end))
        inside = (doc.positions >= lo) & (doc.positions + K <= hi)
        fingerprints, positions = doc.fingerprints[inside], doc.positions[inside]
        if not len(fingerprints):
            result.append((passage, fallback))
            continue
        ways = _smoothed(_first_holders(fingerprints, here, there, fallback), positions)
        if passage.kind != "exact" or len(set(ways)) == 1:
            result.append((passage, max(set(ways), key=ways.count)))
            continue
        result += _cut(passage, doc.prepared, theirs, lo, positions, ways)
    return result


def _first_holders(fingerprints: np.ndarray, here, there, fallback: str) -> list[str]:
    """Per fingerprint: COPIED when the other material's history held it before ours."""

    def first(history) -> list:
        found: list = [None] * len(fingerprints)
        for created, pk, held in history:
            hit = np.isin(fingerprints, held)
            for i in np.flatnonzero(hit):
                if found[i] is None:
                    found[i] = (created, pk)
        return found

    ours, theirs = first(here), first(there)
    return [
        fallback if a is None or b is None else (COPIED if b < a else CITED)
        for a, b in zip(ours, theirs, strict=True)
    ]


def _short_follow(ways: list[tuple[Passage, str]], mine: Prepared) -> list[tuple[Passage, str]]:
    """Pieces shorter than an anchor take the direction of most of the match's text."""

    def size(passage: Passage) -> int:
        lo, hi = np.searchsorted(mine.offsets, [passage.a_start, passage.a_end])
        return int(hi - lo)

    weight = {COPIED: 0, CITED: 0}
    for passage, way in ways:
        weight[way] += size(passage)
    major = max(weight, key=lambda way: weight[way])
    return [(p, way if size(p) >= ANCHOR else major) for p, way in ways]


def _smoothed(ways: list[str], positions) -> list[str]:
    """A stretch shorter than an anchor cannot turn the direction: a few words that happened
    to stand in the other's earlier draft go with the passage around them."""
    runs: list[list[int]] = []  # [first, last] fingerprint index of each stretch
    for i in range(len(ways)):
        if runs and ways[i] == ways[runs[-1][0]]:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    if len(runs) < 2:
        return ways

    def length(run) -> int:
        return int(positions[run[1]] + K - positions[run[0]])

    longest = max(runs, key=length)
    result = list(ways)
    for run in runs:
        if length(run) < ANCHOR and run is not longest:
            for i in range(run[0], run[1] + 1):
                result[i] = ways[longest[0]]
    return result


def _cut(passage: Passage, mine: Prepared, theirs: Prepared, lo: int, positions, ways):
    """An exact passage cut between fingerprints whose first holder differs."""
    b_lo = int(np.searchsorted(theirs.offsets, passage.b_start))
    hi = int(np.searchsorted(mine.offsets, passage.a_end))
    pieces, start = [], lo
    for i in range(1, len(ways) + 1):
        if i < len(ways) and ways[i] == ways[i - 1]:
            continue
        end = hi if i == len(ways) else int(positions[i - 1] + positions[i] + K) // 2
        end = max(end, start + 1)
        if b_lo + end - lo > len(theirs.offsets):  # the sides' lengths differ: keep it whole
            return [(passage, max(set(ways), key=ways.count))]
        pieces.append(
            (
                Passage(
                    int(mine.offsets[start]),
                    int(mine.offsets[end - 1]) + 1,
                    int(theirs.offsets[b_lo + start - lo]),
                    int(theirs.offsets[b_lo + end - 1 - lo]) + 1,
                    "exact",
                ),
                ways[i - 1],
            )
        )
        start = end
    return pieces


def _written(match: CopyMatch):
    """When the other side was first written: library texts first, then materials by their
    first draft — the source of a passage is the earliest of its holders."""
    if match.version is None:
        return (0, 0, 0)
    first = match.first_written or (match.version.created_at, match.version.pk)
    return (1, *first)


def origin(copied: list[CopyMatch]) -> CopyMatch | None:
    """The source a copier is recorded against: the largest share taken, and among sources of
    about the same share the library text or the material written first — so the units that
    all pasted one passage point at its origin, and the overview shows them as one cluster."""
    if not copied:
        return None
    top = max(m.copied_share for m in copied)
    near = [m for m in copied if m.copied_share >= top - 0.05]

    return min(near, key=_written)


def _one_source_a_passage(matches: list[CopyMatch], mine: Prepared) -> list[CopyMatch]:
    """A passage that reached this material along a chain (A wrote it, B copied A, this one
    copied B) is shown once, against the source written first; the others are named with it."""

    covered = np.zeros(len(mine.codes), dtype=bool)
    kept: list[CopyMatch] = []
    for match in sorted((m for m in matches if m.copied), key=_written):
        spans = [
            (np.searchsorted(mine.offsets, p.a_start), np.searchsorted(mine.offsets, p.a_end))
            for p in match.passages
        ]
        size = sum(int(hi - lo) for lo, hi in spans)
        overlap = sum(int(covered[lo:hi].sum()) for lo, hi in spans)
        earlier = next((k for k in kept if _overlaps(k, match)), None)
        if size and overlap >= size / 2 and earlier is not None:
            earlier.also_in.append(match.title)
            continue
        for lo, hi in spans:
            covered[lo:hi] = True
        kept.append(match)
    ordered = sorted(kept, key=lambda m: -m.copied_share)
    return ordered + [m for m in matches if not m.copied]


def _overlaps(first: CopyMatch, second: CopyMatch) -> bool:
    return any(
        p.a_start < q.a_end and q.a_start < p.a_end for p in first.passages for q in second.passages
    )


def copies_of(version: MaterialVersion, *, limit: int = 8) -> CopyReport:
    """The documents ``version``'s material shares passages with, each with its direction,
    and the shares of the notice's text, stock phrases and common language."""
    index = DatabaseIndex()
    doc = Fingerprinted.of(version.text)
    found = check(
        doc,
        index,
        texts_of(index),
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
    mine = doc.prepared
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
            theirs = Prepared.of(other.text)
            ways = _short_follow(
                directed(version, other, rel, match.passages, history, doc, theirs), mine
            )
        else:
            other, template = None, templates.get(pk)
            if template is None:
                continue
            rel = (
                CopyRelation.GENERATED
                if template.kind == TemplateKind.GENERATED
                else CopyRelation.TEMPLATE
            )
            theirs = Prepared.of(template.text)
            ways = [(p, COPIED) for p in match.passages]  # a library text is always the source
        for way in (COPIED, CITED):
            passages = [p for p, w in ways if w == way]
            if not passages:
                continue
            matches.append(
                CopyMatch(
                    rel,
                    other,
                    template,
                    match.similarity,
                    share(mine, [(p.a_start, p.a_end) for p in passages]),
                    passages,
                    way,
                    first_written(history, other.material_id) if other is not None else None,
                    other_share=share(theirs, [(p.b_start, p.b_end) for p in passages]),
                )
            )
    matches = _one_source_a_passage(matches, mine)
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
