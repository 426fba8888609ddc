"""Materials and their versions, and the template library, each with its copy fingerprints.

Every stored version keeps the fingerprints and MinHash signature of its text (computed once,
when it is saved), so the copy index is rebuilt from the database by any worker.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from dlm.campaigns.models import Meeting
from dlm.organisations.models import Organisation, TeamMember
from dlm.preparation.enums import (
    MaterialKind,
    MaterialStatus,
    OpinionSource,
    ReviewDecision,
    StudyForm,
    TalkKind,
    TemplateKind,
)


class StoredText(models.Model):
    """A text as submitted, with the copy fingerprints computed once when it is saved."""

    text = models.TextField("正文")
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fingerprints = models.BinaryField(default=b"", editable=False)
    signature = models.BinaryField(default=b"", editable=False)
    norm_length = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class Material(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="materials")
    kind = models.CharField("类别", max_length=16, choices=MaterialKind.choices)
    author = models.ForeignKey(
        TeamMember,
        verbose_name="撰写人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    title = models.CharField("标题", max_length=200)
    status = models.CharField(
        "审阅状态",
        max_length=16,
        choices=MaterialStatus.choices,
        default=MaterialStatus.DRAFTING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The quality of the latest draft, kept for the supervisors' overview (preparation.quality):
    # what `dlm analyse` and the copy check said when that draft was last assessed.
    assessed_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    missing_aspects = models.PositiveSmallIntegerField(default=0, editable=False)
    placeholders = models.PositiveSmallIntegerField(default=0, editable=False)
    copied_share = models.FloatField(default=0.0, editable=False)
    copy_relation = models.CharField(max_length=16, blank=True, editable=False)
    copy_source = models.CharField(max_length=300, blank=True, editable=False)
    copy_doc = models.BigIntegerField(null=True, blank=True, editable=False)
    # problems found under each of the notice's aspects: {"1": {"count": n, "examples": [...]}}
    aspect_problems = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "kind", "author__precedence", "id"]
        verbose_name = "材料"
        verbose_name_plural = "材料"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"],
                condition=Q(kind=MaterialKind.PERSONAL),
                name="one_outline_per_member",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(kind=MaterialKind.TEAM), name="one_team_material"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("preparation:material_detail", args=[self.pk])


class MaterialVersion(StoredText):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("稿次")
    # (level, text) of the uploaded .docx's headings that carry no number (Word heading
    # styles): the outline's levels, kept out of the text people read
    headings = models.JSONField(default=list, blank=True, editable=False)
    # The draft the writer started from: lower than number - 1 when two people edited at once.
    based_on = models.PositiveIntegerField("修改自第几稿", null=True, blank=True)

    class Meta:
        ordering = ["material", "-number"]
        verbose_name = "材料稿"
        verbose_name_plural = "材料稿"
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.material.title}（第{self.number}稿）"

    @property
    def concurrent(self) -> bool:
        """Saved while another draft appeared since the writer opened the editor."""
        return self.based_on is not None and self.based_on < self.number - 1


class TemplateDocument(StoredText):
    """A downloaded template loaded into the library so copies of it can be recognised."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="template_documents"
    )
    title = models.CharField("标题", max_length=200)
    kind = models.CharField(
        "类别", max_length=10, choices=TemplateKind.choices, default=TemplateKind.TEMPLATE
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "模板"
        verbose_name_plural = "模板库"

    def __str__(self) -> str:
        return self.title


class CopyPosting(models.Model):
    """One row a (fingerprint, document): the copy index, kept in the database so that every
    worker on every machine asks PostgreSQL which documents share a text's fingerprints, with
    no index of its own to load. Only live documents have rows — a material's latest version
    and the library's texts — so the table answers without a filter. ``fp`` is the top 32 bits
    of a winnowed fingerprint; ``doc`` encodes the table (see copyindex.encode); ``campaign``
    and ``unit`` are the document's group (the year and the team; -1 for a library text),
    kept in the row so that the common-language test needs no join. The composite primary key
    (fp, campaign, doc, unit) is the one B-tree the lookups walk — a fingerprint's earliest
    holders of each campaign in one short range, read from the index alone (unit is in the
    key so no row is fetched from the table) — with no id column and no second index at 10^8
    rows. (fp, doc) is unique too: a document has one campaign and one unit."""

    pk = models.CompositePrimaryKey("fp", "campaign", "doc", "unit")
    fp = models.IntegerField()
    doc = models.IntegerField()
    campaign = models.SmallIntegerField()
    unit = models.IntegerField()

    class Meta:
        verbose_name = "查重索引项"
        verbose_name_plural = "查重索引"

    def __str__(self) -> str:
        return f"{self.fp}→{self.doc}"


class RegisterQuerySet(models.QuerySet):
    def in_force(self):
        """Without the rows voided (entered twice, in error, spam): what every count,
        document and report uses. Voided rows stay in the record with their reason."""
        return self.filter(voided_on__isnull=True)


class Voidable(models.Model):
    """A row of the office's registers (study, opinions, talks, cases, forums): corrected by
    editing, taken out by voiding with a reason — never deleted (preparation.registers)."""

    voided_on = models.DateField("作废日期", null=True, blank=True, editable=False)
    void_reason = models.CharField("作废理由", max_length=300, blank=True, editable=False)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def voided(self) -> bool:
        return self.voided_on is not None


class OpinionBox(models.Model):
    """The public, anonymous opinion box of one meeting: a link that needs no login."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="opinion_box")
    token = models.CharField(max_length=40, unique=True)
    is_open = models.BooleanField("开放中", default=True)
    daily_limit = models.PositiveIntegerField("每日上限", default=300)

    class Meta:
        verbose_name = "网上意见箱"
        verbose_name_plural = "网上意见箱"

    def __str__(self) -> str:
        return f"{self.meeting} 意见箱"

    def get_absolute_url(self) -> str:
        return reverse("preparation:opinion_box", args=[self.token])


class UsedBoxToken(models.Model):
    """A box form that has sent its opinion: one form, one opinion (a token replayed 295
    times filled a day's cap). Only a digest of the form's random token and the day: nothing
    about the sender; removed after two days, when the form has expired anyway."""

    box = models.ForeignKey(OpinionBox, on_delete=models.CASCADE, related_name="used_tokens")
    digest = models.CharField(max_length=64, unique=True)
    used_on = models.DateField()

    class Meta:
        verbose_name = "已用的意见箱表单"
        verbose_name_plural = "已用的意见箱表单"

    def __str__(self) -> str:
        return self.digest[:8]


def random_id() -> int:
    """A primary key that says nothing about when a row was made (below 2**53: exact in a
    browser's numbers)."""
    return secrets.randbelow(2**53 - 1) + 1


class Opinion(Voidable):
    """One opinion collected before the meeting, about the team or one member.

    Deliberately without a creation timestamp or a sender: an opinion from the anonymous box
    must not be traceable, so only the day it arrived is kept — and its id is random, since a
    sequential one between two entries the office made would date it.
    """

    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="opinions")
    about = models.ForeignKey(
        TeamMember,
        verbose_name="针对的班子成员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        help_text="不选则为对班子的意见",
    )
    aspect = models.ForeignKey(
        "campaigns.Aspect",
        verbose_name="对照方面",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    source = models.CharField("来源", max_length=16, choices=OpinionSource.choices)
    text = models.TextField("意见内容")
    received_on = models.DateField("收到日期")

    class Meta:
        # within a day by text, not by arrival: the order must not date an anonymous opinion
        # between two entries the office made (docs/operations.md)
        ordering = ["meeting", "-received_on", "text"]
        verbose_name = "意见建议"
        verbose_name_plural = "意见建议"

    def __str__(self) -> str:
        return self.text[:30]


class Talk(Voidable):
    """One heart-to-heart talk (谈心谈话). Notes are private to the two people and, if they
    choose, the principal; the office and supervisors see that it happened, not what was said."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="talks")
    kind = models.CharField("类型", max_length=20, choices=TalkKind.choices)
    member = models.ForeignKey(
        TeamMember, verbose_name="班子成员", on_delete=models.PROTECT, related_name="talks"
    )
    partner = models.ForeignKey(
        TeamMember,
        verbose_name="谈话对象（班子成员）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_talks",
    )
    partner_name = models.CharField("谈话对象（班子以外）", max_length=100, blank=True)
    held_on = models.DateField("谈话日期")
    covered_team = models.BooleanField("谈了班子存在的问题", default=False)
    covered_own = models.BooleanField("谈了自身存在的问题和努力方向", default=False)
    covered_other = models.BooleanField("谈了对方的缺点和不足", default=False)
    covered_criticism = models.BooleanField("谈了会上准备提出的批评意见", default=False)
    notes = models.TextField("谈话记录", blank=True)
    share_with_principal = models.BooleanField("记录可供主要负责同志查看", default=False)

    class Meta:
        ordering = ["meeting", "held_on", "id"]
        verbose_name = "谈心谈话"
        verbose_name_plural = "谈心谈话"

    def __str__(self) -> str:
        return f"{self.member.person.name} ↔ {self.partner_display}"

    @property
    def partner_display(self) -> str:
        return self.partner.person.name if self.partner_id else self.partner_name

    @property
    def all_topics(self) -> bool:
        return all(
            [self.covered_team, self.covered_own, self.covered_other, self.covered_criticism]
        )


class StudySession(Voidable):
    """A study session before the meeting (学习研讨); counts feed the report."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="study_sessions")
    held_on = models.DateField("日期")
    form = models.CharField("形式", max_length=20, choices=StudyForm.choices)
    topic = models.CharField("主题", max_length=200)
    materials = models.TextField("学习材料", blank=True)
    attendees = models.ManyToManyField(TeamMember, verbose_name="参加人员", blank=True)

    class Meta:
        ordering = ["meeting", "held_on", "id"]
        verbose_name = "学习研讨"
        verbose_name_plural = "学习研讨"

    def __str__(self) -> str:
        return self.topic


class MaterialReview(models.Model):
    """One review round (审阅把关): the principal's or the guidance group's decision on a draft."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(MaterialVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150, blank=True)
    decision = models.CharField("结论", max_length=16, choices=ReviewDecision.choices)
    comment = models.TextField("审阅意见", blank=True)
    resubmit_by = models.DateField("修改后报回日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["material", "-created_at", "-id"]
        verbose_name = "审阅"
        verbose_name_plural = "审阅"

    def __str__(self) -> str:
        return f"{self.material} · {self.get_decision_display()}"


class Plan(models.Model):
    """The meeting's implementation plan (实施方案); every save keeps a version."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="plan")
    theme = models.TextField("会议主题")
    time_place = models.CharField("时间地点", max_length=200)
    present = models.TextField("出席人员")
    attending = models.TextField("列席人员", blank=True)
    guidance = models.TextField("指导人员", blank=True)
    agenda = models.TextField("会议议程", help_text="每行一项，主要负责同志先发言")
    steps = models.TextField("会前准备", help_text="每行一项：工作内容｜时间｜责任人")
    requirements = models.TextField("工作要求")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "实施方案"
        verbose_name_plural = "实施方案"

    def __str__(self) -> str:
        return f"{self.meeting} 实施方案"


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"


class UnreadableUpload(models.Model):
    """A file that could not be read, kept with the reason so nothing a writer sent is lost."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="unreadable")
    name = models.CharField("文件名", max_length=200)
    content = models.BinaryField()
    reason = models.CharField("原因", max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["material", "-uploaded_at"]

    def __str__(self) -> str:
        return self.name


class Forum(Voidable):
    """A 座谈会 held to collect opinions: when, with whom, how many came. The report states
    how many were held; the opinions gathered there are registered as opinions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="forums")
    held_on = models.DateField("日期")
    topic = models.CharField("座谈会名称", max_length=200)
    participants = models.CharField(
        "参加对象", max_length=300, help_text="如：社区党组织书记、“两代表一委员”、群众代表"
    )
    attendance = models.PositiveIntegerField("参加人数", null=True, blank=True)

    class Meta:
        ordering = ["meeting", "held_on", "id"]
        verbose_name = "征求意见座谈会"
        verbose_name_plural = "征求意见座谈会"

    def __str__(self) -> str:
        return self.topic


class Consultation(models.Model):
    """The figures of opinion-gathering the registers cannot count: 征求意见表 sent and
    returned, people interviewed one by one. Empty is "not recorded" (〔未登记〕), never 0."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="consultation")
    forms_sent = models.PositiveIntegerField("发放征求意见表（份）", null=True, blank=True)
    forms_returned = models.PositiveIntegerField("收回征求意见表（份）", null=True, blank=True)
    interviews = models.PositiveIntegerField("个别访谈（人次）", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "征求意见情况"
        verbose_name_plural = "征求意见情况"

    def __str__(self) -> str:
        return f"{self.meeting} 征求意见情况"


class TypicalCase(Voidable):
    """A case from the unit's recent problems, analysed before the meeting (典型事例)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="typical_cases")
    title = models.CharField("事例", max_length=200)
    description = models.TextField("基本情况")
    analysis = models.TextField("剖析", blank=True)
    members = models.ManyToManyField(TeamMember, verbose_name="相关班子成员", blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "典型事例"
        verbose_name_plural = "典型事例"

    def __str__(self) -> str:
        return self.title


class MaterialComment(models.Model):
    """A reviewer's comment on one passage of a draft (审阅批注)."""

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="comments")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.CharField("原文", max_length=500)
    text = models.TextField("批注")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "start", "id"]

    def __str__(self) -> str:
        return self.text[:30]
