"""Machinery pages: the liveness check and one's background jobs. The home page is the
workbench app's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dlm.core.http import attachment
from dlm.core.models import Job, JobState


@require_safe
def healthz(request):
    """Liveness for the process supervisor; says nothing about any organisation."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_safe
def job_detail(request, pk):
    """A background job's page: its progress while it runs (the page refreshes itself), the
    file once it is ready. Only the person who asked for it sees it."""
    job = get_object_or_404(Job.objects.defer("content"), pk=pk, requested_by=request.user)
    return render(request, "core/job_detail.html", {"job": job})


@login_required
@require_safe
def job_download(request, pk):
    job = get_object_or_404(Job, pk=pk, requested_by=request.user, state=JobState.DONE)
    return attachment(job.file_name, job.content_type, bytes(job.content))


@login_required
@require_safe
def job_list(request):
    jobs = Job.objects.filter(requested_by=request.user).defer("content")[:30]
    return render(request, "core/job_list.html", {"jobs": jobs})
