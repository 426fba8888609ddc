"""Background work a person waits for: a document built from many teams' records.

One door: :func:`start` checks the kind, saves a Job, logs it and puts :func:`run_job` on the
task queue (Django's Tasks API — the django-tasks backport until Django 6). Without a worker
(``DLM_TASKS=inline``, the default) the queue runs the job at once, inside the request, so
``make run`` stays one process; with ``DLM_TASKS=database`` the row is committed with the
request and any ``dlm worker`` on any machine picks it up. The person watches the job's page
(progress while it runs) and downloads the file there.

A kind is registered by its app: ``register_job(kind, title, build)`` where ``build(job,
progress)`` returns (file name, content type, bytes) and calls ``progress(done, total,
stage)`` as it goes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.core.models import Job, JobState

logger = logging.getLogger(__name__)

Progress = Callable[..., None]
Build = Callable[[Job, Progress], tuple[str, str, bytes]]


@dataclass(frozen=True)
class JobKind:
    title: str
    build: Build


_KINDS: dict[str, JobKind] = {}


def register_job(kind: str, title: str, build: Build) -> None:
    _KINDS[kind] = JobKind(title, build)


@transaction.atomic
def start(kind: str, *, user, params: dict, title: str = "", organisation=None) -> Job:
    """Ask for a job. Returns it queued — or, with no worker configured, already finished."""
    if kind not in _KINDS:
        raise Refused("不认识的后台任务")
    # asked again (Back and resubmit, a second click) while the first is still being made:
    # the same job, not a second identical file
    waiting = (
        Job.objects.filter(
            kind=kind,
            requested_by=user,
            params=params,
            state__in=[JobState.QUEUED, JobState.RUNNING],
        )
        .defer("content")
        .first()
    )
    if waiting is not None:
        return waiting
    job = Job.objects.create(
        kind=kind, title=(title or _KINDS[kind].title)[:200], params=params, requested_by=user
    )
    log_action(
        "core.job.started",
        user=user,
        target=job,
        organisation=organisation,
        data={"kind": kind, "title": job.title},
    )
    run_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _progress(job: Job) -> Progress:
    def report(done: int, total: int, stage: str = "") -> None:
        job.done, job.total, job.stage = done, total, stage[:100]
        Job.objects.filter(pk=job.pk).update(done=done, total=total, stage=job.stage)

    return report


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id, state=JobState.QUEUED).first()
    if job is None:  # already taken by another worker, or gone
        return
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=timezone.now())
    try:
        # inline (inside a request's transaction) a failure must not spoil the request's
        # transaction: a savepoint; in a worker each progress line commits as it is written
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with guard:
            name, content_type, content = _KINDS[job.kind].build(job, _progress(job))
    except Exception:
        logger.exception("后台任务 %s（%s）未能完成", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            error="生成时出错，已记入系统日志。请稍后重试；仍不成功的，请联系系统管理员。",
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        file_name=name[:200],
        content_type=content_type[:100],
        content=content,
        finished_at=timezone.now(),
    )


KEPT_DAYS = 30  # a finished job's file is kept this long in 我的文件


def prune(now=None) -> int:
    """Finished jobs older than KEPT_DAYS, with their files; and the queue's own records of
    finished tasks (django-tasks-db keeps them until pruned). Run by `dlm runperiodic`."""
    now = now or timezone.now()
    removed, _ = Job.objects.filter(finished_at__lt=now - dt.timedelta(days=KEPT_DAYS)).delete()
    if settings.DLM_TASKS == "database":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.finished().filter(
            finished_at__lt=now - dt.timedelta(days=KEPT_DAYS)
        ).delete()
    return removed
