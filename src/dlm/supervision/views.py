"""The superior's overview of one campaign across its subtree."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from openpyxl import Workbook

from dlm.campaigns.access import get_campaign_for_user
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import local_today
from dlm.core import jobs
from dlm.core.access import request_access, require
from dlm.core.http import attachment
from dlm.documents.ledger_xlsx import XLSX
from dlm.documents.safe import append_row
from dlm.preparation.enums import CopyRelation
from dlm.preparation.models import Material
from dlm.supervision import copies, overview, table

STATE_LABELS = dict(MeetingState.choices)


def _rows(request, campaign):
    access = request_access(request)
    require(bool(access.supervised_paths))  # the overview is the superior's tool
    today = local_today()
    rows = overview.rows(access, campaign, today)
    state = request.GET.get("state", "")
    q = request.GET.get("q", "").strip()
    if state:
        rows = [r for r in rows if r.meeting.state == state]
    if q:
        rows = [r for r in rows if q in r.team.name]
    timing = request.GET.get("timing") or ("overdue" if request.GET.get("late") else "")
    if timing == "overdue":  # a stage open and past due now, as the meeting list counts it
        rows = [r for r in rows if r.overdue_now]
    elif timing == "done_late":
        rows = [r for r in rows if r.done_late]
    sort = request.GET.get("sort", "team")
    rows.sort(key=overview.SORTS.get(sort, overview.SORTS["team"]))
    return rows, today, sort


@login_required
@require_safe
def campaign_overview(request, pk):
    campaign = get_campaign_for_user(request, pk)
    rows, today, sort = _rows(request, campaign)
    summary = overview.summary(rows)
    total = len(rows) or 1
    bars = [
        (STATE_LABELS[state], n, round(n * 290 / total), state, index * 22)
        for index, (state, n) in enumerate(
            sorted(summary["by_state"].items(), key=lambda pair: list(STATE_LABELS).index(pair[0]))
        )
    ]
    on_time = [
        (key, punctual, done, round(punctual * 100 / done))
        for key, (punctual, done) in summary["on_time"].items()
    ]
    return render(
        request,
        "supervision/overview.html",
        {
            "campaign": campaign,
            "rows": rows,
            "table_body": table.body(rows),
            "today": today,
            "sort": sort,
            "bars": bars,
            "bars_height": len(bars) * 22 + 4,
            "on_time": on_time,
            "closing": _closing_bars(overview.closing_by_month(request_access(request), campaign)),
            "states": MeetingState.choices,
            "query": request.GET.urlencode(),
            "filters": _without(request.GET, "sort"),
            "timing": request.GET.get("timing", ""),
        },
    )


def _without(params, name: str) -> str:
    """The query string without ``name``: sort links keep the filters, not the old sort."""
    kept = params.copy()
    kept.pop(name, None)
    return kept.urlencode()


def _closing_bars(months):
    """Bar heights (of 80) for items closed per month, with the items still open."""
    top = max((closed for _, closed, _ in months), default=0) or 1
    return [
        (label, closed, still_open, height, index * 48, 90 - height)
        for index, (label, closed, still_open) in enumerate(months[-12:])
        for height in [round(closed * 80 / top)]
    ]


def _widths(ws, widths: list[int]) -> None:
    """Columns wide enough to read (LibreOffice showed "2026-11-1‹" and clipped names)."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "B3"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "2:2"


def done_on(row, key: str):
    """A stage's day as a date cell (None when not done)."""
    stage = row.stages.get(key)
    return stage.done_on if stage and stage.done_on else None


@login_required
@require_safe
def campaign_overview_xlsx(request, pk):
    campaign = get_campaign_for_user(request, pk)
    rows, today, _ = _rows(request, campaign)
    book = Workbook()
    ws = book.active
    ws.title = "督导总览"
    append_row(ws, [f"{campaign.title}：各班子进展（{today:%Y-%m-%d}）"])
    append_row(
        ws,
        [
            "班子",
            "阶段",
            "方案报送",
            "召开日期",
            "情况报告",
            "通报",
            "整改方案",
            "逾期未办环节",
            "逾期完成环节",
            "报送时未完成事项",
            "征求意见（条，空白为未登记）",
            "谈心谈话（人次，空白为未登记）",
            "成员收到批评最少（空白为未召开）",
            "成员收到批评平均",
            "整改事项",
            "已销号",
            "逾期事项",
            "材料缺对照检查方面（份）",
            "材料有占位符（份）",
            "最高雷同比例",
            "抄录的材料",
            "雷同来源",
            "雷同群来源",
            "雷同群单位数",
        ],
    )
    for r in rows:
        append_row(
            ws,
            [
                r.team.name,
                r.meeting.get_state_display(),
                done_on(r, "plan"),
                done_on(r, "meeting"),
                done_on(r, "report"),
                done_on(r, "briefing"),
                done_on(r, "rectification"),
                "、".join(r.overdue_now),
                "、".join(r.done_late),
                "；".join(r.open_points),
                r.opinions or None,
                r.talks_person_times or None,
                r.criticisms_min,
                r.criticisms_avg,
                r.items,
                r.items_closed,
                r.items_overdue,
                # no material: nothing to judge, not "none lacking"
                r.quality.missing_aspects if r.quality.materials else None,
                r.quality.placeholders if r.quality.materials else None,
                r.quality.copied_share if r.quality.materials else None,
                r.quality.copy_title if r.quality.copy_source else "",
                r.quality.copy_source,
                r.quality.cluster.source if r.quality.cluster else "",
                r.quality.cluster.units if r.quality.cluster else None,
            ],
        )
        ws.cell(row=ws.max_row, column=20).number_format = "0%"
        for column in range(3, 8):
            ws.cell(row=ws.max_row, column=column).number_format = "yyyy-mm-dd"
    _widths(
        ws,
        [
            22,
            10,
            12,
            12,
            12,
            12,
            12,
            20,
            16,
            30,
            10,
            10,
            10,
            10,
            8,
            8,
            8,
            10,
            10,
            10,
            24,
            24,
            24,
            8,
        ],
    )
    _copy_sheet(book.create_sheet("雷同明细"), request, campaign)
    buffer = io.BytesIO()
    book.save(buffer)
    return attachment(f"{campaign.title}督导总览.xlsx", XLSX, buffer.getvalue())


def _copy_sheet(ws, request, campaign) -> None:
    """One row a material that copied: the incidents of the cross-unit view, and each
    team's own flagged materials, so every copier is named (the overview keeps one per team)."""
    access = request_access(request)
    append_row(ws, ["单位", "抄录的材料", "抄录比例", "关系", "来源", "雷同群单位数"])
    found = copies.incidents(overview.meetings_for(access, campaign))
    listed = set()
    for incident in found:
        for material in incident.copiers:
            listed.add(material.pk)
            append_row(
                ws,
                [
                    material.meeting.team.name,
                    material.title,
                    material.copied_share,
                    material.relation_label,
                    incident.source,
                    incident.units if incident.cluster else None,
                ],
            )
            ws.cell(row=ws.max_row, column=3).number_format = "0%"
    own_team = (
        Material.objects.filter(
            meeting__in=overview.meetings_for(access, campaign),
            copied_share__gte=copies.COPY_FLAG,
        )
        .exclude(pk__in=listed)
        .select_related("meeting__team")
        .order_by("meeting__team__path", "pk")
    )
    for material in own_team:
        relation = CopyRelation(material.copy_relation).label if material.copy_relation else ""
        append_row(
            ws,
            [
                material.meeting.team.name,
                material.title,
                material.copied_share,
                relation,
                material.copy_source,
                None,
            ],
        )
        ws.cell(row=ws.max_row, column=3).number_format = "0%"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def combined_report_docx(request, pk):
    """Start the combined report in the background (it reads every team of the subtree) and
    show its page: progress while it is built, the file once it is ready. The address looks
    like a file's and gets bookmarked: opened directly, it shows what the report holds and the
    button that asks for it."""
    campaign = get_campaign_for_user(request, pk)
    access = request_access(request)
    require(bool(access.supervised_paths))
    if request.method != "POST":
        return render(request, "supervision/combined_report.html", {"campaign": campaign})
    job = jobs.start(
        "combined_report",
        user=request.user,
        params={"campaign": campaign.pk, "today": local_today().isoformat()},
        title=f"{campaign.title}落实情况综合报告",
        organisation=campaign.issuer,
    )
    return redirect("core:job_detail", job.pk)


@login_required
@require_safe
def campaign_copies(request, pk):
    """Materials sharing passages with other units' materials or with templates, grouped by
    the source they share with; each links to the passages side by side."""
    campaign = get_campaign_for_user(request, pk)
    access = request_access(request)
    require(bool(access.supervised_paths))
    found = copies.incidents(overview.meetings_for(access, campaign))
    return render(
        request,
        "supervision/copies.html",
        {
            "campaign": campaign,
            "incidents": found,
            "threshold": round(copies.COPY_FLAG * 100),
            "floor": round(copies.CLUSTER_FLOOR * 100),
            "cluster_units": copies.CLUSTER_UNITS,
        },
    )
