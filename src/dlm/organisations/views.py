"""Organisation pages: the tree a user may see, one organisation with its team."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.models import AuditEntry
from dlm.organisations import domain, leaving
from dlm.organisations.access import get_organisation_for_user, get_team_member_for_user
from dlm.organisations.domain import SEAT_FIELDS
from dlm.organisations.enums import RoleKind
from dlm.organisations.forms import LeaveForm, SubOrganisationForm, TeamMemberForm
from dlm.organisations.models import Organisation, TeamMember


@login_required
@require_safe
def organisation_list(request):
    access = request_access(request)
    organisations = Organisation.objects.filter(access.organisation_filter()).order_by("path")
    return render(request, "organisations/organisation_list.html", {"organisations": organisations})


@login_required
@require_safe
def organisation_detail(request, pk):
    org = get_organisation_for_user(request, pk)
    access = request_access(request)
    members = org.team_members.select_related("person", "own_branch")
    children = [
        (child, access.can_view_organisation(child))  # a link only where it opens
        for child in (
            org.children.all() if access.supervises(org) or access.is_office_of(org) else []
        )
    ]
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "org": org,
            "members": members,
            "children": children,
            "meetings": org.meetings.select_related("campaign").order_by("-campaign__year"),
            "can_manage": access.can_manage_team(org),
            "can_add_child": access.can_add_suborganisation(org),
            "can_manage_accounts": access.can_manage_accounts(org),
            "has_office": org.roles.filter(kind=RoleKind.OFFICE, user__is_active=True).exists(),
            "history": AuditEntry.objects.filter(organisation=org)[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def suborganisation_create(request, pk):
    parent = get_organisation_for_user(request, pk)
    require(request_access(request).can_add_suborganisation(parent))
    form = SubOrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        child = domain.add_suborganisation(parent, form.save(commit=False), user=request.user)
        messages.success(request, f"已新增 {child.name}")
        return redirect("organisations:organisation_detail", pk=child.pk)
    return render(
        request, "organisations/suborganisation_form.html", {"form": form, "parent": parent}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk):
    team = get_organisation_for_user(request, pk, write=True)
    form = TeamMemberForm(posted(request), team=team, instance=TeamMember(team=team))
    if request.method == "POST" and form.is_valid():
        domain.add_team_member(
            team, form.save(commit=False), form.cleaned_data["name"], user=request.user
        )
        messages.success(request, "班子成员已添加")
        return redirect("organisations:organisation_detail", pk=team.pk)
    return render(request, "organisations/member_form.html", {"form": form, "org": team})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk, member_pk):
    team = get_organisation_for_user(request, pk, write=True)
    seat = get_team_member_for_user(request, team, member_pk)
    before = snapshot(seat, fields=SEAT_FIELDS)
    form = TeamMemberForm(posted(request), team=team, instance=seat)
    if request.method == "POST" and form.is_valid():
        try:
            domain.change_team_member(
                form.save(commit=False),
                form.cleaned_data["name"],
                user=request.user,
                before=before,
                revision=form.posted_revision(),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "班子成员信息已保存")
            return redirect("organisations:organisation_detail", pk=team.pk)
    return render(
        request, "organisations/member_form.html", {"form": form, "org": team, "seat": seat}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk, member_pk):
    """离任 or 调任: what waits on the member, to whom it passes, in one step."""
    team = get_organisation_for_user(request, pk, write=True)
    seat = get_team_member_for_user(request, team, member_pk)
    if not seat.active:
        messages.info(request, f"{seat.person.name}已离任")
        return redirect("organisations:organisation_detail", pk=team.pk)
    access = request_access(request)
    pending = leaving.pending_for(seat)
    # a move to another unit is the supervisors' to make: the teams they supervise
    teams = Organisation.objects.teams().filter(access.supervised_filter()).exclude(pk=team.pk)
    form = LeaveForm(posted(request), seat=seat, pending=pending, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            moved = leaving.leave_team(
                seat,
                form.successors(),
                user=request.user,
                move_to=form.cleaned_data.get("move_to"),
                position=form.cleaned_data.get("position", ""),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            if moved is None:
                messages.success(request, f"{seat.person.name}已离任，相关事项已移交")
            else:
                messages.success(
                    request, f"{seat.person.name}已调任{moved.team.display_name}{moved.position}"
                )
            return redirect("organisations:organisation_detail", pk=team.pk)
    return render(
        request,
        "organisations/member_leave.html",
        {"org": team, "seat": seat, "form": form, "pending": pending},
    )
