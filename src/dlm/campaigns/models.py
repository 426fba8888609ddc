"""Campaigns (the superior's notice), their aspects, and one meeting per receiving team."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from dlm.campaigns import deadlines
from dlm.campaigns.enums import CampaignKind, CampaignStatus, MeetingState, Quorum
from dlm.organisations.models import Organisation, Person, TeamMember

DAYS = [MinValueValidator(0), MaxValueValidator(90)]


class Campaign(models.Model):
    """A notice (通知) that asks teams to hold a 民主生活会, with its rules."""

    issuer = models.ForeignKey(
        Organisation,
        verbose_name="下发组织",
        on_delete=models.PROTECT,
        related_name="issued_campaigns",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="转发自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissues",
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField("类别", max_length=16, choices=CampaignKind.choices)
    title = models.CharField("通知标题", max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True)
    theme = models.TextField("主题")
    study_list = models.TextField("学习内容", blank=True, help_text="每行一项")
    own_requirements = models.TextField(
        "本级工作要求",
        blank=True,
        help_text="转发时本级增加的要求；主题、类别、年度、学习内容和对照检查方面与上级通知一致",
    )
    latest_meeting_date = models.DateField("会议召开最迟日期")
    plan_days_before = models.PositiveSmallIntegerField(
        "方案会前报送天数", default=10, validators=DAYS
    )
    report_days_after = models.PositiveSmallIntegerField(
        "情况报告会后天数", default=15, validators=DAYS
    )
    briefing_days_after = models.PositiveSmallIntegerField(
        "通报会后天数", default=10, validators=DAYS
    )
    rectification_days_after = models.PositiveSmallIntegerField(
        "整改方案会后天数", default=15, validators=DAYS
    )
    quorum = models.CharField(
        "到会人数要求",
        max_length=4,
        choices=Quorum.choices,
        default=Quorum.TWO_THIRDS,
        help_text="班子成员到会达到此比例，会议方可召开",
    )
    superior_approves_closing = models.BooleanField(
        "整改销号须经上级同意",
        default=False,
        help_text="勾选后，整改事项销号须主要负责同志和上级组织均同意",
    )
    status = models.CharField(
        "状态", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    issued_at = models.DateTimeField("下发时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = "通知"
        verbose_name_plural = "通知"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "issuer"],
                condition=models.Q(parent__isnull=False),
                name="one_forward_per_issuer",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign_detail", args=[self.pk])

    @property
    def label(self) -> str:
        """How the documents name the meeting: 2026年度民主生活会 / 2026年专题民主生活会."""
        if self.kind == CampaignKind.SPECIAL:
            return f"{self.year}年专题民主生活会"
        return f"{self.year}年度民主生活会"

    @property
    def member_turn(self) -> str:
        """What each member's turn is called, as the notice calls it: 检视剖析 (主题教育专题
        民主生活会), 个人发言, or 对照检查 by default."""
        said = " ".join(
            [self.title, self.theme, self.own_requirements, *(a.head for a in self.aspects.all())]
        )
        for term in ("检视剖析", "个人发言"):
            if term in said:
                return term
        return "对照检查"

    @property
    def individual_turn(self) -> str:
        """ "个人对照检查", "个人检视剖析", "个人发言" — never "个人个人发言"."""
        term = self.member_turn
        return term if term.startswith("个人") else f"个人{term}"

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    @property
    def rules(self) -> deadlines.DeadlineRules:
        return deadlines.DeadlineRules(
            plan_days_before=self.plan_days_before,
            report_days_after=self.report_days_after,
            briefing_days_after=self.briefing_days_after,
            rectification_days_after=self.rectification_days_after,
        )

    def root(self) -> Campaign:
        campaign = self
        while campaign.parent_id is not None:
            campaign = campaign.parent
        return campaign

    def study_items(self) -> list[str]:
        return [line.strip() for line in self.study_list.splitlines() if line.strip()]


class Aspect(models.Model):
    """One of the N aspects the notice asks every team and member to check against."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="aspects")
    position = models.PositiveSmallIntegerField("序号")
    head = models.CharField("要点", max_length=120)
    text = models.TextField("全文")

    class Meta:
        ordering = ["campaign", "position"]
        verbose_name = "对照检查方面"
        verbose_name_plural = "对照检查方面"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="unique_aspect_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.head}"


class Meeting(models.Model):
    """One team's 民主生活会 under one campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="通知", on_delete=models.PROTECT, related_name="meetings"
    )
    team = models.ForeignKey(
        Organisation, verbose_name="班子", on_delete=models.PROTECT, related_name="meetings"
    )
    state = models.CharField(
        "阶段", max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNING
    )
    date = models.DateField("会议日期", null=True, blank=True)
    start_time = models.TimeField("开始时间", null=True, blank=True)
    place = models.CharField("地点", max_length=120, blank=True)
    host = models.ForeignKey(
        TeamMember,
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
    )
    recorder = models.ForeignKey(
        Person,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_meetings",
    )
    # The milestones, each set by one step of dlm.campaigns.enums.STEPS.
    plan_submitted_on = models.DateField("方案报送日期", null=True, blank=True)
    date_at_plan_submission = models.DateField("报送方案时的会期", null=True, blank=True)
    plan_approved_on = models.DateField("方案审定日期", null=True, blank=True)
    plan_approved_offline = models.BooleanField("线下审定", default=False)
    # Which saved version of the plan document was reported and approved (set by the plan).
    plan_version_submitted = models.PositiveIntegerField("报送的方案版本", null=True, blank=True)
    # The version last approved: kept when the approval is withdrawn, so that an amended
    # plan can be compared with it.
    plan_version_approved = models.PositiveIntegerField("审定的方案版本", null=True, blank=True)
    plan_approval_confirmed_on = models.DateField("上级确认线下审定日期", null=True, blank=True)
    plan_note = models.TextField("方案审定说明", blank=True)
    plan_note_step = models.CharField("说明出自", max_length=40, blank=True)
    held_on = models.DateField("召开日期", null=True, blank=True)
    reported_on = models.DateField("报告报送日期", null=True, blank=True)
    report_received_on = models.DateField("上级收到报告日期", null=True, blank=True)
    briefed_on = models.DateField("通报日期", null=True, blank=True)
    rectification_plan_on = models.DateField("整改方案报送日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    # A later latest date the superior allowed for this team (准予推迟召开), with the reason.
    latest_date_allowed = models.DateField("准予推迟召开至", null=True, blank=True)
    latest_date_reason = models.CharField("推迟理由", max_length=300, blank=True)
    # The timeline's standing, kept by save() so that lists filter and sort in SQL
    # (deadlines.standing): the next deadline, the earliest unmet one, stages done late.
    next_stage = models.CharField("下一项", max_length=20, blank=True)
    next_due_on = models.DateField("下一项截止日期", null=True, blank=True)
    earliest_due_on = models.DateField("最早未完成截止日期", null=True, blank=True)
    late_stages = models.PositiveSmallIntegerField("逾期完成环节数", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    STANDING_FIELDS = ("next_stage", "next_due_on", "earliest_due_on", "late_stages")

    class Meta:
        ordering = ["campaign", "team__path"]
        verbose_name = "民主生活会"
        verbose_name_plural = "民主生活会"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "team"], name="one_meeting_per_team")
        ]
        indexes = [
            models.Index(fields=["state"]),
            models.Index(fields=["earliest_due_on"]),
            models.Index(fields=["next_due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.team.display_name} · {self.campaign.title}"

    def save(self, *args, **kwargs):
        self.refresh_standing()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.STANDING_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("campaigns:meeting_detail", args=[self.pk])

    def refresh_standing(self) -> bool:
        """Recompute the stored standing; True when it changed. A closed meeting has
        nothing left to do, whatever its timeline still shows open."""
        before = [getattr(self, name) for name in self.STANDING_FIELDS]
        found = deadlines.standing(self.timeline())
        if self.state == MeetingState.CLOSED:
            found = deadlines.Standing("", None, None, found.done_late)
        self.next_stage, self.next_due_on = found.next_key, found.next_due
        self.earliest_due_on, self.late_stages = found.earliest_due, found.done_late
        return before != [getattr(self, name) for name in self.STANDING_FIELDS]

    @property
    def plan_note_label(self) -> str:
        """What the latest word on the plan was: 报送说明, 退回理由, 修改理由, 疑问…"""
        # process imports this module for its effects; read its table lazily
        from dlm.campaigns.process import STEPS

        step = STEPS.get(self.plan_note_step)
        return step.note_label.split("（")[0] if step else "方案审定说明"

    @property
    def latest_date(self) -> dt.date:
        """The latest day the meeting may be held: the notice's, or later where allowed."""
        allowed = self.latest_date_allowed
        notice = self.campaign.latest_meeting_date
        return max(allowed, notice) if allowed else notice

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.earliest_due_on is not None and self.earliest_due_on < (today or local_today())

    def dates(self) -> deadlines.MeetingDates:
        return deadlines.MeetingDates(
            latest_date=self.latest_date,
            planned_date=self.date,
            date_at_plan_submission=self.date_at_plan_submission,
            plan_submitted_on=self.plan_submitted_on,
            plan_approved_on=self.plan_approved_on,
            held_on=self.held_on,
            reported_on=self.reported_on,
            briefed_on=self.briefed_on,
            rectification_plan_on=self.rectification_plan_on,
            closed_on=self.closed_on,
        )

    def timeline(self, today: dt.date | None = None) -> list[deadlines.Stage]:
        return deadlines.timeline(self.campaign.rules, self.dates(), today or local_today())


class OfflineApproval(models.Model):
    """An approval of the plan given outside DLM (线下审定), as the office recorded it, and
    the superior's answer: confirmed, or queried (the plan then waits for approval again)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="offline_approvals")
    approver = models.CharField("审定单位或审定人", max_length=100)
    document_number = models.CharField("审定文号", max_length=60, blank=True)
    scan_name = models.CharField("审定单扫描件", max_length=200, blank=True)
    scan = models.BinaryField("扫描件内容", blank=True, default=b"")
    submitted_on = models.DateField("方案报送日期", null=True, blank=True)
    approved_on = models.DateField("审定日期")
    note = models.TextField("补充说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(
        "上级意见",
        max_length=10,
        choices=[("", "待上级确认"), ("confirmed", "上级已确认"), ("queried", "上级有疑问")],
        blank=True,
    )
    answer_note = models.TextField("上级说明", blank=True)
    answered_on = models.DateField("上级答复日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-id"]
        verbose_name = "线下审定"
        verbose_name_plural = "线下审定"

    def __str__(self) -> str:
        return f"{self.approver} {self.approved_on:%Y-%m-%d} 线下审定"


def local_today() -> dt.date:
    return timezone.localdate()


class MeetingGuide(models.Model):
    """A member of the guidance group (指导组/督导组) sent by a superior to one meeting.

    A guide reads the meeting's preparation and materials, may review them, attends the
    meeting as 指导 and gives the 点评. A guide with no login still appears in the record.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name="民主生活会", on_delete=models.CASCADE, related_name="guides"
    )
    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.PROTECT, related_name="guided_meetings"
    )
    duty = models.CharField("指导职责", max_length=100, help_text="如：区委第二督导组组长")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "指导组成员"
        verbose_name_plural = "指导组成员"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_guide_seat_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.duty}）"
