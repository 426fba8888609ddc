"""Setting up a new install from the command line: the root, then accounts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from dlm.core.models import AuditEntry
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Role
from tests.conftest import login_request


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_new_install_gets_a_root_and_a_supervisor(db):
    org_id = int(run("add_organisation", "中共某市委", "--kind", "party_committee").split()[0])

    run(
        "add_account",
        "zzb01",
        "--name",
        "严明",
        "--organisation",
        str(org_id),
        "--role",
        f"supervisor:{org_id}",
        "--password",
        "a-long-pass-7731",
    )

    user = authenticate(login_request(), username="zzb01", password="a-long-pass-7731")
    assert user.person.name == "严明"
    assert Role.objects.get(user=user).kind == RoleKind.SUPERVISOR
    assert Organisation.objects.get(pk=org_id).parent is None
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "organisations.organisation.created",
        "organisations.account.created",
        "organisations.role.granted",
    ]


def test_a_seat_holder_gets_a_login(world):
    seat = world.street.team_members.filter(person__user=None).first()

    run("add_account", "seat01", "--seat", str(seat.pk), "--password", "a-long-pass-7731")

    seat.person.refresh_from_db()
    assert seat.person.user.username == "seat01"


GOOD = ["--name", "甲", "--organisation", "{org}", "--password", "a-long-pass-7731"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([*GOOD, "--role", "boss:1"], "角色写作"),
        ([*GOOD, "--role", "office:99999"], "没有编号为 99999 的组织"),
        (["--seat", "99999", "--password", "a-long-pass-7731"], "没有编号为 99999 的班子成员"),
        (["--password", "a-long-pass-7731"], "请给出 --seat"),
        (["--name", "甲", "--organisation", "{org}", "--password", "123"], "密码"),
    ],
)
def test_bad_arguments_are_refused_in_chinese_and_create_nothing(world, args, message):
    args = [arg.format(org=world.street.pk) for arg in args]

    with pytest.raises(CommandError, match=message):
        run("add_account", "bad01", *args)

    assert not Role.objects.filter(user__username="bad01").exists()
    assert not AuditEntry.objects.filter(action="organisations.account.created").exists()
