"""Logins and roles of a unit, kept by the supervisors above it (organisations.accounts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
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
from dlm.organisations.models import Person, Role


def _unit(request, pk):
    org = get_organisation_for_user(request, pk)
    require(request_access(request).can_manage_accounts(org))
    return org


def _people(org):
    """The unit's people, and those who hold a role on it from elsewhere."""
    holders = Role.objects.filter(organisation=org).values_list("user_id", flat=True)
    return (
        Person.objects.filter(Q(organisation=org) | Q(user_id__in=holders))
        .select_related("user", "organisation")
        .prefetch_related("seats__team", "user__dlm_roles__organisation")
        .order_by("name")
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
            "form": form,
            "login_form": LoginForm(),
            "kinds": RoleKind.choices,
        },
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
        elif action == "reactivate":
            accounts.reactivate(person, user=request.user)
            done = f"已恢复{person.name}的账号"
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
