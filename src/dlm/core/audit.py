"""Stable dotted action codes and the one function that writes the audit log.

Each app declares its codes in its ``audit_actions.py`` as ``ACTIONS = {code: 中文说明}`` and
the codes are collected here when Django starts. Codes are an interface: reports and later
imports filter on them, so a code is never renamed, only added.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from dlm.core.logdisplay import register_sentences

_ACTIONS: dict[str, str] = {}


def collect_actions() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("dlm."):
            continue
        try:
            module = import_module(f"{config.name}.audit_actions")
        except ModuleNotFoundError:
            continue
        register_actions(module.ACTIONS)
        register_sentences(getattr(module, "SENTENCES", {}))


def register_actions(actions: dict[str, str]) -> None:
    for code, text in actions.items():
        if code.count(".") < 2:
            raise ValueError(f"audit action codes are app.object.verb: {code!r}")
        if _ACTIONS.get(code, text) != text:
            raise ValueError(f"audit action {code!r} declared twice with different text")
        _ACTIONS[code] = text


def known_actions() -> dict[str, str]:
    return dict(_ACTIONS)


def describe(code: str) -> str:
    return _ACTIONS.get(code, code)


def _plain(value: Any) -> Any:
    """Turn model values into JSON the log can keep and show."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def changes(
    before: dict[str, Any], after: dict[str, Any], model: type[models.Model] | None = None
) -> dict[str, list[Any]]:
    """The fields that differ, as ``{字段名: [before, after]}``.

    Keys are the fields' Chinese names when ``model`` is given: the history is read by
    people; the action code, not these keys, is what programs filter on. Only keys in both
    snapshots are compared: a caller that snapshots part of an object logs that part.
    """

    def label(key: str) -> str:
        if model is None:
            return key
        try:
            return str(model._meta.get_field(key).verbose_name)
        except Exception:  # noqa: BLE001 - a non-field key keeps its own name
            return key

    return {
        label(key): [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) & set(after))
        if before.get(key) != after.get(key)
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """Field values of ``obj`` as the history shows them: related objects by name."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            values[name] = str(getattr(obj, name)) if related_id is not None else None
        else:
            values[name] = getattr(obj, name)
    return values


def log_action(
    action: str,
    *,
    user,
    target: models.Model | None = None,
    organisation=None,
    data: dict[str, Any] | None = None,
):
    """Append one entry. Call it inside the transaction of the change it records."""
    from dlm.core.models import AuditEntry

    if action not in _ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: declare it in an audit_actions.py")
    actor = user if getattr(user, "is_authenticated", False) else None
    entry = AuditEntry(
        action=action,
        actor=actor,
        actor_name=_actor_name(actor),
        organisation=organisation,
        data=_plain(data or {}),
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:300]
    entry.save()
    return entry


def _actor_name(user) -> str:
    if user is None:
        return "系统"
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


def log_changes(
    action: str,
    *,
    user,
    target: models.Model,
    organisation,
    before: dict[str, Any],
    after: dict[str, Any],
    extra: dict[str, Any] | None = None,
):
    """Log what changed between two snapshots of ``target``; nothing when nothing did."""
    diff = changes(before, after, type(target))
    if not diff:
        return None
    return log_action(
        action,
        user=user,
        target=target,
        organisation=organisation,
        data={"changes": diff, **(extra or {})},
    )
