"""The ledger: items from the record, progress with evidence, 销号 with approvals, reopening,
overdue items, and last year's unfinished items carried into the next campaign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dlm.campaigns import domain as campaigns
from dlm.campaigns.models import Campaign, Meeting
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.preparation import domain as preparation
from dlm.preparation.enums import MaterialKind
from dlm.proceedings.models import Point, Turn
from dlm.rectification import domain
from dlm.rectification.enums import ItemStatus, SourceKind
from dlm.rectification.models import Item
from tests import factories as f


def criticism(world) -> Turn:
    turn = Turn.objects.create(
        meeting=world.meeting,
        kind="criticism",
        speaker=world.principal_seat,
        speaker_name=world.principal_seat.person.name,
        target=world.member_seat,
        text="一是调研不深；二是落实不紧。",
        client_id="c1",
    )
    Point.objects.bulk_create(
        [
            Point(turn=turn, position=1, text="调研不深"),
            Point(turn=turn, position=2, text="落实不紧"),
        ]
    )
    return turn


def item_for(world, **changes) -> Item:
    data = domain.ItemInput(
        problem="调研不深",
        measures="每月到社区调研不少于两次",
        responsible=world.member_seat,
        kind="deadline",
        member=world.member_seat,
        deadline=dt.date(2027, 3, 31),
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return domain.create_item(world.meeting, data, user=world.users["office"])


def test_an_item_drawn_from_a_criticism_links_back_to_it(after, as_persona):
    turn = criticism(after)
    office = as_persona("office")
    url = reverse("rectification:item_create", args=[after.meeting.pk]) + f"?turn={turn.pk}"

    page = office.get(url).content.decode()
    assert "调研不深；落实不紧" in page

    response = office.post(
        url,
        {
            "member": after.member_seat.pk,
            "problem": "调研不深；落实不紧",
            "measures": "每月到社区调研不少于两次；建立台账跟踪",
            "responsible": after.member_seat.pk,
            "kind": "deadline",
            "deadline": "2027-03-31",
            "source_kind": "criticism",
        },
    )

    assert response.status_code == 302
    item = Item.objects.get()
    assert item.number == 1 and item.sources.get().turn == turn
    detail = as_persona("member").get(item.get_absolute_url()).content.decode()
    assert "会上批评意见" in detail and f"#turn-{turn.pk}" in detail
    assert AuditEntry.objects.filter(action="rectification.item.created").exists()


def test_an_item_drawn_from_an_opinion(after, as_persona):
    from dlm.preparation import opinions

    opinion = opinions.enter_opinion(
        after.meeting,
        about=None,
        aspect=None,
        source="forum",
        text="会议多、下沉少",
        received_on=dt.date(2026, 10, 1),
        user=after.users["office"],
    )
    url = reverse("rectification:item_create", args=[after.meeting.pk]) + f"?opinion={opinion.pk}"
    assert "会议多、下沉少" in as_persona("office").get(url).content.decode()


def test_bad_items_are_refused_and_the_form_keeps_what_was_typed(after, as_persona):
    response = as_persona("office").post(
        reverse("rectification:item_create", args=[after.meeting.pk]),
        {
            "problem": "落实不紧",
            "measures": "建立台账",
            "responsible": after.member_seat.pk,
            "kind": "deadline",
            "source_kind": "criticism",
        },
    )
    page = response.content.decode()
    assert "限期整改的事项须写明完成时限" in page and "建立台账" in page
    assert Item.objects.count() == 0


def test_no_ledger_before_the_meeting(world):
    with pytest.raises(Refused, match="会议召开后"):
        item_for(world)


def test_closing_needs_evidence_and_the_principals_approval(after, as_persona):
    item = item_for(after)
    member, principal = as_persona("member"), as_persona("principal")
    action = lambda name: reverse("rectification:item_action", args=[item.pk, name])  # noqa: E731

    member.post(action("request"))
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN  # refused: no evidence yet

    member.post(
        item.get_absolute_url(),
        {
            "on": "2026-11-20",
            "text": "已到三个社区调研",
            "files": SimpleUploadedFile("调研记录.docx", b"evidence"),
        },
    )
    member.post(action("request"))
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSING

    assert member.post(action("approve_principal")).status_code == 403
    assert as_persona("office").post(action("approve_principal")).status_code == 403
    principal.post(action("approve_principal"))
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.closed_on is not None

    principal.post(action("reopen"), {"reason": ""})
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED  # a reason is needed
    principal.post(action("reopen"), {"reason": "群众反映问题反弹"})
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN and item.principal_approved_on is None
    reopened = AuditEntry.objects.get(action="rectification.item.reopened")
    assert reopened.data["理由"] == "群众反映问题反弹"


def test_where_the_campaign_says_so_the_superior_approves_too(after, as_persona):
    Campaign.objects.filter(pk=after.campaign.pk).update(superior_approves_closing=True)
    item = item_for(after)
    domain.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    domain.request_closing(item, user=after.users["office"])
    action = lambda name: reverse("rectification:item_action", args=[item.pk, name])  # noqa: E731

    as_persona("principal").post(action("approve_principal"))
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSING

    as_persona("supervisor").post(action("approve_superior"))
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_declining_sends_the_item_back_with_a_reason(after):
    item = item_for(after)
    domain.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    domain.request_closing(item, user=after.users["office"])
    with pytest.raises(Refused, match="理由"):
        domain.decline_closing(item, " ", user=after.users["principal"])
    domain.decline_closing(item, "佐证不足", user=after.users["principal"])
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN


def test_overdue_items_are_flagged_for_the_office_and_on_the_owners_home_page(after, as_persona):
    item_for(after, deadline=dt.date(2026, 11, 10), problem="值班制度执行不严")

    ledger = as_persona("office").get(
        reverse("rectification:meeting_ledger", args=[after.meeting.pk])
    )
    assert "逾期 1 项" in ledger.content.decode()
    home = as_persona("member").get(reverse("workbench:home")).content.decode()
    assert "整改：值班制度执行不严" in home and "已逾期" in home


def test_other_units_and_other_members_do_not_see_a_members_item(after, as_persona):
    item = item_for(after, member=after.principal_seat, responsible=after.principal_seat)
    assert as_persona("member").get(item.get_absolute_url()).status_code == 404
    assert as_persona("sibling").get(item.get_absolute_url()).status_code == 404
    listing = as_persona("member").get(
        reverse("rectification:meeting_ledger", args=[after.meeting.pk])
    )
    assert "调研不深" not in listing.content.decode()


def test_unfinished_items_are_carried_into_next_years_meeting_and_its_skeleton(after):
    open_item = item_for(after, problem="调研不深，走马观花")
    closed = item_for(after, problem="已经整改完的事")
    domain.add_progress(
        closed, dt.date(2026, 11, 20), "完成", [("a.pdf", b"x")], user=after.users["office"]
    )
    domain.request_closing(closed, user=after.users["office"])
    domain.approve_closing(closed, as_superior=False, user=after.users["principal"])
    team_item = item_for(
        after, member=None, problem="班子议事规则执行不严", responsible=after.principal_seat
    )

    next_year = f.CampaignFactory(issuer=after.city, year=after.campaign.year + 1)
    f.AspectFactory(campaign=next_year, position=1, head="政治建设方面")
    campaigns.issue_campaign(next_year, [after.street], user=after.users["city_supervisor"])
    meeting = Meeting.objects.get(campaign=next_year, team=after.street)

    carried = list(meeting.ledger_items.order_by("number"))
    assert [i.carried_from for i in carried] == [open_item, team_item]
    assert carried[0].sources.get().kind == SourceKind.CARRIED_OVER
    assert AuditEntry.objects.filter(action="rectification.item.carried_over").count() == 2

    outline = preparation.create_material(
        meeting, kind=MaterialKind.PERSONAL, author=after.member_seat, user=after.users["office"]
    )
    skeleton = preparation.skeleton(outline)
    first_part = skeleton.split("二、查摆的主要问题")[0]
    assert "调研不深，走马观花（上年度未完成" in first_part
    assert "班子议事规则执行不严" not in first_part  # the team's, in the team material
    team_material = preparation.create_material(
        meeting, kind=MaterialKind.TEAM, author=None, user=after.users["office"]
    )
    assert "班子议事规则执行不严" in preparation.skeleton(team_material).split("二、")[0]
