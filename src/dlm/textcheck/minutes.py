"""Minutes understood: the header, who spoke, and what each turn was.

The record of a 民主生活会 is a run of speaker blocks, labelled on their own line
("书　记：") or at the start of the paragraph ("张伟：我给…"). One block may hold several turns
(the principal opens, reports, presents the team material and then criticises himself), so a
block is cut into segments at cue sentences, and each segment's role follows from its cue
and from where the meeting stands: after "请×同志发言" comes a self-criticism, then the
others criticise that member (even when the text says only "×同志"), then the member responds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from dlm.textcheck.points import points
from dlm.textcheck.text import Line, cn_to_int, normalise_name, split_lines

HEADER_KEYS = {
    "time": re.compile(r"^(时间|会议时间)$"),
    "place": re.compile(r"^(地点|会议地点)$"),
    "present": re.compile(r"^(出席|出席人|出席人员|参会人员|参加人员|到会人员)$"),
    "absent": re.compile(r"^(缺席|缺席人|缺席人员)$"),
    "attending": re.compile(r"^(列席|列席人|列席人员)$"),
    "host": re.compile(r"^(主持|主持人)$"),
    "recorder": re.compile(r"^(记录|记录人)$"),
    "agenda": re.compile(r"^(议程|会议议程)$"),
}
NOT_SPEAKERS = re.compile(
    r"^(内容|会议内容|记录内容|备注|附件)$|方面$|情况$|问题$|要求$|措施$|意见$"
)
ROLE = r"(?:[（(][^）)\n]{1,16}[）)])?"  # "李红梅（社区居民代表）：" — a guest's role
LABEL_ALONE = re.compile(rf"^\s*((?:[^\s：:，,。；（(][ 　]*){{1,10}}{ROLE})[：:]\s*$")
LABEL_INLINE = re.compile(rf"^\s*((?:[^\s：:，,。；（(][ 　]?){{1,8}}{ROLE})[：:]\s*(\S.*)$")
# A new turn often starts mid-paragraph: "…我虚心接受。下面，请张伟同志发言。"
# minutes written as a summary, in the third person: "李华同志指出，…", "王明同志作个人对照检查"
THIRD_PERSON = re.compile(
    r"^\s*([\u4e00-\u9fff·]{2,4}?)同志(?:在发言中|在对照检查中|首先|随后|接着)?[，,]?"
    r"(?:指出|认为|表示|提出|谈到|强调|坦言|说|讲到|作了?(?:个人)?(?:对照检查|检视剖析|表态|发言)|"
    r"代表.{0,12}作|对.{1,8}同志(?:提出|谈了|进行))"
)
TURN_BREAK = re.compile(r"(?<=[。！？!?])\s*(?=下面|首先|接下来|现在请|最后|会议进行|以上是我)")
LIST_SPLIT = re.compile(r"[、，,；;]+")
AGENDA_ITEM = re.compile(
    r"^\s*(?:[①-⑳]|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)\s*"
)

CUE_REPORT = re.compile(r"通报.{0,80}(整改|征求意见)")
CUE_TEAM = re.compile(r"代表.{0,20}班子.{0,8}(作|进行)?对照检查|班子对照检查材料")
CUE_SELF = re.compile(
    r"由我(先)?(进行|作)?(个人)?(发言|对照检查)|我(的)?个人对照检查|"
    r"我(先|来)?(作|进行|做)(个人)?(的)?(对照检查|自我批评)|"
    # a summary's third person, after "X同志": "作个人对照检查", "作了检视剖析"
    r"^(首先|随后|接着)?[，,]?(作|进行)了?(个人)?(对照检查|检视剖析|自我批评|个人发言)"
)
CUE_HOST = re.compile(
    r"第.项议程|下面[，,、]?\s*(请|由|大会|会议)|请大家(对|进行|开展|提)|请.{0,14}(发言|作指示|指示|点评|讲话|对照检查)|"
    r"会议(现在)?开始|现在开会|今天[，,].{0,10}召开"
)
CUE_GUIDE = re.compile(r"作指示|点评|指导讲话|讲话")
CUE_CRITICISM = re.compile(
    r"^.{0,16}(提|谈)(出)?.{0,3}(点|条)(批评)?(意见|建议)|^(我)?(对|给).{0,14}(同志)?(提|谈)|^.{0,14}同志[在的，,]"
)
CUE_RESPONSE = re.compile(
    r"(虚心|诚恳|诚心|全盘|认真|坦诚|欣然)(地)?接(受|收)|照单全收|(感谢|谢谢)(大家|各位|同志们)|"
    r"(对于|对)(大家|各位|同志们|.{1,4}名同志)的(批评|意见)|大家(给我|对我)?提出的(批评|意见|建议)|"
    r"(批评|意见).{0,6}(全部|完全|都|一定|诚恳|虚心)接受"
)
CUE_SUMMARY = re.compile(r"^同志们[，,！!]|^(下面|最后)[，,]?我(作|讲|来)?.{0,4}总结")
SELF_END = re.compile(r"^以上是我的.{0,20}(请|欢迎).{0,10}批评")
TARGET = re.compile(r"(?:对|给|请大家对)\s*([^\s，。：:、]{1,12}?)\s*同志")
TARGET_LEAD = re.compile(r"^\s*([^\s，。：:、]{1,12}?)\s*同志")
STATED_POINTS = re.compile(r"(?:提|谈)(?:出)?\s*([一二两三四五六七八九十\d]+)\s*(?:点|条)")
POINT_MARK = re.compile(
    r"([一二三四五六七八九十]+)是|第([一二三四五六七八九十]+)[，,、]|(?:^|\s)(\d{1,2})[.．、]|[①-⑳]"
)
PLACEHOLDER_NAMES = {"×", "X", "XX", "x", "xx", "某", "某某"}


@dataclass
class Block:
    speaker: str
    start: int
    end: int
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans of non-empty lines
    hint: str | None = None  # what its label says it is: "曹组长点评" guidance, a guest's other


@dataclass
class Turn:
    speaker: str
    role: str
    start: int
    end: int
    target: str | None = None
    points: int | None = None

    def as_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "target": self.target,
            "points": self.points,
            "start": self.start,
            "end": self.end,
        }


def _key(label: str) -> str | None:
    bare = re.sub(r"\s+", "", label)
    for key, pattern in HEADER_KEYS.items():
        if pattern.match(bare):
            return key
    return None


def _names(value: str) -> list[str]:
    """Names of a header list. "书　记" is one name spaced out, "张伟 李明" two names."""
    value = re.sub(r"[（(][^）)]*[）)]", "", value)
    names: list[str] = []
    for item in LIST_SPLIT.split(value):
        pieces = item.split()
        if len(pieces) > 1 and all(len(piece) >= 2 for piece in pieces):
            names.extend(pieces)
        else:
            names.append(item)
    names = [normalise_name(n) for n in names]
    return [n for n in names if n and n not in ("无", "等")]


def read_header(lines: list[Line]) -> tuple[dict, int]:
    """The header fields, and the index of the first line after the header."""
    header: dict = {
        "time": None,
        "place": None,
        "present": [],
        "absent": [],
        "attending": [],
        "host": None,
        "recorder": None,
        "agenda": [],
    }
    current = None
    index = 0
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        label_match = re.match(r"^([^：:]{1,10})[：:]\s*(.*)$", text)
        key = _key(label_match.group(1)) if label_match else None
        if (
            key is None
            and label_match
            and re.sub(r"\s+", "", label_match.group(1)) in ("内容", "会议内容")
        ):
            return header, index + 1
        if key is not None and label_match is not None:
            value = label_match.group(2).strip()
            current = key
            if key in ("present", "absent", "attending"):
                header[key] = _names(value)
            elif key in ("host", "recorder"):
                header[key] = normalise_name(value) if value else None
            elif key == "agenda":
                header["agenda"] = [AGENDA_ITEM.sub("", value)] if value else []
            else:
                header[key] = value or None
            continue
        if current == "agenda" and (AGENDA_ITEM.match(text) or not LABEL_ALONE.match(text)):
            if LABEL_ALONE.match(text):
                break
            header["agenda"].append(AGENDA_ITEM.sub("", text))
            continue
        if index > 0 and current is not None:
            return header, index
        if current is None and index > 3:
            return header, 0
    return header, index + 1 if current else 0


def _split(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = span
    cuts = [start] + [start + m.start() for m in TURN_BREAK.finditer(text[start:end])] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


TITLES = "书记|副书记|主任|副主任|部长|组长|局长|镇长|乡长|区长|县长|市长|委员|主席|院长|校长|所长"
ROLE_SUFFIX = re.compile(r"(点评|讲话|发言|表态|总结|插话|补充)$")
ALIAS = re.compile(rf"^(.+?)({TITLES})$")


class Names:
    """The people a minutes file may name, and the ways offices write them: the full name,
    surname and post (韩书记), given name and post (晓岚主任), a guest with a role in brackets
    (李红梅（社区居民代表）), a label with what was done (曹组长点评)."""

    def __init__(self, people) -> None:
        self.people = list(dict.fromkeys(normalise_name(p) for p in people if normalise_name(p)))

    def resolve(self, label: str) -> tuple[str, bool]:
        """(the name to file the turn under, whether the label is surely a speaker)."""
        name = ROLE_SUFFIX.sub("", normalise_name(label)) or normalise_name(label)
        if name in self.people:
            return name, True
        alias = ALIAS.match(name)
        if alias:
            head = alias.group(1)
            found = [
                p
                for p in self.people
                if (len(head) == 1 and p.startswith(head)) or (len(head) >= 2 and p.endswith(head))
            ]
            if len(found) == 1:
                return found[0], True
            return name, True  # a post and a name: a speaker, even if nobody here
        return name, bool(re.search(r"[（(][^）)]+[）)]", label))


def find_blocks(
    lines: list[Line],
    first: int,
    header: dict,
    text_end: int,
    text_of: str,
    people=(),
) -> list[Block]:
    known = {*header["present"], *header["attending"], *filter(None, [header["host"]])}
    names = Names([*people] or [*known])
    # the header's names may be aliases too ("主持人：王书记")
    known = {names.resolve(name)[0] for name in known} | set(names.people)
    if people:
        names = Names([*people, *known])
    alone = set()
    for line in lines[first:]:
        found = LABEL_ALONE.match(line.text)
        if found and _speaker_label(found.group(1)):
            alone.add(names.resolve(found.group(1))[0])
    inline_counts: dict[str, int] = {}
    sure: set[str] = set()
    for line in lines[first:]:
        found = LABEL_INLINE.match(line.text)
        if found and _speaker_label(found.group(1)):
            name, certain = names.resolve(found.group(1))
            inline_counts[name] = inline_counts.get(name, 0) + 1
            if certain:
                sure.add(name)
    third_counts: dict[str, int] = {}
    for line in lines[first:]:
        found = THIRD_PERSON.match(line.text)
        if found:
            name = normalise_name(found.group(1))
            third_counts[name] = third_counts.get(name, 0) + 1
    speakers = (
        known
        | alone
        | {n for n, count in inline_counts.items() if count >= 2 and 2 <= len(n) <= 4}
        | sure
        | {n for n, count in third_counts.items() if count >= 2 or n in known}
    )
    blocks: list[Block] = []
    for line in lines[first:]:
        alone_match = LABEL_ALONE.match(line.text)
        inline_match = None if alone_match else LABEL_INLINE.match(line.text)
        label_match = alone_match or inline_match
        label = label_match.group(1) if label_match else ""
        name = names.resolve(label)[0] if label else ""
        if name and name in speakers and _speaker_label(label):
            if blocks:
                blocks[-1].end = line.start
            blocks.append(Block(name, line.start, text_end, hint=_hint(label, names)))
            if inline_match:
                body_start = line.start + inline_match.start(2)
                blocks[-1].paragraphs.append((body_start, line.end))
            continue
        third = None if label_match else THIRD_PERSON.match(line.text)
        if third and normalise_name(third.group(1)) in speakers:
            if blocks:
                blocks[-1].end = line.start
            blocks.append(Block(normalise_name(third.group(1)), line.start, text_end))
            # what he said starts after "X同志": cues read it as they read a first-person turn
            blocks[-1].paragraphs.append((line.start + third.end(1) + len("同志"), line.end))
            continue
        if blocks and line.text.strip():
            blocks[-1].paragraphs.append((line.start, line.end))
    for block in blocks:
        block.paragraphs = [piece for span in block.paragraphs for piece in _split(text_of, span)]
        if block.paragraphs:
            block.end = block.paragraphs[-1][1]
    return blocks


def _hint(label: str, names: Names) -> str | None:
    suffix = ROLE_SUFFIX.search(normalise_name(label))
    if suffix and suffix.group(1) == "点评":
        return "guidance"
    guest = re.search(r"[（(][^）)]+[）)]", label)
    if guest and normalise_name(label) not in names.people:
        return "other"  # a guest (列席) speaking: neither criticism nor a member's turn
    return None


@functools.lru_cache(maxsize=4096)
def _speaker_label(label: str) -> bool:
    bare = re.sub(r"\s+", "", label)
    return _key(bare) is None and not NOT_SPEAKERS.search(bare) and not re.search(r"\d", bare)


def _cue(paragraph: str, speaker: str, subject: str | None) -> str | None:
    if SELF_END.search(paragraph):
        return None  # "以上是我的对照检查材料，请大家批评": the end of a self-criticism
    short = len(paragraph) < 160
    if CUE_REPORT.search(paragraph[:120]):
        return "report"
    if CUE_TEAM.search(paragraph[:80]):
        return "team_material"
    if CUE_SELF.search(paragraph[:60]):
        return "self_criticism"
    if short and speaker == subject and CUE_RESPONSE.search(paragraph):
        return "response"
    if CUE_CRITICISM.search(paragraph[:40]) and speaker != subject:
        return "criticism"
    if CUE_SUMMARY.search(paragraph):
        return "summary"
    if short and CUE_HOST.search(paragraph):
        return "host"
    return None


class Reader:
    """Walks the blocks in order, keeping where the meeting stands."""

    def __init__(self, text: str, header: dict, speakers: list[str]):
        self.text = text
        self.host = header["host"]
        self.guests = set(header["attending"]) - set(header["present"])
        self.speakers = speakers
        self.subject: str | None = None
        self.expect: str | None = None  # "self_criticism" | "guidance"
        self.expected_name: str | None = None
        self.guidance_done = False
        self.turns: list[Turn] = []

    def read(self, blocks: list[Block]) -> list[Turn]:
        for block in blocks:
            for role, start, end in self.segments(block):
                self.add(Turn(block.speaker, role, start, end))
        return self.merge()

    def segments(self, block: Block):
        current_role: str | None = None
        current_start: int | None = None
        current_end = block.start
        for index, (start, end) in enumerate(block.paragraphs):
            paragraph = self.text[start:end].strip()
            cue = _cue(paragraph, block.speaker, self.subject)
            if index > 0 and cue is None and current_role is not None:
                current_end = end
                self._after_paragraph(paragraph, block.speaker, current_role)
                continue
            if current_role is not None and current_start is not None and cue != current_role:
                yield current_role, current_start, current_end
                current_start = None
            if index == 0 and block.hint:
                role = block.hint
                self.guidance_done = self.guidance_done or role == "guidance"
            else:
                role = self.decide(cue, block.speaker, paragraph)
            if current_start is None:
                current_role, current_start = role, start
            current_end = end
            self._after_paragraph(paragraph, block.speaker, role)
        if current_role is not None and current_start is not None:
            yield current_role, current_start, current_end

    def decide(self, cue: str | None, speaker: str, paragraph: str) -> str:
        if cue == "host":
            self._host_cue(paragraph)
            return "host"
        if cue in ("report", "team_material"):
            return cue
        if cue == "summary" and speaker == self.host:
            return "summary"
        if (
            cue == "self_criticism"
            or (self.expect == "self_criticism" and cue is None and speaker != self.host)
            or (self.expect == "self_criticism" and speaker == self.expected_name)
        ):
            self.subject, self.expect, self.expected_name = speaker, None, None
            return "self_criticism"
        if self.expect == "guidance" and speaker != self.host:
            self.expect, self.guidance_done = None, True
            return "guidance"
        if cue == "response" or (speaker == self.subject and CUE_RESPONSE.search(paragraph)):
            return "response"
        under_review = self.subject and speaker != self.subject
        if under_review and (
            cue == "criticism"
            or (not self.guidance_done and (speaker != self.host or not CUE_HOST.search(paragraph)))
        ):
            return "criticism"
        if speaker in self.guests:
            self.guidance_done = True
            return "guidance"
        if speaker == self.host and self.guidance_done:
            return "summary"
        if speaker == self.host and self.subject is None:
            return "host"
        return "other"

    def _host_cue(self, paragraph: str) -> None:
        if CUE_GUIDE.search(paragraph) and not re.search(r"批评", paragraph):
            self.expect = "guidance"
            return
        named = TARGET.search(paragraph)
        if re.search(r"发言|对照检查", paragraph) and not re.search(r"批评", paragraph):
            self.expect = "self_criticism"
            name = normalise_name(named.group(1)) if named else None
            self.expected_name = name if name in self.speakers else None
        elif re.search(r"批评", paragraph) and named:
            name = normalise_name(named.group(1))
            if name in self.speakers:
                self.subject = name

    def _after_paragraph(self, paragraph: str, speaker: str, role: str) -> None:
        if role == "self_criticism" and SELF_END.search(paragraph):
            self.subject = speaker

    def add(self, turn: Turn) -> None:
        if turn.role == "criticism":
            turn.target = self.target_of(turn)
            turn.points = count_points(self.text[turn.start : turn.end])
        self.turns.append(turn)

    def target_of(self, turn: Turn) -> str | None:
        opening = self.text[turn.start : turn.start + 60]
        found = TARGET.search(opening) or TARGET_LEAD.search(opening)
        if found:
            name = normalise_name(found.group(1))
            if name in self.speakers and name != turn.speaker:
                return name
        return self.subject

    def merge(self) -> list[Turn]:
        merged: list[Turn] = []
        for turn in self.turns:
            last = merged[-1] if merged else None
            if (
                last is not None
                and last.speaker == turn.speaker
                and last.role == turn.role
                and turn.role not in ("criticism",)
            ):
                last.end = turn.end
                continue
            merged.append(turn)
        return merged


def count_points(text: str) -> int:
    stated = STATED_POINTS.search(text[:60])
    if stated:
        value = cn_to_int(stated.group(1))
        if value:
            return value
    numbers = set()
    for found in POINT_MARK.finditer(text):
        group = next((g for g in found.groups() if g), None)
        numbers.add(cn_to_int(group) if group else found.group(0))
    return max(1, len(numbers))


def split_points(text: str) -> list[str]:
    """The points of one criticism, by the one splitter (textcheck/points.py): "一是…二是…",
    "第一，…", "1. … 2. …", "①…②…", "首先…其次…". A text with fewer than two marks is one
    point. The words before the first mark ("我提两点意见：") are an opening, not a point."""
    found = points(text)
    if not found:
        return [text.strip()] if text.strip() else []
    pieces = [point.text(text).strip().strip("；;，,") for point in found]
    return [piece for piece in pieces if piece]


def read_minutes(text: str, people=()) -> dict:
    """``people``: names the reader may expect (the team, the guides), so that "韩书记" or
    "晓岚主任" are read as the member they name."""
    lines = split_lines(text)
    header, first = read_header(lines)
    blocks = find_blocks(lines, first, header, len(text), text, people)
    speakers: list[str] = []
    for block in blocks:
        if block.speaker not in speakers:
            speakers.append(block.speaker)
    turns = Reader(text, header, speakers).read(blocks)
    by_target: dict[str, int] = {}
    points_by_target: dict[str, int] = {}
    for turn in turns:
        if turn.role == "criticism" and turn.target:
            by_target[turn.target] = by_target.get(turn.target, 0) + 1
            points_by_target[turn.target] = points_by_target.get(turn.target, 0) + (
                turn.points or 0
            )
    return {
        "header": header,
        "speakers": speakers,
        "turns": [turn.as_dict() for turn in turns],
        "criticism_turns_by_target": by_target,
        "criticism_points_by_target": points_by_target,
    }
