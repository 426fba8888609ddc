"""The district's organisation department follows its teams in Chromium: finds a late team
and a copied material on the overview, returns a plan, downloads the combined report."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Campaign, Meeting
from dlm.demo.world import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_superior_follows_its_teams(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "qu_zzb")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    forwarded = Campaign.objects.exclude(parent=None).get()
    page.goto(f"{live_server.url}/campaigns/{forwarded.pk}/")
    page.get_by_role("link", name="督导总览").click()
    table = page.locator("table.overview")
    expect(table.locator("tbody tr")).to_have_count(4)  # the four units the district forwarded to

    # a late team
    page.get_by_label("时限").select_option("overdue")
    page.get_by_role("button", name="筛选").click()
    late_rows = table.locator("tbody tr")
    expect(late_rows.first).to_have_class("row-warn")
    expect(late_rows.first.locator(".badge.status-overdue")).to_contain_text("报送方案")
    expect(table).to_contain_text("清河街道")

    # a copied material, to the passages side by side
    page.get_by_label("时限").select_option("")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name="材料").click()  # sort by the highest copied share
    first_copy = table.locator("a.badge", has_text="雷同").first
    expect(first_copy).to_be_visible()
    first_copy.click()
    expect(page.locator("body")).to_contain_text("雷同")
    page.go_back()
    page.get_by_role("link", name="跨单位雷同").click()
    expect(page.locator("h1")).to_have_text("跨单位雷同")

    # the plan waiting for the district, returned with a reason
    yibao = Meeting.objects.get(campaign=forwarded, team__short_name="区医保局党组")
    assert yibao.state == MeetingState.PLAN_SUBMITTED
    page.goto(f"{live_server.url}/meetings/{yibao.pk}/")
    page.get_by_role("link", name="退回方案", exact=True).click()
    page.fill("#id_note", "征求意见范围应覆盖局属单位")
    page.get_by_role("button", name="确认退回方案").click()
    expect(page.locator(".state")).to_have_text("制定方案")

    # the combined report: asked for, made in the background, downloaded from its page
    page.goto(f"{live_server.url}/campaigns/{forwarded.pk}/overview/")
    page.get_by_role("button", name="生成综合报告（Word）").click()
    expect(page.locator("#job-state")).to_have_text("已完成")
    with page.expect_download() as download:
        page.locator("#job-download").click()
    text = "\n".join(
        p.text for p in Document(io.BytesIO(download.value.path().read_bytes())).paragraphs
    )
    assert "督导范围内共4个班子" in text
    assert "已召开民主生活会" in text and "整改" in text
    context.close()
