"""A held meeting's record for the demo: every present member criticises himself, is
criticised by the others and responds; one criticism only "hopes", so the live rules have
something to show. The sentences are written for the demo."""

from __future__ import annotations

from dlm.proceedings.agenda import ensure_agenda, team_in_order
from dlm.proceedings.live import absent_seats
from dlm.proceedings.recording import TurnInput, add_turn

CRITICISMS = [
    "一是对基层医疗机构的实地调研偏少，了解情况多靠报表；二是推动分管工作时协调其他科室不够主动。",
    "一是抓分管领域的风险排查还不够细，有的隐患发现不及时；二是开会布置多，跟踪问效少。",
    "一是对年轻干部压担子多、传帮带少；二是对群众来信反映的问题回复偏慢。",
    "一是学习理论与推动工作结合不紧，学用有脱节；二是在成本控制上精打细算不够。",
    "希望今后多到社区卫生服务中心走一走，多听听一线医务人员的声音。",
]


def build_record(meeting, office) -> None:
    ensure_agenda(meeting, user=office)
    seats = team_in_order(meeting)
    gone = absent_seats(meeting)
    present = [s for s in seats if s.pk not in gone]
    principal = seats[0]

    def say(kind, seat, text, target=None):
        add_turn(
            meeting,
            TurnInput(
                kind=kind, speaker=seat, speaker_name=seat.person.name, target=target, text=text
            ),
            user=office,
        )

    say("host", principal, "同志们，今天召开局党组民主生活会，会议的议程已经印发。")
    say("team_material", principal, "下面，我代表局党组班子作对照检查。")
    used = 0
    for seat in present:
        say("self_criticism", seat, f"我是{seat.person.name}，对照会议主题，查摆了自身存在的问题。")
        for critic in present:
            if critic.pk != seat.pk:
                say("criticism", critic, CRITICISMS[used % len(CRITICISMS)], target=seat)
                used += 1
        say("response", seat, "感谢同志们的批评，我全部接受，逐条认领，抓好整改。")
    say("summary", principal, "同志们，会后要把大家提出的意见逐条列入整改清单，按期销号。")


def build_ledger(meeting, office) -> None:
    """The held meeting's first ledger items, drawn from its criticisms: one already
    overdue, one closed with evidence, one waiting for the principal."""
    import datetime as dt

    from dlm.campaigns.models import local_today
    from dlm.proceedings.models import Turn
    from dlm.rectification import domain

    today = local_today()
    principal = team_in_order(meeting)[0]
    # Members' own items: the principal's would go up to the district for 销号.
    criticisms = list(
        Turn.objects.filter(meeting=meeting, kind="criticism")
        .exclude(target=principal)
        .select_related("target")[:3]
    )
    plans = [
        ("每季度到基层医疗机构实地调研不少于2次，形成调研报告", today - dt.timedelta(days=1)),
        ("建立分管领域风险隐患清单，每月更新一次", today + dt.timedelta(days=60)),
        ("年轻干部实行一对一帮带，年底前完成结对", today + dt.timedelta(days=30)),
    ]
    items = []
    for turn, (measures, deadline) in zip(criticisms, plans, strict=False):
        items.append(
            domain.create_item(
                meeting,
                domain.ItemInput(
                    problem="；".join(p.text for p in turn.points.all()),
                    measures=measures,
                    responsible=turn.target,
                    kind="deadline",
                    member=turn.target,
                    lead_department="局办公室",
                    deadline=deadline,
                    sources=[domain.SourceLink("criticism", turn=turn, note=str(turn))],
                ),
                user=office,
            )
        )
    closed, waiting = items[1], items[2]
    for item in (closed, waiting):
        domain.add_progress(
            item,
            today,
            "已制定工作方案并组织实施。",
            [("工作方案.docx", work_plan(item))],
            user=office,
        )
        domain.request_closing(item, user=office)
    domain.approve_closing(closed, as_superior=False, user=principal.person.user)
    late = items[0]  # overdue since yesterday; its owner asks for more time
    domain.ask_extension(
        late,
        "基层调研与疫苗接种专项工作时间冲突，需顺延",
        new_deadline=today + dt.timedelta(days=45),
        user=late.responsible.person.user or office,
    )


def work_plan(item) -> bytes:
    """A real Word file as the evidence of a demo item (a reader opens it)."""
    from dlm.documents.report import render_text

    return render_text(
        "整改工作方案",
        f"针对“{item.problem[:40]}”，制定如下措施：\n{item.measures}\n责任人：{item.responsible.person.name}",
    )
