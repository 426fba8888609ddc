"""Where a document's own text starts: its title among the first lines, past web-site chrome,
dates, bylines and a table of contents; and which lines are a table of contents.

Offices publish and forward these texts through web sites, PDFs and Word files, so the first
line is often not the title: a site's name and breadcrumb, "发布时间：…", a 目录 whose entries
repeat the headings below, or a title broken in two by a PDF's line wrap.
"""

from __future__ import annotations

import re

from dlm.textcheck.text import Line, split_lines, strip_markup

TOC_HEAD = re.compile(r"^目\s*录$")
# an entry's page number: after dotted leaders, a tab, or spaces at the end of a short line
LEADER = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,}|\s{2,}|\t)\s*\d{1,3}\s*$")
PAGE = re.compile(r"\s+\d{1,3}$")  # "二、查摆的问题 2": a page number after one space
TOC_LINK = re.compile(r"\]\(#|\]\(\\l\)|目录\*\*$")
CHROME = re.compile(
    r"^(首页|当前位置|您的位置|来源|发布时间|发布日期|时间|作者|编辑|责任编辑|浏览次数|点击数|字号|"
    r"【|分享到|打印|关闭|上一篇|下一篇|扫一扫|索引号|主题分类|发文机关|成文日期|发布机构|文号)"
    r"|https?://|www\.|>\s*\S+\s*>|»|\|.*\|"
)
DATE_ONLY = re.compile(
    r"^[（(]?\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月"
    r"(\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日)?\s*[）)]?$"
)
BYLINE = re.compile(r"^[（(]?[\u4e00-\u9fff·]{2,4}[）)]?$|^[（(].{0,40}[）)]$")
HEAD_LINES = 25
MAX_TITLE = 80


def toc_lines(lines: list[Line]) -> set[int]:
    """Line numbers of a table of contents: after a 目录 heading, lines with leaders and page
    numbers, and a block of headings at the top that the text repeats later."""
    found: set[int] = set()
    texts = [strip_markup(line.text).lstrip("#").strip() for line in lines]
    for index, text in enumerate(texts):
        if TOC_LINK.search(lines[index].text) or (LEADER.search(text) and len(text) <= 60):
            found.add(lines[index].number)
    for index, text in enumerate(texts):
        if not TOC_HEAD.match(text.replace(" ", "").replace("　", "")):
            continue
        found.add(lines[index].number)
        entries: list[str] = []
        for after in range(index + 1, len(lines)):
            entry = texts[after]
            if not entry:
                continue
            bare = PAGE.sub("", LEADER.sub("", entry)).strip()
            if bare in entries or len(bare) > 60 or (entries and _repeats(bare, texts, after)):
                break
            if _repeats(bare, texts, after) or LEADER.search(entry):
                entries.append(bare)
                found.add(lines[after].number)
            else:
                break
    return found | _repeated_block(lines, texts)


def _repeats(entry: str, texts: list[str], after: int) -> bool:
    """Whether a heading-like ``entry`` stands again, as a line of its own, further down."""
    return bool(entry) and any(text == entry for text in texts[after + 1 :])


def _repeated_block(lines: list[Line], texts: list[str]) -> set[int]:
    """Three or more short lines near the top that all stand again later, in order: an
    outline listed before the text (a TOC without a 目录 heading)."""
    block: list[int] = []
    for index, text in enumerate(texts[:HEAD_LINES]):
        if not text:
            continue
        if len(text) <= 40 and _repeats(PAGE.sub("", text), texts, index):
            block.append(index)
        elif len(block) >= 3:
            break
        else:
            block = []
    return {lines[i].number for i in block} if len(block) >= 3 else set()


def is_chrome(text: str) -> bool:
    return bool(CHROME.search(text) or DATE_ONLY.match(text))


def head_lines(text: str, limit: int = HEAD_LINES) -> list[str]:
    """The first lines that could be a title: no TOC, no site chrome, no dates or bylines; two
    short lines that a PDF broke apart are offered joined as well."""
    lines = split_lines(text)
    skip = toc_lines(lines)
    found: list[str] = []
    for line in lines:
        if line.number in skip:
            continue
        raw = line.text
        clean = strip_markup(raw).lstrip("#").strip()
        if not clean or "](#" in raw or TOC_HEAD.match(clean.replace(" ", "")):
            continue
        if is_chrome(clean) or (BYLINE.match(clean) and found):
            continue
        found.append(clean)
        if len(found) >= limit:
            break
    joined = [
        found[i] + found[i + 1]
        for i in range(min(len(found) - 1, 4))
        if len(found[i]) <= 40 and len(found[i + 1]) <= 40 and not found[i].endswith("。")
    ]
    return found[:limit] + joined
