"""How views fetch objects: one place that turns "not yours" into 404 and "too few rights"
into 403.

An object of another organisation answers 404 so that its existence is not revealed; an
object the user may see but not change answers 403 on a change. Every view fetches what it
shows through an app's ``access.py``, which calls :func:`fetch_for_user` with that app's
predicates; the permission walk test (tests/test_permission_walk.py) holds every URL to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)
# What a user may see and do, computed by the organisations app (``rules.access_for``),
# which installs itself here from its AppConfig.ready(): core imports no domain app.
Access = Any
_access_for: Callable[[Any], Any] | None = None


def use_access(access_for: Callable[[Any], Any]) -> None:
    global _access_for
    _access_for = access_for


def request_access(request) -> Access:
    if _access_for is None:  # pragma: no cover - a configuration error, not a user's
        raise RuntimeError("the organisations app has not installed its access rules")
    return _access_for(request.user)


def fetch_for_user(
    request,
    queryset: QuerySet[M],
    pk,
    *,
    can_view: Callable[[Access, M], bool],
    can_change: Callable[[Access, M], bool] | None = None,
) -> M:
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access = request_access(request)
    if not can_view(access, obj):
        raise Http404
    if can_change is not None and not can_change(access, obj):
        raise PermissionDenied("您没有办理此事项的权限")
    return obj


def require(condition: bool) -> None:
    """403 unless ``condition``: for actions on an object already fetched and visible."""
    if not condition:
        raise PermissionDenied("您没有办理此事项的权限")
