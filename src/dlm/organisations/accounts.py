"""Logins and roles, kept by the supervisors in the pages (and by ``dlm add_account``).

A supervisor staffs the units in its subtree: gives a person a login, grants or withdraws
the office and supervisor roles, deactivates an account and resets a password. A new or
reset password is made here, shown once to the supervisor who made it and stored only as a
hash; it is never logged. Every change is in the audit log.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Person, Role

USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,30}$")
# No 0/O, 1/l/I: read out over the phone or copied from a screen.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# What apps above this one do when an account is closed: the calendar feed's secret address
# stops working for good. Registered from AppConfig.ready().
ACCOUNT_CLOSED: list[Callable[[object], None]] = []


def on_account_closed(hook: Callable[[object], None]) -> None:
    if hook not in ACCOUNT_CLOSED:
        ACCOUNT_CLOSED.append(hook)


def one_time_password() -> str:
    """Twelve characters in three groups: strong enough, easy to pass on once."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _check_username(username: str) -> str:
    username = username.strip()
    if not USERNAME.match(username):
        raise Refused("登录名为3到30位字母、数字、点、下划线或连字符", field="username")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise Refused(f"登录名 {username} 已被使用", field="username")
    return username


@transaction.atomic
def create_login(person: Person, username: str, *, user, email: str = "") -> str:
    """Give ``person`` a login; returns the one-time password to pass on."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None:
        raise Refused(f"{person.name}已有登录账号 {person.user.username}")
    username = _check_username(username)
    password = one_time_password()
    account = get_user_model().objects.create_user(
        username=username, password=password, email=email.strip()
    )
    person.user = account
    person.save(update_fields=["user"])
    log_action(
        "organisations.account.created",
        user=user,
        target=person,
        organisation=person.organisation,
        data={"登录名": username},
    )
    return password


@transaction.atomic
def add_person(organisation: Organisation, name: str, title: str, *, user) -> Person:
    if not name.strip():
        raise Refused("请填写姓名", field="name")
    person = Person.objects.create(
        organisation=organisation, name=name.strip()[:50], title=title.strip()[:100]
    )
    log_action(
        "organisations.person.added",
        user=user,
        target=person,
        organisation=organisation,
        data={"姓名": person.name, "职务": person.title},
    )
    return person


@transaction.atomic
def grant_role(person: Person, organisation: Organisation, kind: str, *, user) -> Role:
    if kind not in RoleKind.values:
        raise Refused("请选择角色", field="kind")
    if person.user_id is None:
        raise Refused(f"{person.name}还没有登录账号，请先开通账号")
    if not person.user.is_active:
        raise Refused(f"{person.name}的账号已停用，请先恢复")
    role, created = Role.objects.get_or_create(
        user_id=person.user_id, organisation=organisation, kind=kind
    )
    if not created:
        raise Refused(f"{person.name}已是{organisation.display_name}的{role.get_kind_display()}")
    log_action(
        "organisations.role.granted",
        user=user,
        target=person,
        organisation=organisation,
        data={"登录名": person.user.username, "角色": RoleKind(kind).label},
    )
    return role


@transaction.atomic
def withdraw_role(role: Role, *, user) -> None:
    if role.user_id == user.pk and role.kind == RoleKind.SUPERVISOR:
        raise Refused("不能撤销您自己的督导角色，请由同级或上级其他督导人员办理")
    person = Person.objects.filter(user_id=role.user_id).first()
    log_action(
        "organisations.role.withdrawn",
        user=user,
        target=person or role.organisation,
        organisation=role.organisation,
        data={"登录名": role.user.username, "角色": role.get_kind_display()},
    )
    role.delete()


@transaction.atomic
def deactivate(person: Person, *, user, reason: str = "") -> None:
    """The account can no longer log in, and its calendar address is dead for good."""
    account = _account(person)
    if account.pk == user.pk:
        raise Refused("不能停用您自己的账号")
    if not account.is_active:
        raise Refused(f"{person.name}的账号已停用")
    account.is_active = False
    account.save(update_fields=["is_active"])
    for hook in ACCOUNT_CLOSED:
        hook(account)
    log_action(
        "organisations.account.deactivated",
        user=user,
        target=person,
        organisation=person.organisation,
        data={"登录名": account.username, "理由": reason},
    )


@transaction.atomic
def reactivate(person: Person, *, user) -> str:
    """The account works again, with a new one-time password (the old one may be known to
    whoever had the account meanwhile)."""
    account = _account(person)
    if account.is_active:
        raise Refused(f"{person.name}的账号正在使用")
    password = one_time_password()
    account.is_active = True
    account.set_password(password)
    account.save(update_fields=["is_active", "password"])
    log_action(
        "organisations.account.reactivated",
        user=user,
        target=person,
        organisation=person.organisation,
        data={"登录名": account.username},
    )
    return password


@transaction.atomic
def reset_password(person: Person, *, user) -> str:
    """A new one-time password for ``person``; the old one stops working at once."""
    account = _account(person)
    if account.pk == user.pk:
        raise Refused("不能在这里重置您自己的密码")
    password = one_time_password()
    account.set_password(password)
    account.save(update_fields=["password"])
    log_action(
        "organisations.account.password_reset",
        user=user,
        target=person,
        organisation=person.organisation,
        data={"登录名": account.username},
    )
    return password


def _account(person: Person):
    if person.user_id is None:
        raise Refused(f"{person.name}没有登录账号")
    return get_user_model().objects.select_for_update().get(pk=person.user_id)


def units_left_without_office(account) -> list[Organisation]:
    """The units whose office this account was, that now have no working office account."""
    units = Organisation.objects.filter(roles__user=account, roles__kind=RoleKind.OFFICE).distinct()
    return [
        unit
        for unit in units
        if not Role.objects.filter(
            organisation=unit, kind=RoleKind.OFFICE, user__is_active=True
        ).exists()
    ]


def close_if_unneeded(person: Person, *, user) -> bool:
    """A person with no seat in any team and no role has no business logging in."""
    if person.user_id is None or not person.user.is_active:
        return False
    if (
        person.seats.filter(active=True).exists()
        or Role.objects.filter(user_id=person.user_id).exists()
    ):
        return False
    deactivate(person, user=user, reason="已不在任何班子任职，也没有其他角色")
    return True


@transaction.atomic
def open_account(
    organisation: Organisation,
    *,
    person: Person | None,
    name: str,
    title: str,
    username: str,
    email: str,
    role: str,
    user,
) -> tuple[Person, str]:
    """The accounts page's one form: the person (new or listed), the login, the role."""
    if person is None:
        person = add_person(organisation, name, title, user=user)
    password = create_login(person, username, user=user, email=email)
    person.refresh_from_db()
    if role:
        grant_role(person, organisation, role, user=user)
    return person, password


@transaction.atomic
def change_own_password(account, new_password: str) -> None:
    """The person sets his own password (after a one-time one, or when he wants)."""
    account.set_password(new_password)
    account.save(update_fields=["password"])
    person = Person.objects.filter(user=account).first()
    log_action(
        "organisations.account.password_changed",
        user=account,
        target=person or account,
        organisation=person.organisation if person else None,
        data={"登录名": account.username},
    )
