"""Taking the meeting's steps in tests the way an office does: the plan written first, an
offline approval with its evidence."""

from __future__ import annotations

from dlm.campaigns import domain
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.campaigns.process import OfflineEvidence
from dlm.preparation import plans

OFFLINE = OfflineEvidence(approver="测试区委组织部干部科", document_number="测组审〔2027〕1号")
NEEDS_PLAN = ("submit_plan", "approve_plan_offline")


def write_plan(meeting: Meeting, user) -> None:
    """Save the drafted plan unless one is saved (only possible while planning)."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.state == MeetingState.PLANNING and plans.latest_version(meeting) is None:
        plans.save_plan(meeting, plans.draft(meeting), user=user)


def take(meeting: Meeting, name: str, *, user, office=None, **kwargs) -> Meeting:
    if name in NEEDS_PLAN:
        write_plan(meeting, office or user)
    if name == "approve_plan_offline":
        kwargs.setdefault("evidence", OFFLINE)
    return domain.take_step(meeting, name, user=user, **kwargs)
