"""Apply the rules of ``rules.py`` to what the readers found. Each check yields findings."""

from __future__ import annotations

import re

from dlm.textcheck.material import PART_LABELS
from dlm.textcheck.rules import RuleSet

SENTENCE = re.compile(r"[。；;！？!?\n]")


def check_placeholders(placeholders: list[dict], rules: RuleSet):
    for p in placeholders:
        yield rules.finding(
            "text.placeholder", p["start"], p["end"], line=p["line"], text=p["text"]
        )


def check_material(text: str, material: dict, aspects: list[str] | None, rules: RuleSet):
    for index in material["missing_aspects"]:
        head = aspects[index - 1][:30] if aspects else ""
        yield rules.finding("material.missing_aspect", None, None, index=index, head=head)
    for section in material["aspects"]:
        if not section["problems"]:  # the same list the report counts
            yield rules.finding(
                "material.aspect_without_problems",
                section["start"],
                section["end"],
                title=section["title"][:30],
            )
            continue
        for problem in section["problems"]:
            if problem["instances"] == 0:
                yield rules.finding(
                    "material.problem_without_instance",
                    problem["start"],
                    problem["end"],
                    title=problem["title"][:30],
                )
    if material["scope"] == "personal":
        yield from _check_personal(text, material, rules)
    for part in material["missing_parts"]:
        finding = rules.finding("material.missing_part", None, None, part=PART_LABELS[part])
        if part == "problems":
            finding["severity"] = "error"
        yield finding
    yield from _check_causes(text, material, rules)
    yield from _check_measures(text, material, rules)


def _check_personal(text: str, material: dict, rules: RuleSet):
    chars = len(re.sub(r"\s", "", text))
    if chars < rules["min_personal_chars"]:
        yield rules.finding(
            "material.too_short", None, None, chars=chars, minimum=rules["min_personal_chars"]
        )
    others = rules.words("others")
    for section in material["aspects"]:
        for problem in section["problems"]:
            if others.search(_opening(text, problem, section)):
                yield rules.finding(
                    "material.others_problems",
                    problem["start"],
                    problem["end"],
                    title=problem["title"][:30],
                )


def _opening(text: str, problem: dict, section: dict) -> str:
    """The problem's first sentence, without its number or the aspect heading."""
    body = text[problem["start"] : problem["end"]]
    if problem["start"] == section["start"]:  # the section is its own single problem
        parts = SENTENCE.split(body, maxsplit=1)
        body = parts[1] if len(parts) > 1 else ""
    body = body.replace("*", "").strip()
    body = re.sub(r"^([（(]?[一二三四五六七八九十\d]+[）)]?)(是|[、.．])?", "", body).strip()
    return SENTENCE.split(body, maxsplit=1)[0]


def _check_causes(text: str, material: dict, rules: RuleSet):
    objective, subjective = rules.words("objective"), rules.words("subjective")
    for cause in material["causes"]:
        body = text[cause["start"] : cause["end"]]
        if len(objective.findall(body)) > len(subjective.findall(body)):
            yield rules.finding(
                "material.objective_causes", cause["start"], cause["end"], title=cause["title"][:30]
            )


def _check_measures(text: str, material: dict, rules: RuleSet):
    checkable = rules.words("checkable")
    for measure in material["measures"]:
        if not checkable.search(text[measure["start"] : measure["end"]]):
            yield rules.finding(
                "material.vague_measures",
                measure["start"],
                measure["end"],
                title=measure["title"][:30],
            )


def check_minutes(text: str, minutes: dict, rules: RuleSet):
    minimum = rules["min_criticism_points"]
    for turn in minutes["turns"]:
        if turn["role"] == "self_criticism":
            points = minutes["criticism_points_by_target"].get(turn["speaker"], 0)
            if points < minimum:
                yield rules.finding(
                    "minutes.too_few_criticisms",
                    turn["start"],
                    turn["end"],
                    name=turn["speaker"],
                    points=points,
                    minimum=minimum,
                )
    for turn in minutes["turns"]:
        if turn["role"] != "criticism":
            continue
        body = text[turn["start"] : turn["end"]]
        names = {"speaker": turn["speaker"], "target": turn["target"] or "被批评人"}
        for rule in criticism_faults(body, rules):
            yield rules.finding(rule, turn["start"], turn["end"], **names)


# How a criticism is introduced, which is no praise: "对王明同志提两点意见：", "我提三条建议"
LEAD_FORMULA = re.compile(
    r"(对|给)?[\u4e00-\u9fff]{0,6}(同志|书记|主任|部长|局长)?(我)?(提|讲|谈|说)(出)?"
    r"[一二两三四五六七八九十\d]*(点|条|个)(意见|建议|看法|问题)?(如下)?[：:，,。]?"
    r"|(我)?(提|讲|谈|说)(出)?(几|一些)?(点|条)?(意见|建议|看法)(如下)?[：:，,。]?"
    r"|下面[，,]?我(来)?(谈|说|讲|提)[^。：:]{0,10}[：:，,。]?|我的意见是[：:]?"
)
# the one addressed: "振邦同志，", "韩书记，" — no praise either
VOCATIVE = re.compile(r"^[\u4e00-\u9fff]{1,4}(同志|书记|主任|部长|局长|组长|镇长|县长)[，,：:]?")
CONTRAST = re.compile(r"[。；;，,](但|但是|不过|然而|同时也?)[，,]?")
# how a point names a problem, beyond the word list: negations and shortfalls of the genre
SHORTFALL = re.compile(
    r"不够|不足|不到位|不深|不实|不细|不严|不高|不强|不紧|不多|欠缺|偏[少多弱慢]|较[少弱]|"
    r"差距|问题|没有|未能|缺乏|薄弱|滞后|走过场|打折扣|拖了|拖延|慢"
)


def _praises_first(lead: str, problem) -> bool:
    """Words said before the criticism proper, beyond whom it is addressed to and the
    formula that introduces it, naming no problem: praise first."""
    lead = VOCATIVE.sub("", lead.strip())
    lead = LEAD_FORMULA.sub("", lead).strip(" ，,。：:；;\n")
    said = len(re.findall(r"[\u4e00-\u9fff]", lead))
    return said >= 2 and not (problem.search(lead) or SHORTFALL.search(lead))


def criticism_faults(body: str, rules: RuleSet) -> list[str]:
    """The rules one criticism breaks: it only hopes or suggests, or it opens with praise.

    Judged from the criticism's structure: what comes before its first point (beyond the
    formula that introduces it), and whether any point names a problem; the word lists of the
    rules are hints for a criticism written without points. Used on a minutes file and, live,
    on each criticism as the recorder enters it.
    """
    from dlm.textcheck.points import points

    hope, problem, praise = rules.words("hope"), rules.words("problem"), rules.words("praise")
    found = points(body)
    if found:
        pieces = [body[p.body : p.end] for p in found]
        names_problem = [bool(problem.search(x) or SHORTFALL.search(x)) for x in pieces]
        faults = []
        if not any(names_problem) and any(hope.search(x) for x in pieces):
            faults.append("minutes.hope_not_criticism")
        if _praises_first(body[: found[0].start], problem):
            faults.append("minutes.praise_first")  # words before the first point: no problem
        return faults
    faults = []
    contrast = CONTRAST.search(body)
    if contrast and _praises_first(body[: contrast.start()], problem):
        return [*faults, "minutes.praise_first"]  # "晓岚同志作风务实。但……"
    if hope.search(body) and not (problem.search(body) or SHORTFALL.search(body)):
        faults.append("minutes.hope_not_criticism")
    first = SENTENCE.split(body.strip(), maxsplit=1)[0]
    first = re.sub(r"^.{0,20}(意见|建议)[：:]", "", first)
    praised = praise.search(first)
    if praised is not None and not first.startswith(("一是", "1")):
        trouble = problem.search(first)
        if trouble is None or praised.start() < trouble.start():
            faults.append("minutes.praise_first")
    return faults
