"""Drafting, editing and sending the report, and the superior's answer."""

from __future__ import annotations

import io
import zipfile

from django.db import transaction

from dlm.campaigns import domain as campaigns
from dlm.campaigns.models import Meeting, local_today
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.documents import minutes, report
from dlm.preparation.domain import version_note
from dlm.proceedings.documents import minutes_data
from dlm.rectification import exchange
from dlm.rectification.models import Item
from dlm.reporting import checklist, drafting, figures
from dlm.reporting.models import DocumentKind, Draft, Package, PackageStatus


def compose(meeting: Meeting, kind: str) -> tuple[str, str, list[dict]]:
    data = figures.gather(meeting)
    title, body = drafting.WRITERS[kind](meeting, data)
    stated = drafting.Stated(data["by_key"])
    # the panel says 未登记 where the draft says 〔未登记：…〕, never a bare 0
    return (
        title,
        body,
        [f.as_dict() | {"unregistered": stated.unregistered(f.key)} for f in data["figures"]],
    )


@transaction.atomic
def ensure_draft(meeting: Meeting, kind: str, *, user) -> Draft:
    draft = Draft.objects.filter(meeting=meeting, kind=kind).first()
    if draft is not None:
        return draft
    if meeting.held_on is None:
        raise Refused("会议召开后才能起草报告和通报")
    title, body, numbers = compose(meeting, kind)
    draft = Draft.objects.create(
        meeting=meeting,
        kind=kind,
        title=title,
        addressee=meeting.campaign.issuer.name if kind == DocumentKind.REPORT else "",
        body=body,
        figures=numbers,
        updated_by=user,
    )
    log_action(
        "reporting.draft.created",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"标题": title},
    )
    return draft


@transaction.atomic
def save_draft(draft: Draft, *, title: str, addressee: str, body: str, revision: int, user):
    current = Draft.objects.select_for_update().get(pk=draft.pk)
    if current.revision != revision:
        raise Refused("稿子刚被他人修改过，请复制您的修改，刷新后再保存")
    if not body.strip() or not title.strip():
        raise Refused("标题和正文不能为空", field="body")
    current.title, current.addressee, current.body = title.strip(), addressee.strip(), body
    current.revision += 1
    current.updated_by = user
    current.save()
    log_action(
        "reporting.draft.changed",
        user=user,
        target=draft.meeting,
        organisation=draft.meeting.team,
        data={"标题": current.title, "稿次": current.revision},
    )
    return current


@transaction.atomic
def redraft(draft: Draft, *, user) -> Draft:
    """Write the draft again from today's records (the figures are refreshed too)."""
    title, body, numbers = compose(draft.meeting, draft.kind)
    draft.title, draft.body, draft.figures = title, body, numbers
    draft.revision += 1
    draft.updated_by = user
    draft.save()
    log_action(
        "reporting.draft.changed",
        user=user,
        target=draft.meeting,
        organisation=draft.meeting.team,
        data={"标题": title, "稿次": draft.revision, "重新生成": True},
    )
    return draft


def draft_docx(draft: Draft) -> tuple[str, str, bytes]:
    meeting = draft.meeting
    return report.render(
        draft.title,
        draft.addressee,
        draft.body,
        meeting.team.name,
        drafting.chinese_date(local_today()),
    )


def build_package(meeting: Meeting, report_draft: Draft) -> tuple[bytes, list[str]]:
    """The .zip sent upward: the report, the minutes, every material (latest drafts) and the
    整改清单 where items are listed."""
    files: list[tuple[str, bytes]] = []
    name, _, content = draft_docx(report_draft)
    files.append((f"01 {name}", content))
    data = minutes_data(meeting)
    for number, render in (
        (2, minutes.render_record),
        (3, minutes.render_summary),
        (4, minutes.render_criticisms),
    ):
        name, _, content = render(data)
        files.append((f"0{number} {name}", content))
    materials = meeting.materials.select_related("author__person").prefetch_related("versions")
    ordered = sorted(
        materials,
        key=lambda m: (
            m.author_id is not None,
            not getattr(m.author, "is_principal", False),
            getattr(m.author, "precedence", 0),
        ),
    )
    for number, material in enumerate(ordered, start=5):
        version = next(iter(material.versions.all()), None)
        if version is None:
            continue
        files.append(
            (
                f"{number:02d} {material.title}.docx",
                report.render_text(
                    material.title,
                    version.text,
                    author=material.meeting.team.name,
                    note=version_note(material, version),
                ),
            )
        )
    items = list(
        Item.objects.in_force()
        .filter(meeting=meeting)
        .select_related("responsible__person")
        .prefetch_related("progress", "carried_from__progress", "extensions")
    )
    if items:  # the 整改清单 as it stands, so the superior reads the package whole
        name, _, content = exchange.export(meeting, items)
        files.append((f"{5 + len(ordered):02d} {name}", content))  # after every material
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, content in files:
            archive.writestr(file_name, content)
    return buffer.getvalue(), [file_name for file_name, _ in files]


@transaction.atomic
def send_package(meeting: Meeting, *, user, on=None, confirmed=()) -> Package:
    """Send the report with the minutes and materials upward: the `submit_report` step.
    What is still open (reporting.checklist) must be confirmed by name (``confirmed``: the
    points' keys) and is kept with the package. ``on`` only for building a history (the
    demo); the page sends today."""
    if meeting.packages.filter(status=PackageStatus.SENT).exists():
        raise Refused("材料包已报送，正等待上级确认")
    still_open = checklist.open_points(meeting)
    unconfirmed = [point for point in still_open if point.key not in set(confirmed)]
    if unconfirmed:
        raise Refused(
            "报送前还有未完成的事项："
            + "；".join(point.text for point in unconfirmed)
            + "。请完成后再报送，或逐项勾选确认后报送"
        )
    draft = ensure_draft(meeting, DocumentKind.REPORT, user=user)
    content, names = build_package(meeting, draft)
    campaigns.take_step(meeting, "submit_report", user=user, on=on)
    package = Package.objects.create(
        meeting=meeting,
        sent_on=on or local_today(),
        sent_by=user,
        files=names,
        content=content,
        open_points=[point.as_dict() for point in still_open],
    )
    log_action(
        "reporting.package.sent",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"文件": names} | ({"未完成": [p.text for p in still_open]} if still_open else {}),
    )
    return package


@transaction.atomic
def answer_package(package: Package, *, accept: bool, note: str, user, on=None) -> Package:
    if package.status != PackageStatus.SENT:
        raise Refused(f"材料包当前为“{package.get_status_display()}”")
    meeting = package.meeting
    if accept:
        campaigns.take_step(meeting, "receive_report", user=user, note=note, on=on)
    else:
        campaigns.take_step(meeting, "return_report", user=user, note=note, on=on)
    package.status = PackageStatus.ACKNOWLEDGED if accept else PackageStatus.RETURNED
    package.decided_on = on or local_today()
    package.decision_note = note.strip()
    package.save()
    log_action(
        "reporting.package.acknowledged" if accept else "reporting.package.returned",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"意见": note.strip()},
    )
    return package
