"""The actions on campaigns and meetings, each one function that checks, saves and logs.

Views call these and nothing else to change a campaign or a meeting; each runs in one
transaction, so a refused action leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dlm.campaigns.enums import CampaignStatus, MeetingState, quorum_share
from dlm.campaigns.models import Aspect, Campaign, Meeting, local_today
from dlm.campaigns.process import STEPS, OfflineEvidence, StepContext
from dlm.core.audit import log_action, log_changes, snapshot
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.core.revisions import ensure_fresh, ensure_rows_fresh
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
    "own_requirements",
]
# What a forward takes from its parent and may not change: the notice is the superior's.
PARENT_FIELDS = ["year", "kind", "theme", "study_list"]
SCHEDULE_FIELDS = ["date", "start_time", "place", "host", "recorder"]


# -- campaigns -------------------------------------------------------------------------
def check_against_parent(campaign: Campaign) -> None:
    """A forwarded notice keeps its parent's theme, kind, year and study list, and may
    tighten its parent's rules, never loosen them."""
    parent = campaign.parent
    if parent is None:
        return
    for name in PARENT_FIELDS:
        if getattr(campaign, name) != getattr(parent, name):
            label = Campaign._meta.get_field(name).verbose_name
            raise Refused(f"转发通知的{label}须与上级通知一致，不能修改", field=name)
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


def refresh_standing(meetings: Iterable[Meeting]) -> int:
    """Store each meeting's deadlines again (the notice's rules changed, or a new day for
    ``runperiodic``); returns how many changed."""
    changed = [meeting for meeting in meetings if meeting.refresh_standing()]
    Meeting.objects.bulk_update(changed, list(Meeting.STANDING_FIELDS), batch_size=500)
    return len(changed)


@transaction.atomic
def edit_campaign(
    campaign: Campaign,
    *,
    user,
    before: dict,
    revision: str | None,
    aspects: Sequence[tuple[str, str]] | None = None,
    aspects_revision: str | None = None,
) -> Campaign:
    """The notice's edit page: its rules and, while a draft, its aspects, saved together."""
    update_campaign(campaign, user=user, before=before, revision=revision)
    if aspects is not None:
        replace_aspects(campaign, aspects, user=user, revision=aspects_revision)
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
def update_campaign(
    campaign: Campaign, *, user, before: dict, revision: str | None = None
) -> Campaign:
    if not campaign.is_draft:  # teams received it: what they check against stays
        saved = Campaign.objects.get(pk=campaign.pk)
        for name in PARENT_FIELDS:
            if getattr(saved, name) != getattr(campaign, name):
                label = Campaign._meta.get_field(name).verbose_name
                raise Refused(f"通知已下发，{label}不能再修改", field=name)
    check_against_parent(campaign)
    check_against_children(campaign)
    if revision is not None:
        ensure_fresh(campaign, CAMPAIGN_FIELDS, revision)
    campaign.save()
    refresh_standing(campaign.meetings.select_related("campaign"))
    log_changes(
        "campaigns.campaign.changed",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        before=before,
        after=snapshot(campaign, fields=CAMPAIGN_FIELDS),
    )
    return campaign


ASPECT_FIELDS = ("position", "head", "text")


@transaction.atomic
def replace_aspects(
    campaign: Campaign,
    aspects: Sequence[tuple[str, str]],
    *,
    user,
    revision: str | None = None,
) -> None:
    """Aspects are fixed once issued: materials and problems will be filed under them."""
    if not campaign.is_draft:
        raise Refused("通知已下发，对照检查方面不能再修改")
    if campaign.parent_id is not None:
        raise Refused("转发通知的对照检查方面与上级通知一致，不能修改")
    if not aspects:
        raise Refused("至少需要一个对照检查方面")
    Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk").first()
    saved = list(campaign.aspects.all())
    if revision is not None:
        typed = "\n".join(f"{i}. {head}" for i, (head, _) in enumerate(aspects, start=1))
        ensure_rows_fresh(
            saved,
            ASPECT_FIELDS,
            revision,
            label="对照检查方面",
            typed=typed,
            revision_field="aspects-revision",
        )
    before = [a.head for a in saved]
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


@transaction.atomic
def delete_draft(campaign: Campaign, *, user) -> None:
    """A draft nobody received can be thrown away; an issued notice stays."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_draft or campaign.meetings.exists():
        raise Refused("通知已下发，不能删除")
    if campaign.reissues.exists():
        raise Refused("通知已被转发，不能删除")
    log_action(
        "campaigns.campaign.deleted",
        user=user,
        target=campaign,
        organisation=campaign.issuer,
        data={"title": campaign.title},
    )
    campaign.aspects.all().delete()
    campaign.delete()


def lineage(campaign: Campaign) -> list[int]:
    """The campaign and the notices it forwards, up to the first."""
    ids = [campaign.pk]
    parent = campaign.parent
    while parent is not None:
        ids.append(parent.pk)
        parent = parent.parent
    return ids


@dataclass(frozen=True)
class Recipient:
    """A team below the issuer, as the issue page shows it."""

    team: Organisation
    depth: int  # levels below the issuer
    received: Campaign | None  # the notice of this line it has already received
    via: Organisation | None  # a team between the issuer and it, which usually forwards

    @property
    def eligible(self) -> bool:
        return self.received is None


def recipients_tree(campaign: Campaign) -> list[Recipient]:
    """Every team below the issuer in tree order: who has received this notice (from whom)
    and who would normally receive it through a team in between (a city ticking a street
    skips its district, which then cannot forward to it)."""
    line = lineage(campaign)
    teams = list(
        Organisation.objects.teams()
        .within(campaign.issuer.path)
        .exclude(pk=campaign.issuer_id)
        .order_by("path")
    )
    received = {
        meeting.team_id: meeting.campaign
        for meeting in Meeting.objects.filter(team__in=teams)
        .filter(Q(campaign_id__in=line) | Q(campaign__parent_id__in=line))
        .select_related("campaign__issuer")
    }
    by_path = {team.path: team for team in teams}
    rows = []
    for team in teams:
        above = [by_path[p] for p in by_path if team.path.startswith(p) and p != team.path]
        rows.append(
            Recipient(
                team=team,
                depth=team.depth - campaign.issuer.depth,
                received=received.get(team.pk),
                via=max(above, key=lambda org: org.depth) if above else None,
            )
        )
    return rows


def eligible_recipients(campaign: Campaign):
    """Teams below the issuer that have no meeting yet in this campaign's line."""
    lineage_ids = lineage(campaign)
    return (
        Organisation.objects.teams()
        .within(campaign.issuer.path)
        .exclude(pk=campaign.issuer_id)
        .exclude(meetings__campaign_id__in=lineage_ids)
        .exclude(meetings__campaign__parent_id__in=lineage_ids)
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
    new = [Meeting(campaign=campaign, team=o) for o in recipients]
    for meeting in new:  # bulk_create skips save(), which keeps the standing
        meeting.refresh_standing()
    meetings = Meeting.objects.bulk_create(new)
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


class AlreadyForwarded(Refused):
    """The issuer has forwarded (or is drafting the forward of) this notice already."""

    def __init__(self, existing: Campaign):
        super().__init__(f"{existing.issuer.display_name}已有这份通知的转发：“{existing.title}”")
        self.existing = existing


def forward_title(parent: Campaign) -> str:
    """关于转发《…》的通知: the forward is a notice of its own, under the issuer's name."""
    return f"关于转发《{parent.title}》的通知"


@transaction.atomic
def reissue_campaign(parent: Campaign, issuer: Organisation, *, user) -> Campaign:
    """Draft a forwarded copy of a received notice: the same theme, kind, year, study list
    and aspects (which stay the parent's), the parent's rules to tighten, its own title and
    document number. One forward per issuer."""
    if not Meeting.objects.filter(campaign=parent, team=issuer).exists():
        raise Refused("只能转发本单位收到的通知")
    existing = Campaign.objects.filter(parent=parent, issuer=issuer).first()
    if existing is not None:
        raise AlreadyForwarded(existing)
    child = Campaign(
        issuer=issuer,
        parent=parent,
        **{name: getattr(parent, name) for name in CAMPAIGN_FIELDS},
    )
    child.title = forward_title(parent)[:200]
    child.document_number = ""  # the forward's own 文号, to be filled
    child.own_requirements = ""
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
def schedule_meeting(
    meeting: Meeting, *, user, before: dict, revision: str | None = None
) -> Meeting:
    """Save date, time, place, host and recorder.

    ``revision`` is what the form was shown at (None only for callers without a form).
    Moving the date after the plan was approved sends the plan back to its approver to
    confirm or return; a date after the latest one allowed is refused.
    """
    if meeting.state == MeetingState.CLOSED:
        raise Refused("民主生活会已结束，不能再修改会议安排")
    moved = meeting.date != before.get("date")
    if meeting.held_on and moved:
        raise Refused("会议已召开，召开日期以登记为准，不能再改", field="date")
    if meeting.host_id and meeting.host.team_id != meeting.team_id:
        raise Refused("主持人须是本班子成员", field="host")
    if revision is not None:
        ensure_fresh(meeting, SCHEDULE_FIELDS, revision)
    if meeting.date is None and meeting.plan_submitted_on is not None:
        raise Refused("方案已按会议日期报送，会议日期不能清空", field="date")
    if moved and meeting.date and meeting.date > meeting.latest_date:
        raise Refused(
            f"会议日期不能晚于{_latest_label(meeting)} {meeting.latest_date:%Y-%m-%d}；"
            "确需推迟的，请报上级同意（上级在会议页面“准予推迟召开”）",
            field="date",
        )
    meeting.save()
    log_changes(
        "campaigns.meeting.scheduled",
        user=user,
        target=meeting,
        organisation=meeting.team,
        before=before,
        after=snapshot(meeting, fields=SCHEDULE_FIELDS),
        extra={"moved_after_plan": moved and meeting.plan_submitted_on is not None},
    )
    if moved and STEPS["reconfirm_plan"].is_offered(meeting):
        old = before.get("date")
        take_step(
            meeting,
            "reconfirm_plan",
            user=user,
            note=f"会期由 {old:%Y-%m-%d} 调整为 {meeting.date:%Y-%m-%d}"
            if old and meeting.date
            else "会期已调整",
        )
    return meeting


def _latest_label(meeting: Meeting) -> str:
    return "上级准予推迟的" if meeting.latest_date_allowed else "通知要求的最迟日期"


@transaction.atomic
def allow_later_date(meeting: Meeting, until: dt.date, reason: str, *, user) -> Meeting:
    """The superior lets one team hold its meeting after the notice's latest date."""
    meeting = Meeting.objects.select_for_update().select_related("campaign").get(pk=meeting.pk)
    if meeting.held_on is not None:
        raise Refused("会议已召开，不需要推迟")
    if until <= meeting.campaign.latest_meeting_date:
        raise Refused(
            f"准予推迟的日期须晚于通知要求的 {meeting.campaign.latest_meeting_date:%Y-%m-%d}",
            field="until",
        )
    if not reason.strip():
        raise Refused("请写明准予推迟的理由", field="reason")
    before = {"准予推迟召开至": meeting.latest_date_allowed}
    meeting.latest_date_allowed, meeting.latest_date_reason = until, reason.strip()[:300]
    meeting.save()
    log_action(
        "campaigns.meeting.later_date_allowed",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"准予推迟召开至": until, "理由": meeting.latest_date_reason} | {"修改前": before},
    )
    return meeting


# What apps above this one do when a team receives a new meeting: the ledger carries last
# year's unfinished rectification items over. Registered from AppConfig.ready().
MEETING_CREATED: list[Callable[[Meeting, object], None]] = []


def on_meeting_created(hook: Callable[[Meeting, object], None]) -> None:
    if hook not in MEETING_CREATED:
        MEETING_CREATED.append(hook)


# Who hears of a step: the reminders app tells the office or the superiors the step names.
# Registered from AppConfig.ready(), called after the step is saved and logged.
STEP_TAKEN: list[Callable[[StepContext], None]] = []


def on_step_taken(hook: Callable[[StepContext], None]) -> None:
    if hook not in STEP_TAKEN:
        STEP_TAKEN.append(hook)


def _check_not_own_work(ctx: StepContext) -> None:
    """Nobody judges his own work: whoever took the step this one answers may not take it;
    the next supervisor up does."""
    answered = STEPS.get(ctx.step.answers or "")
    if answered is None:
        return
    last = (
        AuditEntry.objects.for_object(ctx.meeting)
        .filter(action=answered.audit_code)
        .order_by("-id")
        .values_list("actor_id", flat=True)
        .first()
    )
    if last is not None and last == ctx.user.pk:
        raise Refused(f"“{answered.label}”是您本人办理的，不能由您{ctx.step.label}，请由上一级办理")


def just_taken(meeting: Meeting, step, user, *, within: int = 300) -> bool:
    """Whether ``user`` took ``step`` on this meeting in the last minutes: a refusal of the
    same step then is a double click or a resubmitted page, not a new request."""
    since = timezone.now() - dt.timedelta(seconds=within)
    return (
        AuditEntry.objects.for_object(meeting)
        .filter(action=step.audit_code, actor=user, at__gte=since)
        .exists()
    )


def unavailable(meeting: Meeting, step) -> str | None:
    """Why the step is not on offer now (the state, done once already, not wanted), or None."""
    if meeting.state not in step.sources:
        return f"当前阶段为“{meeting.get_state_display()}”，不能{step.label}"
    if step.once and getattr(meeting, step.date_field) is not None:
        return f"已于 {getattr(meeting, step.date_field):%Y-%m-%d} {step.label}"
    if step.offered is not None and not step.offered(meeting):
        return f"本会议现在不需要{step.label}"
    return None


def _check(ctx: StepContext) -> None:
    step, meeting = ctx.step, ctx.meeting
    reason = unavailable(meeting, step)
    if reason:
        raise Refused(reason)
    if step.needs_note and not ctx.note:
        raise Refused(f"请填写{step.note_label}", field="note")
    if ctx.on > local_today():
        raise Refused("日期不能晚于今天", field="on")
    _check_not_own_work(ctx)
    for check in step.checks:
        check(ctx)


@transaction.atomic
def take_step(
    meeting: Meeting,
    name: str,
    *,
    user,
    on: dt.date | None = None,
    note: str = "",
    evidence: OfflineEvidence | None = None,
) -> Meeting:
    """Move ``meeting`` by one step of the process; the only writer of ``Meeting.state``.

    Everything the step does is read from its entry in ``process.STEPS``: the checks, the
    effects, the date it records, where it leads and who is told.
    """
    step = STEPS.get(name)
    if step is None:
        raise Refused("未知的操作")
    meeting = Meeting.objects.select_for_update().select_related("campaign").get(pk=meeting.pk)
    ctx = StepContext(
        meeting=meeting,
        step=step,
        user=user,
        on=on or local_today(),
        note=note.strip(),
        evidence=evidence,
        before_state=meeting.state,
    )
    _check(ctx)
    if step.date_field:
        setattr(meeting, step.date_field, ctx.on)
    for effect in step.effects:
        effect(ctx)
    if step.target is not None:
        meeting.state = step.target
    meeting.save()
    log_action(
        step.audit_code,
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"from": ctx.before_state, "to": meeting.state, "on": ctx.on, "note": ctx.note},
    )
    for hook in STEP_TAKEN:
        hook(ctx)
    return meeting
