"""Recording the meeting: turns, points, refusals, retries, concurrent corrections."""

from __future__ import annotations

import json

from django.urls import reverse

from dlm.core.models import AuditEntry
from dlm.proceedings import live
from dlm.proceedings.models import Point, Turn
from tests.factories import TeamMemberFactory
from tests.proceedings.helpers import post_turn, record_script, seat_named
from tests.proceedings.script import SCRIPT


def test_a_criticism_is_stored_with_its_points(held, as_persona):
    response = post_turn(
        as_persona("office"), held, "criticism", "李华", "王明", SCRIPT[1][3], client_id="c-1"
    )

    assert response.status_code == 201
    turn = Turn.objects.get(client_id="c-1")
    assert (turn.speaker_name, turn.target.person.name) == ("李华", "王明")
    assert list(turn.points.values_list("text", flat=True)) == [
        "抓理论学习多停留在集中学习，联系街道实际研究问题少",
        "到社区调研时间偏短，听汇报多，进群众家门少。",
    ]
    assert AuditEntry.objects.filter(action="proceedings.turn.recorded").exists()


def test_a_turn_sent_twice_is_stored_once(held, as_persona):
    office = as_persona("office")
    first = post_turn(office, held, "criticism", "李华", "王明", "一是甲；二是乙。", client_id="x")
    again = post_turn(office, held, "criticism", "李华", "王明", "一是甲；二是乙。", client_id="x")

    assert (first.status_code, again.status_code) == (201, 200)
    assert json.loads(again.content)["created"] is False
    assert Turn.objects.filter(client_id="x").count() == 1


def test_bad_turns_are_refused_with_a_reason_and_nothing_is_saved(held, as_persona):
    office = as_persona("office")
    outsider = TeamMemberFactory(team=held.sibling, position="党组成员")
    cases = [
        ({"target": "王明", "speaker": "王明", "text": "一是甲"}, "不能批评自己"),
        ({"target": "王明", "speaker": "李华", "text": "  "}, "请填写批评意见"),
        ({"target": None, "speaker": "李华", "text": "一是甲"}, "请选择被批评人"),
    ]
    for case, message in cases:
        response = post_turn(
            office, held, "criticism", case["speaker"], case["target"], case["text"]
        )
        assert response.status_code == 400
        assert message in json.loads(response.content)["error"]
    response = office.post(
        reverse("proceedings:meeting_record", args=[held.meeting.pk]),
        {
            "kind": "criticism",
            "speaker": f"seat:{seat_named(held, '李华').pk}",
            "target": str(outsider.pk),
            "text": "一是甲；二是乙",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "一是甲；二是乙" in page  # what was typed stays in the form
    assert "选择一个有效的选项" in page
    assert Turn.objects.count() == 0 and Point.objects.count() == 0


def test_the_plain_form_works_without_javascript(held, as_persona):
    office = as_persona("office")
    url = reverse("proceedings:meeting_record", args=[held.meeting.pk])
    response = office.post(
        url,
        {
            "kind": "criticism",
            "speaker": f"seat:{seat_named(held, '赵刚').pk}",
            "target": str(seat_named(held, "王明").pk),
            "text": SCRIPT[2][3],
        },
    )
    assert response.status_code == 302
    page = office.get(response["Location"]).content.decode()
    assert "对分管领导放手不够" in page


def test_only_the_office_and_the_named_recorder_write(held, as_persona):
    assert post_turn(as_persona("member"), held, "response", "李华", text="接受").status_code == 403
    assert post_turn(as_persona("guide"), held, "response", "李华", text="接受").status_code == 403
    held.meeting.recorder = held.member_seat.person
    held.meeting.save()
    assert post_turn(as_persona("member"), held, "response", "李华", text="接受").status_code == 201


def test_the_record_is_frozen_once_reported(held, as_persona):
    from dlm.campaigns.models import Meeting

    Meeting.objects.filter(pk=held.meeting.pk).update(state="reported")
    response = post_turn(as_persona("office"), held, "response", "李华", text="接受")
    assert response.status_code == 400
    assert "不能再修改" in json.loads(response.content)["error"]


def test_two_recorders_correcting_one_turn_keep_both_texts(held, as_persona):
    post_turn(as_persona("office"), held, "response", "李华", text="我接受。", client_id="t")
    turn = Turn.objects.get(client_id="t")
    url = reverse("proceedings:turn_edit", args=[held.meeting.pk, turn.pk])
    speaker = f"seat:{seat_named(held, '李华').pk}"
    first, second = as_persona("office"), as_persona("office")

    ok = first.post(
        url, {"kind": "response", "speaker": speaker, "text": "第一位记录人的修改", "revision": 1}
    )
    clash = second.post(
        url, {"kind": "response", "speaker": speaker, "text": "第二位记录人的修改", "revision": 1}
    )

    assert ok.status_code == 302
    page = clash.content.decode()
    assert "刚被其他记录人修改过" in page
    assert "第一位记录人的修改" in page and "第二位记录人的修改" in page
    turn.refresh_from_db()
    assert (turn.text, turn.revision) == ("第一位记录人的修改", 2)
    # saving again from the conflict page applies the second text on the new revision
    assert (
        second.post(
            url,
            {"kind": "response", "speaker": speaker, "text": "第二位记录人的修改", "revision": 2},
        ).status_code
        == 302
    )


def test_self_criticism_links_the_approved_outline(held, as_persona):
    from dlm.preparation.enums import MaterialStatus

    material = held.principal_material
    material.status = MaterialStatus.APPROVED
    material.save()
    response = post_turn(as_persona("office"), held, "self_criticism", "王明", use_outline="on")

    assert response.status_code == 201
    turn = Turn.objects.get()
    assert turn.material_version == material.versions.first()
    page = as_persona("member").get(reverse("proceedings:meeting_record", args=[held.meeting.pk]))
    assert "按" + material.title in page.content.decode()


def test_the_screen_preselects_the_next_critic(held, as_persona):
    office = as_persona("office")
    record_script(office, held)  # 王明 and 李华 done
    agenda = list(held.meeting.agenda_items.all())
    third = next(i for i in agenda if i.subject and i.subject.person.name == "赵刚")
    feed = office.get(
        reverse("proceedings:record_feed", args=[held.meeting.pk]), {"item": third.pk}
    )
    suggestion = json.loads(feed.content)["suggestion"]
    assert suggestion["kind"] == "self_criticism"
    assert suggestion["speaker"] == f"seat:{seat_named(held, '赵刚').pk}"

    post_turn(office, held, "self_criticism", "赵刚", text="我作对照检查。", item=third.pk)
    feed = office.get(reverse("proceedings:record_feed", args=[held.meeting.pk]))
    suggestion = json.loads(feed.content)["suggestion"]
    assert suggestion["kind"] == "criticism"
    assert suggestion["speaker"] == f"seat:{seat_named(held, '王明').pk}"
    assert suggestion["target"] == str(seat_named(held, "赵刚").pk)


def test_live_rules_flag_hopes_praise_too_few_and_no_response(held, as_persona):
    office = as_persona("office")
    post_turn(office, held, "self_criticism", "赵刚", text="我作对照检查。")
    post_turn(office, held, "criticism", "王明", "赵刚", "希望赵刚同志今后多下基层。")
    post_turn(office, held, "criticism", "李华", "赵刚", "赵刚同志工作勤恳、成绩突出，但调研不够。")

    state = live.live_rules(
        held.meeting, live.record_of(held.meeting), live.criticism_counts(held.meeting)
    )
    messages = [m for _, m in state.faults]
    assert any("以提希望" in m for m in messages)
    assert any("先肯定成绩" in m for m in messages)
    assert [r.seat.person.name for r in state.too_few] == []  # 2 points: at the minimum
    assert [r.seat.person.name for r in state.not_responded] == ["赵刚"]
    page = office.get(
        reverse("proceedings:meeting_record", args=[held.meeting.pk])
    ).content.decode()
    assert "赵刚已接受批评，尚未表态" in page


def test_escaping_in_the_record(held, as_persona):
    post_turn(as_persona("office"), held, "response", "李华", text="<script>alert(1)</script>接受")
    page = as_persona("member").get(reverse("proceedings:meeting_record", args=[held.meeting.pk]))
    assert "<script>alert(1)" not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_the_guide_comment_is_recorded_under_the_guides_name(held, as_persona):
    response = as_persona("office").post(
        reverse("proceedings:meeting_record", args=[held.meeting.pk]),
        {"kind": "guidance", "speaker": f"guide:{held.guide.pk}", "text": "会议开得严肃认真。"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 201
    turn = Turn.objects.get()
    assert (turn.speaker_id, turn.speaker_name) == (None, held.guide.person.name)
    assert turn.agenda_item.kind == "guidance"


def test_oversized_and_hostile_posts_are_refused(held, as_persona):
    office = as_persona("office")
    huge = post_turn(office, held, "response", "李华", text="接" * 20_001)
    assert huge.status_code == 400
    assert "不超过 20000 字" in json.loads(huge.content)["error"]
    long_id = post_turn(office, held, "response", "李华", text="接受", client_id="x" * 65)
    assert long_id.status_code == 400
    assert Turn.objects.count() == 0


def test_an_absent_member_is_out_of_the_turn_order_and_cannot_be_recorded_speaking(
    held, as_persona
):
    from dlm.proceedings.agenda import draft
    from dlm.proceedings.attendance import save_attendance

    absent = seat_named(held, "赵刚")
    save_attendance(
        held.meeting,
        {
            seat.pk: ("absent", "因公出差") if seat == absent else ("present", "")
            for seat in held.seats
        },
        [],
        user=held.users["office"],
    )

    titles = [item.title for item in draft(held.meeting)]
    assert not any("赵刚" in title for title in titles)
    assert any("李华" in title for title in titles)

    office = as_persona("office")
    refused = post_turn(
        office, held, "criticism", "赵刚", "王明", "一是甲；二是乙。", client_id="a"
    )
    assert refused.status_code == 400
    assert "已登记为缺席" in json.loads(refused.content)["error"]
    assert not Turn.objects.filter(client_id="a").exists()


def test_a_turn_moved_up_reads_in_its_new_place_and_the_move_is_logged(held, as_persona):
    office = as_persona("office")
    post_turn(office, held, "criticism", "李华", "王明", "一是甲；二是乙。", client_id="m1")
    post_turn(office, held, "criticism", "赵刚", "王明", "一是丙；二是丁。", client_id="m2")
    second = Turn.objects.get(client_id="m2")
    url = reverse("proceedings:turn_move", args=[held.meeting.pk, second.pk])

    assert as_persona("member").post(url, {"direction": "up"}).status_code in (403, 404)
    response = office.post(url, {"direction": "up"})

    assert response.status_code == 302
    order = [t.client_id for t in live.record_of(held.meeting) if t.client_id in ("m1", "m2")]
    assert order == ["m2", "m1"]
    assert AuditEntry.objects.filter(action="proceedings.turn.moved").count() == 1
    refused = office.post(url, {"direction": "up"}, follow=True)
    assert "不能再移动" in refused.content.decode()


def test_a_turn_typed_earlier_but_synced_late_lands_where_it_was_spoken(held, as_persona):
    import datetime as dt

    office = as_persona("office")
    post_turn(office, held, "criticism", "李华", "王明", "一是甲；二是乙。", client_id="early")
    post_turn(office, held, "criticism", "赵刚", "王明", "一是丙；二是丁。", client_id="next")
    early = Turn.objects.get(client_id="early")
    # a second recorder's turn, typed offline before both, arrives now
    before = (early.typed_at - dt.timedelta(minutes=2)).isoformat()
    response = post_turn(
        office,
        held,
        "criticism",
        "赵刚",
        "王明",
        "一是戊；二是己。",
        client_id="offline",
        typed_at=before,
    )

    assert response.status_code == 201
    assert Turn.objects.get(client_id="offline").agenda_item_id == early.agenda_item_id
    order = [
        t.client_id
        for t in live.record_of(held.meeting)
        if t.agenda_item_id == early.agenda_item_id
    ]
    assert order.index("offline") < order.index("early") < order.index("next")


def test_points_are_spans_over_the_verbatim_text_and_the_recorder_can_redivide(held, as_persona):
    office = as_persona("office")
    said = "王明同志工作很拼，我提两点。首先，调研偏少，基层情况掌握不全；其次，会议偏多。"
    post_turn(office, held, "criticism", "李华", "王明", said, client_id="s1")
    turn = Turn.objects.get(client_id="s1")
    assert turn.text == said  # what was said, verbatim
    spans = [(p.start, p.end, p.text) for p in turn.points.all()]
    assert [said[s:e].strip("；;，, ") for s, e, _ in spans] == [t for _, _, t in spans]
    assert [t for _, _, t in spans] == ["调研偏少，基层情况掌握不全", "会议偏多。"]

    url = reverse("proceedings:turn_edit", args=[held.meeting.pk, turn.pk])
    form = office.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        text=said,
        use_outline="",
        points="调研偏少\n基层情况掌握不全\n会议偏多",
        target=str(turn.target_id),
        speaker=form.initial["speaker"],
    )
    assert office.post(url, data).status_code == 302
    turn.refresh_from_db()
    assert turn.points_by_hand
    assert [p.text for p in turn.points.all()] == ["调研偏少", "基层情况掌握不全", "会议偏多"]
    assert all(said[p.start : p.end] == p.text for p in turn.points.all())


def test_each_members_turn_is_named_as_the_notice_names_it(held):
    from dlm.campaigns.models import Campaign
    from dlm.proceedings.agenda import draft

    Campaign.objects.filter(pk=held.campaign.pk).update(
        title="关于召开学习贯彻主题教育专题民主生活会的通知",
        own_requirements="会前认真开展检视剖析，深挖问题根源。",
    )
    held.meeting.campaign.refresh_from_db()

    titles = [item.title for item in draft(held.meeting)]

    assert any("作个人检视剖析" in title for title in titles)
    assert not any("对照检查，其他同志" in title for title in titles)
