"""One call that reads a text and returns everything the product knows about it."""

from __future__ import annotations

from dlm.textcheck import checks
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.kinds import classify, title_of
from dlm.textcheck.material import read_material
from dlm.textcheck.minutes import read_minutes
from dlm.textcheck.outline import build_outline
from dlm.textcheck.placeholders import find_placeholders
from dlm.textcheck.rules import RuleSet
from dlm.textcheck.text import cjk_count, html_view

MIN_CJK = 10


def analyse(
    text: str,
    *,
    aspects: list[str] | None = None,
    rules: RuleSet | None = None,
    kind: str | None = None,
    headings=(),
) -> dict:
    """Analyse ``text``; offsets in the result are character offsets into ``text``.
    ``headings``: (level, text) of unnumbered heading-style lines of a .docx, in order."""
    if not text.strip():
        raise UnreadableDocument("文件没有文字内容")
    if cjk_count(text) < MIN_CJK:
        raise UnreadableDocument("文件中几乎没有中文内容，无法分析")
    rules = rules or RuleSet.from_dict()
    # HTML left in the text is read as plain text of the same length: offsets stay the user's
    text = html_view(text)
    aspects = [a.strip() for a in aspects or [] if a.strip()] or None
    roots = build_outline(text, headings)
    kind = kind or classify(text, roots)
    placeholders = find_placeholders(text)
    result: dict = {
        "kind": kind,
        "chars": len(text),
        "outline": [node.as_dict() for node in roots],
        "placeholders": placeholders,
        "findings": [],
    }
    findings = list(checks.check_placeholders(placeholders, rules))
    if kind == "material":
        material = read_material(text, roots, title_of(text), aspects)
        result["material"] = material
        findings.extend(checks.check_material(text, material, aspects, rules))
    elif kind == "minutes":
        minutes = read_minutes(text)
        result["minutes"] = minutes
        findings.extend(checks.check_minutes(text, minutes, rules))
    result["findings"] = [f for f in findings if rules.enabled(f["rule"])]
    return result
