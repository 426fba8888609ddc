"""The 整改清单 as .xlsx in the columns offices use, and reading one back.

Writing takes plain rows; reading returns plain rows and row-level errors, so the web layer
decides what to save. Reading tolerates what offices' spreadsheets contain: a title row above
the header, columns in any order, merged cells (a responsible person merged over several
rows), dates typed as text, empty rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from dlm.documents.docx_layout import OfficialDocument
from dlm.documents.safe import append_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [
    "序号",
    "问题",
    "整改措施",
    "责任人",
    "牵头部门",
    "完成时限",
    "进展",
    "状态",
    "整改类型",
    "所属",
    "编号（勿改）",  # the item's code: an edited sheet updates the item, never a copy
]
REQUIRED = ["问题", "整改措施", "责任人"]
ALIASES = {
    "问题": ["问题", "存在问题", "问题表现", "查摆问题"],
    "整改措施": ["整改措施", "措施"],
    "责任人": ["责任人", "责任领导"],
    "牵头部门": ["牵头部门", "责任部门", "牵头单位"],
    "完成时限": ["完成时限", "整改时限", "时限"],
    "进展": ["进展", "进展情况", "整改进展"],
    "状态": ["状态", "完成情况"],
    "整改类型": ["整改类型", "类型"],
    "所属": ["所属", "所属成员"],
    "编号（勿改）": ["编号（勿改）", "编号(勿改)", "编号", "事项编号"],
}
MAX_ROWS = 2000


class UnreadableSheet(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class LedgerSheet:
    title: str
    rows: list[list[str]]  # in COLUMNS order


def write(sheet: LedgerSheet) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "整改清单"
    append_row(ws, [sheet.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    append_row(ws, COLUMNS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        append_row(ws, row)
    widths = [6, 40, 50, 10, 14, 12, 40, 10, 10, 10, 16]
    for letter, width in zip("ABCDEFGHIJK", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse_date(value) -> dt.date | None | str:
    """A date from a cell: a real date, or text such as 2027-03-31, 2027/3/31, 2027.3.31,
    2027年3月31日, 2027年3月 (end of month). None for empty or 长期; the text back if
    unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or "长期" in text or "持续" in text:
        return None
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月?)", text)
    if not found:
        return text
    year, month = int(found.group(1)), int(found.group(2))
    try:
        if found.group(3):
            return dt.date(year, month, int(found.group(3)))
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except ValueError:
        return text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read(content: bytes) -> list[dict]:
    """Rows as dicts keyed by the canonical column names, each with its sheet row number."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=False, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableSheet(
            "文件不是有效的 .xlsx 表格（请在 Excel/WPS 中另存为 .xlsx）"
        ) from None
    ws = book.worksheets[0]
    if ws.max_row > MAX_ROWS + 10:
        raise UnreadableSheet(f"表格超过 {MAX_ROWS} 行，请分批导入")
    grid = [[cell for cell in row] for row in ws.iter_rows(values_only=True)]
    # A merged cell holds its value in the top-left cell only; spread it over the range.
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[r - 1][c - 1] = value
    header_index, columns = _find_header(grid)
    rows = []
    for offset, raw in enumerate(grid[header_index + 1 :], start=header_index + 2):
        values = {name: raw[i] if i < len(raw) else None for name, i in columns.items()}
        if all(_cell_text(v) == "" for k, v in values.items() if k != "序号"):
            continue  # an empty row
        values["row"] = offset
        rows.append(values)
    return rows


def _find_header(grid) -> tuple[int, dict[str, int]]:
    for index, raw in enumerate(grid[:10]):
        labels = [re.sub(r"\s+", "", _cell_text(v)) for v in raw]
        columns = {}
        for name, aliases in ALIASES.items():
            for position, label in enumerate(labels):
                if label in aliases and name not in columns:
                    columns[name] = position
        if all(name in columns for name in REQUIRED):
            return index, columns
    missing = "、".join(REQUIRED)
    raise UnreadableSheet(f"没有找到表头：表格须有“{missing}”三列（列名可在前十行中的任一行）")


def cell_text(value) -> str:
    return _cell_text(value)


def write_docx(title: str, rows: list[list[str]], *, notes: list[str] | None) -> bytes:
    """The 整改清单 as a Word table. ``notes`` (internal notes and evidence, one per row) are
    left out of the version for public disclosure."""
    doc = OfficialDocument()
    section = doc.document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.title(title)
    header = COLUMNS[:8] + (["备注（内部）"] if notes is not None else [])
    table_rows = [
        row[:8] + ([notes[index]] if notes is not None else []) for index, row in enumerate(rows)
    ]
    doc.table(header, table_rows)
    return doc.bytes()
