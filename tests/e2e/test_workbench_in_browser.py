"""待办 in Chromium, for each persona of the demo: what waits for them after the demo's
events, and after a return, a decline and a reopen — with the reviewer's words."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dlm.campaigns.models import Meeting
from dlm.demo.world import PASSWORD
from dlm.preparation import domain as preparation
from dlm.preparation.models import Material
from dlm.rectification.models import Item

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def login(browser, live_server):
    contexts = []

    def open_as(username: str):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_each_persona_sees_what_waits_for_them(demo, login, live_server):
    # the district: a plan to approve (医保局), an offline approval to confirm (卫健局)
    district = login("qu_zzb")
    came_up = district.locator("#came-up")
    expect(came_up).to_contain_text("审定通过方案")
    expect(came_up).to_contain_text("确认线下审定")
    assert district.locator("#came-up").bounding_box()["y"] < 768  # on the first screen

    # the principal of 卫健局: a closing waiting for his approval
    health = login("health_shuji")
    expect(health.locator("#todo")).to_contain_text("审批销号")

    # the office of 望湖: its next deadline
    office = login("wanghu_office")
    expect(office.locator("#todo")).to_contain_text("下一项")

    # the guidance group: the meeting it guides
    guide = login("qu_guide")
    expect(guide.locator("main")).to_contain_text("我指导的民主生活会")


def test_a_return_a_decline_and_a_reopen_come_back_with_their_words(demo, login, live_server):
    # the district returns 医保局's plan
    yibao = Meeting.objects.get(team__short_name="区医保局党组")
    district = login("qu_zzb")
    district.goto(f"{live_server.url}/meetings/{yibao.pk}/steps/return_plan/")
    district.fill("textarea[name=note]", "请补充分管领域谈心谈话安排")
    district.get_by_role("button", name="确认退回方案").click()
    expect(district.locator(".messages")).to_contain_text("的实施方案退回")
    office = login("yibao_office")
    expect(office.locator("#todo")).to_contain_text("退回理由：请补充分管领域谈心谈话安排")

    # a member of 望湖 sends his outline; the principal returns it with his words
    material = (
        Material.objects.filter(meeting__team__short_name="望湖街道党工委")
        .exclude(author__is_principal=True)
        .filter(author__person__user__username="wanghu_member")
        .get()
    )
    preparation.submit_material(material, user=material.author.person.user)
    principal = login("wanghu_shuji")
    principal.locator("#todo").get_by_role("link", name=f"审阅{material.title}").click()
    expect(principal).to_have_url(f"{live_server.url}{material.get_absolute_url()}")
    principal.goto(f"{live_server.url}/materials/{material.pk}/review/")
    principal.get_by_label("退回修改").check()
    principal.fill("textarea[name=comment]", "第二部分要举出具体事例")
    principal.get_by_role("button", name="提交审阅意见").click()
    member = login("wanghu_member")
    expect(member.locator("#todo")).to_contain_text("第二部分要举出具体事例")

    # 卫健局's principal declines the closing waiting for him, then reopens the closed one
    waiting = Item.objects.get(meeting__team__short_name="区卫健局党组", status="closing")
    closed = Item.objects.get(meeting__team__short_name="区卫健局党组", status="closed")
    health = login("health_shuji")
    health.goto(f"{live_server.url}/ledger/{waiting.pk}/")
    health.fill("input[name=reason]", "佐证材料打不开")
    health.get_by_role("button", name="不同意销号").click()
    expect(health.locator("main")).to_contain_text("退回原因")
    expect(health.locator("main")).to_contain_text("不同意销号：佐证材料打不开")
    health.goto(f"{live_server.url}/ledger/{closed.pk}/")
    health.fill("input[name=reason]", "群众反映问题反弹")
    health.get_by_role("button", name="重新打开").click()
    expect(health.locator("main")).to_contain_text("重新打开：群众反映问题反弹")
    health.goto(f"{live_server.url}/ledger/{waiting.pk}/")  # the item's own history
    expect(health.locator("table.history")).to_contain_text("佐证材料打不开")
