"""Small text helpers shared by the readers: lines with offsets, numerals, names."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL = "零〇一二两三四五六七八九十百"


@dataclass(frozen=True)
class Line:
    text: str
    start: int
    end: int  # exclusive, before the newline
    number: int  # 1-based

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(raw, start, start + len(raw), number))
        start += len(raw) + 1
    return lines


def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 12 → 12; None when it is not a numeral."""
    numeral = numeral.strip()
    if len(numeral) == 1 and "①" <= numeral <= "⑳":
        return ord(numeral) - ord("①") + 1
    if numeral.isdecimal():
        return int(numeral)
    if not numeral or any(ch not in CN_NUMERAL for ch in numeral):
        return None
    if "百" in numeral:
        head, _, rest = numeral.partition("百")
        hundreds = CN_DIGITS.get(head, 1) if head else 1
        return hundreds * 100 + (cn_to_int(rest.lstrip("零〇")) or 0 if rest else 0)
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        tens = CN_DIGITS.get(head, 0) if head else 1
        return tens * 10 + (CN_DIGITS.get(tail, 0) if tail else 0)
    if len(numeral) == 1:
        return CN_DIGITS.get(numeral)
    return None


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Speaker names as users compare them: NFKC (全角Ａ → A), no white space, no 同志."""
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    return name.removesuffix("同志") or name


def strip_markup(line: str) -> str:
    """A line without markdown emphasis, quote and list markers, for label detection."""
    line = line.strip()
    line = re.sub(r"^>\s*", "", line)
    # emphasis only where it encloses text: "**街道" and "第**督导组" are masks, kept
    line = BOLD.sub(r"\1", line)
    return line.strip()


BOLD = re.compile(r"(?:\*\*|__)(?=\S)([^*_\n]{1,80}?)(?<=\S)(?:\*\*|__)")


HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    return len(HAS_CJK.findall(text))


HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,500}?/?>")
HTML_BLOCK = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
HTML_ENTITY = re.compile(r"&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
LOOKS_HTML = re.compile(r"</?(p|br|div|span|font|li|td|tr|h\d)\b[^<>]*>", re.IGNORECASE)


def html_view(text: str) -> str:
    """HTML left in a text, made plain at the same length so every offset still points at
    the user's text: a block tag becomes a line break padded with spaces, any other tag
    spaces, an entity its character padded with spaces. Text without HTML comes back as is."""
    if not LOOKS_HTML.search(text):
        return text
    import html

    def tag(match: re.Match) -> str:
        size = len(match.group(0))
        if match.group(2).lower() in HTML_BLOCK:
            return "\n" + " " * (size - 1)
        return " " * size

    def entity(match: re.Match) -> str:
        char = html.unescape(match.group(0))
        if len(char) != 1 or char == match.group(0):
            return match.group(0)
        char = " " if char == "\xa0" else char
        return char + " " * (len(match.group(0)) - 1)

    return HTML_ENTITY.sub(entity, HTML_TAG.sub(tag, text))
