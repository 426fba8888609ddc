"""A short id for every request: in each log line written while it is served, in the response
header ``X-Request-ID`` and on the error page, so a user's "错误编号" finds its traceback."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# an id from a proxy in front is kept when it is a plain token
GIVEN = re.compile(r"^[A-Za-z0-9._-]{6,64}$")


def current() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if GIVEN.match(given) else uuid.uuid4().hex[:12]
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
