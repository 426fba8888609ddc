from __future__ import annotations

import datetime as dt

from dlm.campaigns.models import Meeting, local_today
from tests.steps import take


def test_the_city_is_not_asked_to_approve_a_streets_plan_but_sees_late_units(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])
    late = Meeting.objects.get(pk=world.district_meeting.pk)
    late.date = local_today() - dt.timedelta(days=1)
    late.save()

    response = as_persona("city_supervisor").get("/")

    # the city reads the street from above, but the district approves its plan
    assert response.context["came_up"] == []
    assert [row["meeting"].pk for row in response.context["late"]] == [late.pk]


def test_district_supervisor_is_asked_to_approve_the_street_plan(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])

    response = as_persona("supervisor").get("/")

    came_up = [(task.unit, task.title) for task in response.context["came_up"]]
    assert came_up == [(world.street.display_name, "审定通过方案")]


def test_member_sees_own_team_meeting_and_next_deadline(world, as_persona):
    response = as_persona("member").get("/")

    rows = response.context["own_rows"]
    assert [row["meeting"].pk for row in rows] == [world.meeting.pk]
    assert rows[0]["next"].key == "plan"
