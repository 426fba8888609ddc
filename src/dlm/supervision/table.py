"""The overview's table body, written in Python.

Five hundred rows of a dozen cells each cost ~450 ms through the template engine and a few
milliseconds here (bench/overview.py); every value is escaped, exactly as the template would.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dlm.supervision.copies import COPY_FLAG
from dlm.supervision.overview import Row

STAGE_COLUMNS = ("plan", "meeting", "report", "briefing")


def _registered(count: int) -> str:
    """A register's count: nothing registered is not "none happened"."""
    return str(count) if count else '<span class="muted">未登记</span>'


def _stage_cell(row: Row, key: str) -> str:
    stage = row.stages.get(key)
    if stage is None:
        return "<td>—</td>"
    text = f"{stage.done_on:%m-%d}" if stage.done_on else "—"
    if key == "report" and stage.done_on and row.open_points:
        points = "；".join(row.open_points)
        text += (
            f' <span class="badge status-overdue" title="报送时未完成：{escape(points)}">'
            f"{len(row.open_points)}项未完成</span>"
        )
    return f'<td class="nowrap status-{stage.status.value}">{text}</td>'


def _quality_cell(row: Row) -> str:
    q = row.quality
    flags = []
    if q.missing_aspects:
        flags.append(f"{q.missing_aspects}份缺方面")
    if q.placeholders:
        flags.append(f"{q.placeholders}份有占位符")
    copy = ""
    in_cluster = q.cluster_material is not None and q.cluster_material.pk == q.copy_material
    if q.copied_share >= COPY_FLAG and q.copy_material is not None and not in_cluster:
        link = reverse("preparation:material_compare", args=[q.copy_material, q.copy_doc])
        copy = (
            f'<a class="badge status-overdue" href="{escape(link)}">'
            f"{escape(q.copy_title)} 雷同{round(q.copied_share * 100)}%，抄录自"
            f"{escape(q.copy_source)}</a>"
        )
    if q.cluster is not None and q.cluster_material is not None:
        member = q.cluster_material
        link = reverse("preparation:material_compare", args=[member.pk, member.copy_doc])
        copy += (
            f' <a class="badge status-overdue" href="{escape(link)}">'
            f"{escape(member.title)} 雷同群（{q.cluster.units}个单位）"
            f"{round(member.copied_share * 100)}%，抄录自{escape(q.cluster.source)}</a>"
        )
    text = "，".join(flags)
    if not q.materials:
        return '<td class="muted">没有材料</td>'
    return f"<td>{q.materials}份{('；' + text) if text else ''} {copy}</td>"


def _badges(labels: list[str], status: str) -> str:
    return " ".join(f'<span class="badge status-{status}">{escape(x)}</span>' for x in labels)


def _row(row: Row) -> str:
    meeting = row.meeting
    overdue_now = _badges(row.overdue_now, "overdue")
    done_late = _badges(row.done_late, "done_late")
    overdue = (
        f' <span class="badge status-overdue">{row.items_overdue}</span>'
        if row.items_overdue
        else ""
    )
    opening = '<tr class="row-warn">' if row.overdue_now else "<tr>"
    link = escape(meeting.get_absolute_url())
    urge = escape(reverse("supervision:meeting_urgings", args=[meeting.pk]))
    return (
        opening
        + f'<td class="unit"><a href="{link}" title="{escape(row.team.name)}">'
        + f"{escape(row.team.display_name)}</a></td>"
        + f'<td><span class="state state-{escape(meeting.state)}">'
        + f"{escape(meeting.get_state_display())}</span></td>"
        + "".join(_stage_cell(row, key) for key in STAGE_COLUMNS)
        + f"<td>{overdue_now or '—'}"
        + (f' <a class="small" href="{urge}">督办</a>' if row.overdue_now else "")
        + f"</td><td>{done_late or '—'}</td>"
        + f"<td>{_registered(row.opinions)}</td><td>{_registered(row.talks_person_times)}</td>"
        + (
            f"<td>{row.criticisms_min} / {row.criticisms_avg}</td>"
            if row.criticisms_min is not None
            else '<td class="muted" title="会议尚未召开">—</td>'
        )
        + _quality_cell(row)
        + f"<td>{row.items_closed}/{row.items}{overdue}</td></tr>"
    )


def body(rows: list[Row]) -> SafeString:
    if not rows:
        return mark_safe('<tr><td colspan="13">没有符合条件的班子</td></tr>')
    return mark_safe("\n".join(_row(row) for row in rows))  # every value in _row is escaped
