"""The outline of a document: numbered and heading lines nested by how the author used them.

Chinese official writing numbers its levels 一、 （一） 1. （1） ①, with 一是…二是… and 第一，…
for runs of points, and markdown adds # headings and **bold** heads. Authors skip and reorder
levels, so a style's depth is not fixed: a style seen before in the open branch closes back to
that level; a new style opens a level below the current one. Markdown headings always sit
above numbered items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dlm.textcheck.text import CN_NUMERAL, Line, cn_to_int, split_lines, strip_markup

N = f"[{CN_NUMERAL}]+"
LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("md", re.compile(r"^(#{1,6})\s+")),
    ("cn", re.compile(rf"^({N})\s*[、．.]")),
    ("paren_cn", re.compile(rf"^[（(]\s*({N})\s*[）)]")),
    ("paren_arabic", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    ("shi", re.compile(rf"^({N})是")),
    ("di", re.compile(rf"^第({N})[，,、：:是]")),
]
TITLE_END = re.compile(r"[。；;！？!?]")
MAX_TITLE = 80


@dataclass
class Node:
    label: str
    style: str
    number: int | None
    title: str
    start: int
    line: int
    level: int = 0
    end: int = 0
    children: list[Node] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "level": self.level,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "children": [child.as_dict() for child in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def starts_with_label(text: str) -> bool:
    return match_label(strip_markup(text)) is not None


def match_label(text: str) -> tuple[str, str, int | None, str] | None:
    """(style, label text, number, rest) when ``text`` opens with a numbering label."""
    for style, pattern in LABELS:
        found = pattern.match(text)
        if found:
            if style == "md":
                return f"md{len(found.group(1))}", found.group(0).strip(), None, text[found.end() :]
            return style, found.group(0), cn_to_int(found.group(1)), text[found.end() :]
    return None


def _title(raw_line: str, rest: str) -> str:
    stripped = raw_line.strip().lstrip("#").strip()
    if stripped.startswith("**"):
        bold = stripped[2:].split("**", 1)[0]
        found = match_label(bold)
        title = found[3] if found else bold
    else:
        title = rest.replace("**", "")
        end = TITLE_END.search(title)
        if end is not None:
            title = title[: end.start()]
    title = title.strip().strip("*").strip().rstrip("。；;：:，,")
    return title[:MAX_TITLE]


def is_toc_line(text: str) -> bool:
    return "](#" in text or "](\\l)" in text or text.rstrip().endswith("目录**")


def label_nodes(lines: list[Line], headings=()) -> list[Node]:
    """``headings``: (level, text) of lines that are headings by their Word style, in order
    (they carry no label in the text)."""
    from dlm.textcheck.structure import toc_lines

    toc = toc_lines(lines)  # kept in the text, skipped for structure
    pending = list(headings)
    nodes = []
    for line in lines:
        if not line.text.strip() or is_toc_line(line.text) or line.number in toc:
            continue
        found = match_label(strip_markup(line.text))
        if found is None and pending and line.text.strip() == pending[0][1]:
            level, title = pending.pop(0)
            indent = len(line.text) - len(line.text.lstrip())
            nodes.append(
                Node("", f"md{level}", None, title[:MAX_TITLE], line.start + indent, line.number)
            )
            continue
        if found is None:
            continue
        style, label, number, rest = found
        title = _title(line.text, rest)
        if style.startswith("md") and not title:
            continue
        indent = len(line.text) - len(line.text.lstrip())  # "　　一、…": the label's place
        nodes.append(Node(label, style, number, title, line.start + indent, line.number))
        nodes.extend(_inline_run(line, style, number))
    return nodes


# After a sentence ends, the next label of the same style and number continues the run on
# the same line: "1.汇报情况。2.实施点评。3.…" (the 一是 style is read by inline_points).
INLINE: dict[str, str] = {
    "arabic": r"(\d{1,2})\s*(?:[、．]|\.(?!\d))",
    "paren_arabic": r"[（(]\s*(\d{1,2})\s*[）)]",
    "paren_cn": rf"[（(]\s*({N})\s*[）)]",
    "cn": rf"({N})\s*[、．]",
    "circled": r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])",
    "di": rf"第({N})[，,、：:]",
}
SENTENCE_BREAK = r"(?<=[。；;！？!?\s])"


def _inline_run(line: Line, style: str, number: int | None) -> list[Node]:
    pattern = INLINE.get(style)
    if pattern is None or number is None:
        return []
    found = []
    expected = number + 1
    lead = "" if style == "circled" else SENTENCE_BREAK
    for match in re.finditer(lead + pattern, line.text):
        if match.start() == 0 or cn_to_int(match.group(1)) != expected:
            continue
        found.append(match)
        expected += 1
    nodes = []
    for index, match in enumerate(found):
        stop = found[index + 1].start() if index + 1 < len(found) else len(line.text)
        rest = line.text[match.end() : stop]
        title = _title(rest, rest)
        nodes.append(
            Node(
                match.group(0),
                style,
                cn_to_int(match.group(1)),
                title,
                line.start + match.start(),
                line.number,
            )
        )
    return nodes


def nest(nodes: list[Node], text_length: int, text: str) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for node in nodes:
        if node.style.startswith("md"):
            depth = int(node.style[2:])
            while stack and (
                not stack[-1].style.startswith("md") or int(stack[-1].style[2:]) >= depth
            ):
                stack.pop()
        else:
            styles = [open_node.style for open_node in stack]
            if node.style in styles:
                while stack[-1].style != node.style:
                    stack.pop()
                stack.pop()
        node.level = len(stack) + 1
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    _set_ends(roots, text_length, text)
    return roots


def _set_ends(siblings: list[Node], limit: int, text: str) -> None:
    for index, node in enumerate(siblings):
        end = siblings[index + 1].start if index + 1 < len(siblings) else limit
        while end > node.start and text[end - 1].isspace():
            end -= 1
        node.end = end
        _set_ends(node.children, end, text)


def build_outline(text: str, headings=()) -> list[Node]:
    return nest(label_nodes(split_lines(text), headings), len(text), text)


def inline_points(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Runs of numbered points inside a span (一是…二是…, 第一，…, 1.…2.…, ①…②…, 首先…其次…):
    (start, end, title) for each, by the one splitter (textcheck/points.py)."""
    from dlm.textcheck.points import points

    return [(point.start, point.end, point.title) for point in points(text, start, end)]
