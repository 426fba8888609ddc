"""The rectification ledger (整改台账): items, where they came from, progress and 销号.

An item belongs to one meeting's ledger, for the team or for one member. Its sources link
back to the record (an opinion, a criticism or comment at the meeting, a material, last
year's item). Closing (销号) needs evidence and the principal's approval — and the superior's
where the campaign says so; a closed item can be reopened with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from dlm.campaigns.models import Meeting, local_today
from dlm.core.models import KeptUpload
from dlm.organisations.models import TeamMember
from dlm.rectification.enums import IN_FORCE, UNFINISHED, ItemKind, ItemStatus, SourceKind


class ItemQuerySet(models.QuerySet):
    def in_force(self) -> ItemQuerySet:
        """Without the voided items: what every total, list and document counts."""
        return self.filter(status__in=IN_FORCE)

    def unfinished(self) -> ItemQuerySet:
        return self.filter(status__in=UNFINISHED)


def item_code(meeting, number: int) -> str:
    team = meeting.team
    return f"{meeting.campaign.year}-{team.short_name or team.name}-{number:02d}"


class Item(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="ledger_items")
    number = models.PositiveIntegerField("序号")
    # None: a problem of the team (班子); otherwise a member's own item.
    member = models.ForeignKey(
        TeamMember,
        verbose_name="所属成员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_items",
    )
    problem = models.TextField("问题")
    measures = models.TextField("整改措施")
    responsible = models.ForeignKey(
        TeamMember,
        verbose_name="责任人",
        on_delete=models.PROTECT,
        related_name="responsible_for",
    )
    # others who answer with the person responsible (a sheet's "王某、李某": the first leads)
    assisting = models.CharField(
        "协助", max_length=200, blank=True, help_text="协助的班子成员，多人用顿号分隔"
    )
    lead_department = models.CharField("牵头部门", max_length=100, blank=True)
    kind = models.CharField("整改类型", max_length=12, choices=ItemKind.choices)
    deadline = models.DateField("完成时限", null=True, blank=True)
    # the deadline as the office wrote it ("2025年底前，并长期坚持", "8月底前"), kept beside
    # the date read from it
    deadline_note = models.CharField("时限原文", max_length=300, blank=True)
    # 长期坚持 beside a date ("2025年底前完成，并长期坚持"): the date is what is checked for
    # being overdue; the flag says the work goes on after it. An item with no date at all is
    # 长期坚持 by its kind.
    ongoing = models.BooleanField("并长期坚持", default=False)
    stage_goals = models.TextField("阶段目标", blank=True)
    internal_note = models.TextField("内部备注（不公开）", blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    principal_approved_on = models.DateField("主要负责同志同意销号", null=True, blank=True)
    superior_approved_on = models.DateField("上级同意销号", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    void_reason = models.CharField("作废理由", max_length=500, blank=True)
    # Who asked for closing: he may not approve it (nobody approves his own request).
    closing_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name="由上年度事项结转",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The create form's one-time token: the same form sent twice (back, then 保存 again)
    # makes one item, not two.
    form_token = models.CharField(max_length=64, blank=True, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_item_number"),
            models.UniqueConstraint(
                fields=["meeting", "form_token"],
                condition=~models.Q(form_token=""),
                name="one_item_per_form",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="deadline") | models.Q(deadline__isnull=False),
                name="deadline_item_has_a_deadline",
                violation_error_message="限期整改的事项须写明完成时限",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.problem[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("rectification:item_detail", args=[self.pk])

    @property
    def deadline_text(self) -> str:
        """The deadline as shown and exported: the office's own words where it wrote them;
        else the date (with 长期坚持 beside it where the item carries that), or the kind."""
        if self.deadline_note:
            return self.deadline_note
        if self.deadline is None:
            return "立行立改" if self.kind == ItemKind.IMMEDIATE else "长期坚持"
        date = self.deadline.isoformat()
        return f"{date}，并长期坚持" if self.ongoing else date

    def is_overdue(self, today=None) -> bool:
        today = today or local_today()
        return self.status in UNFINISHED and self.deadline is not None and self.deadline < today

    def lineage(self) -> list[Item]:
        """The item and the items it continues, back to the year the problem was found."""
        chain, item = [self], self
        while item.carried_from_id is not None and len(chain) < 20:
            item = item.carried_from
            chain.append(item)
        return chain

    @property
    def code(self) -> str:
        """The item's code in the 整改清单 (2026-望湖街道党工委-07): stable, so an edited
        sheet updates this item and never makes a copy of it."""
        return item_code(self.meeting, self.number)

    def all_progress(self) -> list[Progress]:
        """Progress of this item and of the years it continues (prefetch ``progress`` and
        ``carried_from__progress`` for lists), oldest first."""
        earlier = self.carried_from.all_progress() if self.carried_from_id else []
        return earlier + list(self.progress.all())

    @property
    def owner_label(self) -> str:
        if not self.member_id:
            return "班子"
        return self.member.person.name + ("" if self.member.active else "（已离任）")


class Source(models.Model):
    """Where an item came from, linked to the record when the record holds it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField("来源", max_length=16, choices=SourceKind.choices)
    opinion = models.ForeignKey(
        "preparation.Opinion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    turn = models.ForeignKey(
        "proceedings.Turn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    material = models.ForeignKey(
        "preparation.Material", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ["item", "id"]
        verbose_name = "问题来源"
        verbose_name_plural = "问题来源"

    def __str__(self) -> str:
        return self.get_kind_display()


class Progress(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField("日期")
    text = models.TextField("进展情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "on", "id"]
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:30]}"


class Evidence(models.Model):
    """A file proving progress (a revised rule, minutes of a follow-up, a photo of a notice)."""

    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("文件名", max_length=200)
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["progress", "id"]
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    GRANTED = "granted", "同意延期"
    REFUSED = "refused", "不同意延期"
    WITHDRAWN = "withdrawn", "已撤回"


class Extension(models.Model):
    """申请延期: the person responsible (or the office) asks for a later deadline with a
    reason; whoever approves the item's closing decides. Both deadlines stay on record."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="extensions")
    old_deadline = models.DateField("原定时限", null=True)
    old_note = models.CharField("原定时限原文", max_length=300, blank=True)
    new_deadline = models.DateField("申请延至")
    reason = models.CharField("延期理由", max_length=500)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_on = models.DateField("申请日期")
    status = models.CharField(
        "审批结果",
        max_length=10,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    answer = models.CharField("审批意见", max_length=500, blank=True)

    class Meta:
        ordering = ["item", "asked_on", "id"]
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(status="pending"),
                name="one_pending_extension_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} 延期至 {self.new_deadline:%Y-%m-%d}（{self.get_status_display()}）"

    @property
    def old_text(self) -> str:
        return self.old_note or (self.old_deadline.isoformat() if self.old_deadline else "")

    @property
    def summary(self) -> str:
        """One line for the sheet and the Word ledger: old and new deadlines, and how it went."""
        asked = (
            f"原定{self.old_text}，{self.asked_on:%Y-%m-%d}申请延期至{self.new_deadline:%Y-%m-%d}"
        )
        if self.status == ExtensionStatus.GRANTED:
            return f"{asked}，{self.decided_on:%Y-%m-%d}同意"
        if self.status == ExtensionStatus.REFUSED:
            return f"{asked}，{self.decided_on:%Y-%m-%d}不同意"
        return f"{asked}，{self.get_status_display()}"


class LedgerImport(KeptUpload):
    """An uploaded 整改清单 .xlsx: the file as sent, the rows read, the rows refused."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ledger_imports")
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)

    class Meta:
        ordering = ["meeting", "-id"]
        verbose_name = "导入的整改清单"
        verbose_name_plural = "导入的整改清单"
