"""Graded supervision (分级督办): what a superior sends a team that is late — a 提醒, then a
督办 with a final date, then a 预警 — and the team's answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dlm.campaigns.models import Meeting


class UrgingLevel(models.TextChoices):
    REMIND = "remind", "提醒"
    URGE = "urge", "督办"
    WARN = "warn", "预警"


LEVELS = list(UrgingLevel.values)  # in the order a superior escalates


class Urging(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="urgings")
    level = models.CharField("级别", max_length=10, choices=UrgingLevel.choices)
    text = models.TextField("督办事项")
    reply_by = models.DateField("限期答复日期", null=True, blank=True)
    sender = models.CharField("督办单位", max_length=120)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField("发出日期")
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-sent_on", "-id"]
        verbose_name = "督办"
        verbose_name_plural = "督办"

    def __str__(self) -> str:
        return f"{self.meeting.team.display_name}{self.get_level_display()}（{self.sent_on}）"

    @property
    def number(self) -> str:
        """The letter's number within the meeting (第N号)."""
        return f"{self.sent_on:%Y}-{self.pk}"
