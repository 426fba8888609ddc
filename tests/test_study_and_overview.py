"""Study sessions and the office's one-page view of the preparation."""

from __future__ import annotations

from django.urls import reverse

from dlm.preparation.models import StudySession


def test_office_records_a_study_session_with_attendees(world, as_persona):
    url = reverse("preparation:meeting_study", args=[world.meeting.pk])

    response = as_persona("office").post(
        url,
        {
            "held_on": "2026-11-05",
            "form": "central_group",
            "topic": "学习党章和准则",
            "attendees": [world.principal_seat.pk, world.member_seat.pk],
        },
    )

    assert response.status_code == 302
    session = StudySession.objects.get()
    assert set(session.attendees.all()) == {world.principal_seat, world.member_seat}
    assert as_persona("member").post(url, {"topic": "x"}).status_code == 403


def test_a_future_study_date_is_refused_and_the_topic_kept(world, as_persona):
    response = as_persona("office").post(
        reverse("preparation:meeting_study", args=[world.meeting.pk]),
        {"held_on": "2099-01-01", "form": "self", "topic": "自学原著"},
    )

    page = response.content.decode()
    assert "日期不能晚于今天" in page
    assert 'value="自学原著"' in page


def test_the_preparation_page_counts_and_names_what_is_missing(world, as_persona):
    from dlm.preparation import domain as preparation

    preparation.submit_material(world.material, user=world.users["member"])  # one sent
    page = as_persona("office").get(
        reverse("preparation:meeting_preparation", args=[world.meeting.pk])
    )

    prep = page.context["prep"]
    # the principal's outline is a draft: written, not sent for review, so not submitted
    assert (prep.study_sessions, prep.opinions, prep.materials_submitted) == (0, 0, 1)
    assert prep.materials_expected == 4  # three seats and the team material
    names = {
        seat.person.name for seat in world.street.team_members.exclude(pk=world.member_seat.pk)
    }
    assert set(prep.without_outline) == names
    text = page.content.decode()
    assert "还没有登记学习研讨" in text
    assert "发言提纲未送审：" in text
    assert "班子对照检查材料尚未送审" in text


def test_office_records_a_typical_case_linked_to_members(world, as_persona):
    from dlm.preparation.models import TypicalCase

    url = reverse("preparation:meeting_cases", args=[world.meeting.pk])
    response = as_persona("office").post(
        url,
        {
            "title": "某小区加装电梯拖延",
            "description": "群众反映半年未推进。",
            "members": [world.member_seat.pk],
        },
    )

    assert response.status_code == 302
    case = TypicalCase.objects.get()
    assert list(case.members.all()) == [world.member_seat]
    assert "某小区加装电梯拖延" in as_persona("member").get(url).content.decode()
    assert as_persona("member").post(url, {"title": "x"}).status_code == 403
