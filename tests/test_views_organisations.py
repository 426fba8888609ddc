from __future__ import annotations

from django.urls import reverse

from dlm.core.models import AuditEntry
from dlm.organisations.models import Organisation, TeamMember
from tests.forms import post_edit


def member_data(**overrides):
    data = {
        "name": "郭新",
        "position": "党工委委员",
        "areas_overseen": "城市管理",
        "own_branch": "",
        "precedence": "5",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_office_adds_a_team_member(world, as_persona):
    response = as_persona("office").post(
        reverse("organisations:member_create", args=[world.street.pk]),
        member_data(own_branch=world.branch.pk),
    )

    assert response.status_code == 302
    seat = TeamMember.objects.get(person__name="郭新")
    assert (seat.team, seat.own_branch) == (world.street, world.branch)
    assert AuditEntry.objects.for_object(seat).get().action == "organisations.member.added"


def test_a_second_principal_is_refused_and_the_form_kept(world, as_persona):
    response = as_persona("office").post(
        reverse("organisations:member_create", args=[world.street.pk]),
        member_data(is_principal="on"),
    )

    page = response.content.decode()
    assert f"本班子的主要负责同志已是{world.principal_seat.person.name}" in page
    assert 'value="郭新"' in page
    assert not TeamMember.objects.filter(person__name="郭新").exists()


def test_editing_a_member_logs_the_change(world, as_persona):
    seat = world.member_seat
    response = post_edit(
        as_persona("office"),
        reverse("organisations:member_edit", args=[world.street.pk, seat.pk]),
        member_data(
            name=seat.person.name,
            position="党工委副书记",
            areas_overseen=seat.areas_overseen,
            precedence=seat.precedence,
        ),
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.for_object(seat).get()
    assert entry.data["changes"] == {"班子职务": ["党工委委员", "党工委副书记"]}


def test_supervisor_adds_a_unit_below(world, as_persona):
    response = as_persona("supervisor").post(
        reverse("organisations:suborganisation_create", args=[world.district.pk]),
        {"name": "中共测试区教育局党组", "kind": "party_group", "sort_order": "0"},
    )

    child = Organisation.objects.get(name="中共测试区教育局党组")
    assert response.status_code == 302
    assert child.parent == world.district
    assert child.path.startswith(world.district.path)


def test_organisation_list_shows_only_what_the_user_may_see(world, as_persona):
    response = as_persona("sibling").get(reverse("organisations:organisation_list"))

    assert [o.name for o in response.context["organisations"]] == [world.sibling.name]
