"""Reading documents as offices really write them (issue 16): structure before titles, tables
of contents, site chrome, masks, inline items, HTML, and a report that agrees with itself.

The texts are our own, written for these tests."""

from __future__ import annotations

from dlm.textcheck.analyse import analyse
from dlm.textcheck.kinds import classify, title_of
from dlm.textcheck.outline import build_outline
from dlm.textcheck.placeholders import find_placeholders
from dlm.textcheck.report import render_report

BODY = """一、去年整改情况回顾
去年提出的两项问题已整改一项，另一项纳入今年计划继续推进。
二、查摆的问题
（一）学习上
1.读原著少，比如上半年只读完一本。
（二）工作上
1.对老旧管网改造督促不够，例如西门片区停水三次。
三、个人有关事项
没有需要说明的事项。
四、原因剖析
（一）放松了自我要求。
五、努力方向
（一）每月读一本原著。"""


def parts_of(text: str) -> list[str]:
    material = analyse(text)["material"]
    return [name for name, span in material["parts"].items() if span]


def test_an_outline_that_opens_with_its_first_paragraph_is_still_a_material():
    result = analyse(BODY)
    assert result["kind"] == "material"
    assert len(parts_of(BODY)) == 5
    assert [len(a["problems"]) for a in result["material"]["aspects"]] == [1, 1]


def test_a_table_of_contents_is_skipped_for_structure_but_kept_in_the_text():
    toc = "目  录\n一、去年整改情况回顾……1\n二、查摆的问题……2\n三、个人有关事项……3\n"
    text = toc + "某某区水务局副局长个人发言提纲\n" + BODY
    result = analyse(text)
    assert result["chars"] == len(text)
    assert [len(a["problems"]) for a in result["material"]["aspects"]] == [1, 1]
    assert len(result["material"]["causes"]) == 1
    assert not any("下没有列出具体问题" in f["message"] for f in result["findings"])


def test_an_outline_listed_before_the_text_without_a_heading_is_a_toc():
    heads = "一、去年整改情况回顾\n二、查摆的问题\n三、个人有关事项\n四、原因剖析\n"
    result = analyse(heads + BODY)
    assert [len(a["problems"]) for a in result["material"]["aspects"]] == [1, 1]


def test_the_title_is_found_past_site_chrome_dates_and_a_broken_line():
    text = (
        "滨海党建网\n首页 > 工作动态\n发布时间：2026年12月3日 来源：本站\n"
        "滨海新区港航管理局党组领导班子2026年度\n民主生活会对照检查材料\n" + BODY
    )
    assert title_of(text) == "滨海新区港航管理局党组领导班子2026年度民主生活会对照检查材料"
    assert analyse(text)["material"]["scope"] == "team"


def test_team_titles_with_long_names_and_personal_titles_with_a_post_and_name():
    team = "中共滨海新区港航管理局党组领导班子2026年度民主生活会对照检查材料\n" + BODY
    person = "滨海新区港航管理局党组书记吴振东2026年度民主生活会对照检查发言\n" + BODY
    member = "区委常委、宣传部部长同志个人对照检查材料\n" + BODY
    assert analyse(team)["material"]["scope"] == "team"
    assert analyse(person)["material"]["scope"] == "personal"
    assert analyse(member)["material"]["scope"] == "personal"


def test_masks_as_template_sites_write_them_and_bold_that_is_not_a_mask():
    masked = "**街道党工委：\n第**督导组将列席。某某同志发言。○○社区、△△村、＊＊局。"
    found = [p["text"] for p in find_placeholders(masked)]
    assert found == ["**", "**", "某某", "○○", "△△", "＊＊"]
    bold = "**一、查摆的问题**\n**（一）学习上**\n读原著少。"
    assert find_placeholders(bold) == []
    assert [n.title for n in build_outline(bold)] == ["查摆的问题"]


def test_kinds_that_do_not_depend_on_a_title_word_alone():
    assert classify("城东街道2026年度民主生活会工作意见\n一、目标\n按时开好会。") == "plan"
    run_in = "关于召开2026年度民主生活会的通知各党（工）委、各部门：为认真贯彻上级要求，现就有关事项通知如下。"
    assert classify(run_in + "\n一、会议主题\n……") == "notice"
    news = "12月5日，区交通运输局党组召开2026年度民主生活会。局党组书记主持会议并作对照检查。"
    assert classify(news) == "report"


def test_numbered_items_on_one_line_are_items_and_a_number_in_a_sentence_is_not():
    text = "会议议程\n1.汇报会前准备情况。2.班子成员逐一发言。3.督导组点评。\n他在年度考核中排名倒数第一，需要提高。"
    titles = [node.title for node in build_outline(text)]
    assert titles == ["汇报会前准备情况", "班子成员逐一发言", "督导组点评"]
    circled = "措施：\n①每周学习。②每月走访。③每季复盘。"
    assert [n.title for n in build_outline(circled)] == ["每周学习", "每月走访", "每季复盘"]


def test_html_left_in_the_text_is_read_as_plain_text_at_the_same_offsets():
    html = "".join(f"<P>{line}</P>" for line in BODY.split("\n")).replace("，", "&nbsp;，", 1)
    result = analyse(html)
    assert result["kind"] == "material"
    assert [len(a["problems"]) for a in result["material"]["aspects"]] == [1, 1]
    first = result["material"]["aspects"][0]
    assert html[first["start"] : first["start"] + 10].startswith("（一）学习上")


def test_a_heading_without_problems_is_counted_as_none_in_the_report_and_the_finding():
    text = BODY.replace("1.读原著少，比如上半年只读完一本。\n", "")
    result = analyse(text)
    first = result["material"]["aspects"][0]
    assert first["problems"] == []
    assert any("下没有列出具体问题" in f["message"] for f in result["findings"])
    report = render_report(result, text, "提纲.txt")
    assert "学习上，问题 0 个" in report


def test_a_typed_table_of_contents_with_page_numbers_after_one_space():
    toc = "目录\n一、去年整改情况回顾 1\n二、查摆的问题 1\n（一）学习上 2\n（二）工作上 2\n四、原因剖析 3\n"
    result = analyse("某某同志个人发言提纲\n" + toc + BODY)
    assert [len(a["problems"]) for a in result["material"]["aspects"]] == [1, 1]
    assert len(result["material"]["causes"]) == len(result["material"]["measures"]) == 1
    assert not any("下没有列出具体问题" in f["message"] for f in result["findings"])
