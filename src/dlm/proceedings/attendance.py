"""Who attended, and whether enough members did for the meeting to count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dlm.campaigns.enums import quorum_needed
from dlm.campaigns.models import Meeting
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.proceedings.agenda import team_in_order
from dlm.proceedings.enums import Presence
from dlm.proceedings.models import Attendance


@dataclass(frozen=True)
class QuorumState:
    members: int
    present: int
    needed: int
    rule: str  # "三分之二以上"
    taken: bool  # attendance has been recorded at all

    @property
    def met(self) -> bool:
        return self.taken and self.present >= self.needed

    @property
    def message(self) -> str:
        if not self.taken:
            return "尚未登记到会情况"
        verdict = "符合" if self.met else "不足"
        return (
            f"应到 {self.members} 人，实到 {self.present} 人；"
            f"要求{self.rule}（至少 {self.needed} 人），到会人数{verdict}"
        )


def roll_call(meeting: Meeting) -> list[tuple[int, str]]:
    """(seat id, presence) of the members' lines of the roll call."""
    return list(meeting.attendance.filter(seat__isnull=False).values_list("seat_id", "presence"))


def quorum(
    meeting: Meeting, rows: list[tuple[int, str]] | None = None, members: int | None = None
) -> QuorumState:
    rows = roll_call(meeting) if rows is None else rows
    members = meeting.team.team_members.active().count() if members is None else members
    return QuorumState(
        members=members,
        present=sum(1 for _, p in rows if p == Presence.PRESENT),
        needed=quorum_needed(meeting.campaign.quorum, members),
        rule=meeting.campaign.get_quorum_display(),
        taken=bool(rows),
    )


def check_quorum_for_holding(ctx) -> None:
    """A meeting without quorum cannot be recorded as held (registered on the hold step)."""
    state = quorum(ctx.meeting)
    if not state.taken:
        raise Refused("请先登记到会情况，再登记会议召开")
    if not state.met:
        raise Refused(f"到会人数不足，不能登记召开：{state.message}")


def initial_rows(meeting: Meeting) -> list[dict]:
    """The attendance form's rows: every member (present unless recorded otherwise)."""
    recorded = {a.seat_id: a for a in meeting.attendance.filter(seat__isnull=False)}
    rows = []
    for seat in team_in_order(meeting):
        row = recorded.get(seat.pk)
        rows.append(
            {
                "seat": seat,
                "presence": row.presence if row else Presence.PRESENT,
                "reason": row.reason if row else "",
            }
        )
    return rows


def guests(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.filter(seat__isnull=True))


@transaction.atomic
def save_attendance(
    meeting: Meeting,
    members: dict[int, tuple[str, str]],
    attending: list[tuple[str, str]],
    *,
    user,
) -> QuorumState:
    """Record members' presence (seat id → (presence, reason)) and the 列席 guests; the
    guidance group is listed as 指导 from its assignment."""
    seats = {seat.pk: seat for seat in team_in_order(meeting)}
    if set(members) != set(seats):
        raise Refused("名单与班子成员不一致，请刷新页面后重新登记")
    for seat_id, (presence, reason) in members.items():
        if presence not in (Presence.PRESENT, Presence.ABSENT):
            raise Refused("到会情况只能是出席或缺席")
        if presence == Presence.ABSENT and not reason.strip():
            raise Refused(f"请填写{seats[seat_id].person.name}同志的缺席原因")
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                seat=seats[seat_id],
                person=seats[seat_id].person,
                name=seats[seat_id].person.name,
                title=seats[seat_id].position,
                presence=presence,
                reason=reason.strip() if presence == Presence.ABSENT else "",
            )
            for seat_id, (presence, reason) in members.items()
        ]
        + [
            Attendance(
                meeting=meeting,
                person=guide.person,
                name=guide.person.name,
                title=guide.duty,
                presence=Presence.GUIDING,
            )
            for guide in meeting.guides.select_related("person")
        ]
        + [
            Attendance(meeting=meeting, name=name, title=title, presence=Presence.ATTENDING)
            for name, title in attending
            if name.strip()
        ]
    )
    state = quorum(meeting)
    log_action(
        "proceedings.attendance.recorded",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={
            "缺席": [
                f"{seats[s].person.name}（{r.strip()}）"
                for s, (p, r) in members.items()
                if p == Presence.ABSENT
            ],
            "列席": [name for name, _ in attending if name.strip()],
            "到会": state.message,
        },
    )
    return state
