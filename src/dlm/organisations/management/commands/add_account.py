"""Give a person a login, and optionally office or supervisor roles or a team seat."""

import getpass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from dlm.core.audit import log_action
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Person, Role, TeamMember


class Command(BaseCommand):
    help = (
        "Create a login for a person. --role office:ID / supervisor:ID grants a role on "
        "organisation ID; --seat ID links the account to an existing team seat's person."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", help="姓名 (a new person is created)")
        parser.add_argument("--organisation", type=int, help="the new person's unit (id)")
        parser.add_argument("--seat", type=int, help="id of a team seat whose person logs in")
        parser.add_argument("--role", action="append", default=[], metavar="KIND:ORG_ID")
        parser.add_argument("--password", help="prompted for when not given")

    @transaction.atomic
    def handle(self, *args, username, name, organisation, seat, role, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"账号 {username} 已存在")
        person = self.person(name, organisation, seat)
        roles = [self.parse_role(spec) for spec in role]
        if not password:
            password = getpass.getpass("密码（至少8位，不能太常见）：")
            if getpass.getpass("再输入一次：") != password:
                raise CommandError("两次输入的密码不一致")
        try:
            with translation.override(settings.LANGUAGE_CODE):  # messages in Chinese
                validate_password(password)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        user = User.objects.create_user(username=username, password=password)
        person.user = user
        person.save(update_fields=["user"])
        log_action(
            "organisations.account.created",
            user=None,
            target=person,
            organisation=person.organisation,
            data={"username": username},
        )
        for kind, org in roles:
            Role.objects.create(user=user, organisation=org, kind=kind)
            log_action(
                "organisations.role.granted",
                user=None,
                target=person,
                organisation=org,
                data={"username": username, "role": RoleKind(kind).label},
            )
        self.stdout.write(f"已为 {person.name} 创建账号 {username}")

    def person(self, name, organisation, seat) -> Person:
        if seat is not None:
            found = TeamMember.objects.select_related("person").filter(pk=seat).first()
            if found is None:
                raise CommandError(f"没有编号为 {seat} 的班子成员")
            if found.person.user_id is not None:
                raise CommandError(f"{found.person.name} 已有账号")
            return found.person
        if not name or organisation is None:
            raise CommandError("请给出 --seat，或同时给出 --name 和 --organisation")
        unit = Organisation.objects.filter(pk=organisation).first()
        if unit is None:
            raise CommandError(f"没有编号为 {organisation} 的组织")
        return Person.objects.create(name=name.strip(), organisation=unit)

    def parse_role(self, spec: str):
        kind, _, org_id = spec.partition(":")
        if kind not in RoleKind.values or not org_id.isdigit():
            raise CommandError(f"角色写作 office:组织编号 或 supervisor:组织编号，而不是 {spec}")
        org = Organisation.objects.filter(pk=int(org_id)).first()
        if org is None:
            raise CommandError(f"没有编号为 {org_id} 的组织")
        return kind, org
