"""No lost save: every edit form carries the revision of what it showed.

A revision is a short digest of the fields a form edits, taken when the form is shown. The
domain action that saves the form locks the row, takes the digest again and refuses the save
when it differs: somebody saved those fields in between. The refusal (``Stale``) carries what
is saved now beside what was typed, so the view can show both and keep the typing; the form's
revision is moved on to the saved one, so a second click saves knowingly over it.

A digest of the edited fields, not a counter on the row, so that a step taken meanwhile on the
same meeting (its state, its milestones) does not make the schedule form stale: only a change
to what the form shows does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from dlm.core.errors import Refused

STALE_MESSAGE = (
    "您编辑期间已有人保存了修改（也可能是您在另一个窗口，或返回后重复提交）。"
    "下面列出现在保存的内容和您填写的内容，您填写的都还在；核对后再点保存，将以您填写的为准。"
)


def digest(values: Any) -> str:
    """A short stable digest of plain values (lists, dicts, dates, numbers, text)."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _resolve(instance: models.Model, name: str) -> tuple[models.Model | None, str]:
    """``"person.name"`` names a field of a related row (a seat's person's name)."""
    *path, last = name.split(".")
    for step in path:
        instance = getattr(instance, step)
        if instance is None:
            return None, last
    return instance, last


def _value(instance: models.Model, name: str) -> Any:
    instance, name = _resolve(instance, name)
    if instance is None:
        return None
    value = instance._meta.get_field(name).value_from_object(instance)
    if isinstance(value, str):
        # what the browser sends back: line ends as \n, no trailing blanks
        return value.replace("\r\n", "\n").strip()
    return value


def revision_of(instance: models.Model, fields: Iterable[str]) -> str:
    return digest({name: _value(instance, name) for name in fields})


def display(instance: models.Model, name: str) -> str:
    """A field's value as people read it: choices by label, links by name, dates in full."""
    instance, name = _resolve(instance, name)
    if instance is None:
        return "（空）"
    field = instance._meta.get_field(name)
    value = field.value_from_object(instance)
    if value in (None, ""):
        return "（空）"
    if field.is_relation:
        return str(getattr(instance, name))
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str  # what somebody else saved meanwhile
    typed: str  # what this user typed
    name: str = ""  # the field ("person.name" for a related row's); "" for a list of rows
    saved_value: Any = None  # the saved value itself, for the form to take it over


class Stale(Refused):
    """A save made on an older revision; nothing was saved."""

    def __init__(
        self, differences: Sequence[Difference], revision: str, *, revision_field: str = "revision"
    ):
        super().__init__(STALE_MESSAGE)
        self.differences = list(differences)
        self.revision = revision  # the saved one: a second save is made on it
        self.revision_field = revision_field  # the form field that carries it


def label(model: type[models.Model], name: str) -> str:
    *path, last = name.split(".")
    for step in path:
        model = model._meta.get_field(step).related_model
    return str(model._meta.get_field(last).verbose_name)


def differences(
    saved: models.Model, typed: models.Model, fields: Iterable[str]
) -> list[Difference]:
    return [
        Difference(
            label(type(saved), name), display(saved, name), shown, name, _raw_value(saved, name)
        )
        for name in fields
        if (shown := display(typed, name)) != display(saved, name)
    ]


def _raw_value(instance: models.Model, name: str) -> Any:
    instance, name = _resolve(instance, name)
    return None if instance is None else instance._meta.get_field(name).value_from_object(instance)


def ensure_fresh(typed: models.Model, fields: Sequence[str], revision: str | None) -> None:
    """Refuse the save of ``typed`` when its fields were saved by someone since ``revision``.

    Called inside the domain action's transaction: the row is locked, so two saves at once
    are taken one after the other and the second is refused.
    """
    model = type(typed)
    saved = model._default_manager.select_for_update().get(pk=typed.pk)
    current = revision_of(saved, fields)
    if revision != current:
        raise Stale(differences(saved, typed, fields), current)


def rows_revision(instances: Iterable[models.Model], fields: Sequence[str]) -> str:
    """The revision of a list edited on one page (an agenda, a notice's aspects)."""
    return digest([[obj.pk, *(_value(obj, name) for name in fields)] for obj in instances])


def ensure_rows_fresh(
    saved: Sequence[models.Model],
    fields: Sequence[str],
    revision: str | None,
    *,
    label: str,
    typed: str,
    revision_field: str = "revision",
) -> None:
    """The same check for a list of rows; the caller locks what the rows hang off.

    ``typed`` is the list as the user typed it, in one text, shown beside the saved one.
    """
    current = rows_revision(saved, fields)
    if revision != current:
        shown = "\n".join(str(obj) for obj in saved) or "（空）"
        raise Stale(
            [Difference(label, shown, typed or "（空）")], current, revision_field=revision_field
        )
