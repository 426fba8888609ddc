"""The registers before the meeting (issue 19): a row corrected or voided with a reason, never
deleted; a talk recorded twice refused; opinions re-classified; the figures of opinion-
gathering the report states (forms sent and returned, forums, interviews)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from dlm.campaigns.models import Meeting
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.preparation import opinions, talks
from dlm.preparation.enums import TalkKind
from dlm.preparation.models import Consultation, Forum, Opinion, StudySession, Talk
from dlm.preparation.overview import preparation
from dlm.reporting import drafting, figures

DAY = dt.date(2026, 10, 20)


def edit_url(name, row):
    return reverse("preparation:register_edit", args=[name, row.pk])


def void_url(name, row):
    return reverse("preparation:register_void", args=[name, row.pk])


def form_data(response) -> dict:
    """What the edit page's form would send back unchanged (with its revision)."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
        if field.show_hidden_initial:
            data[f"initial-{name}"] = value
    return data


def a_session(world, topic="学习党的二十届四中全会精神") -> StudySession:
    return StudySession.objects.create(
        meeting=world.meeting, held_on=DAY, form="seminar", topic=topic
    )


def test_the_office_corrects_a_study_session_and_the_log_says_what_changed(world, as_persona):
    session = a_session(world)
    office = as_persona("office")
    data = form_data(office.get(edit_url("study", session)))
    data["topic"] = "学习党的二十届四中全会精神专题研讨"

    response = office.post(edit_url("study", session), data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic.endswith("专题研讨")
    entry = AuditEntry.objects.for_object(session).first()
    assert entry.action == "preparation.study.changed"


def test_a_stale_correction_is_refused_and_keeps_what_was_typed(world, as_persona):
    session = a_session(world)
    office = as_persona("office")
    data = form_data(office.get(edit_url("study", session)))
    StudySession.objects.filter(pk=session.pk).update(topic="别人改过的主题")
    data["topic"] = "我改的主题"

    page = office.post(edit_url("study", session), data)

    assert page.status_code == 200
    assert "已有人保存了修改" in page.content.decode() and "我改的主题" in page.content.decode()
    session.refresh_from_db()
    assert session.topic == "别人改过的主题"


def test_a_voided_row_leaves_every_count_and_stays_on_record(world, as_persona):
    kept, twice = a_session(world), a_session(world, topic="重复登记的学习")
    Meeting.objects.filter(pk=world.meeting.pk).update(held_on=dt.date(2026, 11, 10))
    office = as_persona("office")

    refused = office.post(void_url("study", twice), {"reason": ""}, follow=True)
    assert "请写明作废的理由" in refused.content.decode()
    office.post(void_url("study", twice), {"reason": "与第一条重复"})

    twice.refresh_from_db()
    assert twice.voided and twice.void_reason == "与第一条重复"
    assert preparation(world.meeting).study_sessions == 1
    assert figures.gather(world.meeting)["by_key"]["study"] == 1
    page = office.get(reverse("preparation:meeting_study", args=[world.meeting.pk]))
    text = page.content.decode()
    assert "学习研讨（1 次）" in text and "已作废 1 条" in text and "与第一条重复" in text
    # a voided row is not corrected again, nor voided twice
    again = office.post(void_url("study", twice), {"reason": "再次"}, follow=True)
    assert "已于" in again.content.decode()
    assert kept.pk != twice.pk


def test_only_the_office_corrects_the_office_registers(world, as_persona):
    session = a_session(world)
    for persona in ("principal", "member", "supervisor", "guide"):
        assert (
            as_persona(persona).post(void_url("study", session), {"reason": "x"}).status_code == 403
        )
    session.refresh_from_db()
    assert not session.voided


def record(world, member, kind, partner=None, partner_name="", day=DAY):
    talk = Talk(member=member, kind=kind, partner=partner, partner_name=partner_name, held_on=day)
    return talks.record_talk(world.meeting, talk, user=world.users["office"])


def test_the_same_talk_is_not_recorded_twice(world):
    """Walk finding: three identical 陆振邦↔沈佳慧 talks were accepted and made 22 人次."""
    principal, member = world.principal_seat, world.member_seat
    record(world, principal, TalkKind.PRINCIPAL_MEMBER, partner=member)
    with pytest.raises(Refused, match="已经登记过了"):
        record(world, principal, TalkKind.PRINCIPAL_MEMBER, partner=member)
    with pytest.raises(Refused, match="已经登记过了"):  # the same pair told the other way round
        record(world, member, TalkKind.PRINCIPAL_MEMBER, partner=principal)
    record(world, member, TalkKind.BRANCH, partner_name="支部党员 王某")
    with pytest.raises(Refused, match="已经登记过了"):
        record(world, member, TalkKind.BRANCH, partner_name="支部党员王某")
    # another day is another talk
    record(world, principal, TalkKind.PRINCIPAL_MEMBER, partner=member, day=DAY + dt.timedelta(1))
    assert talks.coverage(world.meeting).talks == 3


def test_a_member_corrects_his_own_talk_the_office_without_reading_it(world, as_persona):
    talk = record(world, world.member_seat, TalkKind.BRANCH, partner_name="支部党员王某")
    Talk.objects.filter(pk=talk.pk).update(notes="谈了作风问题")

    member_form = as_persona("member").get(edit_url("talk", talk)).context["form"]
    office_form = as_persona("office").get(edit_url("talk", talk)).context["form"]

    assert "notes" in member_form.fields and "notes" not in office_form.fields
    assert as_persona("principal").get(edit_url("talk", talk)).status_code == 403
    office = as_persona("office")
    office.post(void_url("talk", talk), {"reason": "误录"})
    assert talks.coverage(world.meeting).talks == 0


def test_the_office_reclassifies_a_box_opinion_but_never_rewrites_it(world, as_persona):
    aspect = world.campaign.aspects.first()
    opinion = Opinion.objects.create(
        meeting=world.meeting, source="online", text="希望多到社区走走", received_on=DAY
    )
    office = as_persona("office")
    data = form_data(office.get(edit_url("opinion", opinion)))
    data |= {"about": world.member_seat.pk, "aspect": aspect.pk, "text": "改写的内容"}

    office.post(edit_url("opinion", opinion), data)

    opinion.refresh_from_db()
    assert (opinion.about_id, opinion.aspect_id) == (world.member_seat.pk, aspect.pk)
    assert opinion.text == "希望多到社区走走"  # the sender's words


def test_spam_from_the_box_is_voided_out_of_the_summary(world, as_persona):
    opinions.enter_opinion(
        world.meeting,
        about=None,
        aspect=None,
        source="form",
        text="会议偏多",
        received_on=DAY,
        user=world.users["office"],
    )
    spam = Opinion.objects.create(
        meeting=world.meeting, source="online", text="<script>买房</script>" * 50, received_on=DAY
    )
    office = as_persona("office")
    office.post(void_url("opinion", spam), {"reason": "与民主生活会无关的广告"})

    summary = office.get(reverse("preparation:opinion_summary_docx", args=[world.meeting.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(summary.content)).paragraphs)
    assert "买房" not in text
    assert figures.gather(world.meeting)["by_key"]["opinions"] == 1
    page = office.get(reverse("preparation:meeting_opinions", args=[world.meeting.pk]))
    assert "与民主生活会无关的广告" in page.content.decode()  # on record for the office
    member_page = as_persona("member").get(
        reverse("preparation:meeting_opinions", args=[world.meeting.pk])
    )
    assert "与民主生活会无关的广告" not in member_page.content.decode()


def test_the_report_states_forms_forums_and_interviews_or_leaves_them_to_fill(world, as_persona):
    Meeting.objects.filter(pk=world.meeting.pk).update(held_on=dt.date(2026, 11, 10))
    world.meeting.refresh_from_db()
    office = as_persona("office")
    url = reverse("preparation:consultation_edit", args=[world.meeting.pk])

    too_many = office.post(url, {"forms_sent": "30", "forms_returned": "31", "interviews": ""})
    assert "收回的份数不能多于发放的份数" in too_many.content.decode()
    assert not Consultation.objects.exists()
    office.post(url, {"forms_sent": "30", "forms_returned": "28", "interviews": ""})
    forum_url = reverse("preparation:meeting_forums", args=[world.meeting.pk])
    for topic in ("社区党组织书记座谈会", "群众代表座谈会"):
        office.post(
            forum_url,
            {
                "held_on": "2026-10-25",
                "topic": topic,
                "participants": "社区书记",
                "attendance": "12",
            },
        )
    assert Forum.objects.count() == 2

    _, body = drafting.report(world.meeting, figures.gather(world.meeting))

    assert "发放征求意见表30份、收回28份，召开座谈会2次，" in body
    assert "个别访谈〔未登记：个别访谈人次〕人次" in body  # typed nothing: to fill, not 0
    page = office.get(reverse("preparation:meeting_opinions", args=[world.meeting.pk]))
    assert "发放征求意见表 30 份，收回 28 份；召开座谈会 2 次" in page.content.decode()


def test_an_interview_count_typed_as_zero_is_a_zero(world):
    Consultation.objects.create(meeting=world.meeting, forms_sent=0, interviews=0)
    stated = drafting.Stated(figures.gather(world.meeting)["by_key"])
    assert stated["interviews"] == 0 and stated["forms_sent"] == 0
    assert stated["forms_returned"].startswith("〔未登记")


def test_a_correction_form_shows_the_saved_date(world, as_persona):
    """Walk finding: every 修改 form opened with its date box empty (a localised "2026/10/20"
    the browser's date box does not read), so no correction could be saved."""
    session = a_session(world)
    opinion = Opinion.objects.create(
        meeting=world.meeting, source="form", text="会议多", received_on=DAY
    )
    office = as_persona("office")
    for name, row in (("study", session), ("opinion", opinion)):
        page = office.get(edit_url(name, row)).content.decode()
        assert 'type="date"' in page and f'value="{DAY:%Y-%m-%d}"' in page, name


def test_the_same_entry_sent_again_and_a_slipped_year_are_refused(world, as_persona):
    """Walk findings: back, then 登记 again, added a second identical row; a study session dated
    a year early (2025 for 2026) was accepted."""
    office = as_persona("office")
    url = reverse("preparation:meeting_study", args=[world.meeting.pk])
    data = {"held_on": "2026-11-20", "form": "seminar", "topic": "专题学习研讨"}
    office.post(url, data)
    again = office.post(url, data)
    assert "已经登记过了" in again.content.decode()
    slipped = office.post(url, data | {"held_on": "2025-11-20", "topic": "另一次学习"})
    assert "请核对年份" in slipped.content.decode()
    assert StudySession.objects.count() == 1


def test_the_outline_docx_does_not_repeat_the_writers_own_title():
    from dlm.documents.report import render_text

    content = render_text(
        "贺明远同志2026年度民主生活会发言提纲",
        "2026年度民主生活会个人对照检查发言提纲\n一、学习情况\n认真学习了……",
    )
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert paragraphs[0] == "贺明远同志2026年度民主生活会发言提纲"
    assert "2026年度民主生活会个人对照检查发言提纲" not in paragraphs
