"""Run background work from the database queue (DLM_TASKS=database): one or more on any
machine that reaches the database. Stops cleanly on SIGTERM, after the task in hand."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run background work (综合报告, quality assessment, mail, the copy index's upkeep)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="do what is queued, then exit (for cron/tests)"
        )

    def handle(self, *args, batch: bool, **options):
        if settings.DLM_TASKS != "database":
            raise CommandError(
                "后台任务现在随请求当场执行（DLM_TASKS=inline），无需 worker；"
                "要交给 worker 执行，请设置 DLM_TASKS=database，见 docs/deploy.md"
            )
        call_command(
            "db_worker",
            batch=batch,
            reload=False,
            startup_delay=False,
            queue_name="*",
            verbosity=options.get("verbosity", 1),
        )
