"""One guard for everything the product writes into .docx and .xlsx: what users typed is
written as text, never as something the file would act on.

- Control characters (\\x00–\\x1f but tab and newline, \\x7f, U+FFFE/FFFF) are not allowed in
  the files' XML: python-docx and openpyxl refuse them with an error, which answered 500 to a
  download. They are removed.
- A spreadsheet cell starting with = + - @ (or a tab or carriage return) would be read as a
  formula ("=cmd|' /C calc'!A0", "=HYPERLINK(…)"). Such cells are stored as text.
- Numbers and dates stay typed (they are not strings); every column gets a header.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text) -> str:
    """A string safe in a .docx or .xlsx: control characters removed."""
    return CONTROL.sub("", str(text))


def cell_value(value):
    """A cell's value: strings cleaned; numbers, dates and None as they are."""
    return clean(value) if isinstance(value, str) else value


def append_row(ws, values) -> None:
    """Append ``values`` to an openpyxl worksheet, every string written as text."""
    ws.append([cell_value(value) for value in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"  # text, not a formula
