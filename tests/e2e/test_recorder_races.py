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


def test_an_offline_spell_with_two_recorders_keeps_every_turn_in_the_order_spoken(
    browser,
    live_server,
    wanghu,  # noqa: F811
):
    seats = list(wanghu.team.team_members.order_by("-is_principal", "precedence"))
    first_context, first = login(browser, live_server, "wanghu_office")
    second_context, second = login(browser, live_server, "wanghu_office")
    for page in (first, second):
        open_member_item(page, live_server, wanghu, 0)
    before = Turn.objects.filter(meeting=wanghu).count()

    # the first laptop loses the network and keeps typing
    first_context.set_offline(True)
    first.select_option("#id_kind", "criticism")
    first.select_option("#id_speaker", f"seat:{seats[1].pk}")
    first.select_option("#id_target", str(seats[0].pk))
    first.fill("#id_text", "一是联系群众不够；二是调研偏少。")
    first.press("#id_text", "Control+Enter")
    expect(first.locator("#pending li")).to_have_count(1)
    # the second laptop, online, records the next speech
    second.select_option("#id_kind", "criticism")
    second.select_option("#id_speaker", f"seat:{seats[2].pk}")
    second.select_option("#id_target", str(seats[0].pk))
    second.fill("#id_text", "一是放手不够；二是督办不力。")
    second.press("#id_text", "Control+Enter")
    expect(second.locator("#pending li")).to_have_count(0, timeout=10_000)
    first_context.set_offline(False)
    expect(first.locator("#pending li")).to_have_count(0, timeout=15_000)

    stored = list(Turn.objects.filter(meeting=wanghu).order_by("id"))[before:]
    assert [(t.speaker_id, t.text) for t in stored] == [
        (seats[2].pk, "一是放手不够；二是督办不力。"),
        (seats[1].pk, "一是联系群众不够；二是调研偏少。"),
    ]
    from dlm.proceedings import live

    spoken = [t.speaker_id for t in live.record_of(wanghu) if t.pk in {s.pk for s in stored}]
    assert spoken == [seats[1].pk, seats[2].pk]  # placed by the time each was typed

    # and the recorder moves the later one up, on the screen
    moved = stored[0]
    second.reload()
    second.locator(f"#turn-{moved.pk} button[value=up]").click()
    second.wait_for_load_state()
    spoken = [t.speaker_id for t in live.record_of(wanghu) if t.pk in {s.pk for s in stored}]
    assert spoken == [seats[2].pk, seats[1].pk]
