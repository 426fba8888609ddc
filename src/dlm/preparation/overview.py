"""What the office has done before the meeting, and what is missing, in one summary."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from dlm.preparation import talks
from dlm.preparation.enums import MaterialKind
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
            notes.append("未提交发言提纲：" + "、".join(self.without_outline))
        if not self.team_material:
            notes.append("班子对照检查材料尚未提交")
        return notes


def preparation(meeting) -> Preparation:
    submitted = Material.objects.filter(meeting=meeting).annotate(
        has_version=Exists(MaterialVersion.objects.filter(material=OuterRef("pk")))
    )
    with_outline = {
        m.author_id for m in submitted if m.kind == MaterialKind.PERSONAL and m.has_version
    }
    seats = meeting.team.team_members.active().select_related("person").order_by("precedence")
    return Preparation(
        study_sessions=StudySession.objects.filter(meeting=meeting).count(),
        opinions=Opinion.objects.filter(meeting=meeting).count(),
        talks=talks.coverage(meeting),
        materials_submitted=sum(1 for m in submitted if m.has_version),
        materials_expected=len(seats) + 1,
        without_outline=[s.person.name for s in seats if s.pk not in with_outline],
        team_material=any(m.kind == MaterialKind.TEAM and m.has_version for m in submitted),
    )
