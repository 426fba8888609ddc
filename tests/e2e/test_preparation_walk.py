"""One demo meeting walked through its preparation in Chromium, as the office, the district's
organisation department, the principal and an anonymous resident would."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from dlm.demo.world import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def login(browser, live_server, demo):
    contexts = []

    def as_user(username: str):
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield as_user
    for context in contexts:
        context.close()


def open_meeting(page, live_server):
    page.goto(f"{live_server.url}/meetings/?q=清河")
    page.get_by_role("link", name="中共临江区清河街道工作委员会").click()
    return page.url


def take_step(page, label: str, note: str = ""):
    page.get_by_role("link", name=label, exact=True).click()
    if note:
        page.fill("#id_note", note)
    page.get_by_role("button", name=f"确认{label}").click()


def test_preparation_walk(login, live_server, browser):
    office = login("qinghe_office")
    meeting_url = open_meeting(office, live_server)

    # the plan: drafted, saved, reported; returned by the district; reported again; approved
    office.get_by_role("link", name="实施方案").click()
    office.get_by_role("button", name="保存").click()
    assert "实施方案已保存" in office.inner_text(".messages")
    office.goto(meeting_url)
    take_step(office, "报送方案")

    district = login("qu_zzb")
    district.goto(meeting_url)
    take_step(district, "退回方案", note="请补充谈心谈话安排")
    office.goto(meeting_url)
    take_step(office, "报送方案")
    district.goto(meeting_url)
    take_step(district, "审定通过方案")
    assert "会前准备" in district.inner_text("main .state")

    # an opinion through the public box, from a browser that never logged in
    office.goto(meeting_url)
    office.get_by_role("link", name="征求意见").click()
    office.get_by_role("button", name="开放意见箱").click()
    box_url = office.locator("code.link-box").inner_text()
    resident = browser.new_context().new_page()
    resident.goto(box_url)
    resident.fill("#id_text", "希望班子成员多到社区走一走，听听居民的意见")
    resident.wait_for_timeout(3500)  # the box refuses forms sent faster than a person reads
    resident.get_by_role("button", name="提交").click()
    assert "已收到您的意见" in resident.inner_text("main")

    # three talks
    office.goto(meeting_url)
    office.get_by_role("link", name="谈心谈话").click()
    members = office.locator("#id_member option").all_inner_texts()
    principal = next(m for m in members if "书记" in m)
    others = [m for m in members if m != principal and m != "（请选择）"]
    for member, kind, partner in [
        (principal, "主要负责同志与班子成员", others[0]),
        (principal, "主要负责同志与班子成员", others[1]),
        (others[0], "班子成员之间", others[1]),
    ]:
        office.select_option("#id_member", label=member)
        office.select_option("#id_kind", label=kind)
        office.select_option("#id_partner", label=partner)
        office.fill("#id_held_on", "2026-11-20")
        office.check("#id_covered_team")
        office.get_by_role("button", name="登记").click()
        assert "谈话已登记" in office.inner_text(".messages")

    # an outline in two versions with a review round by the principal
    office.goto(meeting_url)
    office.get_by_role("link", name="材料").click()
    office.select_option("#id_kind", label="个人发言提纲")
    office.select_option("#id_author", index=2)
    office.get_by_role("button", name="建立").click()
    outline_url = office.url
    office.get_by_role("link", name=re.compile("存为新稿")).click()
    office.fill(
        "#id_text", "一、查摆的主要问题\n（一）政治方面\n1.学习不够深入，比如全年自学笔记只有3篇。"
    )
    office.get_by_role("button", name="提交").click()
    office.get_by_role("button", name="送审").click()

    principal_page = login("qinghe_shuji")
    principal_page.goto(outline_url)
    principal_page.get_by_role("link", name="审阅").click()
    principal_page.check("input[value=returned]")
    principal_page.fill("#id_comment", "要补充原因剖析和整改措施")
    principal_page.get_by_role("button", name="提交审阅意见").click()

    office.goto(outline_url)
    assert "要补充原因剖析和整改措施" in office.inner_text("main")
    office.get_by_role("link", name=re.compile("存为新稿")).click()
    office.fill(
        "#id_text",
        office.input_value("#id_text")
        + "\n二、原因剖析\n（一）理论学习放松。\n三、整改措施\n（一）每周自学5小时。",
    )
    office.get_by_role("button", name="提交").click()
    office.get_by_role("button", name="送审").click()
    principal_page.goto(outline_url)
    principal_page.get_by_role("link", name="审阅").click()
    principal_page.check("input[value=approved]")
    principal_page.get_by_role("button", name="提交审阅意见").click()
    assert "审阅通过" in principal_page.inner_text("main")

    # the office's view ends the walk with the right counts
    office.goto(meeting_url)
    office.get_by_role("link", name="会前准备", exact=True).click()
    counts = office.inner_text(".counts")
    assert "1 条意见建议" in counts
    assert "3 次谈心谈话（6 人次）" in counts
    assert "1/6 份材料已提交" in counts
