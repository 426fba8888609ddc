"""Saving materials, versions and templates: each fingerprinted and logged once."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Max

from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.organisations.leaving import Pending
from dlm.preparation import background, copyindex
from dlm.preparation.copyindex import fingerprint_fields
from dlm.preparation.enums import MaterialKind, MaterialStatus, ReviewDecision
from dlm.preparation.models import (
    Material,
    MaterialComment,
    MaterialReview,
    MaterialVersion,
    TemplateDocument,
)

MAX_CHARS = 200_000


def _check_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Refused("正文不能为空", field="text")
    if len(text) > MAX_CHARS:
        raise Refused(f"正文过长（{len(text)}字），上限为{MAX_CHARS}字", field="text")
    return text


@transaction.atomic
def create_material(meeting, *, kind: str, author, user) -> Material:
    if kind == MaterialKind.PERSONAL and author is None:
        raise Refused("个人发言提纲须选择撰写人", field="author")
    if kind == MaterialKind.TEAM:
        author = None
        if Material.objects.filter(meeting=meeting, kind=kind).exists():
            raise Refused("本次民主生活会已有班子对照检查材料", field="kind")
    elif Material.objects.filter(meeting=meeting, author=author).exists():
        raise Refused(f"{author.person.name}的发言提纲已建立", field="author")
    if author is not None and author.team_id != meeting.team_id:
        raise Refused("撰写人须是本班子成员", field="author")
    title = (
        f"{meeting.team.display_name}{meeting.campaign.label}班子对照检查材料"
        if kind == MaterialKind.TEAM
        else f"{author.person.name}同志{meeting.campaign.label}发言提纲"
    )
    material = Material.objects.create(meeting=meeting, kind=kind, author=author, title=title)
    log_action(
        "preparation.material.created", user=user, target=material, organisation=meeting.team
    )
    return material


@transaction.atomic
def add_version(
    material: Material,
    text: str,
    *,
    user,
    source_name: str = "",
    based_on: int | None = None,
    headings=(),
) -> MaterialVersion:
    """Save a new draft. Nothing is ever overwritten: when someone saved meanwhile, both
    drafts stay and the new one is marked as concurrent for the writers to reconcile."""
    text = _check_text(text)
    # Lock the material row so two saves at once get distinct numbers.
    # (no default ordering: PostgreSQL refuses FOR UPDATE across the author's outer join)
    Material.objects.select_for_update().filter(pk=material.pk).order_by().values_list(
        "pk", flat=True
    ).first()
    number = (material.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = MaterialVersion.objects.create(
        material=material,
        number=number,
        text=text,
        source_name=source_name[:200],
        created_by=user,
        based_on=based_on,
        headings=[list(heading) for heading in headings],
        **fingerprint_fields(text),
    )
    copyindex.index_version(version)
    background.assess_after_saving(material)
    if material.status != MaterialStatus.DRAFTING:
        # a new draft after submission or approval goes back to the writer's desk
        material.status = MaterialStatus.DRAFTING
        material.save(update_fields=["status"])
    log_action(
        "preparation.version.added",
        user=user,
        target=material,
        organisation=material.meeting.team,
        data={"number": number, "chars": len(text), "file": source_name},
    )
    return version


@transaction.atomic
def add_template(
    organisation, title: str, text: str, *, user, source_name: str = "", kind: str = "template"
):
    text = _check_text(text)
    template = TemplateDocument.objects.create(
        organisation=organisation,
        kind=kind,
        title=title.strip()[:200] or source_name[:200] or "未命名模板",
        text=text,
        source_name=source_name[:200],
        created_by=user,
        **fingerprint_fields(text),
    )
    copyindex.index_template(template)
    log_action(
        "preparation.template.added",
        user=user,
        target=template,
        organisation=organisation,
        data={"title": template.title, "chars": len(text)},
    )
    return template


@transaction.atomic
def submit_material(material: Material, *, user) -> Material:
    if material.status not in (MaterialStatus.DRAFTING, MaterialStatus.RETURNED):
        raise Refused(f"材料当前为“{material.get_status_display()}”，不能送审")
    if not material.versions.exists():
        raise Refused("请先提交一稿再送审")
    material.status = MaterialStatus.SUBMITTED
    material.save(update_fields=["status"])
    log_action(
        "preparation.material.submitted",
        user=user,
        target=material,
        organisation=material.meeting.team,
    )
    return material


# Who hears of a review (the reminders app): the material's writer. From AppConfig.ready().
REVIEWED: list = []


@transaction.atomic
def review_material(
    material: Material, *, decision: str, comment: str, resubmit_by, user
) -> MaterialReview:
    if material.status != MaterialStatus.SUBMITTED:
        raise Refused(f"材料当前为“{material.get_status_display()}”，没有待审阅的稿件")
    comment = comment.strip()
    if decision == ReviewDecision.RETURNED and not comment:
        raise Refused("退回修改请写明审阅意见", field="comment")
    version = material.versions.order_by("-number").first()
    review = MaterialReview.objects.create(
        material=material,
        version=version,
        reviewer=user,
        reviewer_name=getattr(getattr(user, "person", None), "name", "") or user.get_username(),
        decision=decision,
        comment=comment,
        resubmit_by=resubmit_by if decision == ReviewDecision.RETURNED else None,
    )
    material.status = (
        MaterialStatus.APPROVED if decision == ReviewDecision.APPROVED else MaterialStatus.RETURNED
    )
    material.save(update_fields=["status"])
    log_action(
        f"preparation.material.{decision}",
        user=user,
        target=material,
        organisation=material.meeting.team,
        data={"version": version.number, "comment": comment, "resubmit_by": resubmit_by},
    )
    for hook in REVIEWED:
        hook(review, user)
    return review


# Lines for the first part of a new material (上年度问题整改情况), given by apps above this one:
# the ledger lists last year's unfinished items. Registered from AppConfig.ready().
SKELETON_PREVIOUS: list[Callable[[Material], list[str]]] = []


def skeleton(material: Material) -> str:
    """A first draft's outline: the five parts, with one section per aspect of the notice."""
    aspects = list(material.meeting.campaign.aspects.all())
    numbers = "一二三四五六七八九十"
    previous = [line for source in SKELETON_PREVIOUS for line in source(material)]
    lines = [
        material.title,
        "",
        "一、上年度民主生活会问题整改情况",
        *previous,
        "",
        "二、查摆的主要问题",
    ]
    for index, aspect in enumerate(aspects):
        lines += [
            f"（{numbers[index % 10]}）{aspect.head}",
            "1.（问题，并举出具体事例：比如……）",
            "",
        ]
    if material.kind == MaterialKind.PERSONAL:
        lines += ["三、个人有关事项说明", "", "四、产生问题的原因剖析", "", "五、整改措施", ""]
    else:
        lines += ["三、产生问题的原因剖析", "", "四、整改措施", ""]
    return "\n".join(lines)


@transaction.atomic
def comment_passage(version: MaterialVersion, quote: str, text: str, *, user) -> MaterialComment:
    """Pin a comment to the first place the quoted passage stands in the draft."""
    quote, text = quote.strip(), text.strip()
    if not quote:
        raise Refused("请从正文中复制要批注的文字", field="quote")
    if not text:
        raise Refused("请填写批注", field="text")
    start = version.text.find(quote)
    if start < 0:
        raise Refused("正文中找不到这段文字，请从正文中原样复制", field="quote")
    comment = MaterialComment.objects.create(
        version=version,
        start=start,
        end=start + len(quote),
        quote=quote[:500],
        text=text,
        author=user,
        author_name=getattr(getattr(user, "person", None), "name", "") or user.get_username(),
    )
    log_action(
        "preparation.material.commented",
        user=user,
        target=version.material,
        organisation=version.material.meeting.team,
        data={"version": version.number, "quote": quote[:60]},
    )
    return comment


def waiting_on(seat) -> list[Pending]:
    """What the materials have waiting on a member who leaves: shown to the office, nothing
    to hand over (an outline is its author's; the next principal reviews)."""
    found = []
    drafts = Material.objects.filter(author=seat, meeting__held_on__isnull=True).exclude(
        status=MaterialStatus.APPROVED
    )
    for material in drafts.select_related("meeting__campaign"):
        found.append(
            Pending(
                key=f"material:{material.pk}",
                label=f"本人的{material.title}（{material.get_status_display()}）：保留，不再计入待交材料",
                url=material.get_absolute_url(),
            )
        )
    if seat.is_principal:
        waiting = Material.objects.filter(
            meeting__team=seat.team, status=MaterialStatus.SUBMITTED, author__isnull=False
        ).exclude(author=seat)
        if waiting.exists():
            found.append(
                Pending(
                    key="review",
                    label=f"{waiting.count()}份发言提纲等待主要负责同志审阅：由新任主要负责同志审阅",
                )
            )
    return found


def version_note(material: Material, version: MaterialVersion) -> str:
    """What a printed draft says under its title: its number, and when it was approved in
    review and by whom (or that it is not approved)."""
    approved = (
        MaterialReview.objects.filter(
            material=material, version=version, decision=ReviewDecision.APPROVED
        )
        .order_by("-created_at")
        .first()
    )
    if approved is not None:
        day = approved.created_at.date()
        person = getattr(approved.reviewer, "person", None)
        who = approved.reviewer_name or (person.name if person else "") or "审阅人"
        return f"（第{version.number}稿，{who}于{day.year}年{day.month}月{day.day}日审阅通过）"
    return f"（第{version.number}稿，未经审阅通过）"
