"""Each material's latest draft assessed once and the result kept on the material, so a
superior's overview of 500 teams reads stored numbers instead of reading 5,000 texts.

Assessed in the background once a draft is saved (preparation/background.py) and by `dlm
runperiodic` for any left over (queued as tasks) — never in a page view. A draft is assessed
again only when a newer one appears (the copy index learns additions, so a draft copied
*later* is caught from the later draft's side).
"""

from __future__ import annotations

from dlm.preparation.copyindex import copies_of, origin
from dlm.preparation.models import Material, MaterialVersion
from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument


def assess(material: Material, version: MaterialVersion | None = None, matches=None) -> None:
    version = version or material.versions.order_by("-number").first()
    if version is None:
        return
    aspects = [a.head for a in material.meeting.campaign.aspects.all()]
    try:
        result = analyse(version.text, aspects=aspects, kind="material", headings=version.headings)
    except UnreadableDocument:
        result = {"material": {"missing_aspects": aspects}, "placeholders": []}
    if matches is None:
        matches = copies_of(version).matches
    top = origin([m for m in matches if m.copied])
    by_aspect: dict[str, dict] = {}
    for section in result.get("material", {}).get("aspects", []):
        index = section.get("matched_aspect")
        if not index:
            continue
        kept = by_aspect.setdefault(str(index), {"count": 0, "examples": []})
        kept["count"] += len(section["problems"])
        kept["examples"] += [p["title"] for p in section["problems"]][: 3 - len(kept["examples"])]
    Material.objects.filter(pk=material.pk).update(
        aspect_problems=by_aspect,
        assessed_number=version.number,
        missing_aspects=len(result.get("material", {}).get("missing_aspects", [])),
        placeholders=len(result.get("placeholders", [])),
        copied_share=round(top.copied_share, 3) if top else 0.0,
        copy_relation=str(top.relation) if top else "",
        copy_source=_source(top)[:300] if top else "",
        copy_doc=top.doc if top else None,
    )


def _source(match) -> str:
    if match.version is not None:
        material = match.version.material
        return f"{material.meeting.team.display_name}·{material.title}"
    return f"模板：{match.template}"


def assess_stale(limit: int = 2000) -> int:
    """Assess the materials whose latest draft has not been assessed yet."""
    from django.db.models import F, Max

    stale = (
        Material.objects.annotate(latest=Max("versions__number"))
        .filter(latest__isnull=False)
        .exclude(assessed_number=F("latest"))
        .select_related("meeting__campaign", "meeting__team")[:limit]
    )
    from dlm.preparation.background import assess_material

    count = 0
    for material in stale.values_list("pk", flat=True):
        assess_material.enqueue(material)  # inline without a worker; else queued
        count += 1
    return count
