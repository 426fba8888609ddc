"""Sending a late team a 提醒, 督办 or 预警, and its answer: one function each, audited, told.

A superior escalates one level at a time (提醒 → 督办 → 预警; a 督办 and a 预警 carry the date
by which the team must answer); each lands first in the team office's 待办, is answered there,
and is in the meeting's history and in the sender's 已办. Its letter is a .docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from dlm.campaigns.models import Meeting, local_today
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.supervision.models import LEVELS, Urging, UrgingLevel

# Who hears of it (the reminders app), registered from AppConfig.ready().
URGING_EVENTS: list[Callable[[Urging, str, object], None]] = []


def next_levels(meeting: Meeting) -> list[str]:
    """The levels that may be sent now: the same again, or one up from the highest sent."""
    sent = [LEVELS.index(u.level) for u in meeting.urgings.all()]
    top = max(sent, default=-1)
    return LEVELS[: min(top + 2, len(LEVELS))]


@transaction.atomic
def send(
    meeting: Meeting, level: str, text: str, reply_by: dt.date | None, *, sender: str, user
) -> Urging:
    meeting = Meeting.objects.select_for_update().select_related("team").get(pk=meeting.pk)
    if level not in LEVELS:
        raise Refused("请选择督办级别", field="level")
    if level not in next_levels(meeting):
        before = LEVELS[LEVELS.index(level) - 1]
        raise Refused(
            f"请先发{UrgingLevel(before).label}：督办逐级升级（提醒→督办→预警）", field="level"
        )
    if not text.strip():
        raise Refused("请写明督办事项", field="text")
    if level != UrgingLevel.REMIND and reply_by is None:
        raise Refused(f"{UrgingLevel(level).label}须写明限期答复日期", field="reply_by")
    if reply_by is not None and reply_by < local_today():
        raise Refused("限期答复日期不能早于今天", field="reply_by")
    urging = Urging.objects.create(
        meeting=meeting,
        level=level,
        text=text.strip(),
        reply_by=reply_by,
        sender=sender[:120],
        sent_by=user,
        sent_on=local_today(),
    )
    log_action(
        "supervision.urging.sent",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={
            "级别": urging.get_level_display(),
            "事项": urging.text,
            "期限说明": f"（限{reply_by:%Y年%-m月%-d日}前答复）" if reply_by else "",
        },
    )
    for hook in URGING_EVENTS:
        hook(urging, "sent", user)
    return urging


@transaction.atomic
def answer(urging: Urging, text: str, *, user) -> Urging:
    urging = Urging.objects.select_for_update().select_related("meeting__team").get(pk=urging.pk)
    if urging.answered_on is not None:
        raise Refused(f"已于 {urging.answered_on:%Y-%m-%d} 答复")
    if not text.strip():
        raise Refused("请填写答复", field="answer")
    urging.answer, urging.answered_by, urging.answered_on = text.strip(), user, local_today()
    urging.save(update_fields=["answer", "answered_by", "answered_on"])
    # the earlier, lower levels still open are answered by the same words (一并答复)
    Urging.objects.filter(
        meeting=urging.meeting, answered_on__isnull=True, sent_on__lte=urging.sent_on
    ).exclude(pk=urging.pk).update(
        answer=f"（一并答复）{urging.answer}", answered_by=user, answered_on=urging.answered_on
    )
    log_action(
        "supervision.urging.answered",
        user=user,
        target=urging.meeting,
        organisation=urging.meeting.team,
        data={"级别": urging.get_level_display(), "答复": urging.answer},
    )
    for hook in URGING_EVENTS:
        hook(urging, "answered", user)
    return urging
