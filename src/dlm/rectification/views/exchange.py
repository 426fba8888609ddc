"""The 整改清单 as .xlsx: export, and import with a preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import posted
from dlm.core.http import attachment
from dlm.rectification import exchange, rules
from dlm.rectification.enums import ItemKind
from dlm.rectification.forms import LedgerImportForm
from dlm.rectification.models import LedgerImport
from dlm.rectification.rules import sees_everything
from dlm.rectification.views.ledger import ledger_rows

MAX_UPLOAD = 10 * 1024 * 1024


@login_required
@require_safe
def ledger_xlsx(request, pk):
    meeting = get_meeting_for_user(request, pk)
    items = ledger_rows(request_access(request), meeting)
    # the latest progress and the extensions of each item are columns of the sheet
    prefetch_related_objects(items, "progress", "carried_from__progress", "extensions")
    return attachment(*exchange.export(meeting, items))


@login_required
@require_safe
def ledger_docx(request, pk, version):
    """The Word 整改清单: "full" for the office and supervisors, "public" for disclosure."""
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    if version not in ("full", "public"):
        raise Http404
    public = version == "public"
    if not public:
        require(sees_everything(access, meeting))
    items = ledger_rows(access, meeting)
    prefetch_related_objects(
        items, "progress__evidence", "carried_from__progress__evidence", "extensions"
    )
    return attachment(*exchange.export_docx(meeting, items, public=public))


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_keep_ledger(request_access(request), meeting))
    form = LedgerImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        if upload.size > MAX_UPLOAD:
            form.add_error("upload", "文件过大，上限为 10 MB")
        else:
            kept = exchange.read_upload(
                meeting, upload.name, b"".join(upload.chunks()), user=request.user
            )
            return redirect("rectification:ledger_import_review", pk=meeting.pk, import_pk=kept.pk)
    return render(request, "rectification/ledger_import.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_review(request, pk, import_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_keep_ledger(request_access(request), meeting))
    upload = get_object_or_404(LedgerImport.objects.defer("content"), pk=import_pk, meeting=meeting)
    if request.method == "POST":
        try:
            added, changed = exchange.confirm(upload, user=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"整改清单已导入：新增 {added} 项，修改 {changed} 项")
            return redirect("rectification:meeting_ledger", pk=meeting.pk)
    seats = {s.pk: s.person.name for s in meeting.team.team_members.select_related("person")}
    return render(
        request,
        "rectification/ledger_import_review.html",
        {
            "meeting": meeting,
            "upload": upload,
            "rows": [
                row
                | {
                    "responsible_name": seats.get(row["responsible"], ""),
                    "owner_name": seats.get(row["member"], "") if row["member"] else "班子",
                    "kind_label": ItemKind(row["kind"]).label,
                }
                for row in upload.rows
            ],
            "closed_in_sheet": exchange.still_open_in_sheet_note(upload),
            "new": sum(1 for row in upload.rows if row.get("action", "new") == "new"),
            "changed": sum(1 for row in upload.rows if row.get("action") == "update"),
            "same": sum(1 for row in upload.rows if row.get("action") == "same"),
        },
    )
