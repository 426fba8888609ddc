"""The plan: a draft made from the campaign and the meeting, saved in versions, exported."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.forms.models import model_to_dict

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.core.revisions import Stale, differences, revision_of
from dlm.documents.plan import PlanData
from dlm.preparation.models import Plan, PlanVersion
from dlm.preparation.opinions import forms_back_by

PLAN_FIELDS = [
    "theme",
    "time_place",
    "present",
    "attending",
    "guidance",
    "agenda",
    "steps",
    "requirements",
]
REQUIREMENTS = (
    "（一）提高思想认识。班子成员要把开好民主生活会作为重要政治任务，认真做好会前各项准备。\n"
    "（二）严格对照检查。发言提纲由本人亲自撰写，对照通知各方面逐项查摆，问题要具体、见人见事见思想。\n"
    "（三）严肃批评和自我批评。批评要直截了当、开门见山，不以提希望代替点问题，每人不少于2条。\n"
    "（四）抓好会后整改。会后15日内报送整改方案，建立整改台账，逐项销号。"
)


def draft(meeting) -> dict:
    """A first plan from what the system already knows; the office edits from here."""
    seats = list(meeting.team.team_members.active().select_related("person").order_by("precedence"))
    principal = next((s for s in seats if s.is_principal), None)
    head = principal.person.name if principal else "主要负责"
    when = f"{meeting.date:%Y年%-m月%-d日}" if meeting.date else "待定"
    if meeting.start_time:
        when += f" {meeting.start_time:%H:%M}"
    due = {stage.key: stage.due for stage in meeting.timeline()}

    def day(key: str) -> str:
        return f"{due[key]:%-m月%-d日}前" if due.get(key) else "按时限"

    back = forms_back_by(meeting)  # the 征求意见表 come back a week before the meeting
    steps = [
        ("制定并报送实施方案", day("plan"), "办公室"),
        ("开展学习研讨", "会前", "全体班子成员"),
        ("广泛征求意见建议", f"{back:%-m月%-d日}前" if back else "会前", "办公室"),
        ("开展谈心谈话（四必谈）", "会前", "全体班子成员"),
        ("撰写对照检查材料和发言提纲，主要负责同志审阅把关", "会前", f"{head}同志"),
        ("召开民主生活会", when, f"{head}同志"),
        ("报送情况报告及会议材料", day("report"), "办公室"),
        ("通报会议情况", day("briefing"), "办公室"),
        ("报送整改方案和整改清单", day("rectification"), "办公室"),
    ]
    return {
        "theme": meeting.campaign.theme,
        "time_place": f"{when}，{meeting.place or '地点待定'}",
        "present": "、".join(s.person.name for s in seats),
        "attending": "",
        # the guides the superior sent, by name, once they are assigned
        "guidance": "、".join(
            f"{g.person.name}（{g.duty}）" for g in meeting.guides.select_related("person")
        )
        or "上级督导组同志",
        "agenda": "\n".join(
            [
                "通报上年度民主生活会整改落实情况和本次会议征求意见情况",
                f"{head}同志代表班子作对照检查",
                f"班子成员逐一对照检查，开展批评和自我批评（{head}同志先发言）",
                "上级督导组同志点评",
                f"{head}同志作总结讲话",
            ]
        ),
        "steps": "\n".join("｜".join(step) for step in steps),
        "requirements": "\n".join([REQUIREMENTS, *_superiors_requirements(meeting.campaign)]),
    }


def _superiors_requirements(campaign) -> list[str]:
    """What the forwarding superiors added (本级工作要求), the nearest last."""
    found = []
    while campaign is not None:
        if campaign.own_requirements.strip():
            found.append(
                f"（{campaign.issuer.display_name}要求）{campaign.own_requirements.strip()}"
            )
        campaign = campaign.parent
    return list(reversed(found))


EDITABLE = MeetingState.PLANNING


@transaction.atomic
def save_plan(meeting, values: dict, *, user, revision: str | None = None) -> Plan:
    """Save the plan as a new version. Only a plan not yet reported can change: once
    reported or approved it is the document the superior has, and a change goes through
    申请修改方案 (the plan is a draft again and is reported anew)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != EDITABLE:
        raise Refused(
            f"方案{_locked_reason(meeting)}，不能直接修改；如需修改，请在会议页面“申请修改方案”"
        )
    # a browser sends line ends as \r\n: a \r kept became a blank line after each item in Word
    values = {
        name: value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
        for name, value in values.items()
    }
    plan = Plan.objects.filter(meeting=meeting).first()
    if revision is not None:
        current = revision_of(plan, PLAN_FIELDS) if plan else ""
        if revision != current:
            raise Stale(differences(plan, Plan(meeting=meeting, **values), PLAN_FIELDS), current)
    if plan is None:
        plan = Plan.objects.create(meeting=meeting, **values)
    else:
        for name in PLAN_FIELDS:
            setattr(plan, name, values[name])
        plan.save()
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    PlanVersion.objects.create(
        plan=plan, number=number, data=model_to_dict(plan, fields=PLAN_FIELDS), created_by=user
    )
    log_action(
        "preparation.plan.saved",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"version": number},
    )
    return plan


def _locked_reason(meeting) -> str:
    if meeting.plan_approved_on:
        return f"已于 {meeting.plan_approved_on:%Y-%m-%d} 审定"
    if meeting.plan_submitted_on:
        return f"已于 {meeting.plan_submitted_on:%Y-%m-%d} 报送上级"
    return f"所在阶段为“{meeting.get_state_display()}”"


def latest_version(meeting) -> int | None:
    return PlanVersion.objects.filter(plan__meeting=meeting).aggregate(n=Max("number"))["n"]


WRITTEN_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
WRITTEN_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:：]([0-5]\d)")


def _names_day(text: str, day) -> bool:
    """Whether ``text`` names ``day`` as people write it (2027年1月20日, 1月20日, 2027-01-20)."""
    if f"{day:%Y-%m-%d}" in text or f"{day:%Y.%m.%d}" in text:
        return True
    return any((int(m), int(d)) == (day.month, day.day) for m, d in WRITTEN_DAY.findall(text))


def schedule_mismatches(meeting, plan: Plan | None = None) -> list[str]:
    """Where the plan's text no longer says what the schedule says (the date, the time, the
    place; the day of the meeting among the preparation steps) — typically after the date
    moved. Shown to the office and to the approver; never a refusal."""
    plan = plan or Plan.objects.filter(meeting=meeting).first()
    if plan is None or meeting.date is None:
        return []
    day, found = meeting.date, []
    when = plan.time_place.replace(" ", "")
    if not _names_day(when, day):
        found.append(
            f"“时间地点”写的是“{plan.time_place[:60]}”，会议日期是{day:%Y年}{day.month}月{day.day}日"
        )
    times = WRITTEN_TIME.findall(when)
    if (
        meeting.start_time
        and times
        and (int(times[0][0]), int(times[0][1]))
        != (
            meeting.start_time.hour,
            meeting.start_time.minute,
        )
    ):
        found.append(f"“时间地点”的开始时间与会议安排的 {meeting.start_time:%H:%M} 不同")
    if meeting.place and meeting.place.replace(" ", "") not in when:
        found.append(f"“时间地点”没有写会议安排的地点“{meeting.place}”")
    for line in plan.steps.splitlines():
        if "召开" in line and WRITTEN_DAY.search(line) and not _names_day(line, day):
            found.append(f"会前准备中“{line.strip()[:40]}”的日期与会议日期不同")
    return found


def date_mismatch(meeting, plan: Plan | None = None) -> str | None:
    """One remark for the step pages and the plan page, or None."""
    found = schedule_mismatches(meeting, plan)
    if not found:
        return None
    return (
        "方案与会议安排不一致："
        + "；".join(found)
        + "。请核对方案，并一并核对会前准备中的各项日期。"
    )


@dataclass(frozen=True)
class Change:
    label: str
    removed: list[str]
    added: list[str]


def changes_between(plan: Plan, old: int, new: int) -> list[Change]:
    """What changed from version ``old`` to ``new``, field by field, line by line."""
    versions = {v.number: v.data for v in plan.versions.filter(number__in=[old, new])}
    if old not in versions or new not in versions:
        return []
    result = []
    for name in PLAN_FIELDS:
        before = (versions[old].get(name) or "").replace("\r\n", "\n").splitlines()
        after = (versions[new].get(name) or "").replace("\r\n", "\n").splitlines()
        if before == after:
            continue
        diff = list(difflib.ndiff(before, after))
        result.append(
            Change(
                str(Plan._meta.get_field(name).verbose_name),
                [line[2:] for line in diff if line.startswith("- ")],
                [line[2:] for line in diff if line.startswith("+ ")],
            )
        )
    return result


def since_approved(meeting) -> tuple[int | None, int | None, list[Change]]:
    """(version last approved, latest version, what changed between them)."""
    approved, latest = meeting.plan_version_approved, latest_version(meeting)
    if not approved or not latest or approved == latest:
        return approved, latest, []
    plan = Plan.objects.get(meeting=meeting)
    return approved, latest, changes_between(plan, approved, latest)


# -- registered on the meeting's steps (PreparationConfig.ready) ---------------------------
def note_changes_since_approval(meeting) -> str | None:
    approved, latest, changes = since_approved(meeting)
    if not changes:
        return None
    labels = "、".join(change.label for change in changes)
    return (
        f"与上次审定的第{approved}版相比，第{latest}版修改了：{labels}"
        "（在“实施方案”页面可逐行对照）。"
    )


def check_plan_saved(ctx) -> None:
    """报送方案 and 登记线下审定 need the plan itself, saved in DLM."""
    if latest_version(ctx.meeting) is None:
        raise Refused("请先在“实施方案”页面制定并保存方案，再报送或登记审定")


def record_submitted_version(ctx) -> None:
    ctx.meeting.plan_version_submitted = latest_version(ctx.meeting)


def record_approved_version(ctx) -> None:
    """The approval is of a version: the one reported, or the latest saved when the
    approval was given offline without reporting in DLM."""
    ctx.meeting.plan_version_approved = ctx.meeting.plan_version_submitted or latest_version(
        ctx.meeting
    )
    if ctx.meeting.plan_version_submitted is None:
        ctx.meeting.plan_version_submitted = ctx.meeting.plan_version_approved


def plan_data(plan: Plan) -> PlanData:
    steps = []
    for line in plan.steps.splitlines():
        if line.strip():
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")] + ["", ""]
            steps.append((parts[0], parts[1], parts[2]))
    return PlanData(
        team=plan.meeting.team.display_name,
        title=f"{plan.meeting.team.name}{plan.meeting.campaign.label}实施方案",
        theme=plan.theme,
        time_place=plan.time_place,
        present=plan.present,
        attending=plan.attending,
        guidance=plan.guidance,
        agenda=[line.strip() for line in plan.agenda.splitlines() if line.strip()],
        steps=steps,
        requirements=plan.requirements,
        unit=plan.meeting.team.name,
        signed_on=plan.meeting.plan_submitted_on or plan.updated_at.date(),
    )
