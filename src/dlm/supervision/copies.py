"""Copy incidents across units, as a supervisor acts on them.

Each assessed material records the source it took the most from (preparation.quality). Materials
that name the same source form one **incident**: a source and its copiers. When the passage
sits in three units or more it is a **cluster** (雷同群), listed from a lower share than a
single copy, since the same passage in many units is itself the evidence. The source is never
listed as a copier. One module, so the cross-unit view, the overview and the combined report
count the same incidents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dlm.preparation.enums import CopyRelation
from dlm.preparation.models import Material

COPY_FLAG = 0.3  # a share copied from one source worth a superior's look
CLUSTER_FLOOR = 0.1  # in a cluster, a unit is listed from this share
CLUSTER_UNITS = 3  # units sharing one passage (the source's unit counted) that make a cluster
CROSS_UNIT = ("other", "superior", "template", "generated")
LIBRARY = ("template", "generated")


@dataclass
class Incident:
    source: str
    copiers: list[Material] = field(default_factory=list)

    @property
    def from_library(self) -> bool:
        return self.copiers[0].copy_relation in LIBRARY

    @property
    def units(self) -> int:
        """The copiers' units, and the source's when it is a material."""
        return len({m.meeting.team_id for m in self.copiers}) + (0 if self.from_library else 1)

    @property
    def cluster(self) -> bool:
        return self.units >= CLUSTER_UNITS

    @property
    def top_share(self) -> float:
        return max(m.copied_share for m in self.copiers)


def incidents(meetings) -> list[Incident]:
    """The incidents among the materials of ``meetings`` (a queryset), clusters first."""
    materials = (
        Material.objects.filter(
            meeting__in=meetings,
            copy_relation__in=CROSS_UNIT,
            copied_share__gte=CLUSTER_FLOOR,
        )
        .select_related("meeting__team")
        .order_by("-copied_share", "pk")
    )
    grouped: dict[str, Incident] = {}
    for material in materials:
        material.relation_label = CopyRelation(material.copy_relation).label
        grouped.setdefault(material.copy_source, Incident(material.copy_source)).copiers.append(
            material
        )
    found = []
    for incident in grouped.values():
        if not incident.cluster:  # a single copy is listed from the full flag
            incident.copiers = [m for m in incident.copiers if m.copied_share >= COPY_FLAG]
        if incident.copiers:
            found.append(incident)
    return sorted(found, key=lambda i: (-i.units, -i.top_share, i.source))


def flagged_sources(found: list[Incident]) -> dict[int, Incident]:
    """Material id → the incident it is listed in."""
    return {m.pk: incident for incident in found for m in incident.copiers}
