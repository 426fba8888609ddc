"""The office's registers before the meeting — study sessions, opinions, talks, typical cases,
forums — as one table, with one door each for adding, correcting and voiding a row.

A row is never deleted: a talk entered three times or a spam entry from the box is voided
with a reason, stays in the record (its page shows it struck through) and leaves every count,
document and report (``RegisterQuerySet.in_force``). Every correction is checked, carries the
revision of what the form showed (no lost save) and is in the audit log with what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from dlm.campaigns.models import local_today
from dlm.core.audit import log_action, log_changes, snapshot
from dlm.core.errors import Refused
from dlm.core.revisions import ensure_fresh
from dlm.organisations.rules import Access
from dlm.preparation.enums import TalkKind
from dlm.preparation.models import Forum, Opinion, StudySession, Talk, TypicalCase


def _office(access: Access, row) -> bool:
    return access.is_office_of(row.meeting.team)


def _office_or_party(access: Access, talk: Talk) -> bool:
    """A talk: the office, or either of the two people who talked."""
    seat = access.seat_in(talk.meeting.team)
    return _office(access, talk) or (
        seat is not None and seat.pk in (talk.member_id, talk.partner_id)
    )


def check_talk(talk: Talk) -> None:
    """The 四必谈's rules for one talk, and no second record of the same talk: the same two
    people, the same kind, the same day (three identical entries made 22 人次 of 16)."""
    from dlm.preparation.talks import check_pair

    check_pair(talk.meeting, talk)
    _plausible(talk, "held_on")
    same = Talk.objects.in_force().filter(
        meeting=talk.meeting, kind=talk.kind, held_on=talk.held_on
    )
    if talk.pk:
        same = same.exclude(pk=talk.pk)
    if talk.partner_id:
        pair = {talk.member_id, talk.partner_id}
        twice = [
            t for t in same.filter(partner__isnull=False) if {t.member_id, t.partner_id} == pair
        ]
    else:
        name = "".join(talk.partner_name.split())
        twice = [
            t
            for t in same.filter(member=talk.member, partner__isnull=True)
            if "".join(t.partner_name.split()) == name
        ]
    if twice:
        raise Refused(
            f"这次谈话已经登记过了（{talk.held_on:%Y-%m-%d}，{TalkKind(talk.kind).label}，"
            f"{twice[0]}）；如需补充内容，请修改已登记的那一条",
            field="held_on",
        )


def _same_text(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def not_twice(field: str, day: str | None):
    """A register's check: the same entry (same words, same day) is not entered twice (a form
    sent again after going back added a second row)."""

    def check(row) -> None:
        same = type(row).objects.in_force().filter(meeting=row.meeting)
        if day:
            same = same.filter(**{day: getattr(row, day)})
        if row.pk:
            same = same.exclude(pk=row.pk)
        twice = next((o for o in same if _same_text(getattr(o, field), getattr(row, field))), None)
        if twice is not None:
            raise Refused(
                f"“{twice}”已经登记过了（可能是返回后重复提交）；如需修改，请修改已登记的那一条"
            )
        if day:
            _plausible(row, day)

    return check


PREPARATION_SPAN = 183  # days before the last day to hold the meeting


def _plausible(row, day: str) -> None:
    """A date half a year or more before the meeting is another year's (a slip of the year:
    2025 typed for 2026). Not the day the notice was entered in DLM: offices often start
    before the notice reaches the system."""
    latest = row.meeting.campaign.latest_meeting_date
    when = getattr(row, day)
    if latest is not None and when is not None and (latest - when).days > PREPARATION_SPAN:
        raise Refused(
            f"日期 {when:%Y-%m-%d} 比会议召开时限（{latest:%Y-%m-%d}）早半年以上，请核对年份",
            field=day,
        )


@dataclass(frozen=True)
class Register:
    name: str  # in URLs
    label: str  # 学习研讨
    model: type
    list_url: str  # the page that lists the register
    may_change: Callable[[Access, object], bool]
    check: Callable[[object], None] | None = None


REGISTERS: dict[str, Register] = {
    register.name: register
    for register in [
        Register(
            "study",
            "学习研讨",
            StudySession,
            "preparation:meeting_study",
            _office,
            not_twice("topic", "held_on"),
        ),
        Register("opinion", "意见建议", Opinion, "preparation:meeting_opinions", _office),
        Register(
            "talk", "谈心谈话", Talk, "preparation:meeting_talks", _office_or_party, check_talk
        ),
        Register(
            "case",
            "典型事例",
            TypicalCase,
            "preparation:meeting_cases",
            _office,
            not_twice("title", None),
        ),
        Register(
            "forum",
            "座谈会",
            Forum,
            "preparation:meeting_opinions",
            _office,
            not_twice("topic", "held_on"),
        ),
    ]
}


def _log_data(row) -> dict:
    return {"title": str(row)[:60]}


@transaction.atomic
def record(register: Register, meeting, form, *, user):
    """A new row from a valid form (its people too)."""
    row = form.save(commit=False)
    row.meeting = meeting
    if register.check is not None:
        register.check(row)
    row.save()
    form.save_m2m()
    log_action(
        f"preparation.{register.name}.recorded",
        user=user,
        target=row,
        organisation=meeting.team,
        data=_log_data(row),
    )
    return row


@transaction.atomic
def change(register: Register, form, *, user, before: dict, fields: list[str]):
    """The office's (or a talk's own people's) correction of a row, unless someone saved it
    meanwhile or it was voided meanwhile."""
    row = form.instance
    saved = type(row).objects.select_for_update().get(pk=row.pk)
    if saved.voided:
        raise Refused(f"这条{register.label}已作废，不能修改")
    ensure_fresh(row, fields, form.posted_revision())
    if register.check is not None:
        register.check(row)
    form.save()  # the row and its people
    log_changes(
        f"preparation.{register.name}.changed",
        user=user,
        target=row,
        organisation=row.meeting.team,
        before=before,
        after=snapshot(row, fields=fields),
    )
    return row


@transaction.atomic
def void(register: Register, row, reason: str, *, user):
    row = type(row).objects.select_for_update().get(pk=row.pk)
    if row.voided:
        raise Refused(f"这条{register.label}已于 {row.voided_on:%Y-%m-%d} 作废")
    if not reason.strip():
        raise Refused("请写明作废的理由（如：重复登记、误录、无关内容）", field="reason")
    row.voided_on, row.void_reason = local_today(), reason.strip()[:300]
    row.save(update_fields=["voided_on", "void_reason"])
    log_action(
        f"preparation.{register.name}.voided",
        user=user,
        target=row,
        organisation=row.meeting.team,
        data={"title": str(row)[:60], "理由": row.void_reason},
    )
    return row


@transaction.atomic
def save_consultation(meeting, form, *, user):
    """The counts of 征求意见表 and 个别访谈 (one row a meeting), with the revision the form
    showed; an empty box is "not recorded", not 0."""
    from dlm.preparation.models import Consultation

    row = form.instance
    fields = list(form.edited_fields())
    if row.pk:
        ensure_fresh(row, fields, form.posted_revision())
        before = snapshot(Consultation.objects.get(pk=row.pk), fields=fields)
    else:
        Consultation.objects.select_for_update().filter(meeting=meeting).first()
        if Consultation.objects.filter(meeting=meeting).exists():
            raise Refused("征求意见情况刚被他人保存过，请刷新后再填写")
        before = {}
    row.meeting, row.updated_by = meeting, user
    row.save()
    log_changes(
        "preparation.consultation.saved",
        user=user,
        target=row,
        organisation=meeting.team,
        before=before,
        after=snapshot(row, fields=fields),
    )
    return row
