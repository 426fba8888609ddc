"""Rebuild the copy index from the fingerprints every material version and template keeps:
after a bulk load that went past the domain, or to repair the index."""

from django.core.management.base import BaseCommand
from django.db import transaction

from dlm.preparation.copyindex import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the copy index (查重索引) from the stored fingerprints."

    def add_arguments(self, parser):
        parser.add_argument(
            "--background", action="store_true", help="queue it for `dlm worker` instead"
        )

    def handle(self, *args, background: bool = False, **options):
        if background:
            from django.conf import settings

            from dlm.preparation.background import rebuild_copy_index

            result = rebuild_copy_index.enqueue()
            if result.is_finished:  # DLM_TASKS=inline: no worker, so it ran here
                self.stdout.write(
                    f"查重索引已重建：{result.return_value} 份文本"
                    f"（DLM_TASKS={settings.DLM_TASKS}，没有后台 worker，当场执行）"
                )
            else:
                self.stdout.write(f"查重索引重建已交给后台 worker（任务编号 {result.id}）")
            return

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\r已索引 {done}/{total}", ending="")
            self.stdout.flush()

        with transaction.atomic():  # checks meanwhile see the old index, then the new one
            count = rebuild_index(progress)
        self.stdout.write(f"\n查重索引已重建：{count} 份文本")
