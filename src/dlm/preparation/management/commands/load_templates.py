"""Load a folder of downloaded templates into the template library, e.g. a supervisor's
collection of 范文 found online. Unreadable files are named and skipped."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dlm.core.errors import Refused
from dlm.organisations.models import Organisation
from dlm.preparation import domain
from dlm.textcheck.copying.cli import collect
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import read_path


class Command(BaseCommand):
    help = "Load every .docx/.txt/.md file of a folder into the template library."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--organisation", type=int, required=True, help="owning organisation id"
        )

    def handle(self, *args, folder, organisation, **options):
        org = Organisation.objects.filter(pk=organisation).first()
        if org is None:
            raise CommandError(f"没有编号为 {organisation} 的组织")
        if not Path(folder).is_dir():
            raise CommandError(f"找不到文件夹 {folder}")
        loaded = skipped = 0
        for path in collect([folder]):
            try:
                text = read_path(path).text
                domain.add_template(org, path.stem, text, user=None, source_name=path.name)
                loaded += 1
            except (UnreadableDocument, Refused) as error:
                self.stderr.write(f"跳过 {path.name}：{error.message}")
                skipped += 1
        self.stdout.write(f"已加入模板库 {loaded} 个，跳过 {skipped} 个")
