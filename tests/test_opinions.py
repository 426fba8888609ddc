"""Opinions: the office's register, who sees which, and the anonymous public box."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from dlm.core.models import AuditEntry
from dlm.preparation import opinions
from dlm.preparation.enums import OpinionSource
from dlm.preparation.models import Opinion


def opinions_url(world):
    return reverse("preparation:meeting_opinions", args=[world.meeting.pk])


def box_url(world):
    return reverse("preparation:opinion_box", args=[world.box.token])


@pytest.fixture
def no_wait(monkeypatch):
    # The box refuses forms sent within seconds of loading; tests are faster than people.
    monkeypatch.setattr(opinions, "MIN_SECONDS", 0)


def send(client: Client, world, text: str, **extra):
    page = client.get(box_url(world))
    token = page.context["form"]["token"].value()
    time.sleep(0.01)
    data = {"text": text, "token": token, "website": ""} | extra
    return client.post(
        box_url(world), data, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="UA-Marker-42"
    )


def test_office_enters_opinions_and_sees_the_summary(world, as_persona):
    client = as_persona("office")
    for about, source in [("", "forum"), (world.member_seat.pk, "form")]:
        response = client.post(
            opinions_url(world),
            {
                "source": source,
                "about": about,
                "aspect": "",
                "text": f"意见{source}",
                "received_on": "2026-11-20",
            },
        )
        assert response.status_code == 302

    summary = client.get(opinions_url(world)).context["summary"]

    assert summary["source"] == {"座谈会": 1, "征求意见表": 1}
    assert summary["target"] == {"班子": 1, world.member_seat.person.name: 1}
    assert AuditEntry.objects.filter(action="preparation.opinion.entered").count() == 2


def test_opinions_about_a_person_reach_only_that_person_and_the_principal(world, as_persona):
    office = world.users["office"]
    about_member = opinions.enter_opinion(
        world.meeting,
        about=world.member_seat,
        aspect=None,
        source=OpinionSource.FORM,
        text="对某委员的意见",
        received_on=world.meeting.date.replace(year=2026, month=11, day=1),
        user=office,
    )
    opinions.enter_opinion(
        world.meeting,
        about=None,
        aspect=None,
        source=OpinionSource.FORUM,
        text="对班子的意见",
        received_on=about_member.received_on,
        user=office,
    )
    other_seat = world.street.team_members.exclude(
        pk__in=[world.member_seat.pk, world.principal_seat.pk]
    ).first()
    other = Client()
    from tests.factories import UserFactory

    other_user = UserFactory()
    other_seat.person.user = other_user
    other_seat.person.save()
    other.force_login(other_user)

    def texts(client):
        return {o.text for o in client.get(opinions_url(world)).context["opinions"]}

    assert texts(as_persona("member")) == {"对某委员的意见", "对班子的意见"}
    assert texts(as_persona("principal")) == {"对某委员的意见", "对班子的意见"}
    assert texts(other) == {"对班子的意见"}


def test_only_the_office_enters_opinions_and_opens_the_box(world, as_persona):
    assert as_persona("member").post(opinions_url(world), {"text": "x"}).status_code == 403
    settings_url = reverse("preparation:box_settings", args=[world.meeting.pk])
    assert as_persona("principal").post(settings_url, {"action": "close"}).status_code == 403
    assert as_persona("sibling").post(settings_url, {"action": "close"}).status_code == 404

    assert as_persona("office").post(settings_url, {"action": "close"}).status_code == 302
    world.box.refresh_from_db()
    assert world.box.is_open is False


def test_anonymous_box_accepts_an_opinion_and_stores_nothing_identifying(world, no_wait):
    client = Client()
    entries_before = AuditEntry.objects.count()

    response = send(client, world, "希望班子多到社区听取意见", about=world.member_seat.pk)

    assert response.status_code == 200
    assert "已收到您的意见" in response.content.decode()
    opinion = Opinion.objects.get(source=OpinionSource.ONLINE)
    assert opinion.about == world.member_seat
    assert AuditEntry.objects.count() == entries_before
    assert "sessionid" not in client.cookies
    # nothing in any table holds the sender's address or browser
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                dump = repr(row)
                assert "203.0.113.77" not in dump, table
                assert "UA-Marker-42" not in dump, table
    assert not any(f.get_internal_type() == "DateTimeField" for f in Opinion._meta.fields)


def test_the_box_refuses_robots_floods_and_repeats(world, no_wait):
    client = Client()

    robot = send(client, world, "广告", website="http://spam.example")
    assert "提交无效" in robot.content.decode()

    assert "已收到" in send(client, world, "第一条意见").content.decode()
    repeat = send(client, world, "第一条意见")
    assert "相同的意见今天已经收到" in repeat.content.decode()

    world.box.daily_limit = 2
    world.box.save()
    assert "已收到" in send(client, world, "第二条意见").content.decode()
    assert "已达上限（2条）" in send(client, world, "第三条意见").content.decode()
    assert Opinion.objects.filter(source=OpinionSource.ONLINE).count() == 2


def test_forms_sent_too_fast_or_with_a_forged_token_are_refused(world):
    client = Client()
    fast = send(client, world, "秒填的意见")
    forged = client.post(box_url(world), {"text": "伪造", "token": "box:forged:sig"})

    assert "提交过快" in fast.content.decode()
    assert "提交无效" in forged.content.decode()
    assert not Opinion.objects.exists()


def test_script_in_an_opinion_is_shown_as_text(world, no_wait, as_persona):
    send(Client(), world, "<script>alert('x')</script>班子作风")

    page = as_persona("office").get(opinions_url(world)).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_closed_box_says_so(world, no_wait):
    opinions.close_box(world.box, user=world.users["office"])

    page = Client().get(box_url(world)).content.decode()

    assert "意见箱已关闭" in page


def test_the_office_gets_a_qr_code_of_the_box_link(world, as_persona):
    page = as_persona("office").get(opinions_url(world)).content.decode()

    assert "<svg" in page and "打印张贴用二维码" in page
    assert world.box.token in page


def test_the_opinion_form_lists_the_aspects_and_members(world, as_persona):
    import io

    import docx

    response = as_persona("office").get(
        reverse("preparation:opinion_form_docx", args=[world.meeting.pk])
    )

    document = docx.Document(io.BytesIO(response.content))
    team_rows = [row.cells[0].text for row in document.tables[0].rows[1:]]
    member_rows = [row.cells[0].text for row in document.tables[1].rows[1:]]
    assert team_rows == ["政治建设方面", "担当作为方面"]
    assert member_rows[0].startswith(world.principal_seat.person.name)
    # a week before the meeting's own date (2027-01-20), not the notice's last day (01-31)
    assert "2027年1月13日前交回" in "\n".join(p.text for p in document.paragraphs)
    # room to write by hand on paper
    assert document.tables[0].rows[1].height.cm >= 4


def test_the_summary_export_holds_only_what_the_reader_may_see(world, as_persona):
    import io

    import docx

    office = world.users["office"]
    for about, text in [(None, "对班子的意见"), (world.principal_seat, "对书记的意见")]:
        opinions.enter_opinion(
            world.meeting,
            about=about,
            aspect=None,
            source=OpinionSource.FORUM,
            text=text,
            received_on=world.meeting.date.replace(year=2026, month=11, day=2),
            user=office,
        )
    url = reverse("preparation:opinion_summary_docx", args=[world.meeting.pk])

    def texts(persona):
        document = docx.Document(io.BytesIO(as_persona(persona).get(url).content))
        return [row.cells[3].text for row in document.tables[-1].rows[1:]]

    assert sorted(texts("office")) == ["对书记的意见", "对班子的意见"]
    assert texts("member") == ["对班子的意见"]


def test_an_over_long_opinion_is_refused_with_its_length_and_kept(world, no_wait):
    """Walk finding: text over 2,000 characters was cut silently (the browser's maxlength)."""
    client = Client()
    page = client.get(box_url(world))
    assert "maxlength" not in page.content.decode().split('name="text"')[1].split(">")[0]
    long_text = "意见" * 1100
    response = send(client, world, long_text)
    body = response.content.decode()
    assert "意见内容不超过2000字（现为2200字）" in body
    assert long_text in body  # what was typed is still there
    assert not Opinion.objects.filter(source="online").exists()


def test_the_development_servers_log_leaves_out_the_box(world):
    import logging

    from dlm.core.logs import WithoutOpinionBox

    box = logging.LogRecord(
        "django.server",
        20,
        "",
        0,
        '"%s" %s %s',
        (f"POST /opinion-box/{world.box.token}/ HTTP/1.1", 302, 0),
        None,
    )
    other = logging.LogRecord(
        "django.server", 20, "", 0, '"%s" %s %s', ("GET / HTTP/1.1", 200, 5), None
    )
    assert not WithoutOpinionBox().filter(box) and WithoutOpinionBox().filter(other)


def test_opinions_of_a_day_are_not_listed_in_the_order_they_arrived(world, as_persona, no_wait):
    """An anonymous opinion between two office entries must not be dated by its place."""
    for text in ("z 第一条（办公室）", "a 第二条", "m 第三条"):
        Opinion.objects.create(
            meeting=world.meeting, source="form", text=text, received_on=dt.date(2026, 11, 2)
        )
    listed = [o.text for o in Opinion.objects.filter(meeting=world.meeting)]
    assert listed == sorted(listed)


def test_one_form_sends_one_opinion(world, no_wait):
    """Walk finding (issue 20): one form token was replayed 295 times in 16 s and filled the
    day's cap, so a genuine sender was turned away."""
    client = Client()
    page = client.get(box_url(world))
    token = page.context["form"]["token"].value()
    time.sleep(0.01)
    first = client.post(box_url(world), {"text": "第一条", "token": token, "website": ""})
    replayed = client.post(box_url(world), {"text": "第二条", "token": token, "website": ""})

    assert "已收到" in first.content.decode()
    assert "这份表单已经提交过了" in replayed.content.decode()
    assert Opinion.objects.filter(source=OpinionSource.ONLINE).count() == 1
    # a genuine sender with a fresh form is still heard
    assert "已收到" in send(Client(), world, "另一位群众的意见").content.decode()


def test_an_opinions_id_does_not_say_when_it_came(world, no_wait):
    """Issue 20: sequential ids put an anonymous opinion between two the office entered."""
    ids = [
        Opinion.objects.create(
            meeting=world.meeting, source="form", text=f"第{n}条", received_on=dt.date(2026, 11, 2)
        ).pk
        for n in range(6)
    ]
    assert ids != sorted(ids) or ids != list(range(ids[0], ids[0] + 6))
    assert all(0 < pk < 2**53 for pk in ids)
