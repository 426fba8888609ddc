"""The 情况报告 and the 通报, drafted from the record and edited by the office, and the package
of documents sent upward."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dlm.campaigns.models import Meeting


class DocumentKind(models.TextChoices):
    REPORT = "report", "情况报告"
    BRIEFING = "briefing", "通报"


class Draft(models.Model):
    """The text the office edits. ``figures`` are the numbers it was drafted from, each with
    the page that lists the records behind it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="report_drafts")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    title = models.CharField("标题", max_length=200)
    addressee = models.CharField("主送", max_length=200, blank=True)
    body = models.TextField("正文")
    figures = models.JSONField(default=list)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "报告稿"
        verbose_name_plural = "报告稿"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="one_draft_per_kind")
        ]

    def __str__(self) -> str:
        return self.title


class PackageStatus(models.TextChoices):
    SENT = "sent", "已报送"
    ACKNOWLEDGED = "acknowledged", "上级已确认收到"
    RETURNED = "returned", "上级已退回"


class Package(models.Model):
    """What was sent upward, frozen as sent: the .zip and its list of files."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packages")
    sent_on = models.DateField("报送日期")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    files = models.JSONField("文件清单", default=list)
    # what was still open when it was sent, confirmed by the office (reporting.checklist)
    open_points = models.JSONField("报送时未完成事项", default=list, blank=True)
    content = models.BinaryField("压缩包")
    status = models.CharField(
        max_length=14, choices=PackageStatus.choices, default=PackageStatus.SENT
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField("上级意见", blank=True)

    class Meta:
        ordering = ["meeting", "-id"]
        verbose_name = "报送材料包"
        verbose_name_plural = "报送材料包"

    def __str__(self) -> str:
        return f"{self.meeting} · {self.sent_on}"
