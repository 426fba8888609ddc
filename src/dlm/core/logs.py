"""Logging filters. The anonymous opinion box promises that no time finer than the day is
kept of a submission; the development server's request log writes each request to the second,
so its lines for the box are dropped (production servers: docs/operations.md)."""

from __future__ import annotations

import logging

BOX_PATH = "/opinion-box/"


class WithoutOpinionBox(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") or ""
        if not path and record.args:
            # django.server logs '"%s" %s %s' with the request line as the first argument
            path = str(record.args[0]) if isinstance(record.args, tuple) else ""
        return BOX_PATH not in path


class WithoutTraceback(logging.Filter):
    """One line for an expected refusal (a scanner asking for another host name)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        return True
