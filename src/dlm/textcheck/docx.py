""".docx read from its XML directly: fast, bounded, and with Word's automatic numbering.

python-docx looks up the style of every paragraph through the whole styles part, which made a
58 KB outline take over a minute; here the package is opened once, each part is inflated with a
byte budget (declared sizes are not trusted: a zip bomb is stopped as soon as it passes the
budget), parsed by lxml without entities or network, and the body walked once.

What people see is what Word shows: list numbering (numbering.xml — abstract numbering, level
text such as "%1、" or "（%2）", formats such as chineseCounting, decimal, ideograph, restarts
and overrides) is rendered into the text, so a list-numbered outline reads exactly like a
typed one; soft line breaks become line breaks; tables are read row by row, cells joined by a
tab, a merged cell once. A heading-styled paragraph without a number is listed apart with its
level (``read_with_headings``), so the outline sees it and nobody sees a "#".
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dlm.textcheck.errors import UnreadableDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PART_BUDGET = 64 * 1024 * 1024  # bytes one part may inflate to
TOTAL_BUDGET = 128 * 1024 * 1024  # all parts together
RATIO_BUDGET = 200  # inflated / compressed, per part (text compresses ~5-20 times)
TIME_BUDGET = 5.0  # seconds for inflating and parsing
CHUNK = 1024 * 1024
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
BOMB = "Word 文件解压后异常巨大，疑似压缩炸弹，已拒绝读取"


class Budget:
    def __init__(self) -> None:
        self.left = TOTAL_BUDGET
        self.deadline = time.monotonic() + TIME_BUDGET

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise UnreadableDocument("Word 文件过于复杂，读取超时，已拒绝读取")


def _inflate(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    limit = min(PART_BUDGET, budget.left, max(info.compress_size, 1) * RATIO_BUDGET + CHUNK)
    chunks, size = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise UnreadableDocument(BOMB)
            chunks.append(chunk)
            budget.check_time()
    budget.left -= size
    return b"".join(chunks)


def _parse(data: bytes | None):
    if data is None:
        return None
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:
        raise UnreadableDocument("Word 文件内容无法解析，可能已损坏") from None


def read(path: Path) -> str:
    return read_with_headings(path)[0]


def read_with_headings(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """The text, and the (level, text) of each paragraph in a heading style without a number
    of its own, in order: levels for the outline, kept out of what people see."""
    budget = Budget()
    try:
        with zipfile.ZipFile(path) as archive:
            if any(info.flag_bits & 0x1 for info in archive.infolist()):
                raise UnreadableDocument("Word 文件已加密，请取消密码保护后再上传")
            body = _parse(_inflate(archive, "word/document.xml", budget))
            if body is None:
                raise UnreadableDocument("Word 文件已损坏或不是 .docx 格式，无法读取")
            styles = Styles(_parse(_inflate(archive, "word/styles.xml", budget)))
            numbering = Numbering(_parse(_inflate(archive, "word/numbering.xml", budget)))
    except zipfile.BadZipFile:
        raise UnreadableDocument("Word 文件已损坏或不是 .docx 格式，无法读取") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise UnreadableDocument("Word 文件已损坏或不是 .docx 格式，无法读取") from None
    reader = Reader(styles, numbering, budget)
    return reader.text(body), reader.headings


# -- styles -----------------------------------------------------------------------------
@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class Styles:
    def __init__(self, root) -> None:
        self.styles: dict[str, Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for element in root.iter(f"{W}style"):
            if element.get(f"{W}type") != "paragraph":
                continue
            style_id = element.get(f"{W}styleId") or ""
            style = Style()
            name = element.find(f"{W}name")
            style.name = (name.get(f"{W}val") or "") if name is not None else ""
            based = element.find(f"{W}basedOn")
            style.based_on = based.get(f"{W}val") if based is not None else None
            ppr = element.find(f"{W}pPr")
            if ppr is not None:
                style.num_id, style.ilvl = _num_pr(ppr)
                level = ppr.find(f"{W}outlineLvl")
                if level is not None and (level.get(f"{W}val") or "").isdigit():
                    style.outline = int(level.get(f"{W}val"))
            self.styles[style_id] = style
            if element.get(f"{W}default") in ("1", "true"):
                self.default = style_id

    def resolve(self, style_id: str | None) -> Style:
        """The style with what it inherits (name of its own; numbering and level inherited)."""
        style_id = style_id or self.default
        own = self.styles.get(style_id or "")
        if own is None:
            return Style()
        result = Style(own.name)
        seen = set()
        current: Style | None = own
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if result.num_id is None and current.num_id is not None:
                result.num_id, result.ilvl = current.num_id, current.ilvl
            if result.outline is None and current.outline is not None:
                result.outline = current.outline
            current = self.styles.get(current.based_on or "")
        return result

    def heading_level(self, style: Style) -> int | None:
        name = style.name.lower().replace(" ", "")
        for prefix in ("heading", "标题"):
            if name.startswith(prefix) and name[len(prefix) :].isdigit():
                return int(name[len(prefix) :])
        if name in ("title", "subtitle"):
            return None  # the document's title stands above the outline: no "#" for it
        if style.outline is not None and style.outline < 9:
            return style.outline + 1
        return None


def _num_pr(ppr) -> tuple[str | None, int | None]:
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    level = ilvl.get(f"{W}val") if ilvl is not None else None
    return (
        num_id.get(f"{W}val") if num_id is not None else None,
        int(level) if level is not None and level.isdigit() else None,
    )


# -- numbering --------------------------------------------------------------------------
@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (1-based) level; None: after any higher
    legal: bool = False  # isLgl: every number decimal


@dataclass
class Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> start
    levels: dict[int, Level] = field(default_factory=dict)  # level overrides in full


class Numbering:
    def __init__(self, root) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.used_overrides: set[str] = set()
        if root is None:
            return
        for element in root.iter(f"{W}abstractNum"):
            self.abstracts[element.get(f"{W}abstractNumId") or ""] = {
                int(lvl.get(f"{W}ilvl") or 0): _level(lvl) for lvl in element.iter(f"{W}lvl")
            }
        for element in root.iter(f"{W}num"):
            abstract = element.find(f"{W}abstractNumId")
            instance = Instance(abstract.get(f"{W}val") if abstract is not None else "")
            for override in element.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl") or 0)
                start = override.find(f"{W}startOverride")
                if start is not None and (start.get(f"{W}val") or "").isdigit():
                    instance.overrides[ilvl] = int(start.get(f"{W}val"))
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self.instances[element.get(f"{W}numId") or ""] = instance

    def level(self, num_id: str, ilvl: int) -> Level | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        return self.abstracts.get(instance.abstract, {}).get(ilvl)

    def label(self, num_id: str | None, ilvl: int | None) -> str:
        """The next label of list ``num_id`` at level ``ilvl``, counting it."""
        if not num_id or num_id == "0":
            return ""
        ilvl = ilvl or 0
        level = self.level(num_id, ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        instance = self.instances[num_id]
        if counters[ilvl] is None:
            start = instance.overrides.get(ilvl, level.start)
            counters[ilvl] = start
        else:
            counters[ilvl] = (counters[ilvl] or 0) + 1
        for deeper in range(ilvl + 1, 9):  # a higher level restarts the levels below
            below = self.level(num_id, deeper)
            if below is None or below.restart is None or below.restart > ilvl:
                counters[deeper] = None
        text = level.text
        for n in range(9, 0, -1):
            if f"%{n}" not in text:
                continue
            at = self.level(num_id, n - 1)
            value = counters[n - 1]
            if value is None:
                value = at.start if at is not None else 1
            fmt = "decimal" if level.legal or at is None else at.fmt
            text = text.replace(f"%{n}", format_number(value, fmt))
        return text


def _level(lvl) -> Level:
    def val(tag: str) -> str | None:
        found = lvl.find(f"{W}{tag}")
        return found.get(f"{W}val") if found is not None else None

    start = val("start")
    restart = val("lvlRestart")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=lvl.find(f"{W}isLgl") is not None,
    )


CHINESE = "零一二三四五六七八九"
HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (how Word counts in Chinese)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CHINESE[n]
    if n < 20:
        return "十" + (CHINESE[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE[n // 10] + "十" + (CHINESE[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + CHINESE[rest] if rest < 10 else chinese_counting(rest))
        if 10 <= rest < 20:
            tail = "一" + chinese_counting(rest)
        return CHINESE[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
        "chineseLegalSimplified",
    ):
        return chinese_counting(n)
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return HEAVENLY[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= 12:
        return EARTHLY[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    return str(n)


# -- the body -----------------------------------------------------------------------------
class Reader:
    def __init__(self, styles: Styles, numbering: Numbering, budget: Budget) -> None:
        self.styles, self.numbering, self.budget = styles, numbering, budget
        self.headings: list[tuple[int, str]] = []

    def text(self, root) -> str:
        body = root.find(f"{W}body")
        lines: list[str] = []
        if body is not None:
            self._block(body, lines)
        return "\n".join(lines)

    def _block(self, container, lines: list[str]) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                lines.extend(self.paragraph(child).split("\n"))
            elif tag == f"{W}tbl":
                self.table(child, lines)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._block(content, lines)
            if len(lines) % 2000 == 0:
                self.budget.check_time()

    def paragraph(self, p) -> str:
        ppr = p.find(f"{W}pPr")
        style_id, num_id, ilvl = None, None, None
        if ppr is not None:
            style = ppr.find(f"{W}pStyle")
            style_id = style.get(f"{W}val") if style is not None else None
            num_id, ilvl = _num_pr(ppr)
        style = self.styles.resolve(style_id)
        if num_id is None:
            num_id, ilvl = style.num_id, style.ilvl if ilvl is None else ilvl
        elif ilvl is None:
            ilvl = style.ilvl
        body = _runs_text(p)
        label = self.numbering.label(num_id, ilvl)
        if label:
            return label + body
        level = self.styles.heading_level(style)
        if level is not None and body.strip():
            from dlm.textcheck.outline import starts_with_label

            if not starts_with_label(body):
                self.headings.append((min(level, 6), body.strip()))
        return body

    def table(self, tbl, lines: list[str]) -> None:
        rows = tbl.findall(f"{W}tr")
        if all(len(row.findall(f"{W}tc")) == 1 for row in rows):
            # a table that only frames the text (one column): its paragraphs are the text
            for row in rows:
                self._block(row.find(f"{W}tc"), lines)
            return
        for row in rows:
            cells = []
            for cell in row.findall(f"{W}tc"):
                props = cell.find(f"{W}tcPr")
                merge = props.find(f"{W}vMerge") if props is not None else None
                if merge is not None and merge.get(f"{W}val") in (None, "continue"):
                    continue  # the rest of a vertically merged cell: read once, above
                inner: list[str] = []
                self._block(cell, inner)
                cells.append(" ".join(line for line in inner if line.strip()))
            lines.append("\t".join(cells))


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# deleted text, field codes, and the fallback copy Word keeps of text boxes
SKIPPED = {f"{W}delText", f"{W}instrText", f"{W}del", f"{W}moveFrom", f"{MC}Fallback"}


def _runs_text(p) -> str:
    """The paragraph's visible text: runs in order, soft breaks as line breaks, tabs kept,
    deleted text and field codes left out."""
    out: list[str] = []
    for element in p.iter():
        tag = element.tag
        if tag == f"{W}t":
            if _inside_skipped(element, p):
                continue
            out.append(element.text or "")
        elif tag == f"{W}tab" and element.getparent().tag == f"{W}r":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if element.get(f"{W}type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


def _inside_skipped(element, p) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not p:
        if parent.tag in SKIPPED:
            return True
        parent = parent.getparent()
    return False
