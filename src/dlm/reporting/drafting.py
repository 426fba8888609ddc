"""The first drafts of the 情况报告 and the 通报, written from the record.

Only sentences whose facts the record holds are written; where the record is empty the draft
says so in brackets for the office to fill or delete, never invents.
"""

from __future__ import annotations

from dlm.campaigns.models import Meeting
from dlm.proceedings.enums import Presence, TurnKind
from dlm.reporting.models import DocumentKind
from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument

CN = "一二三四五六七八九十"


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "〔日期〕"


def _names(rows) -> str:
    return "、".join(rows) or "〔无〕"


def material_findings(data: dict) -> tuple[list[str], list[str]]:
    """The problems and measures the team material states, as `dlm analyse` reads them."""
    material = data["team_material"]
    version = next(iter(material.versions.all()), None) if material else None
    if version is None:
        return [], []
    try:
        result = analyse(version.text, kind="material", headings=version.headings)
    except UnreadableDocument:
        return [], []
    read = result.get("material", {})
    problems = [p["title"] for aspect in read.get("aspects", []) for p in aspect["problems"]]
    measures = [m["title"] for m in read.get("measures", [])]
    return problems, measures


def _basics(meeting: Meeting, data: dict) -> str:
    attendance = data["attendance"]
    present = [a.display_name for a in attendance if a.presence == Presence.PRESENT]
    absent = [
        f"{a.display_name}（{a.reason}）" for a in attendance if a.presence == Presence.ABSENT
    ]
    guides = [
        f"{a.display_name}（{a.title}）" for a in attendance if a.presence == Presence.GUIDING
    ]
    attending = [a.display_name for a in attendance if a.presence == Presence.ATTENDING]
    host = meeting.host.person.name if meeting.host else "〔主持人〕"
    text = (
        f"{chinese_date(meeting.held_on)}，{meeting.team.name}在{meeting.place or '〔地点〕'}召开"
        f"{meeting.campaign.label}，会议由{host}同志主持。班子成员应到"
        f"{len(present) + len(absent)}人，实到{len(present)}人（{_names(present)}）"
    )
    text += f"，{_names(absent)}请假" if absent else ""
    text += "。"
    if guides:
        text += f"{_names(guides)}到会指导。"
    if attending:
        text += f"{_names(attending)}列席会议。"
    return text + f"会议主题是：{meeting.campaign.theme}"


# What a figure is called when the record holds none of it: the draft says so, to fill in
# (a zero would be an invented fact: nothing registered is not "none happened").
UNREGISTERED = {
    "study": "学习研讨次数",
    "opinions": "征求意见建议条数",
    "forms_sent": "发放征求意见表份数",
    "forms_returned": "收回征求意见表份数",
    "forums": "座谈会次数",
    "interviews": "个别访谈人次",
    "talks": "谈心谈话人次",
    "drafts": "材料稿数",
    "reviews": "审阅把关次数",
    "criticisms": "相互批评人次",
    "points": "批评意见条数",
    "items": "整改事项项数",
    "carried_closed": "已销号项数",
}


# Figures the office types (not counted from a register): 0 typed is a real zero.
TYPED = {"forms_sent", "forms_returned", "interviews"}


class Stated(dict):
    """The figures as the drafts state them: a count, or 〔未登记：…〕 where none is recorded."""

    def unregistered(self, key) -> bool:
        """The record holds nothing for this figure (the panel says 未登记 too)."""
        value = super().get(key)
        return key in UNREGISTERED and (value is None or (value == 0 and key not in TYPED))

    def __getitem__(self, key):
        if self.unregistered(key):
            return f"〔未登记：{UNREGISTERED[key]}〕"
        return super().__getitem__(key)


def report(meeting: Meeting, data: dict) -> tuple[str, str]:
    f = Stated(data["by_key"])
    problems, measures = material_findings(data)
    by_count = sorted(data["by_source"].items(), key=lambda pair: (-pair[1], pair[0]))
    sources = "，".join(f"{name}{n}条" for name, n in by_count)
    guided = any(a.presence == Presence.GUIDING for a in data["attendance"])
    # an absent member was criticised by nobody: he is named as absent, not as receiving 0
    per_member = "；".join(
        f"{r.seat.person.name}同志收到{r.criticisms}人次、{r.points}条"
        for r in data["counts"]
        if not r.absent
    )
    if isinstance(f["criticisms"], str):  # nothing recorded: no per-member zeros either
        per_member = "〔每位班子成员收到的批评意见〕"
    plan = (
        f"{chinese_date(meeting.plan_submitted_on)}向上级党组织报送实施方案，"
        f"{chinese_date(meeting.plan_approved_on)}经审定同意"
        if meeting.plan_submitted_on or meeting.plan_approved_on
        else "〔实施方案报送和审定情况〕"
    )
    paragraphs = [
        "一、会议基本情况",
        _basics(meeting, data),
        "二、会前准备情况",
        f"一是制定方案。{plan}。"
        f"二是深入学习。开展学习研讨{f['study']}次。"
        f"三是广泛征求意见。发放征求意见表{f['forms_sent']}份、收回{f['forms_returned']}份，"
        f"召开座谈会{f['forums']}次，个别访谈{f['interviews']}人次，"
        f"共征求意见建议{f['opinions']}条" + (f"，其中{sources}" if sources else "") + "。"
        f"四是谈心谈话。开展谈心谈话{f['talks']}人次。"
        f"五是撰写材料。班子对照检查材料和个人发言提纲共形成{f['drafts']}稿，"
        f"主要负责同志{'和指导组' if guided else ''}审阅把关{f['reviews']}次。",
        "三、开展批评和自我批评情况",
        f"班子成员逐一进行{meeting.campaign.individual_turn}，"
        f"相互开展批评{f['criticisms']}人次，"
        f"提出批评意见{f['points']}条。其中：{per_member or '〔无〕'}。",
        "四、查摆的主要问题",
        "\n".join(f"{i}. {p}" for i, p in enumerate(problems, 1))
        or "〔班子对照检查材料中查摆的主要问题〕",
        "五、整改措施",
        "\n".join(f"{i}. {m}" for i, m in enumerate(measures, 1)) or "〔整改措施〕",
        f"会后，已将查摆的问题和会上提出的批评意见列入整改清单，共{f['items']}项，"
        "明确责任人和完成时限，逐项整改、逐项销号。",
        "特此报告。",
    ]
    title = f"关于{meeting.team.name}召开{meeting.campaign.label}情况的报告"
    return title, "\n".join(paragraphs)


def briefing(meeting: Meeting, data: dict) -> tuple[str, str]:
    f = Stated(data["by_key"])
    problems, _ = material_findings(data)
    guidance = [t.speaker_name for t in data["turns"] if t.kind == TurnKind.GUIDANCE]
    paragraphs = [
        "一、会议召开情况",
        _basics(meeting, data),
        "会上，班子成员逐一进行对照检查，开展了严肃认真的批评和自我批评，"
        f"相互批评{f['criticisms']}人次、提出意见{f['points']}条。"
        + (f"{_names(guidance)}同志作了点评。" if guidance else ""),
        "二、查摆的主要问题",
        "\n".join(f"{i}. {p}" for i, p in enumerate(problems, 1)) or "〔主要问题〕",
        "三、整改工作安排",
        f"针对查摆的问题和批评意见，制定整改清单{f['items']}项，明确责任人、牵头部门和完成时限。",
        "四、上年度民主生活会整改落实情况",
        f"上年度未完成的整改事项{f['carried']}项已结转本年度，其中已销号{f['carried_closed']}项，"
        "其余事项持续推进。"
        if data["by_key"]["carried"]
        else "〔上年度整改落实情况〕",
        "欢迎党员干部群众监督。",
    ]
    title = f"关于{meeting.team.name}{meeting.campaign.label}召开情况的通报"
    return title, "\n".join(paragraphs)


WRITERS = {DocumentKind.REPORT: report, DocumentKind.BRIEFING: briefing}
