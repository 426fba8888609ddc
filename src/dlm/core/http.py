"""Responses that every app builds the same way."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(filename: str, content_type: str, content: bytes) -> HttpResponse:
    """A download named ``filename`` (Chinese names survive: RFC 6266 ``filename*``)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
