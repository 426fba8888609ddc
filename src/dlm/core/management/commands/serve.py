"""``dlm serve``: the production server — gunicorn with DLM's WSGI application.

The address and the number of workers come from the environment (DLM_BIND, DLM_WORKERS) or
the options; no access log is kept (the anonymous box promises no time finer than the day:
docs/operations.md); errors go to stderr with each request's id (settings.LOGGING).
"""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以生产方式启动 DLM（gunicorn）"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DLM_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DLM_WORKERS", "3")))
        parser.add_argument("--timeout", type=int, default=120)

    def handle(self, *args, bind, workers, timeout, **options):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "dlm.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--timeout",
            str(timeout),
            "--error-logfile",
            "-",
            # no control socket in the service's home (read-only under systemd's hardening)
            "--no-control-socket",
            "--forwarded-allow-ips",
            os.environ.get("DLM_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stderr.write(f"DLM 在 http://{bind}/ 启动（{workers} 个工作进程）")
        sys.stderr.flush()
        os.execv(sys.executable, command)  # gunicorn takes this process's place (systemd)
