"""The 四必谈: recording talks, the coverage matrix, and private notes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dlm.core.errors import Refused
from dlm.preparation import talks
from dlm.preparation.enums import TalkKind
from dlm.preparation.models import Talk

DAY = dt.date(2026, 11, 1)
ALL = {"covered_team": True, "covered_own": True, "covered_other": True, "covered_criticism": True}


def url(world):
    return reverse("preparation:meeting_talks", args=[world.meeting.pk])


def record(world, member, kind, partner=None, partner_name="", **extra):
    talk = Talk(
        member=member, kind=kind, partner=partner, partner_name=partner_name, held_on=DAY, **extra
    )
    return talks.record_talk(world.meeting, talk, user=world.users["office"])


def test_coverage_counts_required_pairs_and_outside_talks(world):
    seats = list(world.street.team_members.order_by("precedence"))
    principal = world.principal_seat
    others = [s for s in seats if s != principal]

    empty = talks.coverage(world.meeting)
    assert (empty.missing_pairs, empty.missing_outside) == (3, 6)  # 3 seats: 3 pairs; 2 kinds × 3

    record(world, principal, TalkKind.PRINCIPAL_MEMBER, partner=others[0], **ALL)
    record(world, others[1], TalkKind.MEMBER_MEMBER, partner=others[0])  # either direction counts
    record(world, others[0], TalkKind.UNIT_HEAD, partner_name="社区书记王某")

    done = talks.coverage(world.meeting)
    assert (done.missing_pairs, done.missing_outside, done.talks, done.person_times) == (1, 5, 3, 6)


@pytest.mark.parametrize(
    ("kind", "partner", "name", "message"),
    [
        (TalkKind.MEMBER_MEMBER, None, "", "请选择班子内的谈话对象"),
        (TalkKind.PRINCIPAL_MEMBER, "member", "", "须有一方是主要负责同志"),
        (TalkKind.MEMBER_MEMBER, "principal", "", "请选“主要负责同志与班子成员”"),
        (TalkKind.BRANCH, None, " ", "请填写谈话对象的姓名和职务"),
        (TalkKind.MEMBER_MEMBER, "self", "", "不能与自己谈话"),
    ],
)
def test_impossible_talks_are_refused(world, kind, partner, name, message):
    other = world.street.team_members.exclude(
        pk__in=[world.member_seat.pk, world.principal_seat.pk]
    ).first()
    partners = {
        "member": other,
        "principal": world.principal_seat,
        "self": world.member_seat,
        None: None,
    }

    with pytest.raises(Refused, match=message):
        record(world, world.member_seat, kind, partner=partners[partner], partner_name=name)
    assert not Talk.objects.exists()


def test_notes_are_private_to_the_two_and_the_principal_when_shared(world, as_persona):
    record(
        world, world.member_seat, TalkKind.BRANCH, partner_name="支部党员李某", notes="谈了作风问题"
    )
    record(
        world,
        world.member_seat,
        TalkKind.UNIT_HEAD,
        partner_name="科长赵某",
        notes="谈了学习问题",
        share_with_principal=True,
    )

    def readable(persona):
        rows = as_persona(persona).get(url(world)).context["rows"]
        return {talk.notes for talk, can, _ in rows if can}

    assert readable("member") == {"谈了作风问题", "谈了学习问题"}
    assert readable("principal") == {"谈了学习问题"}
    assert readable("office") == set()
    assert readable("supervisor") == set()


def test_a_member_records_his_own_talk_and_the_supervisor_cannot(world, as_persona):
    data = {
        "member": world.member_seat.pk,
        "kind": TalkKind.PRINCIPAL_MEMBER,
        "partner": world.principal_seat.pk,
        "held_on": "2026-11-02",
        "covered_team": "on",
    }

    assert as_persona("member").post(url(world), data).status_code == 302
    assert as_persona("supervisor").post(url(world), data).status_code == 403
    other = world.street.team_members.exclude(pk=world.member_seat.pk).first()
    forged = as_persona("member").post(url(world), data | {"member": other.pk})
    assert "选择一个有效的选项" in forged.content.decode()
    assert Talk.objects.count() == 1


def test_matrix_page_shows_what_is_missing(world, as_persona):
    page = as_persona("office").get(url(world)).content.decode()

    assert "还缺 3 对班子成员之间的谈话" in page
