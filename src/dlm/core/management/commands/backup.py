"""``dlm backup FILE``: the whole installation in one archive (core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dlm.core import backup


class Command(BaseCommand):
    help = "备份数据库（含上传的文件和佐证材料）到一个归档文件"

    def add_arguments(self, parser):
        parser.add_argument("file", help="归档文件，如 /var/backups/dlm-2026-12-01.tar.gz")

    def handle(self, *args, file, **options):
        folder = Path(file).resolve().parent
        if not folder.is_dir():
            raise CommandError(
                f"目录 {folder} 不存在：请先建立（所有者为运行 DLM 的用户，权限 700）"
            )
        try:
            manifest = backup.backup(file)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已备份到 {file}：{backup.manifest_text(manifest)}")
