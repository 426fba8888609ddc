"""The numbers a report states, each counted from the records and linked to the page that
lists them, so a reader can check every figure."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.urls import reverse

from dlm.campaigns.models import Meeting
from dlm.preparation import opinions, talks
from dlm.preparation.models import (
    Consultation,
    Forum,
    Material,
    MaterialReview,
    MaterialVersion,
    Opinion,
    StudySession,
)
from dlm.proceedings import live
from dlm.proceedings.enums import Presence
from dlm.rectification.enums import ItemStatus
from dlm.rectification.models import Item


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | str | None  # None: not recorded
    link: str

    def as_dict(self) -> dict:
        return asdict(self)


def gather(meeting: Meeting) -> dict:
    """Everything the drafts need, counted once."""
    pk = [meeting.pk]
    opinion_rows = list(
        Opinion.objects.in_force().filter(meeting=meeting).select_related("about__person", "aspect")
    )
    by_source = opinions.summary(opinion_rows)["source"]
    coverage = talks.coverage(meeting)
    turns = live.record_of(meeting)
    counts = live.criticism_counts(meeting, turns)
    attendance = list(meeting.attendance.select_related("person"))
    items = list(Item.objects.in_force().filter(meeting=meeting))
    carried = [i for i in items if i.carried_from_id]
    links = {
        "opinions": reverse("preparation:meeting_opinions", args=pk),
        "study": reverse("preparation:meeting_study", args=pk),
        "talks": reverse("preparation:meeting_talks", args=pk),
        "materials": reverse("preparation:meeting_materials", args=pk),
        "record": reverse("proceedings:meeting_record", args=pk),
        "ledger": reverse("rectification:meeting_ledger", args=pk),
        "meeting": meeting.get_absolute_url(),
    }
    consultation = Consultation.objects.filter(meeting=meeting).first()

    def consulted(name: str) -> int | None:
        """A figure the office typed: None where it typed nothing (not recorded)."""
        return getattr(consultation, name) if consultation else None

    figures = [
        Figure(
            "present",
            "出席班子成员",
            sum(1 for a in attendance if a.presence == Presence.PRESENT),
            links["record"],
        ),
        Figure(
            "absent",
            "缺席班子成员",
            sum(1 for a in attendance if a.presence == Presence.ABSENT),
            links["record"],
        ),
        Figure(
            "study",
            "学习研讨（次）",
            StudySession.objects.in_force().filter(meeting=meeting).count(),
            links["study"],
        ),
        Figure("forms_sent", "发放征求意见表（份）", consulted("forms_sent"), links["opinions"]),
        Figure(
            "forms_returned", "收回征求意见表（份）", consulted("forms_returned"), links["opinions"]
        ),
        Figure(
            "forums",
            "召开座谈会（次）",
            Forum.objects.in_force().filter(meeting=meeting).count(),
            links["opinions"],
        ),
        Figure("interviews", "个别访谈（人次）", consulted("interviews"), links["opinions"]),
        Figure("opinions", "征求意见建议（条）", len(opinion_rows), links["opinions"]),
        *[
            Figure(f"opinions:{source}", f"其中{source}（条）", n, links["opinions"])
            for source, n in by_source.items()
        ],
        Figure("talks", "谈心谈话（人次）", coverage.person_times, links["talks"]),
        Figure(
            "drafts",
            "发言提纲和对照检查材料（稿次）",
            MaterialVersion.objects.filter(material__meeting=meeting).count(),
            links["materials"],
        ),
        Figure(
            "reviews",
            "审阅把关（次）",
            MaterialReview.objects.filter(material__meeting=meeting).count(),
            links["materials"],
        ),
        Figure(
            "criticisms", "相互批评（人次）", sum(r.criticisms for r in counts), links["record"]
        ),
        Figure("points", "批评意见（条）", sum(r.points for r in counts), links["record"]),
        Figure("items", "列入整改清单（项）", len(items), links["ledger"]),
        Figure("carried", "上年度结转事项（项）", len(carried), links["ledger"]),
        Figure(
            "carried_closed",
            "上年度结转事项已销号（项）",
            sum(1 for i in carried if i.status == ItemStatus.CLOSED),
            links["ledger"],
        ),
    ]
    return {
        "figures": figures,
        "by_key": {f.key: f.value for f in figures},
        "by_source": by_source,
        "counts": counts,
        "attendance": attendance,
        "turns": turns,
        "items": items,
        "team_material": Material.objects.filter(meeting=meeting, author__isnull=True)
        .prefetch_related("versions")
        .first(),
    }
