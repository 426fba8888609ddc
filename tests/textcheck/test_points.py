"""The one splitter of numbered points (materials and minutes alike)."""

from __future__ import annotations

import pytest

from dlm.textcheck.minutes import split_points
from dlm.textcheck.points import points


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我提两点：一是学习不深；二是调研偏少。", ["学习不深", "调研偏少"]),
        ("第一，会议多。第二，文件长。第三，督查频。", ["会议多", "文件长", "督查频"]),
        ("1.汇报情况；2.实施点评；3.总结讲话。", ["汇报情况", "实施点评", "总结讲话"]),
        ("1、讲话太长。2、落实太慢。", ["讲话太长", "落实太慢"]),
        ("意见如下：（1）少开会（2）开短会", ["少开会", "开短会"]),
        ("（一）抓学习。（二）抓落实。", ["抓学习", "抓落实"]),
        ("一、抓学习。二、抓落实。", ["抓学习", "抓落实"]),
        ("①补短板②强弱项③防风险", ["补短板", "强弱项", "防风险"]),
        (
            "首先，要带头学习。其次，要深入基层。最后，要敢于担当。",
            ["要带头学习", "要深入基层", "要敢于担当"],
        ),
    ],
)
def test_every_style_of_marking_points(text, expected):
    assert [p.title for p in points(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "他在年度考核中排名倒数第一，需要加油。",
        "这个问题二是关键，一是次要。",
        "全年开会12.5天，比去年多2天。",
        "只有一是不够的。",
    ],
)
def test_a_number_inside_a_sentence_is_not_a_point(text):
    assert points(text) == []
    assert split_points(text) == [text]


def test_the_longest_run_wins_and_the_opening_is_not_a_point():
    text = "我提三点意见：一是学习上，1.读书少。二是工作上，拖拉。三是作风上，浮躁。"
    assert [p.title for p in points(text)] == ["学习上，1.读书少", "工作上，拖拉", "作风上，浮躁"]
    assert split_points("我说一句：你辛苦了。") == ["我说一句：你辛苦了。"]


def _faults(text: str) -> list[str]:
    from dlm.textcheck.checks import criticism_faults
    from dlm.textcheck.rules import RuleSet

    return criticism_faults(text, RuleSet.from_dict())


def test_praise_before_the_first_point_is_praise_first_without_a_praise_word():
    text = "韩书记工作很有魄力，带领大家啃下了拆迁这块硬骨头。我提两点意见：一是联系群众不够；二是抓落实跟进不够。"
    assert "minutes.praise_first" in _faults(text)


def test_the_formula_that_introduces_the_points_is_not_praise():
    text = "对郑晓岚同志提两点意见：一是调研偏少；二是会议偏多。"
    assert _faults(text) == []


def test_points_that_name_no_problem_are_hopes_and_a_suggestion_with_a_problem_is_not():
    assert "minutes.hope_not_criticism" in _faults("一是希望加强学习；二是建议多下基层。")
    assert _faults("一是对社区的指导不够，建议每月下去一次；二是学习偏少。") == []


def test_whom_it_is_addressed_to_is_no_praise_and_short_praise_before_points_is():
    assert _faults("振邦同志，我提两点：一是调研偏少；二是会议偏多。") == []
    assert "minutes.praise_first" in _faults("明远同志很敬业。首先，学习不够系统；其次，调研偏少。")
    assert "minutes.praise_first" in _faults("晓岚同志作风务实。但是在抓落实上跟进不够。")
