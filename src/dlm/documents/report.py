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


def render_text(title: str, text: str, *, author: str = "") -> bytes:
    """A material's text as it was written, for the package sent upward."""
    doc = OfficialDocument(author=author)
    doc.title(title)
    lines = text.splitlines()
    if lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    for line in lines:
        if line.strip():
            doc.body(line.strip())
    return doc.bytes()
