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
    line = line.replace("**", "").replace("__", "")
    return line.strip()


HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    return len(HAS_CJK.findall(text))
