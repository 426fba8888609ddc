"""Error pages in Chinese that say what to do, and error reports that mask secrets.

Django's own pages are English ("403 CSRF verification failed") and say nothing a user can act
on. Each page here names the likely cause and the next step; the 500 page gives the request's
id for the administrator (core/requestid.py) and is rendered without the database, which may
be what failed.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.debug import SafeExceptionReporterFilter

from dlm.core.requestid import current


def _page(request, template: str, status: int, **context):
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    return _page(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _page(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _page(request, "errors/404.html", 404)


def server_error(request):
    # no context processors, no user, no database: only the template and the request id
    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({"request_id": current()}), status=500)


def csrf_failure(request, reason: str = ""):
    """Usually an expired form (the page was open too long, or the user logged in again in
    another tab), or secure cookies over plain HTTP (docs/deploy.md, DLM_HTTPS)."""
    return _page(request, "errors/csrf.html", 403, secure=request.is_secure())


class MaskingFilter(SafeExceptionReporterFilter):
    """Django masks settings named like API, KEY, PASS, SECRET, TOKEN; a database address
    (DLM_DATABASE_URL, DATABASES) holds a password under another name."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|URL|DSN|EMAIL_HOST_USER",
        flags=re.IGNORECASE,
    )
