"""The plan: a draft made from the campaign and the meeting, saved in versions, exported."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.forms.models import model_to_dict

from dlm.core.audit import log_action
from dlm.documents.plan import PlanData
from dlm.preparation.models import Plan, PlanVersion

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

    steps = [
        ("制定并报送实施方案", day("plan"), "办公室"),
        ("开展学习研讨", "会前", "全体班子成员"),
        ("广泛征求意见建议", "会前", "办公室"),
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
        "guidance": "上级督导组同志",
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
        "requirements": REQUIREMENTS,
    }


@transaction.atomic
def save_plan(meeting, values: dict, *, user) -> Plan:
    plan, created = Plan.objects.select_for_update().get_or_create(meeting=meeting, defaults=values)
    if not created:
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
    )
