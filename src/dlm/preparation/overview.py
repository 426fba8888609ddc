"""What the office has done before the meeting, and what is missing, in one summary."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from dlm.preparation import talks
from dlm.preparation.enums import MaterialKind, MaterialStatus
from dlm.preparation.models import Material, MaterialVersion, Opinion, StudySession


@dataclass
class Preparation:
    study_sessions: int
    opinions: int
    talks: talks.Coverage
    materials_submitted: int
    materials_expected: int
    without_outline: list[str]  # members with no outline, or none submitted yet
    team_material: bool

    @property
    def missing(self) -> list[str]:
        notes = []
        if not self.study_sessions:
            notes.append("还没有登记学习研讨")
        if not self.opinions:
            notes.append("还没有登记征求到的意见")
        if self.talks.missing:
            notes.append(f"四必谈还缺 {self.talks.missing} 项")
        if self.without_outline:
            notes.append("发言提纲未送审：" + "、".join(self.without_outline))
        if not self.team_material:
            notes.append("班子对照检查材料尚未送审")
        return notes


SENT = (MaterialStatus.SUBMITTED, MaterialStatus.APPROVED)


def preparation(meeting) -> Preparation:
    """A draft that merely exists is not submitted: a material counts once sent for review
    (or approved)."""
    submitted = [
        m
        for m in Material.objects.filter(meeting=meeting).annotate(
            has_version=Exists(MaterialVersion.objects.filter(material=OuterRef("pk")))
        )
        if m.has_version and m.status in SENT
    ]
    with_outline = {m.author_id for m in submitted if m.kind == MaterialKind.PERSONAL}
    seats = meeting.team.team_members.active().select_related("person").order_by("precedence")
    return Preparation(
        study_sessions=StudySession.objects.in_force().filter(meeting=meeting).count(),
        opinions=Opinion.objects.in_force().filter(meeting=meeting).count(),
        talks=talks.coverage(meeting),
        materials_submitted=len(submitted),
        materials_expected=len(seats) + 1,
        without_outline=[s.person.name for s in seats if s.pk not in with_outline],
        team_material=any(m.kind == MaterialKind.TEAM for m in submitted),
    )
