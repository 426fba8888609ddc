"""A person in a real browser: log in, open the meeting, read its timeline, take a step."""

from __future__ import annotations

import pytest

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting

pytestmark = pytest.mark.e2e


def test_office_logs_in_opens_the_meeting_and_sees_its_timeline(page_as, live_world):
    page = page_as("office")

    page.get_by_role("link", name=live_world.street.name).first.click()

    timeline = page.get_by_label("各环节时限")
    assert timeline.is_visible()
    assert "报送方案（会前10日）" in timeline.inner_text()
    assert "截止 2027-01-10" in timeline.inner_text()


def test_office_writes_then_submits_the_plan_without_javascript(page_as, live_world, live_server):
    page = page_as("office")
    page.goto(f"{live_server.url}/meetings/{live_world.meeting.pk}/")

    page.get_by_role("link", name="报送方案").click()
    page.get_by_role("button", name="确认报送方案").click()
    assert "请先在“实施方案”页面制定并保存方案" in page.inner_text("main form")

    page.goto(f"{live_server.url}/meetings/{live_world.meeting.pk}/")
    page.get_by_role("link", name="实施方案").click()
    page.get_by_role("button", name="保存").click()
    page.goto(f"{live_server.url}/meetings/{live_world.meeting.pk}/")
    page.get_by_role("link", name="报送方案").click()
    page.get_by_role("button", name="确认报送方案").click()

    assert "已向中共测试区委报送" in page.inner_text(".messages")
    meeting = Meeting.objects.get(pk=live_world.meeting.pk)
    assert (meeting.state, meeting.plan_version_submitted) == (MeetingState.PLAN_SUBMITTED, 1)
    page.get_by_role("link", name="实施方案").click()
    assert "不能直接修改" in page.inner_text("main")
    assert page.get_by_role("button", name="保存").count() == 0


def test_refused_step_shows_the_reason_on_the_page(page_as, live_world, live_server):
    page = page_as("office")
    page.goto(f"{live_server.url}/meetings/{live_world.meeting.pk}/steps/hold/")

    assert "当前阶段为“制定方案”，不能登记会议已召开" in page.inner_text("main")
    assert page.get_by_role("button", name="确认登记会议已召开").count() == 0


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (375, 740)])
def test_meeting_page_fits_the_screen(page_as, live_world, live_server, width, height):
    page = page_as("member", width=width, height=height)
    page.goto(f"{live_server.url}/meetings/{live_world.meeting.pk}/")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0
    assert page.get_by_label("各环节时限").is_visible()


@pytest.mark.parametrize("path", ["/", "/meetings/", "/campaigns/", "/orgs/"])
def test_list_pages_fit_a_phone(page_as, live_server, path):
    page = page_as("supervisor", width=375, height=740)
    page.goto(f"{live_server.url}{path}")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0, path
