"""The live recorder under a real user's speed and a real network's delay (issue 17): the
stored record equals what was typed, and who spoke is never changed under the recorder."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dlm.proceedings.models import Turn
from tests.e2e.test_recording_in_browser import login, wanghu  # noqa: F401 - the fixture

pytestmark = pytest.mark.e2e


def slow_network(context, page, latency_ms: int) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def open_member_item(page, live_server, meeting, number: int) -> None:
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/record/")
    page.locator("#agenda-panel li a").nth(3 + number).click()
    page.wait_for_load_state()


def test_a_fast_typist_on_a_slow_network_files_each_turn_under_its_speaker(
    browser,
    live_server,
    wanghu,  # noqa: F811
):
    context, page = login(browser, live_server, "wanghu_office")
    seats = list(wanghu.team.team_members.order_by("-is_principal", "precedence"))
    open_member_item(page, live_server, wanghu, 0)
    slow_network(context, page, 300)
    expect(page.locator("#id_speaker")).to_have_value(f"seat:{seats[0].pk}")
    before = Turn.objects.filter(meeting=wanghu).count()

    page.fill("#id_text", "我作个人对照检查，主要问题有三个方面。")
    page.press("#id_text", "Control+Enter")
    # the next speech is typed and saved at once, before the screen hears who is next
    page.fill("#id_text", "一是学习不够深入；二是调研偏少。")
    page.press("#id_text", "Control+Enter")
    expect(page.locator("#turn-count")).to_have_text(str(before + 2), timeout=15_000)

    first, second = Turn.objects.filter(meeting=wanghu).order_by("-id")[:2][::-1]
    assert (first.kind, first.speaker_id) == ("self_criticism", seats[0].pk)
    assert (second.kind, second.speaker_id, second.target_id) == (
        "criticism",
        seats[1].pk,
        seats[0].pk,
    )
    assert second.text == "一是学习不够深入；二是调研偏少。"


def test_a_speaker_chosen_by_hand_survives_the_refresh(browser, live_server, wanghu):  # noqa: F811
    context, page = login(browser, live_server, "wanghu_office")
    seats = list(wanghu.team.team_members.order_by("-is_principal", "precedence"))
    open_member_item(page, live_server, wanghu, 1)
    chosen = f"seat:{seats[4].pk}"
    page.select_option("#id_speaker", chosen)
    page.wait_for_timeout(6_500)  # a refresh of the screen passes, the text box still empty
    expect(page.locator("#id_speaker")).to_have_value(chosen)
    page.fill("#id_text", "我补充一点意见。")
    page.press("#id_text", "Control+Enter")
    expect(page.locator("#pending li")).to_have_count(0, timeout=10_000)
    assert Turn.objects.filter(meeting=wanghu).order_by("-id").first().speaker_id == seats[4].pk
