"""Sending a material for review, and the reviewer's decision (审阅把关)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.preparation import domain, rules
from dlm.preparation.access import get_material_for_user
from dlm.preparation.forms import CommentForm, ReviewForm


@login_required
@require_POST
def material_submit(request, pk):
    material = get_material_for_user(request, pk, write=True)
    try:
        domain.submit_material(material, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        reviewer = (
            "主要负责同志" if material.author_id and not material.author.is_principal else "上级"
        )
        messages.success(request, f"{material.title}已送{reviewer}审阅，审阅后您会收到提醒")
    return redirect(material)


@login_required
@require_http_methods(["GET", "POST"])
def material_review(request, pk):
    material = get_material_for_user(request, pk)
    require(rules.can_review_material(request_access(request), material))
    form = ReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            domain.review_material(
                material,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                resubmit_by=form.cleaned_data["resubmit_by"],
                user=request.user,
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            decision = "审阅通过" if form.cleaned_data["decision"] == "approved" else "退回修改"
            messages.success(request, f"已将{material.title}{decision}，撰写人会收到提醒")
            return redirect(material)
    drafts = list(material.versions.order_by("-number")[:2])
    version = drafts[0] if drafts else None
    earlier = drafts[1] if len(drafts) > 1 else None
    return render(
        request,
        "preparation/material_review.html",
        {
            "material": material,
            "form": form,
            "version": version,
            "comments": list(version.comments.all()) if version else [],
            # what was asked on the draft before: was it addressed in this one?
            "earlier": earlier,
            "earlier_comments": list(earlier.comments.all()) if earlier else [],
            "last_return": material.reviews.filter(decision="returned")
            .order_by("-created_at")
            .first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_comment(request, pk):
    material = get_material_for_user(request, pk)
    require(rules.can_review_material(request_access(request), material))
    version = material.versions.order_by("-number").first()
    form = CommentForm(posted(request))
    if request.method == "POST" and version is not None and form.is_valid():
        try:
            domain.comment_passage(
                version, form.cleaned_data["quote"], form.cleaned_data["text"], user=request.user
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            # back to the draft for the next comment (one a page visit was tiresome)
            messages.success(request, "批注已加到正文，可以继续选中下一处")
            return redirect("preparation:material_comment", pk=material.pk)
    return render(
        request,
        "preparation/material_comment.html",
        {
            "material": material,
            "version": version,
            "form": form,
            "comments": list(version.comments.all()) if version else [],
        },
    )
