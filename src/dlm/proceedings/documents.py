"""The plain data the minutes documents are rendered from, built from the record."""

from __future__ import annotations

from dlm.campaigns.models import Meeting
from dlm.documents.minutes import CountData, MinutesData, TurnData
from dlm.proceedings import live
from dlm.proceedings.agenda import agenda_of
from dlm.proceedings.enums import Presence


def minutes_data(meeting: Meeting) -> MinutesData:
    turns = live.record_of(meeting)
    counts = live.criticism_counts(meeting, turns)
    attendance = list(meeting.attendance.select_related("person"))
    day = meeting.held_on or meeting.date
    when = f"{day.year}年{day.month}月{day.day}日" if day else "—"
    if meeting.start_time:
        when += f" {meeting.start_time:%H:%M}"

    def named(presence):
        return [a for a in attendance if a.presence == presence]

    return MinutesData(
        team=meeting.team.name,
        label=meeting.campaign.label,
        member_turn=meeting.campaign.member_turn,
        individual_turn=meeting.campaign.individual_turn,
        theme=meeting.campaign.theme,
        time=when,
        place=meeting.place,
        host=meeting.host.person.name if meeting.host else "",
        recorder=meeting.recorder.name if meeting.recorder else "",
        present=[a.display_name for a in named(Presence.PRESENT)],
        absent=[(a.display_name, a.reason) for a in named(Presence.ABSENT)],
        attending=[(a.name, a.title) for a in named(Presence.ATTENDING)],
        guiding=[(a.display_name, a.title) for a in named(Presence.GUIDING)],
        agenda=[item.title for item in agenda_of(meeting)],
        turns=[
            TurnData(
                speaker=t.speaker_name,
                kind=t.kind,
                kind_label=t.get_kind_display(),
                target=t.target.person.name if t.target_id else None,
                text=t.text,
                points=[p.text for p in t.points.all()],
                outline=(
                    f"《{t.material_version.material.title}》（第{t.material_version.number}稿）"
                    if t.material_version_id
                    else None
                ),
            )
            for t in turns
        ],
        counts=[
            CountData(r.seat.person.name, r.criticisms, r.points, r.by, r.absent) for r in counts
        ],
    )
