"""The guidance group (指导组/督导组) a superior sends to one meeting.

Guides read the meeting's preparation and materials, review materials, attend as 指导 and
give the 点评. They are named per meeting, not given a role over an organisation: a group
guides a handful of teams for one campaign and then goes home.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, MeetingGuide
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.organisations.models import Person
from dlm.organisations.rules import Access


def candidates(access: Access, meeting: Meeting):
    """People the superior may send: anyone in the subtrees it supervises, except the
    team's own members (a team does not guide itself) and those already sent."""
    within = Q(pk__in=[])
    for path in access.supervised_paths:
        within |= Q(organisation__path__startswith=path)
    return (
        Person.objects.filter(within)
        .exclude(seats__team=meeting.team, seats__active=True)
        .exclude(guided_meetings__meeting=meeting)
        .select_related("organisation")
        .order_by("organisation__path", "name")
    )


@transaction.atomic
def assign_guide(meeting: Meeting, person: Person, duty: str, *, user) -> MeetingGuide:
    if meeting.state == MeetingState.CLOSED:
        raise Refused("民主生活会已结束，不能再派出指导组")
    if person.seats.filter(team=meeting.team, active=True).exists():
        raise Refused("本班子成员不能担任本班子民主生活会的指导组成员", field="person")
    try:
        with transaction.atomic():
            guide = MeetingGuide.objects.create(
                meeting=meeting, person=person, duty=duty.strip(), assigned_by=user
            )
    except IntegrityError:
        raise Refused(f"{person.name}已在指导组中", field="person") from None
    log_action(
        "campaigns.guide.assigned",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"指导组成员": person.name, "指导职责": guide.duty},
    )
    return guide


@transaction.atomic
def remove_guide(guide: MeetingGuide, *, user) -> None:
    meeting = guide.meeting
    if meeting.state == MeetingState.CLOSED:
        raise Refused("民主生活会已结束，指导组名单不再变动")
    log_action(
        "campaigns.guide.removed",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"指导组成员": guide.person.name, "指导职责": guide.duty},
    )
    guide.delete()
