"""Background work (issue 21): the combined report built by a worker with its progress
shown, inline when no worker is configured, failures said in Chinese, one's own only."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from dlm.core import jobs
from dlm.core.models import Job, JobState
from tests.conftest import client_for, combined_report

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ask(client, world):
    return client.post(reverse("supervision:combined_report_docx", args=[world.campaign.pk]))


def test_only_a_supervisor_of_the_campaign_may_ask_for_the_combined_report(world, as_persona):
    for persona in ("office", "principal", "member"):
        assert ask(as_persona(persona), world).status_code == 403, persona
    assert ask(as_persona("sibling"), world).status_code == 404
    assert not Job.objects.exists()
    assert ask(as_persona("supervisor"), world).status_code == 302


def test_without_a_worker_the_report_is_ready_when_the_page_opens(world, as_persona):
    client = as_persona("supervisor")
    page = client.get(ask(client, world)["Location"])
    text = page.content.decode()
    assert "已完成" in text and 'http-equiv="refresh"' not in text
    job = Job.objects.get()
    assert (job.state, job.done, job.total) == (JobState.DONE, 5, 5)
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert "filename*=utf-8''" in download["Content-Disposition"]
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "一、总体情况" in body
    listed = client.get(reverse("core:job_list")).content.decode()
    assert job.title in listed and reverse("core:job_download", args=[job.pk]) in listed


@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_the_report_while_the_page_shows_its_progress(settings, monkeypatch):
    from tests.conftest import build_world

    settings.TASKS = DATABASE_QUEUE
    settings.DLM_TASKS = "database"
    world = build_world()
    client = client_for(world.users["supervisor"])
    page = client.get(ask(client, world)["Location"])
    text = page.content.decode()
    assert "排队中" in text and 'http-equiv="refresh"' in text  # nothing ran in the request
    job = Job.objects.get()
    assert job.state == JobState.QUEUED

    seen = []
    from dlm.supervision import combined

    real = combined.build

    def watched(job, progress):
        def report(done, total, stage=""):
            progress(done, total, stage)
            # what the person watching sees at this moment, from the committed row
            seen.append(client.get(reverse("core:job_detail", args=[job.pk])).content.decode())

        return real(job, report)

    monkeypatch.setitem(jobs._KINDS, "combined_report", jobs.JobKind("综合报告", watched))
    call_command("worker", batch=True, verbosity=0)

    assert any("统计查摆问题" in page and "<progress" in page for page in seen)
    assert any("（2/5）" in page for page in seen)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.started_at and job.finished_at
    assert docx.Document(io.BytesIO(bytes(job.content))).paragraphs


def test_a_job_that_fails_says_so_and_the_request_survives(world, monkeypatch):
    def broken(job, progress):
        progress(1, 2, "第一步")
        Job.objects.create(kind="x", title="x", requested_by=None)  # an integrity error
        raise AssertionError("unreachable")

    monkeypatch.setitem(jobs._KINDS, "broken", jobs.JobKind("坏任务", broken))
    job = jobs.start("broken", user=world.users["supervisor"], params={})
    assert job.state == JobState.FAILED
    assert "生成时出错" in job.error
    assert Job.objects.count() == 1  # the request's own work goes on


def test_the_worker_command_explains_itself_when_work_runs_inline(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="DLM_TASKS=database"):
        call_command("worker", batch=True)


def test_another_persons_job_is_not_found(world, as_persona):
    client = as_persona("supervisor")
    ask(client, world)
    job = Job.objects.get()
    other = client_for(world.users["city_supervisor"])
    assert other.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("core:job_download", args=[job.pk])).status_code == 404
    assert job.title not in other.get(reverse("core:job_list")).content.decode()


def test_a_saved_draft_is_assessed_in_the_background_once_saved(
    world, django_capture_on_commit_callbacks
):
    from dlm.preparation import domain
    from dlm.preparation.models import Material

    material = world.material
    with django_capture_on_commit_callbacks(execute=True):
        domain.add_version(material, material.versions.get().text + "\n补充一段。", user=None)
    material = Material.objects.get(pk=material.pk)
    assert material.assessed_number == 2


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_assessment_and_mail_wait_in_the_queue(settings):
    from django.core import mail
    from django_tasks_db.models import DBTaskResult

    from dlm.preparation.models import Material
    from dlm.reminders.periodic import collect
    from tests.conftest import build_world

    settings.TASKS = DATABASE_QUEUE
    settings.DLM_TASKS = "database"
    settings.DLM_MAIL_ENABLED = True
    world = build_world()
    office = world.users["office"]
    office.email = "office@example.org"
    office.save()
    assert Material.objects.filter(assessed_number__isnull=True).exists()
    outcome = collect(world.meeting.timeline()[0].due + dt.timedelta(days=1))
    assert outcome.mailed >= 1 and mail.outbox == []  # queued, not sent in the job
    assert DBTaskResult.objects.filter(status="READY").count() >= 2

    call_command("worker", batch=True, verbosity=0)

    assert [m.to for m in mail.outbox] == [["office@example.org"]]
    assert not Material.objects.filter(assessed_number__isnull=True).exists()
    call_command("worker", batch=True, verbosity=0)  # a second run sends nothing twice
    assert len(mail.outbox) == 1
    # the queue's records of finished tasks go with the periodic job's pruning
    from django.utils import timezone

    month_later = timezone.now() + dt.timedelta(days=31)
    assert DBTaskResult.objects.exists()
    jobs.prune(now=month_later)
    assert not DBTaskResult.objects.exists()


def test_asking_again_while_it_is_made_is_the_same_job_and_the_address_leads_to_the_button(
    world, as_persona, settings
):
    """Walk findings: Back and resubmit made a second identical file, listed to the minute;
    the report's address opened directly answered a bare 405."""
    settings.TASKS = DATABASE_QUEUE  # nothing runs: the first job is still waiting
    client = as_persona("supervisor")
    first, second = ask(client, world), ask(client, world)
    assert first["Location"] == second["Location"] and Job.objects.count() == 1
    opened = client.get(reverse("supervision:combined_report_docx", args=[world.campaign.pk]))
    page = opened.content.decode()
    assert opened.status_code == 200 and "生成综合报告（Word）" in page and "我的文件" in page
    assert Job.objects.count() == 1  # opening the page asks for nothing


def test_the_report_names_the_teams_late_now_with_their_deadlines(world, as_persona):
    """Walk finding: the report counted plans sent but never said who is late."""
    from dlm.campaigns.models import Meeting, local_today

    client = as_persona("supervisor")
    body = "\n".join(
        p.text
        for p in docx.Document(io.BytesIO(combined_report(client, world.campaign))).paragraphs
    )
    assert "目前没有逾期未办的班子" in body
    # the street meets in five days and has not sent its plan (due ten days before)
    Meeting.objects.filter(pk=world.meeting.pk).update(date=local_today() + dt.timedelta(days=5))
    due = local_today() - dt.timedelta(days=5)
    body = "\n".join(
        p.text
        for p in docx.Document(io.BytesIO(combined_report(client, world.campaign))).paragraphs
    )
    assert (
        f"现有1个班子逾期未办：{world.meeting.team.display_name}"
        f"（报送方案（会前10日），截止{due.month}月{due.day}日）" in body
    ), body


def test_opening_a_material_reads_it_but_leaves_the_assessment_to_the_queue(world, as_persona):
    """Heavy work is out of page views: the page shows the copy check it computes, and the
    stored assessment (for the overview) comes from the task queued when the draft was saved."""
    from dlm.preparation.models import Material

    material = world.material
    Material.objects.filter(pk=material.pk).update(assessed_number=None)
    page = as_persona("office").get(reverse("preparation:material_detail", args=[material.pk]))
    assert page.status_code == 200
    assert Material.objects.get(pk=material.pk).assessed_number is None


def test_files_are_kept_thirty_days_then_pruned_by_the_periodic_job(world, as_persona):
    from django.utils import timezone

    from dlm.reminders.periodic import collect

    client = as_persona("supervisor")
    ask(client, world)
    old = Job.objects.get()
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=31))
    ask(client, world)  # a fresh one stays
    assert collect(dt.date.today()).pruned == 1
    assert list(Job.objects.values_list("state", flat=True)) == [JobState.DONE]


def test_a_job_queued_for_long_says_the_worker_may_be_down(world, as_persona, settings):
    """Admin walk: with no worker running, the page said 排队中 for ever."""
    from django.utils import timezone

    settings.TASKS = DATABASE_QUEUE
    client = as_persona("supervisor")
    page = client.get(ask(client, world)["Location"]).content.decode()
    assert "job-stalled" not in page
    Job.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    page = client.get(reverse("core:job_detail", args=[Job.objects.get().pk])).content.decode()
    assert "dlm worker" in page and "不必重新请求" in page


def test_reindex_in_the_background_says_where_it_ran(world, settings):
    from io import StringIO

    out = StringIO()
    call_command("reindex", background=True, stdout=out)
    assert "当场执行" in out.getvalue()  # inline: no worker
    settings.TASKS = DATABASE_QUEUE
    out = StringIO()
    call_command("reindex", background=True, stdout=out)
    assert "交给后台 worker" in out.getvalue()
