"""Importing an existing minutes file: upload, read, confirm or correct, save."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import posted
from dlm.preparation.forms import MAX_UPLOAD, read_upload
from dlm.proceedings import importing, live, rules
from dlm.proceedings.forms import MinutesUploadForm, TurnForm, import_formset
from dlm.proceedings.models import MinutesImport


@login_required
@require_http_methods(["GET", "POST"])
def minutes_import(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    form = MinutesUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        if upload.size > MAX_UPLOAD:
            form.add_error("upload", "文件过大，上限为 20 MB")
        else:
            content = b"".join(upload.chunks())
            upload.seek(0)
            text, error = "", ""
            try:
                text, _, _ = read_upload(upload)
            except forms.ValidationError as refused:
                error = " ".join(refused.messages)
            kept = importing.store_upload(
                meeting, upload.name, content, text, error, user=request.user
            )
            if kept.error:
                messages.error(request, f"文件已保存，但无法读取：{kept.error}")
                return redirect("proceedings:minutes_import", pk=meeting.pk)
            return redirect("proceedings:minutes_import_review", pk=meeting.pk, import_pk=kept.pk)
    return render(
        request,
        "proceedings/minutes_import.html",
        {
            "meeting": meeting,
            "form": form,
            "uploads": meeting.minutes_imports.defer("content", "text")[:10],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_import_review(request, pk, import_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    upload = get_object_or_404(
        MinutesImport.objects.defer("content"), pk=import_pk, meeting=meeting
    )
    outlines, _ = live.outlines_for(meeting)
    unknown = importing.unknown_names(upload.proposal)
    speakers = [
        choice
        for choice in TurnForm(meeting=meeting, outlines=outlines).fields["speaker"].choices
        if choice[0]
    ]
    data = None
    if request.method == "POST":
        data = importing.apply_names(request.POST, upload.proposal, unknown, prefix="row")
    formset = import_formset(
        meeting,
        outlines,
        data=data,
        initial=[{k: row[k] for k in importing.ROW_FIELDS} for row in upload.proposal],
    )
    refusal = None
    existing = meeting.turns.count()
    merge = request.POST.get("merge") == "on"
    if request.method == "POST" and existing and not merge and upload.confirmed_at is None:
        # a record already kept: importing adds to its counts, so it must be meant
        refusal = "本次会议已有记录：如确要并入，请勾选“确认并入现有记录”；只想对照时请不要导入"
    elif request.method == "POST" and upload.confirmed_at is None and formset.is_valid():
        reviewed = [
            (f.values(), f.turn_input() if f.cleaned_data.get("include") else None) for f in formset
        ]
        try:
            saved = importing.confirm(upload, reviewed, user=request.user)
        except Refused as refused:
            refusal = refused.message
        else:
            messages.success(request, f"已导入 {saved} 条发言")
            return redirect("proceedings:meeting_record", pk=meeting.pk)
    return render(
        request,
        "proceedings/minutes_import_review.html",
        {
            "meeting": meeting,
            "upload": upload,
            "rows": list(zip(formset.forms, upload.proposal, strict=False)),
            "formset": formset,
            "refusal": refusal,
            "existing": existing,
            "merge": merge,
            "unknown": [
                (index, name, count, request.POST.get(f"name-{index}", ""))
                for index, (name, count) in enumerate(unknown)
            ],
            "speakers": speakers,
        },
    )
