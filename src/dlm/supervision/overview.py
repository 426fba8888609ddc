"""One row per team for a superior following a campaign across its subtree.

Built in a fixed number of queries whatever the number of teams: the meetings with their
counts as subqueries, then one grouped query each for criticisms per member and for team
sizes; the stages come from the pure deadline engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from dlm.campaigns.deadlines import Stage, Status
from dlm.campaigns.models import Campaign, Meeting
from dlm.organisations.models import TeamMember
from dlm.organisations.rules import Access
from dlm.preparation.models import Material, Opinion, Talk
from dlm.proceedings.enums import Presence
from dlm.proceedings.models import Attendance, Turn
from dlm.rectification.enums import IN_FORCE, UNFINISHED, ItemStatus
from dlm.rectification.models import Item
from dlm.reporting.models import Package
from dlm.supervision import copies

STAGE_KEYS = ("plan", "meeting", "report", "briefing", "rectification")


@dataclass
class Quality:
    """The team's materials as last assessed (preparation.quality)."""

    materials: int = 0
    missing_aspects: int = 0  # materials that leave an aspect of the notice out
    placeholders: int = 0  # materials with placeholders left (××, 某某)
    copied_share: float = 0.0  # the highest share copied from one source
    copy_source: str = ""
    copy_relation: str = ""
    copy_material: int | None = None
    copy_doc: int | None = None
    copy_title: str = ""  # the material that copied (the source is copy_source)
    cluster: copies.Incident | None = None  # the 雷同群 one of the materials is listed in
    cluster_material: Material | None = None  # that material

    def take(self, pk, missing, placeholders, share, relation, source, doc, title) -> None:
        self.materials += 1
        self.missing_aspects += missing > 0
        self.placeholders += placeholders > 0
        if share > self.copied_share:
            self.copied_share, self.copy_relation, self.copy_source = share, relation, source
            self.copy_material, self.copy_doc, self.copy_title = pk, doc, title


@dataclass
class Row:
    meeting: Meeting
    stages: dict[str, Stage]
    opinions: int
    talks_person_times: int
    members: int
    # None before the meeting is held: nobody has been criticised yet, which is not "0"
    criticisms_min: int | None
    criticisms_avg: float | None
    items: int
    items_closed: int
    items_overdue: int
    overdue_now: list[str] = field(default_factory=list)  # open and past due
    done_late: list[str] = field(default_factory=list)  # done, but after the due date
    quality: Quality = field(default_factory=lambda: Quality())
    # what the office confirmed was still open when it sent its latest package
    open_points: list[str] = field(default_factory=list)

    @property
    def team(self):
        return self.meeting.team

    @property
    def late(self) -> list[str]:
        """Every stage not on time: overdue now, then done late (the combined report)."""
        return [*self.overdue_now, *(f"{label}（逾期完成）" for label in self.done_late)]


def campaign_tree(campaign: Campaign) -> list[int]:
    """The campaign and every forward of it, at any depth."""
    ids, frontier = [campaign.pk], [campaign.pk]
    while frontier:
        frontier = list(
            Campaign.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids += frontier
    return ids


def _count(model, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(meeting=OuterRef("pk"), **filters)
            .order_by()
            .values("meeting")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def meetings_for(access: Access, campaign: Campaign):
    subtree = Q(pk__in=[])
    for path in access.supervised_paths:
        subtree |= Q(team__path__startswith=path)
    return (
        Meeting.objects.filter(campaign_id__in=campaign_tree(campaign))
        .filter(subtree)
        .select_related("team", "campaign")
    )


def rows(access: Access, campaign: Campaign, today: dt.date) -> list[Row]:
    meetings = list(
        meetings_for(access, campaign).annotate(
            n_opinions=_count(Opinion, voided_on__isnull=True),
            n_talks=_count(Talk, voided_on__isnull=True),
            n_items=_count(Item, status__in=IN_FORCE),
            n_closed=_count(Item, status=ItemStatus.CLOSED),
            n_overdue=_count(Item, deadline__lt=today, status__in=UNFINISHED),
        )
    )
    ids = [m.pk for m in meetings]
    received: dict[int, dict[int, int]] = {}
    for meeting_id, target_id, n in (
        Turn.objects.filter(meeting_id__in=ids, kind="criticism")
        .values_list("meeting_id", "target_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        received.setdefault(meeting_id, {})[target_id] = n
    team_ids = {m.team_id for m in meetings}
    seats: dict[int, list[int]] = {}
    for team_id, seat_id in TeamMember.objects.filter(
        team_id__in=team_ids, active=True
    ).values_list("team_id", "pk"):
        seats.setdefault(team_id, []).append(seat_id)
    qualities: dict[int, Quality] = {}
    for meeting_id, *values in Material.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id",
        "pk",
        "missing_aspects",
        "placeholders",
        "copied_share",
        "copy_relation",
        "copy_source",
        "copy_doc",
        "title",
    ):
        qualities.setdefault(meeting_id, Quality()).take(*values)
    # an absent member is neither counted nor judged "too few" (proceedings: 缺席)
    absent = set(
        Attendance.objects.filter(
            meeting_id__in=ids, presence=Presence.ABSENT, seat__isnull=False
        ).values_list("meeting_id", "seat_id")
    )
    for incident in copies.incidents(ids):
        if not incident.cluster:
            continue
        for material in incident.copiers:
            quality = qualities.get(material.meeting_id)
            if quality is not None and quality.cluster is None:
                quality.cluster, quality.cluster_material = incident, material
    open_points: dict[int, list[str]] = {}
    for meeting_id, points in (
        Package.objects.filter(meeting_id__in=ids).order_by("meeting_id", "-id")
    ).values_list("meeting_id", "open_points"):
        # the latest package's, as the office confirmed them (reporting.checklist)
        open_points.setdefault(
            meeting_id, [p["text"] if isinstance(p, dict) else str(p) for p in points or []]
        )
    result = []
    for meeting in meetings:
        stages = {s.key: s for s in meeting.timeline(today)}
        members = seats.get(meeting.team_id, [])
        members = [seat for seat in members if (meeting.pk, seat) not in absent]
        got = [received.get(meeting.pk, {}).get(seat, 0) for seat in members]
        # criticisms are known once the meeting is held, or being recorded live
        spoken = meeting.held_on is not None or meeting.pk in received
        result.append(
            Row(
                meeting=meeting,
                stages=stages,
                opinions=meeting.n_opinions,
                talks_person_times=meeting.n_talks * 2,
                members=len(members),
                criticisms_min=(min(got) if got else 0) if spoken else None,
                criticisms_avg=(round(sum(got) / len(got), 1) if got else 0.0) if spoken else None,
                items=meeting.n_items,
                items_closed=meeting.n_closed,
                items_overdue=meeting.n_overdue,
                overdue_now=[s.label for s in stages.values() if s.status is Status.OVERDUE],
                done_late=[s.label for s in stages.values() if s.status is Status.DONE_LATE],
                quality=qualities.get(meeting.pk, Quality()),
                open_points=open_points.get(meeting.pk, []),
            )
        )
    return result


SORTS = {
    "team": lambda r: r.team.path,
    "stage": lambda r: (r.meeting.state, r.team.path),
    "late": lambda r: (-len(r.overdue_now), -len(r.done_late), r.team.path),
    "opinions": lambda r: (r.opinions, r.team.path),
    "talks": lambda r: (r.talks_person_times, r.team.path),
    "criticisms": lambda r: (
        r.criticisms_min is None,
        r.criticisms_min or 0,
        r.criticisms_avg or 0,
        r.team.path,
    ),
    "overdue_items": lambda r: (-r.items_overdue, r.team.path),
    "copied": lambda r: (-r.quality.copied_share, r.team.path),
}


def summary(rows_: list[Row]) -> dict:
    """Counts for the charts: teams by stage, and the on-time rate of each stage done."""
    by_state: dict[str, int] = {}
    for row in rows_:
        by_state[row.meeting.state] = by_state.get(row.meeting.state, 0) + 1
    on_time = {}
    for key in STAGE_KEYS:
        done = [r.stages[key] for r in rows_ if key in r.stages and r.stages[key].done_on]
        if done:
            punctual = sum(1 for s in done if s.status is Status.DONE)
            on_time[key] = (punctual, len(done))
    return {"by_state": by_state, "on_time": on_time}


def closing_by_month(access: Access, campaign: Campaign) -> list[tuple[str, int, int]]:
    """(month, items closed that month, items still open at its end) across the subtree."""
    opened: dict[tuple[int, int], int] = {}
    closed: dict[tuple[int, int], int] = {}
    rows = (
        Item.objects.in_force()
        .filter(meeting__in=meetings_for(access, campaign))
        .values_list("created_at", "closed_on")
    )
    for created, closed_on in rows:
        key = (created.year, created.month)
        opened[key] = opened.get(key, 0) + 1
        if closed_on:
            key = (closed_on.year, closed_on.month)
            closed[key] = closed.get(key, 0) + 1
    result, still_open = [], 0
    for year, month in sorted(set(opened) | set(closed)):
        still_open += opened.get((year, month), 0) - closed.get((year, month), 0)
        result.append((f"{year}-{month:02d}", closed.get((year, month), 0), still_open))
    return result
