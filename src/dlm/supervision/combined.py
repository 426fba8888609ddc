"""The 综合报告 across a superior's subtree for one campaign, from the overview's rows and
the teams' materials as `dlm analyse` reads them."""

from __future__ import annotations

import datetime as dt

from dlm.campaigns.deadlines import Status
from dlm.campaigns.models import Campaign
from dlm.documents.docx_layout import DOCX, OfficialDocument
from dlm.organisations.rules import Access
from dlm.preparation.enums import CopyRelation
from dlm.preparation.models import Material
from dlm.supervision import copies, overview
from dlm.supervision.copies import COPY_FLAG
from dlm.textcheck.rules import RuleSet


def problems_by_aspect(meeting_ids: list[int], aspects: list[str]) -> tuple[dict, int]:
    """Per aspect of the notice: (problems found, up to three examples), from the figures each
    material keeps since it was last assessed — nothing is re-read at download; and how many
    materials are not assessed yet (their problems are not in the counts)."""
    found = {aspect: [0, []] for aspect in aspects}
    unassessed = 0
    rows = Material.objects.filter(meeting_id__in=meeting_ids).values_list(
        "assessed_number", "aspect_problems"
    )
    for assessed, by_aspect in rows:
        if assessed is None:
            unassessed += 1
            continue
        for index, figures in (by_aspect or {}).items():
            number = int(index)
            if 1 <= number <= len(aspects):
                kept = found[aspects[number - 1]]
                kept[0] += figures.get("count", 0)
                kept[1] += figures.get("examples", [])
    return {a: (count, examples) for a, (count, examples) in found.items()}, unassessed


def _overdue(rows) -> str:
    """The teams late now, by name, with what and by when: what a superior acts on."""

    def stage(s) -> str:
        return f"{s.label}，截止{s.due.month}月{s.due.day}日" if s.due else s.label

    late = [(r, [s for s in r.stages.values() if s.status is Status.OVERDUE]) for r in rows]
    late = [(r, stages) for r, stages in late if stages]
    if not late:
        return "目前没有逾期未办的班子。"
    return (
        f"现有{len(late)}个班子逾期未办："
        + "；".join(
            f"{r.team.display_name}（{'、'.join(stage(s) for s in stages)}）" for r, stages in late
        )
        + "。"
    )


def _clusters(rows) -> str:
    """One sentence a 雷同群: the same passage in three units or more."""
    found: dict[str, copies.Incident] = {}
    for row in rows:
        if row.quality.cluster is not None:
            found[row.quality.cluster.source] = row.quality.cluster
    return "".join(
        f"{incident.source}的段落出现在{incident.units}个单位的材料中（雷同群），抄录单位："
        + "、".join(
            f"{m.meeting.team.display_name}·{m.title}（{round(m.copied_share * 100)}%）"
            for m in incident.copiers
        )
        + "。"
        for incident in found.values()
    )


STAGES = ["汇总各班子进度", "统计查摆问题", "统计批评和自我批评", "统计材料雷同", "写成 Word 文档"]


def _no_progress(done: int, total: int, stage: str = "") -> None:
    pass


def render(
    access: Access, campaign: Campaign, today: dt.date, progress=_no_progress
) -> tuple[str, str, bytes]:
    def step(number: int) -> None:
        progress(number, len(STAGES), STAGES[number] if number < len(STAGES) else "完成")

    step(0)
    rows = overview.rows(access, campaign, today)
    aspects = [a.head for a in campaign.aspects.all()]
    minimum = RuleSet.from_dict()["min_criticism_points"]

    def done(key, *, on_time=False):
        stages = [r.stages.get(key) for r in rows]
        finished = [s for s in stages if s and s.done_on]
        return sum(1 for s in finished if s.status is Status.DONE) if on_time else len(finished)

    total = len(rows)
    # only the teams that met: a team that has not met has criticised nobody yet, and its
    # members counted as zero pulled the average down (0.3 where the teams that met had 2.0)
    held = [r for r in rows if r.criticisms_avg is not None]
    criticisms = sum(r.criticisms_avg * r.members for r in held)
    members = sum(r.members for r in held)
    thin = [r for r in held if r.criticisms_min is not None and r.criticisms_min < minimum]
    doc = OfficialDocument(author=campaign.issuer.name)
    doc.title(f"{campaign.title}落实情况综合报告")
    doc.heading("一、总体情况")
    doc.body(
        f"截至{today.year}年{today.month}月{today.day}日，督导范围内共{total}个班子。"
        f"已报送实施方案{done('plan')}个，其中按期报送{done('plan', on_time=True)}个；"
        f"已召开民主生活会{done('meeting')}个，"
        f"其中在规定时间内召开{done('meeting', on_time=True)}个；"
        f"已报送情况报告{done('report')}个，其中按期报送{done('report', on_time=True)}个；"
        f"已通报{done('briefing')}个；已报送整改方案{done('rectification')}个。" + _overdue(rows)
    )
    step(1)
    doc.heading("二、查摆问题的共性情况")
    found, unassessed = problems_by_aspect([r.meeting.pk for r in rows], aspects)
    if unassessed:
        doc.body(f"（另有{unassessed}份材料尚未评估，其查摆的问题未计入以下数字。）")
    for number, aspect in enumerate(aspects, 1):
        count, titles = found.get(aspect, (0, []))
        examples = "；".join(list(dict.fromkeys(titles))[:3])  # the first three, once each
        doc.body(
            f"{number}. {aspect}：各班子材料共查摆问题{count}条"
            + (f"，如：{examples}。" if examples else "。")
        )
    step(2)
    doc.heading("三、批评和自我批评情况")
    doc.body(
        (
            f"已召开会议的{len(held)}个班子相互批评共{round(criticisms)}人次，"
            f"人均收到批评{round(criticisms / members, 1)}人次。"
            if members
            else "尚无班子召开会议，没有批评和自我批评情况可统计。"
        )
        + (
            f"有{len(thin)}个班子存在成员收到批评少于{minimum}人次的情况："
            + "、".join(r.team.display_name for r in thin)
            + "。"
            if thin
            else "未发现成员收到批评过少的情况。"
        )
    )
    step(3)
    doc.heading("四、材料雷同情况")
    copied = [
        (r, r.quality) for r in rows if r.quality.copied_share >= COPY_FLAG and r.quality.materials
    ]
    relations = {}
    for _, quality in copied:
        label = CopyRelation(quality.copy_relation).label if quality.copy_relation else "其他"
        relations[label] = relations.get(label, 0) + 1
    materials = sum(r.quality.materials for r in rows)
    doc.body(
        f"共评估材料{materials}份。"
        + (
            f"{len(copied)}个班子有材料与其他材料雷同{round(COPY_FLAG * 100)}%以上（"
            + "，".join(f"{label}{n}个" for label, n in relations.items())
            + "），分别是："
            + "、".join(
                f"{r.team.display_name}（{q.copy_title}抄录{q.copy_source}，"
                f"{round(q.copied_share * 100)}%）"
                for r, q in copied
            )
            + "。"
            if copied
            else f"未发现雷同{round(COPY_FLAG * 100)}%以上的材料。"
        )
        + _clusters(rows)
        + f"缺少对照检查方面的材料{sum(r.quality.missing_aspects for r in rows)}份，"
        f"留有占位符的材料{sum(r.quality.placeholders for r in rows)}份。"
    )
    step(4)
    doc.heading("五、整改落实情况")
    items = sum(r.items for r in rows)
    closed = sum(r.items_closed for r in rows)
    overdue = sum(r.items_overdue for r in rows)
    doc.body(
        f"各班子列入整改清单{items}项，已销号{closed}项"
        + (f"（{round(closed * 100 / items)}%）" if items else "")
        + f"，逾期未完成{overdue}项。"
    )
    doc.table(
        ["班子", "阶段", "逾期环节", "整改 销号/总数", "逾期事项"],
        [
            [
                r.team.name,
                r.meeting.get_state_display(),
                "、".join(r.late) or "—",
                f"{r.items_closed}/{r.items}",
                str(r.items_overdue),
            ]
            for r in rows
        ],
    )
    content = doc.bytes()
    step(len(STAGES))
    return f"{campaign.title}落实情况综合报告.docx", DOCX, content


def build(job, progress) -> tuple[str, str, bytes]:
    """The report as a background job (core/jobs.py), for the supervisor who asked: his
    access as it is when the job runs."""
    from dlm.organisations.rules import access_for

    campaign = Campaign.objects.get(pk=job.params["campaign"])
    today = dt.date.fromisoformat(job.params["today"])
    return render(access_for(job.requested_by), campaign, today, progress)
