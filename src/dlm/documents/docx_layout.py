"""The official document layout (党政机关公文格式, GB/T 9704 in spirit) for python-docx.

Title in 方正小标宋 二号 centred, first-level headings in 黑体 三号, second-level in 楷体 三号,
body in 仿宋_GB2312 三号 with two-character first-line indent; A4 with the standard margins.
Fonts fall back to whatever the reader has; the layout survives.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号


def _font(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


class OfficialDocument:
    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def title(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), "方正小标宋简体", SIZE_2)

    def heading(self, text: str, level: int = 1) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _font(paragraph.add_run(text), "黑体" if level == 1 else "楷体_GB2312", SIZE_3)

    def body(self, text: str) -> None:
        for line in text.split("\n"):
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            paragraph.paragraph_format.line_spacing = Pt(28)
            _font(paragraph.add_run(line), "仿宋_GB2312", SIZE_3)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        grid = self.document.add_table(rows=1 + len(rows), cols=len(header))
        grid.style = "Table Grid"
        for column, text in enumerate(header):
            grid.cell(0, column).text = text
        for r, row in enumerate(rows, start=1):
            for column, text in enumerate(row):
                grid.cell(r, column).text = text

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
