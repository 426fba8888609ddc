"""What happened at the meeting: its agenda, who attended, and every turn spoken.

The record is a list of turns (主持, 通报, 自我批评, 批评, 表态, 点评, 总结) in the order they
were spoken; a criticism names its target and holds its points ("一是…二是…" become separate
points). Live recording and imported minutes produce the same rows, so every count — the
meeting page, the 会议记录, the 会议纪要, the report — comes from one place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dlm.campaigns.models import Meeting
from dlm.core.models import KeptUpload
from dlm.organisations.models import Person, TeamMember
from dlm.proceedings.enums import AgendaKind, Presence, TurnKind, TurnSource


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("类型", max_length=16, choices=AgendaKind.choices)
    title = models.CharField("议程", max_length=200)
    # For a member's item: whose self-criticism, and whom the others criticise.
    subject = models.ForeignKey(
        TeamMember,
        verbose_name="对照检查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = "议程"
        verbose_name_plural = "议程"

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One line of the attendance: a team member (出席/缺席) or a guest (列席/指导)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(
        TeamMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职务", max_length=100, blank=True)
    presence = models.CharField("到会情况", max_length=12, choices=Presence.choices)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "到会情况"
        verbose_name_plural = "到会情况"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "seat"],
                condition=Q(seat__isnull=False),
                name="one_attendance_per_seat",
            ),
            # Members attend or are absent; guests attend as 列席 or 指导.
            models.CheckConstraint(
                condition=Q(seat__isnull=True, presence__in=["attending", "guiding"])
                | Q(seat__isnull=False, presence__in=["present", "absent"]),
                name="attendance_presence_fits_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}（{self.get_presence_display()}）"

    @property
    def display_name(self) -> str:
        """The person's name as it is now (a name is corrected after the roll call)."""
        return self.person.name if self.person_id else self.name


class Turn(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="turns")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="turns"
    )
    kind = models.CharField("类型", max_length=16, choices=TurnKind.choices)
    speaker = models.ForeignKey(
        TeamMember,
        verbose_name="发言人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turns_spoken",
    )
    # Always set: the member's name, or a guide's, as it will appear in the minutes.
    speaker_name = models.CharField("发言人姓名", max_length=50)
    target = models.ForeignKey(
        TeamMember,
        verbose_name="被批评人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turns_received",
    )
    text = models.TextField("发言内容", blank=True)
    # A self-criticism read from the member's reviewed outline is linked, not retyped.
    material_version = models.ForeignKey(
        "preparation.MaterialVersion",
        verbose_name="所用发言提纲",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(max_length=8, choices=TurnSource.choices, default=TurnSource.LIVE)
    # Made by the recorder's browser, so a turn sent twice after a dropped connection is
    # stored once.
    client_id = models.CharField(max_length=64)
    # Its place under its agenda item: turns read in agenda order, then by position. A turn
    # synced late (typed offline) is placed by the time it was typed; the recorder can move.
    position = models.PositiveIntegerField("顺序", default=0)
    points_by_hand = models.BooleanField("人工分条", default=False)
    typed_at = models.DateTimeField("录入时间", null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "发言"
        verbose_name_plural = "发言"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "client_id"], name="one_turn_per_client_id"),
            models.CheckConstraint(
                condition=~Q(kind="criticism") | Q(target__isnull=False),
                name="criticism_has_a_target",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == TurnKind.CRITICISM and self.target_id:
            return f"{self.speaker_name} → {self.target.person.name}"
        return f"{self.speaker_name}（{self.get_kind_display()}）"


class Point(models.Model):
    """One point of a criticism ("一是…"): a marked span over what was said, found by the
    splitter shared with `dlm analyse` or set by the recorder."""

    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    # the point's span in the turn's text, which is kept verbatim (None: not found in it)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["turn", "position"]
        verbose_name = "批评意见"
        verbose_name_plural = "批评意见"

    def __str__(self) -> str:
        return self.text[:40]


class MinutesImport(KeptUpload):
    """An existing minutes file read into a proposed record, and what the recorder changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_imports")
    text = models.TextField("读出的文字", blank=True)
    proposal = models.JSONField("识别结果", default=list)
    corrections = models.JSONField("人工更正", default=list)

    class Meta:
        ordering = ["meeting", "-id"]
        verbose_name = "导入的会议记录"
        verbose_name_plural = "导入的会议记录"
