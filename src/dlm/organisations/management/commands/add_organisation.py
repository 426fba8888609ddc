"""Create an organisation from the command line: the root of a new install, chiefly.

Below the root, supervisors add units in the web pages.
"""

from django.core.management.base import BaseCommand, CommandError

from dlm.core.audit import log_action
from dlm.organisations.enums import OrganisationKind
from dlm.organisations.models import Organisation


class Command(BaseCommand):
    help = "Add an organisation (the tree's root when --parent is not given)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, choices=OrganisationKind.values)
        parser.add_argument("--parent", type=int, help="id of the parent organisation")
        parser.add_argument("--short-name", default="")

    def handle(self, *args, name, kind, parent, short_name, **options):
        parent_org = None
        if parent is not None:
            parent_org = Organisation.objects.filter(pk=parent).first()
            if parent_org is None:
                raise CommandError(f"没有编号为 {parent} 的组织")
        org = Organisation.objects.create(
            name=name.strip(), kind=kind, parent=parent_org, short_name=short_name.strip()
        )
        log_action(
            "organisations.organisation.created",
            user=None,
            target=org,
            organisation=parent_org or org,
            data={"name": org.name, "kind": org.get_kind_display(), "via": "command line"},
        )
        self.stdout.write(f"{org.pk}\t{org.name}")
