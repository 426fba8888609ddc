"""Materials: parts under their many headings, aspects, problems, instances, counts."""

from __future__ import annotations

import pytest

from dlm.textcheck.analyse import analyse
from tests.textcheck.conftest import fixture_text


def material(text: str, aspects=None) -> dict:
    return analyse(text, aspects=aspects, kind="material")["material"]


def test_personal_outline_in_plain_text(aspects):
    result = analyse(fixture_text("personal_outline.txt"), aspects=aspects)
    found = result["material"]

    assert result["kind"] == "material"
    assert found["scope"] == "personal"
    assert found["missing_parts"] == []
    assert [a["matched_aspect"] for a in found["aspects"]] == [1, 2, 3, 4, 5]
    assert [len(a["problems"]) for a in found["aspects"]] == [2, 2, 2, 2, 2]
    assert all(p["instances"] >= 1 for a in found["aspects"] for p in a["problems"])
    assert found["missing_aspects"] == []
    assert [c["title"] for c in found["causes"]] == [
        "理论学习的自觉性不够",
        "宗旨意识有所淡化",
        "党性修养有所放松",
    ]
    assert len(found["measures"]) == 3
    assert found["previous_rectification"] == [{"found": 9, "done": 7}]


def test_personal_outline_in_markdown_with_inline_points(aspects):
    found = material(fixture_text("outline_markdown.md"), aspects)

    assert [a["matched_aspect"] for a in found["aspects"]] == [1, 2, 3, 4, 5]
    assert [len(a["problems"]) for a in found["aspects"]] == [2, 2, 2, 2, 2]
    assert found["aspects"][0]["title"] == "坚定政治方向、严守政治纪律方面"
    assert found["missing_parts"] == ["previous_rectification", "personal_matters"]
    assert [m["title"] for m in found["measures"]] == ["加强学习", "改进作风"]


def test_team_material_with_parts_out_of_order(aspects):
    found = material(fixture_text("team_material.txt"), aspects)

    assert found["scope"] == "team"
    assert found["parts"]["previous_rectification"] is not None
    text = fixture_text("team_material.txt")
    part = found["parts"]["previous_rectification"]
    assert text[part["start"] : part["end"]].startswith("四、上年度民主生活会整改落实情况")
    assert found["missing_aspects"] == [4, 5]
    assert found["previous_rectification"] == [{"found": 12, "done": 10}]


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("存在的突出问题", "problems"),
        ("查摆的主要问题", "problems"),
        ("存在问题", "problems"),
        ("查摆检视问题", "problems"),
        ("原因剖析", "causes"),
        ("产生问题的原因分析", "causes"),
        ("问题产生的根源", "causes"),
        ("整改措施", "measures"),
        ("努力方向", "measures"),
        ("下步工作", "measures"),
        ("下一步努力方向和整改措施", "measures"),
        ("个人有关事项说明", "personal_matters"),
        ("需要说明的问题", "personal_matters"),
        ("上年度民主生活会问题整改情况", "previous_rectification"),
        ("专题民主生活会整改落实情况", "previous_rectification"),
    ],
)
def test_part_headings(heading, part):
    text = f"某同志发言提纲\n一、{heading}\n正文内容，比如一个例子。\n二、其他\n正文。"

    assert material(text)["parts"][part] is not None


def test_personal_matters_inside_the_problems_part_is_its_own_part():
    text = (
        "某同志发言提纲\n一、存在的突出问题\n（一）政治方面。一是甲，比如某事。二是乙，比如某事。\n"
        "（二）需要说明的问题。本人无经商办企业情况。\n二、原因分析\n（一）思想放松。\n三、整改措施\n（一）每周学习5小时。\n"
    )

    found = material(text)

    assert [a["title"] for a in found["aspects"]] == ["政治方面"]
    assert found["parts"]["personal_matters"] is not None


def test_without_aspects_the_documents_own_headings_are_the_aspects():
    found = material(fixture_text("personal_outline.txt"))

    assert [a["matched_aspect"] for a in found["aspects"]] == [None] * 5
    assert found["missing_aspects"] == []


@pytest.mark.parametrize(
    ("words", "instances"),
    [
        ("比如某事", 1),
        ("例如某事", 1),
        ("再如某事", 1),
        ("如：某事", 1),
        ("譬如某事", 1),
        ("没有事例", 0),
    ],
)
def test_instances_are_counted(words, instances):
    text = f"某同志发言提纲\n一、存在的问题\n（一）政治方面\n1.执行不坚决。{words}。\n2.另一问题。"

    problems = material(text)["aspects"][0]["problems"]

    assert problems[0]["instances"] == instances


def test_scope_from_title_or_voice():
    assert material("市委常委班子对照检查材料\n一、存在的问题\n正文")["scope"] == "team"
    assert material("张伟同志发言提纲\n一、存在的问题\n正文")["scope"] == "personal"
    assert material("对照检查材料\n我们认为我们还有差距，我们要改进。")["scope"] == "team"


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("上年度查摆问题12项，已整改完成8项。", [{"found": 12, "done": 8}]),
        ("共查摆出问题九个，其中7个已整改。", [{"found": 9, "done": 7}]),
        ("查摆了6条问题，均已整改完毕。", [{"found": 6, "done": 6}]),
        ("查摆问题5项，正在整改。", [{"found": 5, "done": None}]),
    ],
)
def test_previous_rectification_counts(sentence, counts):
    text = f"某同志发言提纲\n一、上年度民主生活会整改情况\n{sentence}\n二、存在的问题\n正文。"

    assert material(text)["previous_rectification"] == counts
