"""Each rule fires where the notice's requirement is broken and stays quiet where it is met."""

from __future__ import annotations

import pytest

from dlm.textcheck.analyse import analyse
from dlm.textcheck.rules import DEFAULTS, RuleSet
from tests.textcheck.conftest import fixture_text


def rules_fired(text: str, aspects=None, rules=None, kind=None) -> list[str]:
    return [f["rule"] for f in analyse(text, aspects=aspects, rules=rules, kind=kind)["findings"]]


def test_a_good_outline_breaks_no_rule_but_length(aspects):
    assert rules_fired(fixture_text("personal_outline.txt"), aspects) == ["material.too_short"]
    relaxed = RuleSet.from_dict({"min_personal_chars": 1000})
    assert rules_fired(fixture_text("personal_outline.txt"), aspects, relaxed) == []


def test_a_template_outline_breaks_most_rules(aspects):
    fired = rules_fired(fixture_text("template_outline.txt"), aspects)

    assert set(fired) == {
        "text.placeholder",
        "material.missing_aspect",
        "material.aspect_without_problems",
        "material.problem_without_instance",
        "material.too_short",
        "material.missing_part",
        "material.objective_causes",
        "material.vague_measures",
        "material.others_problems",
    }


def test_every_finding_has_a_chinese_message_and_a_valid_span(aspects):
    text = fixture_text("template_outline.txt")
    for finding in analyse(text, aspects=aspects)["findings"]:
        assert finding["severity"] in ("error", "warning", "info")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding["message"])
        if finding["start"] is not None:
            assert 0 <= finding["start"] <= finding["end"] <= len(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("×党委班子", ["×"]),
        ("XX同志", ["XX"]),
        ("20xx年x月x日", ["xx", "x", "x"]),
        ("被问责方面：……。", ["……"]),
        ("请　　同志发言", ["　　同志"]),
        ("使用Excel和Linux", []),
        ("他说“我们……要努力”", []),
    ],
)
def test_placeholders(text, found):
    result = analyse("某同志发言提纲，正文内容若干。\n" + text, kind="other")

    assert [p["text"] for p in result["placeholders"]] == found


def test_missing_aspect_only_with_the_notices_aspects():
    text = fixture_text("team_material.txt")

    assert "material.missing_aspect" not in rules_fired(text)


def test_subjective_causes_pass_and_objective_ones_fire():
    base = "某同志发言提纲\n一、存在的问题\n（一）甲，比如某事。\n二、原因剖析\n（一）{}\n三、整改措施\n（一）每周学习5小时。"

    assert "material.objective_causes" not in rules_fired(
        base.format("理论学习放松，党性修养不够。")
    )
    assert "material.objective_causes" in rules_fired(
        base.format("工作任务繁重，人手不足，时间紧。")
    )


@pytest.mark.parametrize(
    ("measure", "fires"),
    [
        ("每周自学不少于5小时。", False),
        ("年底前完成调研报告。", False),
        ("每季度谈话一次。", False),
        ("进一步加强学习，不断提高认识。", True),
    ],
)
def test_measures_need_something_checkable(measure, fires):
    text = f"某同志发言提纲\n一、存在的问题\n（一）甲，比如某事。\n二、整改措施\n（一）{measure}"

    assert ("material.vague_measures" in rules_fired(text)) is fires


def test_team_problems_in_a_personal_outline_fire_but_own_problems_do_not():
    template = "张伟同志发言提纲\n一、存在的问题\n（一）政治方面\n1.{}比如某事。\n二、原因\n（一）思想放松。"

    assert "material.others_problems" in rules_fired(template.format("班子成员整体学习不够。"))
    assert "material.others_problems" in rules_fired(template.format("有的同志纪律松弛。"))
    assert "material.others_problems" not in rules_fired(template.format("我学习不够深入。"))


def test_too_few_criticisms_uses_the_configured_minimum():
    text = fixture_text("minutes_alone.txt")

    assert "minutes.too_few_criticisms" not in rules_fired(text)
    strict = RuleSet.from_dict({"min_criticism_points": 4})
    assert rules_fired(text, rules=strict).count("minutes.too_few_criticisms") == 2


def test_hope_and_praise_instead_of_criticism():
    fired = rules_fired(fixture_text("minutes_inline.txt"))

    assert fired.count("minutes.praise_first") == 1
    assert fired.count("minutes.hope_not_criticism") == 1
    assert "minutes.hope_not_criticism" in rules_fired(fixture_text("minutes_alone.txt"))


def test_direct_criticism_is_not_flagged():
    text = fixture_text("minutes_alone.txt")
    findings = analyse(text)["findings"]

    flagged = {
        text[f["start"] : f["start"] + 8] for f in findings if f["rule"].startswith("minutes.")
    }
    assert flagged == {"希望蒋丽华同志今"}


def test_rules_can_be_disabled_and_reworded_by_a_notice(aspects):
    rules = RuleSet.from_dict(
        {
            "disabled": ["text.placeholder"],
            "rules": {"material.too_short": {"severity": "error", "message": "不足{minimum}字"}},
        }
    )

    findings = analyse(fixture_text("template_outline.txt"), aspects=aspects, rules=rules)[
        "findings"
    ]

    assert "text.placeholder" not in [f["rule"] for f in findings]
    short = next(f for f in findings if f["rule"] == "material.too_short")
    assert (short["severity"], short["message"]) == ("error", "不足3000字")
    assert DEFAULTS["rules"]["material.too_short"]["severity"] == "warning"  # defaults untouched
