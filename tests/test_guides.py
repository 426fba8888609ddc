"""The guidance group: sent by the superior above, reads and reviews one meeting, no more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dlm.campaigns import guides
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, MeetingGuide
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.preparation.enums import MaterialStatus
from tests import factories as f
from tests.conftest import client_for


def test_the_supervisor_above_sends_and_withdraws_a_guide(world, as_persona):
    supervisor = as_persona("supervisor")
    url = reverse("campaigns:meeting_guides", args=[world.meeting.pk])
    person = f.PersonFactory(organisation=world.district, name="督导员甲")

    page = supervisor.get(url).content.decode()
    assert "督导员甲" in page  # a candidate
    assert world.principal_seat.person.name not in page.split("派出指导组成员")[1]

    response = supervisor.post(url, {"person": person.pk, "duty": "督导组联络员"})
    assert response.status_code == 302
    seat = MeetingGuide.objects.get(meeting=world.meeting, person=person)
    assert seat.duty == "督导组联络员"
    entry = AuditEntry.objects.filter(action="campaigns.guide.assigned").latest("id")
    assert entry.data["指导组成员"] == "督导员甲"

    remove = reverse("campaigns:meeting_guide_remove", args=[world.meeting.pk, seat.pk])
    assert supervisor.post(remove).status_code == 302
    assert not MeetingGuide.objects.filter(pk=seat.pk).exists()
    assert AuditEntry.objects.filter(action="campaigns.guide.removed").exists()


@pytest.mark.parametrize("persona", ["office", "principal", "member", "guide"])
def test_only_the_superior_names_guides(world, as_persona, persona):
    person = f.PersonFactory(organisation=world.district)
    client = as_persona(persona)
    add = reverse("campaigns:meeting_guides", args=[world.meeting.pk])
    remove = reverse("campaigns:meeting_guide_remove", args=[world.meeting.pk, world.guide.pk])

    assert client.post(add, {"person": person.pk, "duty": "x"}).status_code == 403
    assert client.post(remove).status_code == 403
    assert MeetingGuide.objects.filter(meeting=world.meeting).count() == 1


def test_a_team_member_cannot_guide_his_own_team(world):
    with pytest.raises(Refused, match="本班子成员不能担任"):
        guides.assign_guide(
            world.meeting, world.member_seat.person, "组员", user=world.users["supervisor"]
        )


def test_the_same_person_is_not_sent_twice(world):
    with pytest.raises(Refused, match="已在指导组中"):
        guides.assign_guide(
            world.meeting, world.guide.person, "组长", user=world.users["supervisor"]
        )


def test_a_closed_meeting_keeps_its_guides(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(state=MeetingState.CLOSED)
    world.meeting.refresh_from_db()
    with pytest.raises(Refused, match="已结束"):
        guides.remove_guide(world.guide, user=world.users["supervisor"])


def test_guide_reads_the_meeting_and_reviews_the_principals_outline(world, as_persona):
    guide = as_persona("guide")
    material = world.principal_material
    material.status = MaterialStatus.SUBMITTED
    material.save()

    dashboard = guide.get(reverse("workbench:home")).content.decode()
    assert "我指导的民主生活会" in dashboard and world.street.name in dashboard
    assert world.street.name in guide.get(reverse("campaigns:meeting_list")).content.decode()
    meeting_page = guide.get(world.meeting.get_absolute_url()).content.decode()
    assert "您是本次会议的指导组成员（区委第二督导组组长）" in meeting_page

    review = reverse("preparation:material_review", args=[material.pk])
    response = guide.post(review, {"decision": "approved", "comment": "剖析深刻，同意"})
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.status == MaterialStatus.APPROVED


def test_guide_sees_no_other_meeting(world, as_persona):
    guide = as_persona("guide")
    district = guide.get(world.district_meeting.get_absolute_url())
    assert district.status_code == 404
    listing = guide.get(reverse("campaigns:meeting_list")).content.decode()
    assert world.district.name not in listing


def test_guide_does_not_read_private_talk_notes(world, as_persona):
    from dlm.preparation.models import Talk

    Talk.objects.create(
        meeting=world.meeting,
        member=world.principal_seat,
        partner=world.member_seat,
        kind="principal_member",
        held_on="2026-11-01",
        notes="只给两人看的谈话记录",
    )
    page = as_persona("guide").get(reverse("preparation:meeting_talks", args=[world.meeting.pk]))
    assert "只给两人看的谈话记录" not in page.content.decode()


def test_a_guide_from_the_city_is_assigned_by_the_city(world):
    """The city's department supervises the district's own meeting from above."""
    person = f.PersonFactory(organisation=world.city)
    client = client_for(world.users["city_supervisor"])
    url = reverse("campaigns:meeting_guides", args=[world.district_meeting.pk])
    assert client.post(url, {"person": person.pk, "duty": "市委督导组组长"}).status_code == 302
    district_sup = client_for(world.users["supervisor"])
    assert district_sup.post(url, {"person": person.pk, "duty": "x"}).status_code == 403
