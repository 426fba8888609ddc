"""The meeting's process as data: every step, who takes it, from where, what it needs and does.

``STEPS`` is the whole process. Each entry names the states it starts from and where it
leads, who takes it (the office or the superior), the one page that takes it, what it needs
(a reason, a document, evidence), the checks that must pass and the effects it has.
``campaigns.domain.take_step`` reads the entry and nothing else: no code outside this table
compares step names. Apps above this one add their own checks and effects from
``AppConfig.ready()`` (``register_step_check`` / ``register_step_effect``): the plan adds
"a saved plan" to 报送方案, the record adds the quorum to 登记会议已召开.

Adding a step: one entry here, its audit code in ``audit_actions.py``, and, when its page is
not the generic step page, the view of that page calls ``take_step`` with its name
(docs/process.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from dlm.campaigns.enums import Actor, MeetingState
from dlm.campaigns.models import OfflineApproval
from dlm.core.errors import Refused

S = MeetingState
AFTER_HELD = frozenset({S.HELD, S.REPORTED, S.RECTIFYING, S.CLOSED})
PLAN_APPROVED = frozenset({S.PREPARING, *AFTER_HELD})

# The pages that take steps. A step is taken through exactly one of them.
STEP_PAGE = "campaigns:meeting_step"
SCHEDULE_PAGE = "campaigns:meeting_edit"
PACKAGE_SEND_PAGE = "reporting:package_send"
PACKAGE_ANSWER_PAGE = "reporting:package_answer"
REPORTS_PAGE = "reporting:meeting_reports"  # shows the package's forms


@dataclass
class OfflineEvidence:
    """What the office records of an approval given outside DLM (线下审定)."""

    approver: str  # 审定单位或审定人
    document_number: str = ""  # 文号
    scan_name: str = ""
    scan: bytes = b""
    submitted_on: dt.date | None = None  # the day the plan was reported on paper


@dataclass
class StepContext:
    """One taking of a step: the locked meeting and what the person gave."""

    meeting: object  # campaigns.models.Meeting, locked for update
    step: Step
    user: object
    on: dt.date
    note: str = ""
    evidence: OfflineEvidence | None = None
    before_state: str = ""


Check = Callable[[StepContext], None]
Effect = Callable[[StepContext], None]


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset[MeetingState]
    target: MeetingState | None  # None: a milestone that records a date, state unchanged
    actor: Actor
    audit_code: str
    page: str = STEP_PAGE  # the one URL name through which the step is taken
    # Where its button leads (a page of the meeting that shows the step's form); None:
    # no button, the step follows from another form (a moved date asks for reconfirmation).
    form_page: str | None = STEP_PAGE
    needs_note: bool = False
    note_label: str = "说明"
    document: str = ""  # the document the step needs ("实施方案"); its check is registered
    needs_evidence: bool = False  # approver and a 文号 or a scan (线下审定)
    date_field: str | None = None  # the Meeting field that records the day it happened
    # The step records something done outside DLM (a meeting held, a briefing given, an
    # approval on paper): the person gives its day. Otherwise it happens here, today: a
    # plan reported in DLM cannot be dated back to before it was written.
    dated_by_user: bool = False
    once: bool = False  # the milestone is recorded once; later calls are refused
    danger: bool = False  # shown as a secondary, warning-coloured button
    quiet: bool = False  # on offer, but not the expected next thing: a plain button
    # Beyond the state: whether the step is on offer at all, from the meeting's own fields.
    offered: Callable[[object], bool] | None = None
    # The step whose work this one judges: whoever took that may not take this one.
    answers: str | None = None
    # Who is told when it is taken: "office" (the team's office), "supervisors" (above).
    tell: frozenset[str] = frozenset()
    checks: list[Check] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    # What the step's page should point out without refusing (a plan whose text names
    # another date than the schedule; what changed since the version last approved).
    notes: list[Callable[[object], str | None]] = field(default_factory=list)
    # What the page says when it is done, naming what happened ({team}, {superior}).
    done: str = ""

    def done_message(self, team: str, superior: str) -> str:
        return (self.done or f"已{self.label}").format(team=team, superior=superior or "上级")

    def notes_for(self, meeting) -> list[str]:
        return [text for note in self.notes if (text := note(meeting))]

    def form_url(self, meeting) -> str | None:
        if self.form_page is None:
            return None
        if self.form_page == STEP_PAGE:
            return reverse(STEP_PAGE, args=[meeting.pk, self.name])
        return reverse(self.form_page, args=[meeting.pk])

    def is_offered(self, meeting) -> bool:
        """In one of its states, not yet recorded if recorded once, and wanted now."""
        if meeting.state not in self.sources:
            return False
        if self.once and self.date_field and getattr(meeting, self.date_field) is not None:
            return False
        return self.offered is None or self.offered(meeting)


# -- checks ------------------------------------------------------------------------------
def not_before(date_field: str) -> Check:
    """The day given is not before the day the previous step happened."""

    def check(ctx: StepContext) -> None:
        earlier = getattr(ctx.meeting, date_field)
        if earlier is not None and ctx.on < earlier:
            raise Refused(f"日期不能早于上一环节的 {earlier:%Y-%m-%d}", field="on")

    return check


def has_meeting_date(ctx: StepContext) -> None:
    if ctx.meeting.date is None:
        raise Refused("请先在会议安排中确定会议日期，再报送方案")


def plan_is_approved(ctx: StepContext) -> None:
    if ctx.meeting.plan_approved_on is None:
        raise Refused("方案尚未审定，不能登记召开（线下已审定的，请先登记线下审定）")
    if ctx.on < ctx.meeting.plan_approved_on:
        raise Refused("召开日期不能早于方案审定日期", field="on")


def report_not_received(ctx: StepContext) -> None:
    if ctx.meeting.report_received_on is not None:
        raise Refused("报告已确认收到，不能再退回")


def evidence_given(ctx: StepContext) -> None:
    evidence = ctx.evidence
    if evidence is None or not evidence.approver.strip():
        raise Refused("请填写审定单位或审定人", field="approver")
    if not evidence.document_number.strip() and not evidence.scan:
        raise Refused("请填写审定文号，或上传审定单扫描件", field="document_number")
    if evidence.submitted_on and evidence.submitted_on > ctx.on:
        raise Refused("方案报送日期不能晚于审定日期", field="submitted_on")


# -- effects -----------------------------------------------------------------------------
def record_submission(ctx: StepContext) -> None:
    """The day the plan was reported, kept from the first report when an approved plan is
    amended and reported again (the deadline was met by the first)."""
    meeting = ctx.meeting
    if meeting.plan_submitted_on is None:
        meeting.plan_submitted_on = ctx.on
        meeting.date_at_plan_submission = meeting.date


def keep_note(ctx: StepContext) -> None:
    """The latest word on the plan, and which step said it (退回理由, 修改理由, 疑问…)."""
    ctx.meeting.plan_note = ctx.note
    ctx.meeting.plan_note_step = ctx.step.name if ctx.note else ""


def withdraw_plan(ctx: StepContext) -> None:
    """The returned plan is a draft again. A first report returned was not a report in
    time: the deadline runs on. An amendment of a plan approved before is returned without
    undoing that first, approved report (the deadline was met by it)."""
    meeting = ctx.meeting
    if meeting.plan_version_approved is None:
        meeting.plan_submitted_on = meeting.date_at_plan_submission = None
    meeting.plan_version_submitted = None
    withdraw_approval(ctx)


def reopen_for_amendment(ctx: StepContext) -> None:
    """The office asks to change its plan: a draft again, to be reported and approved anew.
    The day it was first reported stays: an amendment does not make an on-time plan late."""
    ctx.meeting.plan_version_submitted = None
    withdraw_approval(ctx)


def withdraw_approval(ctx: StepContext) -> None:
    meeting = ctx.meeting
    meeting.plan_approved_on = meeting.plan_approval_confirmed_on = None
    meeting.plan_approved_offline = False
    # plan_version_approved stays: the version last approved, which an amendment is
    # compared with when it is reported again


def approved_online(ctx: StepContext) -> None:
    ctx.meeting.plan_approved_offline = False


def approved_offline(ctx: StepContext) -> None:
    """An offline approval also says the plan was reported (on paper): never overdue."""
    meeting = ctx.meeting
    meeting.plan_approved_offline = True
    meeting.plan_approval_confirmed_on = None
    if meeting.plan_submitted_on is None:
        evidence = ctx.evidence
        meeting.plan_submitted_on = (evidence and evidence.submitted_on) or ctx.on
        meeting.date_at_plan_submission = meeting.date


def keep_offline_evidence(ctx: StepContext) -> None:
    evidence = ctx.evidence
    assert evidence is not None  # evidence_given ran first
    OfflineApproval.objects.create(
        meeting=ctx.meeting,
        approver=evidence.approver.strip()[:100],
        document_number=evidence.document_number.strip()[:60],
        scan_name=evidence.scan_name[:200],
        scan=evidence.scan,
        submitted_on=ctx.meeting.plan_submitted_on,
        approved_on=ctx.on,
        note=ctx.note,
        recorded_by=ctx.user,
    )


def answer_offline(answer: str) -> Effect:
    """The superior's answer is kept on the approval the office recorded."""

    def effect(ctx: StepContext) -> None:
        latest = ctx.meeting.offline_approvals.first()
        if latest is not None:
            latest.answer, latest.answer_note, latest.answered_on = answer, ctx.note, ctx.on
            latest.save(update_fields=["answer", "answer_note", "answered_on"])

    return effect


def held_that_day(ctx: StepContext) -> None:
    ctx.meeting.date = ctx.on


def report_back_to_office(ctx: StepContext) -> None:
    ctx.meeting.reported_on = None


def _offline_unconfirmed(meeting) -> bool:
    return meeting.plan_approved_offline and meeting.plan_approval_confirmed_on is None


STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step(
            "submit_plan",
            "报送方案",
            frozenset({S.PLANNING}),
            S.PLAN_SUBMITTED,
            Actor.OFFICE,
            "campaigns.plan.submitted",
            document="实施方案",
            note_label="报送说明",
            tell=frozenset({"supervisors"}),
            checks=[has_meeting_date],
            effects=[record_submission, keep_note],
            done="已向{superior}报送{team}的实施方案",
        ),
        Step(
            "approve_plan",
            "审定通过方案",
            frozenset({S.PLAN_SUBMITTED}),
            S.PREPARING,
            Actor.SUPERVISOR,
            "campaigns.plan.approved",
            date_field="plan_approved_on",
            answers="submit_plan",
            tell=frozenset({"office"}),
            checks=[not_before("plan_submitted_on")],
            effects=[keep_note, approved_online],
            done="已审定通过{team}的实施方案",
        ),
        Step(
            "return_plan",
            "退回方案",
            frozenset({S.PLAN_SUBMITTED}),
            S.PLANNING,
            Actor.SUPERVISOR,
            "campaigns.plan.returned",
            needs_note=True,
            note_label="退回理由",
            danger=True,
            answers="submit_plan",
            tell=frozenset({"office"}),
            checks=[not_before("plan_submitted_on")],
            effects=[keep_note, withdraw_plan],
            done="已将{team}的实施方案退回，理由已告知办公室",
        ),
        Step(
            "approve_plan_offline",
            "登记线下审定",
            frozenset({S.PLANNING, S.PLAN_SUBMITTED}),
            S.PREPARING,
            Actor.OFFICE,
            "campaigns.plan.approved_offline",
            needs_note=False,
            note_label="补充说明",
            document="实施方案",
            needs_evidence=True,
            date_field="plan_approved_on",
            dated_by_user=True,
            quiet=True,
            tell=frozenset({"supervisors"}),
            checks=[evidence_given, not_before("plan_submitted_on")],
            effects=[keep_note, approved_offline, keep_offline_evidence],
            done="已登记{team}实施方案的线下审定，等待{superior}确认",
        ),
        Step(
            "confirm_offline_approval",
            "确认线下审定",
            PLAN_APPROVED,
            None,
            Actor.SUPERVISOR,
            "campaigns.plan.offline_confirmed",
            date_field="plan_approval_confirmed_on",
            once=True,
            offered=_offline_unconfirmed,
            answers="approve_plan_offline",
            tell=frozenset({"office"}),
            checks=[not_before("plan_approved_on")],
            effects=[answer_offline("confirmed")],
            done="已确认{team}实施方案的线下审定",
        ),
        Step(
            "query_offline_approval",
            "对线下审定提出疑问",
            frozenset({S.PREPARING}),
            S.PLAN_SUBMITTED,
            Actor.SUPERVISOR,
            "campaigns.plan.offline_queried",
            needs_note=True,
            note_label="疑问（办公室将看到）",
            danger=True,
            offered=_offline_unconfirmed,
            answers="approve_plan_offline",
            tell=frozenset({"office"}),
            checks=[not_before("plan_approved_on")],
            effects=[keep_note, withdraw_approval, answer_offline("queried")],
            done="已对{team}的线下审定提出疑问，方案待重新审定",
        ),
        Step(
            "amend_plan",
            "申请修改方案",
            frozenset({S.PLAN_SUBMITTED, S.PREPARING}),
            S.PLANNING,
            Actor.OFFICE,
            "campaigns.plan.amendment_requested",
            needs_note=True,
            note_label="修改理由（上级将看到）",
            danger=True,
            tell=frozenset({"supervisors"}),
            effects=[keep_note, reopen_for_amendment],
            done="实施方案已退回草稿，可以修改；修改后请重新报送，{superior}会收到提醒",
        ),
        Step(
            "reconfirm_plan",
            "会期调整，方案重新报审",
            frozenset({S.PREPARING}),
            S.PLAN_SUBMITTED,
            Actor.OFFICE,
            "campaigns.plan.reconfirmation_asked",
            page=SCHEDULE_PAGE,
            form_page=None,
            tell=frozenset({"supervisors"}),
            effects=[keep_note, withdraw_approval],
        ),
        Step(
            "hold",
            "登记会议已召开",
            frozenset({S.PREPARING}),
            S.HELD,
            Actor.OFFICE,
            "campaigns.meeting.held",
            date_field="held_on",
            dated_by_user=True,
            checks=[plan_is_approved],
            effects=[held_that_day],
            done="已登记{team}的民主生活会召开",
        ),
        Step(
            "submit_report",
            "报送情况报告",
            frozenset({S.HELD}),
            S.REPORTED,
            Actor.OFFICE,
            "campaigns.report.submitted",
            page=PACKAGE_SEND_PAGE,
            form_page=REPORTS_PAGE,
            document="情况报告",
            date_field="reported_on",
            tell=frozenset({"supervisors"}),
            checks=[not_before("held_on")],
        ),
        Step(
            "receive_report",
            "确认收到报告",
            frozenset({S.REPORTED, S.RECTIFYING, S.CLOSED}),
            None,
            Actor.SUPERVISOR,
            "campaigns.report.received",
            page=PACKAGE_ANSWER_PAGE,
            form_page=REPORTS_PAGE,
            date_field="report_received_on",
            once=True,
            answers="submit_report",
            tell=frozenset({"office"}),
            checks=[not_before("reported_on")],
        ),
        Step(
            "return_report",
            "退回报告",
            frozenset({S.REPORTED}),
            S.HELD,
            Actor.SUPERVISOR,
            "campaigns.report.returned",
            page=PACKAGE_ANSWER_PAGE,
            form_page=REPORTS_PAGE,
            needs_note=True,
            note_label="退回理由",
            danger=True,
            answers="submit_report",
            tell=frozenset({"office"}),
            checks=[report_not_received, not_before("reported_on")],
            effects=[report_back_to_office],
        ),
        Step(
            "record_briefing",
            "登记已通报",
            AFTER_HELD,
            None,
            Actor.OFFICE,
            "campaigns.briefing.recorded",
            date_field="briefed_on",
            dated_by_user=True,
            once=True,
            checks=[not_before("held_on")],
            done="已登记{team}的通报",
        ),
        Step(
            "start_rectification",
            "报送整改方案",
            frozenset({S.REPORTED}),
            S.RECTIFYING,
            Actor.OFFICE,
            "campaigns.rectification.started",
            date_field="rectification_plan_on",
            dated_by_user=True,
            checks=[not_before("held_on")],
            done="已登记{team}报送整改方案",
        ),
        Step(
            "close",
            "整改完成，结束",
            frozenset({S.RECTIFYING}),
            S.CLOSED,
            Actor.OFFICE,
            "campaigns.meeting.closed",
            date_field="closed_on",
            checks=[not_before("rectification_plan_on")],
            done="{team}的民主生活会已结束",
        ),
    ]
}


def register_step_check(name: str, check: Check) -> None:
    """A check an app above this one adds to a step (from its ``AppConfig.ready()``)."""
    checks = STEPS[name].checks
    if check not in checks:
        checks.append(check)


def register_step_effect(name: str, effect: Effect) -> None:
    """An effect an app above this one adds to a step, run in the step's transaction."""
    effects = STEPS[name].effects
    if effect not in effects:
        effects.append(effect)


def register_step_note(name: str, note: Callable[[object], str | None]) -> None:
    """A remark an app above this one wants shown on the step's page."""
    notes = STEPS[name].notes
    if note not in notes:
        notes.append(note)


def steps_on(page: str) -> list[Step]:
    return [step for step in STEPS.values() if step.page == page]
