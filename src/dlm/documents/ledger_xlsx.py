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
    "延期情况",  # old and new deadlines of each 申请延期 (not read back: approvals decide)
    "进展",
    "状态",
    "整改类型",
    "所属",
    "编号（勿改）",  # the item's code: an edited sheet updates the item, never a copy
]
REQUIRED = ["问题", "整改措施", "责任人"]
ALIASES = {  # the headers offices use; a header holding one of these words counts too
    "序号": ["序号", "编号", "序"],
    "问题": ["问题", "存在问题", "问题表现", "查摆问题", "整改事项", "存在的问题", "问题清单"],
    "整改措施": ["整改措施", "措施", "具体整改措施", "整改举措", "具体措施"],
    "责任人": ["责任人", "责任领导", "牵头领导", "责任人员"],
    "牵头部门": ["牵头部门", "责任部门", "牵头单位", "责任单位"],
    "完成时限": ["完成时限", "整改时限", "时限", "完成时间", "时限要求"],
    "延期情况": ["延期情况", "延期记录"],
    "进展": ["进展", "进展情况", "整改进展", "整改情况"],
    "状态": ["状态", "完成情况"],
    "整改类型": ["整改类型", "类型"],
    "所属": ["所属", "所属成员"],
    # only our own column: offices number their rows "编号" 1, 2, 3 too
    "编号（勿改）": ["编号（勿改）", "编号(勿改)", "事项编号（勿改）"],
}
MAX_ROWS = 2000


class UnreadableSheet(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class LedgerSheet:
    title: str
    rows: list[list]  # in COLUMNS order: text, and numbers and dates typed


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
    widths = [6, 40, 50, 10, 14, 14, 24, 40, 10, 10, 10, 16]
    for letter, width in zip("ABCDEFGHIJKL", widths, strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    # printed as offices file it: landscape, one page wide, the header on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse_date(value, today: dt.date | None = None) -> dt.date | None | str:
    """A date from a cell as offices write it: a real date; 2027-03-31, 2027/3/31, 2027.3.31,
    2027年3月31日; a month's end (2027年3月, 6月底, 8月底前, 1-8月); a year's end (2027年底前,
    年底前); 上半年, 下半年, 第三季度. A month or season without a year is the next one from
    ``today``. None for empty, 长期坚持 or 立行立改 without a date; the text back if unreadable.
    "2025年底前，并长期坚持" is its date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    today = today or dt.date.today()
    text = re.sub(r"\s+", "", str(value))
    if not text:
        return None
    found = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月?)", text)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        try:
            return (
                dt.date(year, month, int(found.group(3))) if found.group(3) else _end(year, month)
            )
        except ValueError:
            return str(value).strip()
    year_match = re.search(r"(\d{4})年", text)
    year = int(year_match.group(1)) if year_match else None

    def within(month: int) -> dt.date:
        chosen = year or (today.year if month >= today.month else today.year + 1)
        return _end(chosen, month)

    month = re.search(
        r"(?:\d{4}年)?(?:\d{1,2}[-至到~—])?(\d{1,2})月(?:底|末|份)?(?:前|以前|之前)?", text
    )
    if month and 1 <= int(month.group(1)) <= 12:
        return within(int(month.group(1)))
    if re.search(r"年底|年末|年内|全年", text):
        return _end(year or today.year, 12)
    half = {"上半年": 6, "下半年": 12}
    for word, last in half.items():
        if word in text:
            return within(last)
    quarter = re.search(r"第?([一二三四1-4])季度", text)
    if quarter:
        number = "一二三四".find(quarter.group(1)) + 1 or int(quarter.group(1))
        return within(number * 3)
    if re.search(r"长期|持续|立行立改|常态", text):
        return None
    return str(value).strip()


def _end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


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
    # A merged cell holds its value in the top-left cell only; spread it down the rows it
    # covers (a responsible person merged over several rows), never across: a merge across
    # a row is a title or a section row ("二、王某同志个人问题" over A:F) whose text spread
    # over the row would read as a person in 责任人 and a date in 完成时限.
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row + 1, merged.max_row + 1):
            grid[r - 1][merged.min_col - 1] = value
    header_index, columns = _find_header(grid)
    rows = []
    for offset, raw in enumerate(grid[header_index + 1 :], start=header_index + 2):
        values = {name: raw[i] if i < len(raw) else None for name, i in columns.items()}
        number = _cell_text(values.get("序号"))
        rest_empty = all(_cell_text(v) == "" for k, v in values.items() if k != "序号")
        if rest_empty and (not number or number.isdigit()):
            continue  # an empty row (a bare row number is no content)
        values["row"] = offset
        rows.append(values)
    return rows


def _find_header(grid) -> tuple[int, dict[str, int]]:
    for index, raw in enumerate(grid[:10]):
        labels = [re.sub(r"\s+", "", _cell_text(v)) for v in raw]
        columns = {}
        for name, aliases in ALIASES.items():  # the header as written first
            for position, label in enumerate(labels):
                if label in aliases and name not in columns:
                    columns[name] = position
        taken = set(columns.values())
        for name, aliases in ALIASES.items():  # then "整改事项（存在问题）", "具体整改措施"
            for position, label in enumerate(labels):
                if name in columns or position in taken:
                    continue
                if any(alias in label for alias in aliases if len(alias) >= 2):
                    columns[name] = position
                    taken.add(position)
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
    shown = COLUMNS.index("状态") + 1
    header = COLUMNS[:shown] + (["备注（内部）"] if notes is not None else [])
    table_rows = [
        row[:shown] + ([notes[index]] if notes is not None else [])
        for index, row in enumerate(rows)
    ]
    doc.table(header, table_rows)
    return doc.bytes()
