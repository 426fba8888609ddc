"""What is still open before the report goes upward, each point counted and linked.

A package sent with open points says so: the office must confirm them by name, and the
package keeps the list as sent, so the superior sees what was known to be missing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from django.urls import reverse

from dlm.campaigns.models import Meeting
from dlm.preparation.enums import MaterialKind, MaterialStatus
from dlm.reporting.models import DocumentKind, Draft

TO_FILL = re.compile(r"〔[^〕]{0,60}〕")


@dataclass(frozen=True)
class OpenPoint:
    key: str
    text: str
    link: str

    def as_dict(self) -> dict:
        return asdict(self)


def open_points(meeting: Meeting) -> list[OpenPoint]:
    reports = reverse("reporting:meeting_reports", args=[meeting.pk])
    materials = reverse("preparation:meeting_materials", args=[meeting.pk])
    found: list[OpenPoint] = []
    draft = Draft.objects.filter(meeting=meeting, kind=DocumentKind.REPORT).first()
    edit = reverse("reporting:draft_edit", args=[meeting.pk, DocumentKind.REPORT])
    if draft is None:
        found.append(
            OpenPoint("report_missing", "情况报告尚未起草，报送时将按记录自动起草", reports)
        )
    else:
        if draft.revision == 1:
            found.append(
                OpenPoint("report_unedited", "情况报告是按记录自动起草的，尚未打开修改过", edit)
            )
        left = TO_FILL.findall(draft.body)
        if left:
            shown = "、".join(dict.fromkeys(left[:3]))
            found.append(
                OpenPoint("report_to_fill", f"情况报告中还有{len(left)}处待填写：{shown}", edit)
            )
    outlines = meeting.materials.filter(kind=MaterialKind.PERSONAL)
    pending = outlines.exclude(status=MaterialStatus.APPROVED).count()
    if pending:
        found.append(
            OpenPoint("outlines_unapproved", f"{pending}份个人发言提纲未经审阅通过", materials)
        )
    seats = meeting.team.team_members.active().count()
    written = outlines.filter(versions__isnull=False).values("author").distinct().count()
    if written < seats:
        found.append(
            OpenPoint("outlines_missing", f"{seats - written}名班子成员没有发言提纲", materials)
        )
    team = meeting.materials.filter(kind=MaterialKind.TEAM, versions__isnull=False).exists()
    if not team:
        found.append(OpenPoint("team_material_missing", "没有班子对照检查材料", materials))
    return found
