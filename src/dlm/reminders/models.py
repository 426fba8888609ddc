"""Reminders the periodic job leaves for a user: shown on the home page, mailed where e-mail
is configured. ``key`` makes the job idempotent: a reminder is made once per fact."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dlm_reminders"
    )
    key = models.CharField(max_length=120)
    text = models.CharField("提醒", max_length=300)
    link = models.CharField(max_length=200, blank=True)
    created_on = models.DateField()
    read_at = models.DateTimeField(null=True, blank=True)
    mailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_on", "-id"]
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_fact")
        ]

    def __str__(self) -> str:
        return self.text


class CalendarToken(models.Model):
    """The secret in a user's calendar feed address. Renewing it cuts off the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dlm_calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "日历订阅"
        verbose_name_plural = "日历订阅"

    def __str__(self) -> str:
        return f"{self.user} 的日历订阅"


class Digest(models.Model):
    """The day's mail to one person (待办 and new reminders): at most one a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dlm_digests"
    )
    sent_on = models.DateField()

    class Meta:
        verbose_name = "每日待办邮件"
        verbose_name_plural = "每日待办邮件"
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"
