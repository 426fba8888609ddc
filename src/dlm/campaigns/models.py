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
    plan_note = models.TextField("方案审定说明", blank=True)
    held_on = models.DateField("召开日期", null=True, blank=True)
    reported_on = models.DateField("报告报送日期", null=True, blank=True)
    report_received_on = models.DateField("上级收到报告日期", null=True, blank=True)
    briefed_on = models.DateField("通报日期", null=True, blank=True)
    rectification_plan_on = models.DateField("整改方案报送日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "team__path"]
        verbose_name = "民主生活会"
        verbose_name_plural = "民主生活会"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "team"], name="one_meeting_per_team")
        ]
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.team.display_name} · {self.campaign.title}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:meeting_detail", args=[self.pk])

    def dates(self) -> deadlines.MeetingDates:
        return deadlines.MeetingDates(
            latest_date=self.campaign.latest_meeting_date,
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
