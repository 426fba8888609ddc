"""Every numbering style the documents use, nested however the author nested it."""

from __future__ import annotations

import pytest

from dlm.textcheck.outline import build_outline, inline_points


def shape(text: str) -> list:
    def walk(nodes):
        return [
            (n.label, n.title, walk(n.children)) if n.children else (n.label, n.title)
            for n in nodes
        ]

    return walk(build_outline(text))


@pytest.mark.parametrize(
    ("line", "label", "title"),
    [
        ("一、存在的问题", "一、", "存在的问题"),
        ("十二、其他", "十二、", "其他"),
        ("（一）政治方面", "（一）", "政治方面"),
        ("（一)政治方面", "（一)", "政治方面"),
        ("(二）理论方面", "(二）", "理论方面"),
        ("1.学习不够。后面是正文", "1.", "学习不够"),
        ("2、调研不深", "2、", "调研不深"),
        ("3．作风不实", "3．", "作风不实"),
        ("（1）标准不高", "（1）", "标准不高"),
        ("(2)要求不严", "(2)", "要求不严"),
        ("①精力投入不够", "①", "精力投入不够"),
        ("一是学习不深入。比如……", "一是", "学习不深入"),
        ("第一，加强学习。", "第一，", "加强学习"),
        ("**二、原因分析**", "二、", "原因分析"),
        ("**（三）担当方面。**正文从这里开始。", "（三）", "担当方面"),
        ("# 个人发言提纲", "#", "个人发言提纲"),
        ("## **一、查摆问题**", "##", "查摆问题"),
    ],
)
def test_each_numbering_style_is_a_label(line, label, title):
    [node] = build_outline(line + "\n正文。")

    assert (node.label, node.title) == (label, title)


def test_decimals_and_dates_are_not_labels():
    assert build_outline("2.5万元用于改造\n2026.1开始实施\n1.5倍于去年") == []


def test_levels_follow_the_order_the_author_used():
    text = "一、问题\n（一）政治\n1.甲\n2.乙\n（二）理论\n1.丙\n二、原因\n1.丁\n"

    assert shape(text) == [
        (
            "一、",
            "问题",
            [
                ("（一）", "政治", [("1.", "甲"), ("2.", "乙")]),
                ("（二）", "理论", [("1.", "丙")]),
            ],
        ),
        ("二、", "原因", [("1.", "丁")]),
    ]


def test_a_skipped_level_nests_directly():
    text = "一、问题\n1.甲\n2.乙\n二、原因\n"

    assert shape(text) == [("一、", "问题", [("1.", "甲"), ("2.", "乙")]), ("二、", "原因")]


def test_markdown_headings_sit_above_numbered_items():
    text = "# 材料一\n一、问题\n（一）甲\n# 材料二\n一、问题\n"

    assert shape(text) == [
        ("#", "材料一", [("一、", "问题", [("（一）", "甲")])]),
        ("#", "材料二", [("一、", "问题")]),
    ]


def test_spans_end_where_the_next_sibling_starts():
    text = "一、甲\n正文甲。\n\n二、乙\n正文乙。"
    first, second = build_outline(text)

    assert text[first.start : first.end] == "一、甲\n正文甲。"
    assert text[second.start : second.end] == "二、乙\n正文乙。"


def test_table_of_contents_lines_are_skipped():
    text = "1.  [**某方案**](#anchor)\n一、正文标题\n"

    assert shape(text) == [("一、", "正文标题")]


def test_inline_points_need_a_run_from_one():
    text = "（一）政治方面。一是执行不力，比如拖延。二是报告不及时。三是纪律松弛。"

    points = inline_points(text, 0, len(text))

    assert [p[2] for p in points] == ["执行不力，比如拖延", "报告不及时", "纪律松弛"]
    assert inline_points("这个问题二是关键。", 0, 9) == []
