"""A team material or personal outline understood: its parts, aspects, problems and counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlm.textcheck.outline import Node, inline_points
from dlm.textcheck.text import cn_to_int

PART_NAMES = ["previous_rectification", "problems", "personal_matters", "causes", "measures"]
PART_LABELS = {
    "previous_rectification": "上年度问题整改情况",
    "problems": "查摆的问题",
    "personal_matters": "个人有关事项说明",
    "causes": "原因剖析",
    "measures": "整改措施",
}
# Checked in this order: the first that matches names the part.
PART_PATTERNS = [
    (
        "previous_rectification",
        re.compile(r"整改(落实)?(情况|成效)|问题整改|上[一]?年度.{0,20}整改|整改落实"),
    ),
    (
        "personal_matters",
        re.compile(r"个人(有关)?事项|有关事项|需要(说明|报告)的(问题|事项|情况)|说明的(问题|事项)"),
    ),
    ("causes", re.compile(r"原因|根源|剖析")),
    (
        "measures",
        re.compile(r"措施|努力方向|整改方向|下一?步|今后.{0,4}(打算|努力|方向)|改进方向|整改举措"),
    ),
    ("problems", re.compile(r"问题|不足|差距|查摆|检视|对照检查")),
]
INSTANCE = re.compile(r"比如|例如|再如|譬如|又如|如[：:，,]|举例")
# a team's title names the team (班子, 党组, 常委会…) and the material, with a unit's name and
# a year of any length between; a personal one names a person (同志, 个人) or 发言提纲
TEAM_TITLE = re.compile(
    r"(领导班子|班子|党组|党委|党工委|常委会?|领导集体)(?!成员).{0,40}"
    r"(对照检查|检视剖析|检视|对照检视|发言)(材料|报告)?"
)
PERSONAL_TITLE = re.compile(r"个人|同志|本人|发言提纲")
TEAM_SUBJECT = re.compile(r"(领导班子|班子|领导集体)(?!成员)")
POSTS = (
    "书记|委员|部长|主任|局长|镇长|乡长|区长|县长|市长|院长|校长|主席|秘书长|组长|处长|科长|所长"
    "|站长|经理"
)
# a post followed by a name of two or three characters, then the title goes on
POST_AND_NAME = re.compile(
    rf"(?:{POSTS})[\u4e00-\u9fff]{{2,3}}(?=同志|\d|二〇|年度|民主|专题|对照|发言|个人)"
)
COUNT = r"(\d+|[一二两三四五六七八九十百]+)"
FOUND = re.compile(rf"(?:查摆|查找|梳理|检视)(?:出|了|出了)?\s*(?:问题)?\s*{COUNT}\s*(?:项|个|条)")
DONE = re.compile(
    rf"(?:{COUNT}\s*(?:项|个|条)(?:问题)?(?:已|已经)(?:整改|完成|销号|解决))"
    rf"|(?:已(?:经)?(?:整改|完成|销号|解决)+(?:到位|完毕)?\s*{COUNT}\s*(?:项|个|条))"
)
ALL_DONE = re.compile(r"(均|全部|都)已(整改|完成|落实)(完毕|到位)?")


def part_of(title: str) -> str | None:
    for name, pattern in PART_PATTERNS:
        if pattern.search(title):
            return name
    return None


@dataclass
class Section:
    name: str
    node: Node


def find_parts(roots: list[Node]) -> dict[str, Node]:
    """Part headings sit at one level of the outline: the level where most of them match."""
    levels: list[list[Node]] = []
    frontier = roots
    while frontier:
        levels.append(frontier)
        frontier = [child for node in frontier for child in node.children]
    best: dict[str, Node] = {}
    for nodes in levels[:4]:
        found: dict[str, Node] = {}
        for node in nodes:
            name = part_of(node.title)
            if name and name not in found:
                found[name] = node
        if len(found) > len(best):
            best = found
    return best


def scope(text: str, title: str) -> str:
    """Team or personal, from the title's subject: a team (班子) names itself; a person is
    named by 同志, 个人 or a post and a name; 党组/党委 with 对照检查材料 is a team; else the
    voice of the text (我们 or 我)."""
    if TEAM_SUBJECT.search(title):
        return "team"
    if PERSONAL_TITLE.search(title) or POST_AND_NAME.search(title):
        return "personal"
    if TEAM_TITLE.search(title):
        return "team"
    we = text.count("我们")
    me = len(re.findall(r"我(?!们)", text))
    return "team" if we > me else "personal"


MIN_SECTION = 30  # characters: a section shorter than this lists no problem


def problems_in(node: Node, text: str) -> list[dict]:
    """The problems of one aspect's section, whichever level the author numbered them at.
    Unnumbered, a section too short to state a problem has none (the report and its finding
    read the same list)."""
    numbered = [c for c in node.children if c.style != "shi"]
    if numbered:
        spans = [(c.start, c.end, c.title) for c in numbered]
    else:
        spans = inline_points(text, node.start, node.end)
        if not spans and node.children:
            spans = [(c.start, c.end, c.title) for c in node.children]
        if not spans and node.end - node.start >= MIN_SECTION:
            spans = [(node.start, node.end, node.title)]
    return [
        {
            "title": title,
            "start": start,
            "end": end,
            "instances": len(INSTANCE.findall(text[start:end])),
        }
        for start, end, title in spans
    ]


def items_in(node: Node | None, text: str) -> list[dict]:
    if node is None:
        return []
    if node.children:
        return [{"title": c.title, "start": c.start, "end": c.end} for c in node.children]
    return [
        {"title": t, "start": s, "end": e} for s, e, t in inline_points(text, node.start, node.end)
    ]


def bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def match_aspects(sections: list[Node], aspects: list[str], text: str) -> dict[int, int]:
    """Section index → 1-based aspect index, one-to-one, best overlaps first."""
    scores = []
    aspect_grams = [bigrams(a) for a in aspects]
    for s_index, node in enumerate(sections):
        grams = bigrams(node.title + text[node.start : min(node.end, node.start + 300)])
        for a_index, a_grams in enumerate(aspect_grams):
            if not a_grams or not grams:
                continue
            score = len(grams & a_grams) / min(len(a_grams), len(grams))
            scores.append((score, s_index, a_index))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, s_index, a_index in sorted(scores, reverse=True):
        if score < MIN_ASPECT_SCORE or s_index in matched or a_index in used:
            continue
        matched[s_index] = a_index + 1
        used.add(a_index)
    return matched


MIN_ASPECT_SCORE = 0.15


def previous_counts(text: str) -> list[dict]:
    found = [cn_to_int(m.group(1)) for m in FOUND.finditer(text)]
    done = [cn_to_int(next(g for g in m.groups() if g)) for m in DONE.finditer(text)]
    counts = []
    for index, number in enumerate(found):
        finished = done[index] if index < len(done) else None
        if finished is None and ALL_DONE.search(text):
            finished = number
        counts.append({"found": number, "done": finished})
    return counts


def read_material(text: str, roots: list[Node], title: str, aspects: list[str] | None) -> dict:
    parts = find_parts(roots)
    problems_node = parts.get("problems")
    sections: list[Node] = []
    if problems_node is not None:
        for child in problems_node.children:
            other = part_of(child.title)
            if other in ("personal_matters", "previous_rectification") and other not in parts:
                parts[other] = child
            elif other not in ("personal_matters", "previous_rectification"):
                sections.append(child)
    matches = match_aspects(sections, aspects, text) if aspects else {}
    aspect_rows = [
        {
            "index": index + 1,
            "title": node.title,
            "matched_aspect": matches.get(index),
            "start": node.start,
            "end": node.end,
            "problems": problems_in(node, text),
        }
        for index, node in enumerate(sections)
    ]
    previous = parts.get("previous_rectification")
    return {
        "scope": scope(text, title),
        "parts": {
            name: ({"start": parts[name].start, "end": parts[name].end} if name in parts else None)
            for name in PART_NAMES
        },
        "missing_parts": [name for name in PART_NAMES if name not in parts],
        "aspects": aspect_rows,
        "missing_aspects": [
            i for i in range(1, len(aspects or []) + 1) if i not in set(matches.values())
        ],
        "causes": items_in(parts.get("causes"), text),
        "measures": items_in(parts.get("measures"), text),
        "previous_rectification": previous_counts(
            text[previous.start : previous.end] if previous else text
        ),
    }
