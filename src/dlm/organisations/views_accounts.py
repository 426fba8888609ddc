"""Logins and roles of a unit, kept by the supervisors above it (organisations.accounts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.organisations import accounts
from dlm.organisations.access import get_organisation_for_user
from dlm.organisations.enums import RoleKind
from dlm.organisations.forms import LoginForm, NewAccountForm
from dlm.organisations.models import Person, Role, TeamMember


def _unit(request, pk):
    org = get_organisation_for_user(request, pk)
    require(request_access(request).can_manage_accounts(org))
    return org


def _people(org):
    """The unit's people (its team by 位次 first), and those who hold a role on it from
    elsewhere."""
    holders = Role.objects.filter(organisation=org).values_list("user_id", flat=True)
    seated = TeamMember.objects.filter(team=org, active=True, person=OuterRef("pk"))
    return (
        Person.objects.filter(Q(organisation=org) | Q(user_id__in=holders))
        .annotate(
            precedence=Subquery(seated.values("precedence")[:1]),
            position=Subquery(seated.values("position")[:1]),
        )
        .select_related("user", "organisation")
        .prefetch_related("user__dlm_roles__organisation")
        .order_by(F("precedence").asc(nulls_last=True), "name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_accounts(request, pk):
    org = _unit(request, pk)
    form = NewAccountForm(posted(request), organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, password = accounts.open_account(
                org,
                person=data["person"],
                name=data["name"],
                title=data["title"],
                username=data["username"],
                email=data["email"],
                role=data["role"],
                user=request.user,
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            return _show_password(request, org, person, password, "已开通账号")
    return render(
        request,
        "organisations/accounts.html",
        {
            "org": org,
            "people": _people(org),
            "roles": Role.objects.filter(organisation=org).select_related("user__person"),
            "office_people": _holders(org, RoleKind.OFFICE),
            "supervisor_people": _holders(org, RoleKind.SUPERVISOR),
            "form": form,
            "login_form": LoginForm(),
            "kinds": RoleKind.choices,
        },
    )


def _holders(org, kind) -> set[int]:
    """The people who already hold ``kind`` on ``org`` (no button to grant it again)."""
    return set(
        Person.objects.filter(
            user__dlm_roles__organisation=org, user__dlm_roles__kind=kind
        ).values_list("pk", flat=True)
    )


def _show_password(request, org, person, password, what):
    """The one-time password, shown in this response only: not stored, not logged."""
    response = render(
        request,
        "organisations/password_once.html",
        {"org": org, "person": person, "password": password, "what": what},
    )
    response["Cache-Control"] = "no-store"
    return response


def _person_of(org, person_pk):
    person = _people(org).filter(pk=person_pk).first()
    if person is None:
        raise Http404
    return person


@login_required
@require_POST
def person_account_action(request, pk, person_pk, action):
    org = _unit(request, pk)
    person = _person_of(org, person_pk)
    try:
        if action == "login":
            form = LoginForm(request.POST)
            if not form.is_valid():
                raise Refused("请填写登录名", field="username")
            password = accounts.create_login(
                person, form.cleaned_data["username"], user=request.user
            )
            return _show_password(request, org, person, password, "已开通账号")
        if action == "reset":
            password = accounts.reset_password(person, user=request.user)
            return _show_password(request, org, person, password, "已重置密码")
        if action in ("grant_office", "grant_supervisor"):
            kind = RoleKind.OFFICE if action == "grant_office" else RoleKind.SUPERVISOR
            accounts.grant_role(person, org, kind, user=request.user)
            done = f"已授予{person.name}{RoleKind(kind).label}角色"
        elif action == "deactivate":
            accounts.deactivate(person, user=request.user)
            done = f"已停用{person.name}的账号"
            for unit in accounts.units_left_without_office(person.user):
                messages.warning(
                    request, f"{unit.display_name}已没有在用的办公室账号，请尽快为其开通或授予"
                )
        elif action == "reactivate":
            password = accounts.reactivate(person, user=request.user)
            return _show_password(request, org, person, password, "已恢复账号")
        else:
            raise Http404
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("organisations:organisation_accounts", pk=org.pk)


@login_required
@require_POST
def role_withdraw(request, pk, role_pk):
    org = _unit(request, pk)
    role = get_object_or_404(Role.objects.select_related("user"), pk=role_pk, organisation=org)
    try:
        accounts.withdraw_role(role, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"已撤销{role.user.username}的{role.get_kind_display()}角色")
    return redirect("organisations:organisation_accounts", pk=org.pk)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    """Everyone's own password: the old one, then the new one twice (Django's rules)."""
    form = PasswordChangeForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        accounts.change_own_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay logged in here, not elsewhere
        messages.success(request, "密码已修改")
        return redirect("workbench:home")
    return render(request, "organisations/password_change.html", {"form": form})
