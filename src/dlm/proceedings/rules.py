"""Who may read and write the meeting's record.

Everyone who reads the meeting reads its record: the members were in the room, supervisors
and the guidance group read it to judge the meeting. Writing is for the team's office and
for the person named recorder (记录人) of the meeting.
"""

from __future__ import annotations

from dlm.campaigns.models import Meeting
from dlm.campaigns.rules import can_view_meeting
from dlm.organisations.rules import Access


def can_read_record(access: Access, meeting: Meeting) -> bool:
    return can_view_meeting(access, meeting)


def can_record(access: Access, meeting: Meeting) -> bool:
    if access.is_office_of(meeting.team):
        return True
    recorder = meeting.recorder
    return (
        recorder is not None and access.user_id is not None and recorder.user_id == access.user_id
    )
