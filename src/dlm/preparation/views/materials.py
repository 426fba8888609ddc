"""Material pages: a meeting's materials, one material with its copy report, the side-by-side
comparison, new drafts, and the template library."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.documents import report as report_docs
from dlm.documents.docx_layout import DOCX
from dlm.preparation import domain, rules
from dlm.preparation.access import get_material_for_user
from dlm.preparation.copyindex import MATERIAL, copies_of, decode
from dlm.preparation.enums import MaterialKind, MaterialStatus
from dlm.preparation.forms import MAX_UPLOAD, MaterialForm, TemplateForm, VersionForm
from dlm.preparation.highlight import copy_marks, segments
from dlm.preparation.models import MaterialVersion, TemplateDocument, UnreadableUpload
from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.material import PART_LABELS


@login_required
@require_http_methods(["GET", "POST"])
def meeting_materials(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    can_manage = access.is_office_of(meeting.team)
    form = MaterialForm(posted(request), team=meeting.team) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            try:
                material = domain.create_material(
                    meeting,
                    kind=form.cleaned_data["kind"],
                    author=form.cleaned_data["author"],
                    user=request.user,
                )
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "材料已建立，请提交第一稿")
                return redirect(material)
    materials = list(
        rules.visible_materials(access, meeting)
        .select_related("author__person")
        .annotate(drafts=Count("versions"), last_draft=Max("versions__created_at"))
    )
    # what needs someone first: waiting for review, sent back, being written, approved
    order = ["submitted", "returned", "drafting", "approved"]
    materials.sort(key=lambda m: (order.index(m.status) if m.status in order else 9, m.pk))
    by_status = {label: 0 for _, label in MaterialStatus.choices}
    for material in materials:
        by_status[material.get_status_display()] += 1
    written = {m.author_id for m in materials if m.kind == MaterialKind.PERSONAL}
    seat = access.seat_in(meeting.team)
    sees_all = (
        can_manage or (seat is not None and seat.is_principal) or access.supervises(meeting.team)
    )
    return render(
        request,
        "preparation/meeting_materials.html",
        {
            "meeting": meeting,
            "materials": materials,
            "form": form,
            "by_status": by_status,
            # who has no outline at all yet (the office sees everyone)
            # who has no outline at all yet, for those who see every material
            "without": [
                seat.person.name
                for seat in meeting.team.team_members.active().select_related("person")
                if seat.pk not in written
            ]
            if sees_all
            else [],
            "no_team_material": sees_all
            and not any(m.kind == MaterialKind.TEAM for m in materials),
        },
    )


def _latest(material) -> MaterialVersion | None:
    return material.versions.order_by("-number").first()


def _understood(material: dict | None, aspects: list[str]) -> dict | None:
    """What the reader understood, in the member's terms: parts, sections against the
    notice's aspects, problems, causes and measures."""
    if not material:
        return None
    return {
        "present": [PART_LABELS[p] for p, span in material["parts"].items() if span],
        "missing": [PART_LABELS[p] for p in material["missing_parts"]],
        "sections": [
            {
                "title": section["title"],
                "aspect": aspects[section["matched_aspect"] - 1]
                if section["matched_aspect"] and section["matched_aspect"] <= len(aspects)
                else None,
                "problems": len(section["problems"]),
                "instances": sum(p["instances"] for p in section["problems"]),
            }
            for section in material["aspects"]
        ],
        "uncovered": [aspects[i - 1] for i in material["missing_aspects"] if i <= len(aspects)],
        "causes": len(material["causes"]),
        "measures": len(material["measures"]),
    }


@login_required
@require_safe
def material_detail(request, pk):
    material = get_material_for_user(request, pk)
    # the notice's aspects, read once for the copy check, the assessment and the reading
    prefetch_related_objects([material.meeting.campaign], "aspects")
    version = _latest(material)
    matches, report, findings, understood, placeholders = [], None, [], None, []
    if version is not None:
        report = copies_of(version)
        matches = report.matches
        aspects = [a.head for a in material.meeting.campaign.aspects.all()]
        try:
            reading = analyse(
                version.text, kind="material", aspects=aspects, headings=version.headings
            )
        except UnreadableDocument:
            reading = {}
        findings = reading.get("findings", [])
        understood = _understood(reading.get("material"), aspects)
        placeholders = [
            {"text": p["text"], "line": p["line"]} for p in reading.get("placeholders", [])
        ]
    given = [a.head for a in material.meeting.campaign.aspects.all()]
    spans = copy_marks(
        version.text if version else "",
        [
            (p.a_start, p.a_end, f"copy-{m.relation}", f"抄自{m.title}")
            for m in matches
            if m.copied
            for p in m.passages
        ],
        given,
    )
    comments = list(version.comments.all()) if version else []
    # reviewers' comments first: where marks overlap, the earlier span wins
    spans = [(c.start, c.end, "comment", f"{c.author_name}：{c.text}") for c in comments] + spans
    # the notice's rules, where the analyser could point at a passage
    spans += [
        (f["start"], f["end"], f"finding-{f['severity']}", f["message"])
        for f in findings
        if f["start"] is not None and f["end"] - f["start"] < 2000
    ]
    return render(
        request,
        "preparation/material_detail.html",
        {
            "material": material,
            "version": version,
            "versions": material.versions.all(),
            "copied": [m for m in matches if m.copied],
            "cited": [m for m in matches if not m.copied],
            "report": report,
            "findings": [f for f in findings if f["rule"] != "text.placeholder"],
            "placeholders": placeholders,
            "understood": understood,
            "segments": segments(version.text, spans) if version else [],
            "can_write": rules.can_write_material(request_access(request), material),
            "can_review": rules.can_review_material(request_access(request), material),
            "reviews": material.reviews.select_related("version"),
            "unreadable": material.unreadable.defer("content"),
            "comments": comments,
        },
    )


@login_required
@require_safe
def material_compare(request, pk, doc):
    """This material and one other side by side: what this one took (抄录自) and what the
    other took from it (被引用), each marked. ``doc`` may name an older draft of the other
    material: links stay valid when either side saves a new draft."""
    material = get_material_for_user(request, pk)
    version = _latest(material)
    if version is None:
        raise Http404
    kind, other_pk = decode(doc)
    if kind == MATERIAL:
        other_material = (
            MaterialVersion.objects.filter(pk=other_pk)
            .values_list("material_id", flat=True)
            .first()
        )
        if other_material is None:
            raise Http404

        def same(match) -> bool:
            return match.version is not None and match.version.material_id == other_material
    else:
        if not TemplateDocument.objects.filter(pk=other_pk).exists():
            raise Http404

        def same(match) -> bool:
            return match.template is not None and match.template.pk == other_pk

    found = [m for m in copies_of(version, limit=50).matches if same(m)]
    if not found:  # rewritten since the link was made: say so rather than "not found"
        return render(
            request, "preparation/material_compare.html", {"material": material, "found": []}
        )
    first = found[0]
    access = request_access(request)
    if first.version is not None:
        other_visible = rules.can_view_material(access, first.version.material)
        other_text = first.version.text
    else:
        other_visible, other_text = True, first.template.text
    left, right = [], []
    passages = sorted(
        (p.a_start, p, f"copy-{match.relation}" if match.copied else "copy-cited")
        for match in found
        for p in match.passages
    )
    for number, (_, p, mark) in enumerate(passages, 1):  # one number a passage, both sides
        left.append((p.a_start, p.a_end, mark, str(number)))
        right.append((p.b_start, p.b_end, mark, str(number)))
    given = [a.head for a in material.meeting.campaign.aspects.all()]
    left = copy_marks(version.text, sorted(left), given)
    right = copy_marks(other_text, sorted(right), given)
    return render(
        request,
        "preparation/material_compare.html",
        {
            "material": material,
            "found": found,
            "other_title": first.title,
            "left": segments(version.text, sorted(left)),
            "right": segments(other_text, sorted(right)) if other_visible else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk):
    material = get_material_for_user(request, pk, write=True)
    latest = _latest(material)
    if latest is not None:
        initial = {"text": latest.text, "based_on": latest.number}
    else:  # a first draft starts from the parts and the notice's aspects
        initial = {"text": domain.skeleton(material), "based_on": 0}
    form = VersionForm(posted(request), request.FILES or None, initial=initial)
    valid = request.method == "POST" and form.is_valid()
    if request.method == "POST" and not valid and "upload" in form.errors:
        _keep_unreadable(material, request.FILES.get("upload"), form.errors["upload"], request.user)
    if valid:
        try:
            version = domain.add_version(
                material,
                form.cleaned_data["text"],
                user=request.user,
                source_name=form.cleaned_data["source_name"],
                based_on=form.cleaned_data["based_on"],
                headings=form.cleaned_data.get("headings", ()),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            if version.concurrent:
                messages.warning(
                    request,
                    f"您编辑期间已有人提交了新稿，两稿都已保存（第{version.number}稿为您的），请核对合并",
                )
            else:
                messages.success(request, f"已提交第{version.number}稿")
            return redirect(material)
    return render(request, "preparation/version_form.html", {"material": material, "form": form})


def _keep_unreadable(material, upload, errors, user) -> None:
    """An upload we cannot read is kept with the reason: the writer's work is never lost."""
    if upload is None or upload.size > MAX_UPLOAD:
        return
    UnreadableUpload.objects.create(
        material=material,
        name=upload.name[:200],
        content=b"".join(upload.chunks()),
        reason="；".join(errors)[:300],
        uploaded_by=user,
    )
    errors.append("文件已保存在材料页“无法读取的上传”中，办公室可以取出处理。")


def library_of(organisations) -> Q:
    """The templates a supervisor sees: his own organisations', those loaded above them (the
    library every material below is checked against) and those loaded by the units below —
    so the city can open the template its overview names as a source."""
    seen = Q(organisation__in=organisations)
    for organisation in organisations:
        seen |= Q(organisation__path__startswith=organisation.path)
        seen |= Q(organisation_id__in=organisation.ancestor_ids())
    return seen


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request):
    access = request_access(request)
    organisations = list(access.supervised_orgs)
    form = TemplateForm(posted(request), request.FILES or None, organisations=organisations)
    if request.method == "POST":
        require(rules.can_add_template(access))
        if form.is_valid():
            try:
                domain.add_template(
                    form.cleaned_data["organisation"],
                    form.cleaned_data["title"],
                    form.cleaned_data["text"],
                    user=request.user,
                    source_name=form.cleaned_data["source_name"],
                    kind=form.cleaned_data["kind"],
                )
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "模板已加入模板库，此后的材料都会与它比对")
                return redirect("preparation:template_list")
    templates = (
        TemplateDocument.objects.filter(library_of(organisations)).select_related("organisation")
        if organisations
        else TemplateDocument.objects.none()
    )
    return render(
        request,
        "preparation/template_list.html",
        {
            "templates": templates.defer("text", "fingerprints", "signature"),
            "form": form if rules.can_add_template(access) else None,
        },
    )


@login_required
@require_safe
def unreadable_download(request, pk, upload_pk):
    """Hand a kept, unreadable upload back to its writer or the office, as an attachment
    (never shown inline: it is whatever someone uploaded)."""
    material = get_material_for_user(request, pk, write=True)
    upload = get_object_or_404(UnreadableUpload, pk=upload_pk, material=material)
    return attachment(upload.name, "application/octet-stream", bytes(upload.content))


@login_required
@require_safe
def material_docx(request, pk):
    """The material as an official-layout .docx: the latest draft, or ``?version=N``; the
    draft approved in review is marked so under the title."""
    material = get_material_for_user(request, pk)
    versions = {v.number: v for v in material.versions.all()}
    if not versions:
        raise Http404
    asked = request.GET.get("version", "")
    version = versions.get(int(asked)) if asked.isdigit() else versions[max(versions)]
    if version is None:
        raise Http404
    note = domain.version_note(material, version)
    content = report_docs.render_text(
        material.title, version.text, author=material.meeting.team.name, note=note
    )
    return attachment(f"{material.title}（第{version.number}稿）.docx", DOCX, content)
