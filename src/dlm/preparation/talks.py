"""The 四必谈: recording talks and checking that every required pair has talked.

Required: the principal with every member; every two members with each other; every member
with the heads of the units he oversees, and with representatives of his own party branch.
A pair counts as done by any talk between the two, whoever recorded it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.preparation.enums import TalkKind
from dlm.preparation.models import Talk


@dataclass
class Coverage:
    seats: list
    matrix: (
        list  # rows: (seat, [cell], unit-head talks, branch talks); cell "self"|"done"|"missing"
    )
    unit_head: dict  # seat id -> talks with heads of overseen units
    branch: dict  # seat id -> talks with branch representatives
    missing_pairs: int
    missing_outside: int
    talks: int

    @property
    def person_times(self) -> int:
        """人次: each talk involves two people."""
        return self.talks * 2

    @property
    def missing(self) -> int:
        return self.missing_pairs + self.missing_outside


def coverage(meeting) -> Coverage:
    seats = list(meeting.team.team_members.active().select_related("person").order_by("precedence"))
    talks = list(Talk.objects.in_force().filter(meeting=meeting))
    pairs = {frozenset((t.member_id, t.partner_id)) for t in talks if t.partner_id}
    unit_head = {s.pk: 0 for s in seats}
    branch = {s.pk: 0 for s in seats}
    for talk in talks:
        if talk.kind == TalkKind.UNIT_HEAD and talk.member_id in unit_head:
            unit_head[talk.member_id] += 1
        if talk.kind == TalkKind.BRANCH and talk.member_id in branch:
            branch[talk.member_id] += 1
    matrix = []
    missing_pairs = 0
    for seat in seats:
        cells = []
        for other in seats:
            if other.pk == seat.pk:
                cells.append("self")
            elif frozenset((seat.pk, other.pk)) in pairs:
                cells.append("done")
            else:
                cells.append("missing")
                missing_pairs += 1
        matrix.append((seat, cells, unit_head[seat.pk], branch[seat.pk]))
    missing_outside = sum(1 for n in unit_head.values() if not n) + sum(
        1 for n in branch.values() if not n
    )
    return Coverage(
        seats, matrix, unit_head, branch, missing_pairs // 2, missing_outside, len(talks)
    )


def check_pair(meeting, talk: Talk) -> None:
    team = meeting.team
    if talk.member.team_id != team.pk:
        raise Refused("谈话人须是本班子成员", field="member")
    inside = talk.kind in (TalkKind.PRINCIPAL_MEMBER, TalkKind.MEMBER_MEMBER)
    if inside:
        if talk.partner is None or talk.partner.team_id != team.pk:
            raise Refused("请选择班子内的谈话对象", field="partner")
        if talk.partner_id == talk.member_id:
            raise Refused("不能与自己谈话", field="partner")
        principal_involved = talk.member.is_principal or talk.partner.is_principal
        if talk.kind == TalkKind.PRINCIPAL_MEMBER and not principal_involved:
            raise Refused("主要负责同志与班子成员的谈话，须有一方是主要负责同志", field="kind")
        if talk.kind == TalkKind.MEMBER_MEMBER and principal_involved:
            raise Refused("与主要负责同志的谈话请选“主要负责同志与班子成员”", field="kind")
        talk.partner_name = ""
    else:
        if not talk.partner_name.strip():
            raise Refused("请填写谈话对象的姓名和职务", field="partner_name")
        talk.partner = None


@transaction.atomic
def record_talk(meeting, talk: Talk, *, user) -> Talk:
    from dlm.preparation.registers import check_talk

    talk.meeting = meeting
    check_talk(talk)  # the pair's rules, and not the same talk twice
    talk.save()
    log_action(
        "preparation.talk.recorded",
        user=user,
        target=talk,
        organisation=meeting.team,
        data={"kind": TalkKind(talk.kind).label, "with": talk.partner_display},
    )
    return talk


def can_read_notes(access, talk: Talk) -> bool:
    seat = access.seat_in(talk.meeting.team)
    if seat is None:
        return False
    if seat.pk in (talk.member_id, talk.partner_id):
        return True
    return seat.is_principal and talk.share_with_principal
