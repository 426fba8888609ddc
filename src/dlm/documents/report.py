"""A report or briefing (报告/通报) and any material's text, as .docx in the official layout."""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from dlm.documents.docx_layout import DOCX, OfficialDocument

HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def render(title: str, addressee: str, body: str, signer: str, date: str) -> tuple[str, str, bytes]:
    doc = OfficialDocument(author=signer)
    doc.title(title)
    if addressee:
        doc.paragraph(f"{addressee}：")
    for line in body.splitlines():
        if not line.strip():
            continue
        if HEADING.match(line.strip()):
            doc.heading(line.strip())
        else:
            doc.body(line.strip())
    for text in (signer, date):
        paragraph = doc.paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return f"{title}.docx", DOCX, doc.bytes()


HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
OWN_TITLE = re.compile(r"(发言提纲|对照检查材料|检视剖析材料|对照检查)$")
HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def render_text(title: str, text: str, *, author: str = "", note: str = "") -> bytes:
    """A material's text as it was written, in the official layout: its "一、" headings in
    黑体, "（一）" in 楷体 (a short line only: a paragraph that starts so stays body text).
    ``note`` goes under the title (which draft, approved when and by whom)."""
    doc = OfficialDocument(author=author)
    doc.title(title)
    if note:
        doc.note(note)
    lines = [line for line in text.splitlines() if line.strip()]
    # the writer's own title line ("…个人对照检查发言提纲") under ours: once is enough
    if lines and (
        lines[0].strip() == title.strip()
        or (len(lines[0].strip()) <= 40 and OWN_TITLE.search(lines[0].strip()))
    ):
        lines = lines[1:]
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if HEADING_1.match(line) and len(line) <= 40:
            doc.heading(line)
        elif HEADING_2.match(line) and len(line) <= 40:
            doc.heading(line, level=2)
        else:
            doc.body(line)
    return doc.bytes()
