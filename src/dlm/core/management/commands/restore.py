"""``dlm restore FILE``: an archive of ``dlm backup`` into a new, empty database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from dlm.core import backup


class Command(BaseCommand):
    help = "把 dlm backup 的归档恢复到新建的空数据库"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = backup.restore(file)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已恢复：{backup.manifest_text(manifest)}；各表行数与备份一致")
