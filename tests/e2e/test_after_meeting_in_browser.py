"""The demo's held 卫健局 meeting taken to "reported" in Chromium: the report drafted from the
record and sent with the materials, the superior acknowledges; ledger items drawn from a
criticism and an opinion, one closed with the principal's approval, one let go overdue with
the clock moved; next year's campaign finds the unfinished items in the new outline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from dlm.campaigns import domain as campaigns
from dlm.campaigns.enums import CampaignKind, MeetingState
from dlm.campaigns.models import Campaign, Meeting, local_today
from dlm.demo.world import PASSWORD
from dlm.proceedings import live
from dlm.rectification.enums import ItemStatus
from dlm.rectification.models import Item
from dlm.reminders.periodic import collect

pytestmark = pytest.mark.e2e


@pytest.fixture
def health(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Meeting.objects.get(team__short_name="区卫健局党组")


@pytest.fixture
def login(browser, live_server, health):
    contexts = []

    def as_user(username):
        context = browser.new_context(
            viewport={"width": 1366, "height": 900}, accept_downloads=True
        )
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


def test_after_the_meeting(login, live_server, health):
    base = live_server.url
    office = login("health_office")
    office.goto(f"{base}/meetings/{health.pk}/")
    expect(office.locator(".state")).to_have_text("已召开")

    # the report, drafted from the record; its figures are the record's
    office.get_by_role("link", name="报告与通报").click()
    office.locator("tr", has_text="情况报告").get_by_role("button", name="按记录起草").click()
    counts = live.criticism_counts(health)
    expect(office.locator('#figures [data-key="criticisms"]')).to_have_text(
        str(sum(r.criticisms for r in counts))
    )
    expect(office.locator('#figures [data-key="points"]')).to_have_text(
        str(sum(r.points for r in counts))
    )
    expect(office.locator("#id_body")).to_contain_text(
        f"相互开展批评{sum(r.criticisms for r in counts)}人次"
    )
    office.fill("#id_addressee", "中共江川市临江区委组织部")
    office.get_by_role("button", name="保存").click()
    with office.expect_download() as report:
        office.get_by_role("link", name="下载 Word").first.click()
    assert report.value.suggested_filename.endswith("情况的报告.docx")

    # the package goes up; the district acknowledges it
    office.get_by_role("link", name="报告与通报").click()
    # what is still open is listed with links; sending it anyway means ticking each
    open_points = office.locator("input[name=confirm]")
    for index in range(open_points.count()):
        open_points.nth(index).check()
    office.get_by_role("button", name="报送情况报告和会议材料").click()
    expect(office.locator("table").last).to_contain_text("已报送")
    superior = login("qu_zzb")
    superior.goto(f"{base}/meetings/{health.pk}/reports/")
    superior.get_by_label("确认收到").check()
    superior.get_by_role("button", name="提交").click()
    expect(superior.locator("table").last).to_contain_text("上级已确认收到")
    health.refresh_from_db()
    assert health.state == MeetingState.REPORTED and health.report_received_on == local_today()

    # a ledger item from a criticism at the meeting
    office.goto(f"{base}/meetings/{health.pk}/record/")
    office.locator(".turn-criticism").last.get_by_role("link", name="列入整改").click()
    office.fill("#id_measures", "建立问题台账，每月跟踪一次")
    office.select_option("#id_kind", "deadline")
    soon = local_today() + dt.timedelta(days=5)
    office.fill("#id_deadline", soon.isoformat())
    office.get_by_role("button", name="保存").click()
    expect(office.locator("h1")).to_contain_text("整改事项第")
    from_criticism = Item.objects.latest("id")
    assert from_criticism.sources.get().turn_id is not None

    # and one from an opinion
    office.goto(f"{base}/meetings/{health.pk}/opinions/")
    office.select_option("#id_source", "form")
    office.fill("#id_text", "基层医务人员反映培训机会少")
    office.fill("#id_received_on", local_today().isoformat())
    office.get_by_role("button", name="登记意见").click()
    office.get_by_role("link", name="列入整改").first.click()
    expect(office.locator("#id_problem")).to_have_value("基层医务人员反映培训机会少")
    office.fill("#id_measures", "每季度组织一次业务培训")
    office.select_option("#id_responsible", index=1)
    office.select_option("#id_kind", "long_term")
    office.get_by_role("button", name="保存").click()
    assert Item.objects.latest("id").sources.get().opinion_id is not None

    # the principal approves closing the item waiting for him
    waiting = Item.objects.get(meeting=health, status=ItemStatus.CLOSING)
    principal = login("health_shuji")
    principal.goto(f"{base}/ledger/{waiting.pk}/")
    principal.get_by_role("button", name="同意销号（主要负责同志）").click()
    expect(principal.locator("h1 + p")).to_contain_text("已销号")

    # the clock moves past the new item's deadline: the periodic job tells the office
    collect(soon + dt.timedelta(days=2))
    office.goto(f"{base}/")
    expect(office.locator("#reminders")).to_contain_text(f"第{from_criticism.number}项")

    # next year: the unfinished items are carried over into the new outline's first part
    city = get_user_model().objects.get(username="shi_zzb")
    root = Campaign.objects.get(parent=None)
    next_year = campaigns.create_campaign(
        Campaign(
            issuer=root.issuer,
            year=root.year + 1,
            kind=CampaignKind.ANNUAL,
            title="关于开好下一年度民主生活会的通知",
            theme=root.theme,
            latest_meeting_date=local_today() + dt.timedelta(days=400),
        ),
        user=city,
        aspects=[(a.head, a.text) for a in root.aspects.all()],
    )
    campaigns.issue_campaign(next_year, [health.team], user=city)
    new_meeting = Meeting.objects.get(campaign=next_year, team=health.team)
    carried = list(new_meeting.ledger_items.all())
    assert {i.carried_from_id for i in carried} >= {from_criticism.pk}
    assert all(i.carried_from.status != ItemStatus.CLOSED for i in carried)

    author = from_criticism.member
    office.goto(f"{base}/meetings/{new_meeting.pk}/materials/")
    office.select_option("#id_kind", label="个人发言提纲")
    office.select_option("#id_author", label=str(author))
    office.get_by_role("button", name="建立").click()
    office.get_by_role("link", name=re.compile("存为新稿")).click()
    first_part = office.locator("#id_text").input_value().split("二、查摆的主要问题")[0]
    assert from_criticism.problem[:20] in first_part
    assert "上年度未完成" in first_part
