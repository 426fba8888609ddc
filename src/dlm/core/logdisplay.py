"""One place that turns an audit entry into a sentence people read (pretix's log display).

Each app declares, beside its codes in ``audit_actions.py``, ``SENTENCES = {code: template}``:
a ``str.format`` template over the entry's data, where

- ``{target}`` is the object as it was named when logged,
- ``{key}`` is a value of the entry's data (lists joined with 、, dates as 2027-01-20),
- ``{key_}`` is "：value" when the value is there and nothing otherwise (for optional reasons),
- ``{key__}`` is "（value）" when the value is there and nothing otherwise,
- ``{changes}`` lists what changed, "（字段：旧 → 新；…）", with Chinese field names.

A declared code without a sentence fails ``tests/test_audit.py``. The actor is not in the
sentence: the history shows who acted beside it, and "已办" lists one's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

_SENTENCES: dict[str, str] = {}


def register_sentences(sentences: dict[str, str]) -> None:
    _SENTENCES.update(sentences)


def known_sentences() -> dict[str, str]:
    return dict(_SENTENCES)


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        return "；".join(f"{k}：{_text(v)}" for k, v in value.items())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _changes(changes: dict) -> str:
    parts = [
        f"{name}：{_text(pair[0]) or '（空）'} → {_text(pair[1]) or '（空）'}"
        for name, pair in (changes or {}).items()
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
    return f"（{'；'.join(parts)}）" if parts else ""


class _Values(dict):
    def __init__(self, entry):
        data = entry.data if isinstance(entry.data, dict) else {}
        super().__init__({key: _text(value) for key, value in data.items()})
        self["target"] = entry.target_repr
        self["changes"] = _changes(data.get("changes"))

    def __missing__(self, key: str) -> str:
        if key.endswith("__"):
            value = self.get(key[:-2], "")
            return f"（{value}）" if value else ""
        if key.endswith("_"):
            value = self.get(key[:-1], "")
            return f"：{value}" if value else ""
        return ""


def sentence(entry) -> str:
    """The entry as a sentence; an undeclared code falls back to its description."""
    template = _SENTENCES.get(entry.action)
    if template is None:
        from dlm.core.audit import describe

        return describe(entry.action)
    try:
        return template.format_map(_Values(entry))
    except (ValueError, IndexError):  # a stray brace in a template: show it plainly
        return template
