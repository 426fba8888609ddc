"""The audit log: an append-only record of every change that matters.

Rows are written only through :func:`dlm.core.audit.log_action`; they are never updated or
deleted (the model refuses, and a database trigger refuses too, so a raw query cannot either).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            target_id=str(obj.pk),
        )

    def update(self, **kwargs):  # noqa: D102 - the log is append-only
        raise AuditLogIsAppendOnly("审计日志只能追加，不能修改")

    def delete(self):  # noqa: D102
        raise AuditLogIsAppendOnly("审计日志只能追加，不能删除")


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the log must still say who acted after an account is removed.
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    action = models.CharField("动作", max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField("对象", max_length=300, blank=True)
    # The organisation the change belongs to: lets supervisors read the log of a subtree.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    data = models.JSONField("详情", default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]
        verbose_name = "审计记录"
        verbose_name_plural = "审计日志"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogIsAppendOnly("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("审计日志只能追加，不能删除")

    @property
    def description(self) -> str:
        from dlm.core.audit import describe

        return describe(self.action)

    @property
    def sentence(self) -> str:
        """What happened, as people read it (core.logdisplay)."""
        from dlm.core.logdisplay import sentence

        return sentence(self)


class KeptUpload(models.Model):
    """A file a user sent to be read (minutes, a 整改清单): kept as sent whether or not it
    could be read, read into a preview, saved only once confirmed."""

    file_name = models.CharField("文件名", max_length=200)
    content = models.BinaryField("原文件")
    error = models.CharField("无法读取的原因", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.file_name


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "未能完成"


class Job(models.Model):
    """Work done in the background for one person — a document built from many teams'
    records — with its progress while it runs and its file once it is ready (core/jobs.py).
    Only the person who asked sees it."""

    kind = models.CharField("类别", max_length=40)
    title = models.CharField("名称", max_length=200)
    params = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dlm_jobs"
    )
    state = models.CharField(
        "状态", max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stage = models.CharField("进行到", max_length=100, blank=True)
    error = models.CharField("未能完成的原因", max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(default=b"", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def waiting_long(self, now=None) -> bool:
        """Queued for over a minute: a worker would have started it — is one running?"""
        from django.utils import timezone

        now = now or timezone.now()
        return self.state == JobState.QUEUED and (now - self.created_at).total_seconds() > 60

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.total else None
