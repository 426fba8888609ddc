"""Machinery pages only: the liveness check. The home page is the workbench app's."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """Liveness for the process supervisor; says nothing about any organisation."""
    return HttpResponse("ok", content_type="text/plain")
