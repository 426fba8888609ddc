"""The demo team's whole meeting recorded on the live screen in Chromium, with the network
dropped in the middle, then the roll call, the hold step and both documents."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dlm.campaigns.models import Meeting, local_today
from dlm.demo.world import PASSWORD
from dlm.preparation import domain as preparation
from dlm.proceedings import live

pytestmark = pytest.mark.e2e

POINTS = "一是联系群众不够经常，调研走过场；二是抓落实跟踪问效不够。"


@pytest.fixture
def wanghu(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    meeting = Meeting.objects.get(team__short_name="望湖街道党工委")
    # the principal's outline has been through review, so he reads from it
    principal = meeting.team.team_members.get(is_principal=True)
    outline = meeting.materials.get(author=principal)
    from django.contrib.auth import get_user_model

    guide = get_user_model().objects.get(username="qu_guide")
    preparation.submit_material(outline, user=guide)
    preparation.review_material(
        outline, decision="approved", comment="同意", resubmit_by=None, user=guide
    )
    return meeting


def login(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def save_turn(page, text: str, expected_count: int):
    page.fill("#id_text", text)
    page.press("#id_text", "Control+Enter")
    expect(page.locator("#turn-count")).to_have_text(str(expected_count), timeout=10_000)
    # wait for the screen to preselect the next turn
    expect(page.locator("#id_text")).to_have_value("")


def test_recording_a_whole_meeting_live(browser, live_server, wanghu):
    context, page = login(browser, live_server, "wanghu_office")
    record_url = f"{live_server.url}/meetings/{wanghu.pk}/record/"
    page.goto(record_url)
    agenda = page.locator("#agenda-panel li a")
    titles = agenda.all_inner_texts()
    assert titles[0].startswith("主持人宣布会议开始") and titles[-1].endswith("作总结讲话")
    seats = list(wanghu.team.team_members.order_by("-is_principal", "precedence"))
    count = 0

    def open_item(index):
        page.locator("#agenda-panel li a").nth(index).click()
        page.wait_for_load_state()

    open_item(0)
    count += 1
    save_turn(page, "同志们，现在开会。今天召开党工委民主生活会。", count)
    open_item(2)  # team material, presented by the principal from the reviewed text
    count += 1
    save_turn(page, "下面我代表党工委班子作对照检查。", count)
    offline_at = 3  # the fourth member's item

    for number, seat in enumerate(seats):
        open_item(3 + number)
        name = seat.person.name
        expect(page.locator("#id_kind")).to_have_value("self_criticism")
        if seat.is_principal:
            expect(page.locator("#id_use_outline")).to_be_checked()
        count += 1
        save_turn(page, f"我是{name}，下面作个人对照检查。", count)
        critics = [s for s in seats if s.pk != seat.pk]
        for critic_number, critic in enumerate(critics):
            if number == offline_at and critic_number == 2:
                # the network drops: two criticisms wait in the browser
                context.set_offline(True)
                for queued in critics[2:4]:
                    page.select_option("#id_speaker", f"seat:{queued.pk}")
                    page.fill("#id_text", POINTS)
                    page.press("#id_text", "Control+Enter")
                expect(page.locator("#pending li")).to_have_count(2)
                expect(page.locator("#sync-status")).to_contain_text("2 条待发送")
                # a draft being typed survives a reload once the network is back
                page.select_option("#id_speaker", f"seat:{critics[4].pk}")
                page.fill("#id_text", "草稿：" + POINTS)
                context.set_offline(False)
                count += 2
                expect(page.locator("#turn-count")).to_have_text(str(count), timeout=15_000)
                expect(page.locator("#pending li")).to_have_count(0)
                page.reload()
                expect(page.locator("#id_text")).to_have_value("草稿：" + POINTS)
                page.fill("#id_text", "")
            if number == offline_at and critic_number in (2, 3):
                continue
            expect(page.locator("#id_speaker")).to_have_value(f"seat:{critic.pk}")
            expect(page.locator("#id_target")).to_have_value(str(seat.pk))
            count += 1
            save_turn(page, POINTS, count)
        expect(page.locator("#id_kind")).to_have_value("response")
        count += 1
        save_turn(page, "感谢大家的批评，我虚心接受，认真整改。", count)

    open_item(len(titles) - 2)
    expect(page.locator("#id_kind")).to_have_value("guidance")
    count += 1
    save_turn(page, "这次民主生活会准备充分，批评开门见山。", count)
    open_item(len(titles) - 1)
    count += 1
    save_turn(page, "同志们，会后要把大家提出的意见逐条列入整改清单。", count)
    expect(page.locator("#rules-panel")).not_to_contain_text("未表态")

    # the record in the database: nothing lost, nothing doubled
    counts = live.criticism_counts(wanghu)
    assert {(r.criticisms, r.points) for r in counts} == {(8, 16)}
    assert wanghu.turns.count() == count

    # roll call, then the meeting can be recorded as held
    page.get_by_role("link", name="到会情况").click()
    page.get_by_role("button", name="保存到会情况").click()
    expect(page.locator("#quorum")).to_contain_text("到会人数符合")
    page.goto(f"{live_server.url}/meetings/{wanghu.pk}/")
    page.get_by_role("link", name="登记会议已召开", exact=True).click()
    # the day it was held is asked (the plan's date is still to come): today, here
    expect(page.locator("#id_on")).to_have_value("")
    page.fill("#id_on", local_today().isoformat())
    page.get_by_role("button", name=re.compile("确认")).click()
    expect(page.locator(".state")).to_have_text("已召开")
    expect(page.locator("#record-card")).to_contain_text(f"已记录发言 {count} 条")

    for link, name in [("下载会议记录", "会议记录.docx"), ("下载会议纪要", "会议纪要.docx")]:
        page.goto(record_url)
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        assert download.value.suggested_filename.endswith(name)
        assert download.value.path().stat().st_size > 5000
    context.close()
