"""The actions on campaigns and meetings, each one function that checks, saves and logs.

Views call these and nothing else to change a campaign or a meeting; each runs in one
transaction, so a refused action leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from dlm.campaigns.enums import STEPS, CampaignStatus, MeetingState, quorum_share
from dlm.campaigns.models import Aspect, Campaign, Meeting, local_today
from dlm.core.audit import log_action, log_changes, snapshot
from dlm.core.errors import Refused
from dlm.organisations.models import Organisation

CAMPAIGN_FIELDS = [
    "year",
    "kind",
    "title",
    "document_number",
    "theme",
    "study_list",
    "latest_meeting_date",
    "plan_days_before",
    "report_days_after",
    "briefing_days_after",
    "rectification_days_after",
    "quorum",
    "superior_approves_closing",
]
SCHEDULE_FIELDS = ["date", "start_time", "place", "host", "recorder"]


# -- campaigns -------------------------------------------------------------------------
def check_against_parent(campaign: Campaign) -> None:
    """A forwarded notice may tighten its parent's rules, never loosen them."""
    parent = campaign.parent
    if parent is None:
        return
    if campaign.latest_meeting_date > parent.latest_meeting_date:
        raise Refused(
            f"转发通知的召开日期不能晚于上级通知要求的 {parent.latest_meeting_date:%Y-%m-%d}",
            field="latest_meeting_date",
        )
    if campaign.plan_days_before < parent.plan_days_before:
        raise Refused(
            f"方案报送不能晚于上级要求的会前{parent.plan_days_before}日", field="plan_days_before"
        )
    if parent.superior_approves_closing and not campaign.superior_approves_closing:
        raise Refused(
            "上级通知要求整改销号须经上级同意，转发通知不能取消", field="superior_approves_closing"
        )
    if quorum_share(campaign.quorum) < quorum_share(parent.quorum):
        raise Refused(
            f"到会人数要求不能低于上级通知的“{parent.get_quorum_display()}”", field="quorum"
        )
    for name, label in [
        ("report_days_after", "情况报告"),
        ("briefing_days_after", "通报"),
        ("rectification_days_after", "整改方案"),
    ]:
        if getattr(campaign, name) > getattr(parent, name):
            raise Refused(f"{label}期限不能宽于上级要求的会后{getattr(parent, name)}日", field=name)


@transaction.atomic
def create_campaign(campaign: Campaign, *, user, aspects: Sequence[tuple[str, str]] = ()):
    campaign.created_by = user if user.is_authenticated else None
    check_against_parent(campaign)
    campaign.save()
    for position, (head, text) in enumerate(aspects, start=1):
        Aspect.objects.create(campaign=campaign, position=position, head=head, text=text)
    log_action(
        "campaigns.campaign.created",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        data={"title": campaign.title, "aspects": len(aspects)},
    )
    return campaign


def check_against_children(campaign: Campaign) -> None:
    """Tightening a notice that was already forwarded must not leave a forward looser."""
    for child in campaign.reissues.select_related("issuer"):
        child.parent = campaign  # the edited, unsaved rules
        try:
            check_against_parent(child)
        except Refused as refused:
            raise Refused(
                f"{child.issuer.display_name}的转发通知与新的要求不符（{refused.message}），"
                "请先调整该转发通知",
                field=refused.field,
            ) from None


@transaction.atomic
def update_campaign(campaign: Campaign, *, user, before: dict) -> Campaign:
    check_against_parent(campaign)
    check_against_children(campaign)
    campaign.save()
    log_changes(
        "campaigns.campaign.changed",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        before=before,
        after=snapshot(campaign, fields=CAMPAIGN_FIELDS),
    )
    return campaign


@transaction.atomic
def replace_aspects(campaign: Campaign, aspects: Sequence[tuple[str, str]], *, user) -> None:
    """Aspects are fixed once issued: materials and problems will be filed under them."""
    if not campaign.is_draft:
        raise Refused("通知已下发，对照检查方面不能再修改")
    if not aspects:
        raise Refused("至少需要一个对照检查方面")
    before = [a.head for a in campaign.aspects.all()]
    campaign.aspects.all().delete()
    Aspect.objects.bulk_create(
        Aspect(campaign=campaign, position=i, head=head, text=text)
        for i, (head, text) in enumerate(aspects, start=1)
    )
    log_action(
        "campaigns.campaign.aspects_changed",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        data={"before": before, "after": [head for head, _ in aspects]},
    )


def eligible_recipients(campaign: Campaign):
    """Teams below the issuer that have no meeting yet in this campaign's line."""
    lineage = [campaign.pk]
    parent = campaign.parent
    while parent is not None:
        lineage.append(parent.pk)
        parent = parent.parent
    return (
        Organisation.objects.teams()
        .within(campaign.issuer.path)
        .exclude(pk=campaign.issuer_id)
        .exclude(meetings__campaign_id__in=lineage)
        .exclude(meetings__campaign__parent_id__in=lineage)
    )


@transaction.atomic
def issue_campaign(
    campaign: Campaign, recipients: Iterable[Organisation], *, user
) -> list[Meeting]:
    """Send the notice to teams: one meeting each. Issuing again adds recipients."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    recipients = list(recipients)
    if not recipients:
        raise Refused("请至少选择一个接收班子", field="recipients")
    if not campaign.aspects.exists():
        raise Refused("通知还没有对照检查方面，不能下发")
    allowed = set(eligible_recipients(campaign).values_list("pk", flat=True))
    stray = [org.name for org in recipients if org.pk not in allowed]
    if stray:
        raise Refused("以下组织不能接收本通知：" + "、".join(stray), field="recipients")
    meetings = Meeting.objects.bulk_create(Meeting(campaign=campaign, team=o) for o in recipients)
    was_draft = campaign.is_draft
    if was_draft:
        campaign.status = CampaignStatus.ISSUED
        campaign.issued_at = timezone.now()
        campaign.save(update_fields=["status", "issued_at"])
    log_action(
        "campaigns.campaign.issued",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        data={"recipients": [o.name for o in recipients], "first_issue": was_draft},
    )
    for meeting in Meeting.objects.filter(campaign=campaign, team__in=recipients):
        log_action(
            "campaigns.meeting.created",
            user=user,
            target=meeting,
            organisation=meeting.team,
        )
        for hook in MEETING_CREATED:
            hook(meeting, user)
    return meetings


@transaction.atomic
def reissue_campaign(parent: Campaign, issuer: Organisation, *, user) -> Campaign:
    """Draft a forwarded copy of a received notice, with the same theme and aspects."""
    if not Meeting.objects.filter(campaign=parent, team=issuer).exists():
        raise Refused("只能转发本单位收到的通知")
    child = Campaign(
        issuer=issuer,
        parent=parent,
        **{name: getattr(parent, name) for name in CAMPAIGN_FIELDS},
    )
    child.created_by = user
    child.save()
    Aspect.objects.bulk_create(
        Aspect(campaign=child, position=a.position, head=a.head, text=a.text)
        for a in parent.aspects.all()
    )
    log_action(
        "campaigns.campaign.reissued",
        user=user,
        target=child,
        organisation=issuer,
        data={"from": str(parent), "from_id": parent.pk},
    )
    return child


# -- meetings --------------------------------------------------------------------------
@transaction.atomic
def schedule_meeting(meeting: Meeting, *, user, before: dict) -> Meeting:
    """Save date, time, place, host and recorder; note a move after the plan was reported."""
    if meeting.state == MeetingState.CLOSED:
        raise Refused("民主生活会已结束，不能再修改会议安排")
    if meeting.held_on and meeting.date != before.get("date"):
        raise Refused("会议已召开，召开日期以登记为准，不能再改", field="date")
    if meeting.host_id and meeting.host.team_id != meeting.team_id:
        raise Refused("主持人须是本班子成员", field="host")
    meeting.save()
    moved = meeting.date != before.get("date")
    log_changes(
        "campaigns.meeting.scheduled",
        user=user,
        target=meeting,
        organisation=meeting.team,
        before=before,
        after=snapshot(meeting, fields=SCHEDULE_FIELDS),
        extra={"moved_after_plan": moved and meeting.plan_submitted_on is not None},
    )
    return meeting


# What apps above this one do when a team receives a new meeting: the ledger carries last
# year's unfinished rectification items over. Registered from AppConfig.ready().
MEETING_CREATED: list[Callable[[Meeting, object], None]] = []


def on_meeting_created(hook: Callable[[Meeting, object], None]) -> None:
    if hook not in MEETING_CREATED:
        MEETING_CREATED.append(hook)


# Checks that apps above this one add to a step: the meeting record adds the quorum to
# "hold". Registered from AppConfig.ready(), so this module never imports them.
STEP_CHECKS: dict[str, list[Callable[[Meeting], None]]] = {}


def register_step_check(step: str, check: Callable[[Meeting], None]) -> None:
    checks = STEP_CHECKS.setdefault(step, [])
    if check not in checks:
        checks.append(check)


def _check_step_preconditions(meeting: Meeting, name: str, on: dt.date) -> None:
    if on > local_today():
        raise Refused("日期不能晚于今天", field="on")
    if name == "submit_plan" and meeting.date is None:
        raise Refused("请先在会议安排中确定会议日期，再报送方案")
    if name == "hold":
        if meeting.plan_approved_on is None:
            raise Refused("方案尚未审定，不能登记召开（线下已审定的，请先登记线下审定）")
        if on < meeting.plan_approved_on:
            raise Refused("召开日期不能早于方案审定日期", field="on")
    if name == "return_report" and meeting.report_received_on is not None:
        raise Refused("报告已确认收到，不能再退回")
    earlier = {
        "approve_plan": meeting.plan_submitted_on,
        "submit_report": meeting.held_on,
        "record_briefing": meeting.held_on,
        "start_rectification": meeting.held_on,
        "close": meeting.rectification_plan_on,
        "receive_report": meeting.reported_on,
        "return_report": meeting.reported_on,
    }.get(name)
    if earlier is not None and on < earlier:
        raise Refused(f"日期不能早于上一环节的 {earlier:%Y-%m-%d}", field="on")
    for check in STEP_CHECKS.get(name, ()):
        check(meeting)


@transaction.atomic
def take_step(meeting: Meeting, name: str, *, user, on: dt.date | None = None, note: str = ""):
    """Move ``meeting`` by one step of the process; the only writer of ``Meeting.state``."""
    step = STEPS.get(name)
    if step is None:
        raise Refused("未知的操作")
    meeting = Meeting.objects.select_for_update().select_related("campaign").get(pk=meeting.pk)
    on = on or local_today()
    note = note.strip()
    if meeting.state not in step.sources:
        raise Refused(f"当前阶段为“{meeting.get_state_display()}”，不能{step.label}")
    if step.once and getattr(meeting, step.date_field) is not None:
        raise Refused(f"已于 {getattr(meeting, step.date_field):%Y-%m-%d} {step.label}")
    if step.needs_note and not note:
        raise Refused(f"请填写{step.note_label}", field="note")
    _check_step_preconditions(meeting, name, on)

    before_state = meeting.state
    if step.date_field:
        setattr(meeting, step.date_field, on)
    if name == "submit_plan":
        meeting.date_at_plan_submission = meeting.date
    if name in ("approve_plan_offline", "return_plan", "approve_plan"):
        meeting.plan_note = note
    if name == "return_plan":
        meeting.plan_submitted_on = None
        meeting.date_at_plan_submission = None
    if name == "hold":
        meeting.date = on
    if name == "return_report":
        meeting.reported_on = None
    if step.target is not None:
        meeting.state = step.target
    meeting.save()
    log_action(
        step.audit_code,
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"from": before_state, "to": meeting.state, "on": on, "note": note},
    )
    return meeting
