"""The official document layout (党政机关公文格式, GB/T 9704 in spirit) for python-docx.

Title in 方正小标宋 二号 centred, first-level headings in 黑体 三号, second-level in 楷体 三号,
body in 仿宋_GB2312 三号 with two-character first-line indent; A4 with the standard margins.
Fonts fall back to whatever the reader has; the layout survives. Every page carries its
number ("— 7 —", outside edge); the file's properties name the issuing unit, now and the title.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dlm.documents.safe import clean

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号


def _font(run, name: str, size) -> None:
    run.font.name = name
    run.font.size = size
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def _page_number(paragraph) -> None:
    """ "— 7 —": the page number as GB/T 9704 prints it, a PAGE field between dashes."""

    def run_with(element) -> None:
        run = paragraph.add_run()
        _font_plain(run)
        run._element.append(element)

    dash = paragraph.add_run("— ")
    _font_plain(dash)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
    _font_plain(paragraph.add_run(" —"))


def _font_plain(run) -> None:
    run.font.name = "宋体"
    run.font.size = Pt(14)  # 四号
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")


class OfficialDocument:
    def __init__(self, *, author: str = "") -> None:
        """``author``: the unit that issues the document (its properties say so)."""
        self.document = Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        # page numbers outside: odd pages on the right, even pages on the left
        self.document.settings.odd_and_even_pages_header_footer = True
        for footer, side in [
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ]:
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = side
            _page_number(paragraph)
        properties = self.document.core_properties
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        properties.author = properties.last_modified_by = clean(author)[:250] or "DLM"
        properties.created = properties.modified = now
        properties.revision = 1
        properties.title = properties.subject = properties.comments = ""
        properties.keywords = properties.category = ""

    def paragraph(self, text: str = ""):
        """A plain paragraph, its text made safe (see documents/safe.py)."""
        return self.document.add_paragraph(clean(text))

    def title(self, text: str) -> None:
        text = clean(text)
        if not self.document.core_properties.title:
            self.document.core_properties.title = text[:250]
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), "方正小标宋简体", SIZE_2)

    def heading(self, text: str, level: int = 1) -> None:
        text = clean(text)
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
        _font(paragraph.add_run(text), "黑体" if level == 1 else "楷体_GB2312", SIZE_3)

    def note(self, text: str) -> None:
        """A centred line under the title in 楷体 (which draft, when approved)."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(clean(text)), "楷体_GB2312", SIZE_3)

    def body(self, text: str) -> None:
        for line in clean(text).split("\n"):
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            paragraph.paragraph_format.line_spacing = Pt(28)
            _font(paragraph.add_run(line), "仿宋_GB2312", SIZE_3)

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        *,
        row_height_cm: float | None = None,
        widths_cm: list[float] | None = None,
        header_height_cm: float | None = None,
    ) -> None:
        """A ruled table in the document's fonts (黑体 header, 仿宋 cells, 四号; Word's
        default font looked foreign in an official document). ``row_height_cm`` leaves room
        to write by hand on a printed form."""
        grid = self.document.add_table(rows=1 + len(rows), cols=len(header))
        grid.style = "Table Grid"
        for column, text in enumerate(header):
            self._cell(grid.cell(0, column), text, "黑体")
        if header_height_cm:  # a first row that is written in, not a column heading
            grid.rows[0].height = Cm(header_height_cm)
            grid.rows[0].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for r, row in enumerate(rows, start=1):
            for column, text in enumerate(row):
                self._cell(grid.cell(r, column), text, "仿宋_GB2312")
            if row_height_cm:
                grid.rows[r].height = Cm(row_height_cm)
                grid.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if widths_cm:
            # Word reads the cells' widths, LibreOffice the table grid: set both
            grid.autofit = False
            for column, width in zip(grid.columns, widths_cm, strict=False):
                column.width = Cm(width)
            for row in grid.rows:
                for cell, width in zip(row.cells, widths_cm, strict=False):
                    cell.width = Cm(width)

    @staticmethod
    def _cell(cell, text, font: str) -> None:
        lines = clean(text).split("\n")
        paragraph = cell.paragraphs[0]
        for number, line in enumerate(lines):
            if number:
                paragraph = cell.add_paragraph()
            _font(paragraph.add_run(line), font, Pt(14))

    def signature(self, unit: str, day: dt.date | None) -> None:
        """The 落款: the issuing unit and the date, right-aligned under the text."""
        self.document.add_paragraph()
        for text in (unit, f"{day.year}年{day.month}月{day.day}日" if day else "　　年　月　日"):
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            _font(paragraph.add_run(clean(text)), "仿宋_GB2312", SIZE_3)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
