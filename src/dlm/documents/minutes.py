"""The meeting's record as documents: 会议记录 (every turn), 会议纪要 (summary minutes) and
the per-member summary of criticisms received (for rectification).

Each takes plain data built from the record (``dlm.proceedings.documents``); the counts
in all three come from the same list, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlm.documents.docx_layout import DOCX, OfficialDocument

CN = "一二三四五六七八九十"


def ordinal(n: int) -> str:
    return CN[n - 1] if 1 <= n <= len(CN) else str(n)


@dataclass(frozen=True)
class TurnData:
    speaker: str
    kind: str  # TurnKind value
    kind_label: str
    target: str | None
    text: str
    points: list[str]
    outline: str | None  # the reviewed outline a self-criticism was read from


@dataclass(frozen=True)
class CountData:
    name: str
    criticisms: int  # 人次
    points: int
    by: list[str]
    absent: bool = False  # not at the meeting: neither counted nor judged


@dataclass(frozen=True)
class MinutesData:
    team: str
    label: str  # "2026年度民主生活会"
    theme: str
    time: str
    place: str
    host: str
    recorder: str
    present: list[str]
    absent: list[tuple[str, str]]  # (name, reason)
    attending: list[tuple[str, str]]  # (name, title)
    guiding: list[tuple[str, str]]  # (name, duty)
    agenda: list[str]
    turns: list[TurnData]
    counts: list[CountData]
    member_turn: str = "对照检查"  # as the notice names each member's turn (检视剖析…)
    individual_turn: str = "个人对照检查"

    @property
    def total_criticisms(self) -> int:
        return sum(c.criticisms for c in self.counts)

    @property
    def total_points(self) -> int:
        return sum(c.points for c in self.counts)


def _people(items: list[tuple[str, str]]) -> str:
    return "、".join(f"{name}（{note}）" if note else name for name, note in items) or "无"


def absence(name: str, reason: str) -> str:
    """ "张三同志因公出差请假": the reason as offices write it, whether or not it was typed
    with 因 in front or 请假 behind."""
    reason = reason.strip().strip("。；;，,")
    reason = reason.removeprefix("因为").removeprefix("因").removesuffix("请假").strip("，, ")
    if len(reason) >= 2 and reason[-1] == "假" and reason[-2] in "病事婚丧产休":
        reason = reason[:-1]  # 病假 → 因病请假
    return f"{name}同志因{reason}请假" if reason else f"{name}同志请假"


def criticism_text(turn: TurnData) -> str:
    if len(turn.points) == 1:
        return f"对{turn.target}同志提一点意见：{turn.points[0]}"
    body = "；".join(f"{ordinal(i)}是{p.rstrip('。；;')}" for i, p in enumerate(turn.points, 1))
    return f"对{turn.target}同志提{len(turn.points)}点意见：{body}。"


def render_record(data: MinutesData) -> tuple[str, str, bytes]:
    """会议记录: the header, then every turn as "发言人：…", in the order spoken."""
    doc = OfficialDocument(author=data.team)
    doc.title(f"{data.team}{data.label}会议记录")
    doc.body(
        "\n".join(
            [
                f"时间：{data.time}",
                f"地点：{data.place or '—'}",
                f"出席：{'、'.join(data.present) or '无'}",
                f"缺席：{_people(data.absent)}",
                f"列席：{_people(data.attending)}",
                f"指导：{_people(data.guiding)}",
                f"主持人：{data.host or '—'}",
                f"记录人：{data.recorder or '—'}",
                "议程：",
            ]
        )
    )
    doc.body("\n".join(f"{i}. {item}" for i, item in enumerate(data.agenda, 1)) or "—")
    doc.heading("会议内容")
    for turn in data.turns:
        doc.body(f"{turn.speaker}：")
        if turn.kind == "criticism" and not turn.text.strip():
            doc.body(criticism_text(turn))  # entered point by point, nothing said verbatim
        elif turn.kind == "criticism":  # what was said, as said; whom, when it does not say
            named = turn.target and turn.target in turn.text[:40]
            doc.body(turn.text if named else f"（对{turn.target}同志）{turn.text}")
        else:
            if turn.outline:
                doc.body(f"（按经审阅的{turn.outline}发言，材料附后）")
            if turn.text:
                doc.body(turn.text)
    doc.heading("批评意见统计")
    doc.table(
        ["班子成员", "收到批评（人次）", "意见条数"],
        [
            [c.name, "缺席", "—"] if c.absent else [c.name, str(c.criticisms), str(c.points)]
            for c in data.counts
        ],
    )
    return f"{data.team}{data.label}会议记录.docx", DOCX, doc.bytes()


def render_summary(data: MinutesData) -> tuple[str, str, bytes]:
    """会议纪要: what happened, in prose, with the figures."""
    doc = OfficialDocument(author=data.team)
    doc.title(f"{data.team}{data.label}会议纪要")
    guides = "、".join(f"{name}（{duty}）" for name, duty in data.guiding)
    absent = "，".join(absence(name, reason) for name, reason in data.absent)
    doc.body(
        f"{data.time}，{data.team}在{data.place or '本单位'}召开{data.label}。"
        f"会议由{data.host or '主要负责同志'}同志主持，班子成员{len(data.present)}人出席"
        f"{('，' + absent) if absent else ''}。"
        f"{(guides + '到会指导。') if guides else ''}会议主题是：{data.theme}"
    )
    individual = (
        data.member_turn if data.member_turn.startswith("个人") else f"个人{data.member_turn}"
    )
    doc.heading(f"一、{data.member_turn}情况")
    team_turn = next((t for t in data.turns if t.kind == "team_material"), None)
    if team_turn:
        doc.body(f"{team_turn.speaker}同志代表班子作对照检查。")
    selves = [t.speaker for t in data.turns if t.kind == "self_criticism"]
    doc.body(
        f"{'、'.join(selves)}等{len(selves)}名同志逐一作{individual}。"
        if selves
        else f"班子成员{individual}情况见会议记录。"
    )
    doc.heading("二、批评和自我批评情况")
    doc.body(
        f"班子成员相互批评共 {data.total_criticisms} 人次、{data.total_points} 条意见。其中："
        + "；".join(
            f"{c.name}同志缺席"
            if c.absent
            else f"{c.name}同志收到 {c.criticisms} 人次、{c.points} 条"
            for c in data.counts
        )
        + "。"
    )
    number = 3  # headings numbered as written: no 三 skipped when no guidance group spoke
    for heading, kind in (("指导组点评", "guidance"), ("总结讲话", "summary")):
        turns = [t for t in data.turns if t.kind == kind]
        if turns:
            doc.heading(f"{ordinal(number)}、{heading}")
            number += 1
            for turn in turns:
                doc.body(f"{turn.speaker}同志：{turn.text}")
    return f"{data.team}{data.label}会议纪要.docx", DOCX, doc.bytes()


def render_criticisms(data: MinutesData) -> tuple[str, str, bytes]:
    """Criticisms received, member by member: what each must answer in rectification."""
    doc = OfficialDocument(author=data.team)
    doc.title(f"{data.team}{data.label}批评意见汇总")
    doc.body(
        f"共 {data.total_criticisms} 人次、{data.total_points} 条意见，供班子成员逐条对照整改。"
    )
    for number, count in enumerate(data.counts, 1):
        received_label = (
            "缺席" if count.absent else f"收到 {count.criticisms} 人次、{count.points} 条"
        )
        doc.heading(f"{ordinal(number)}、{count.name}同志（{received_label}）")
        received = [t for t in data.turns if t.kind == "criticism" and t.target == count.name]
        lines = []
        for turn in received:
            for point in turn.points:
                lines.append(f"{len(lines) + 1}. {point}（{turn.speaker}）")
        doc.body("\n".join(lines) or ("未参加会议" if count.absent else "未收到批评意见"))
    return f"{data.team}{data.label}批评意见汇总.docx", DOCX, doc.bytes()
