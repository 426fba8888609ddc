"""The readable Chinese report that `dlm analyse` prints without --json."""

from __future__ import annotations

from collections import Counter

from dlm.textcheck.material import PART_LABELS

KIND_LABELS = {
    "material": "对照检查材料/发言提纲",
    "minutes": "会议记录",
    "plan": "方案",
    "report": "情况报告",
    "briefing": "通报",
    "notice": "通知",
    "rectification_list": "整改清单",
    "other": "其他",
}
ROLE_LABELS = {
    "host": "主持",
    "report": "通报情况",
    "team_material": "班子对照检查",
    "self_criticism": "自我批评",
    "criticism": "批评",
    "response": "表态",
    "guidance": "点评指导",
    "summary": "总结",
    "other": "其他",
}
SEVERITY = {"error": "错误", "warning": "提醒", "info": "提示"}


def line_of(text: str, offset: int | None) -> str:
    return "" if offset is None else f"第{text.count(chr(10), 0, offset) + 1}行 "


def render_report(result: dict, text: str, name: str) -> str:
    out = [f"文件：{name}", f"类别：{KIND_LABELS[result['kind']]}　字数：{result['chars']}"]
    out.append("提纲：")
    for node in result["outline"][:20]:
        out.append(f"  {node['label']} {node['title']}")
        for child in node["children"][:12]:
            out.append(f"    {child['label']} {child['title']}")
    if "material" in result:
        out.extend(_material(result["material"]))
    if "minutes" in result:
        out.extend(_minutes(result["minutes"]))
    placeholders = result["placeholders"]
    out.append(f"占位符：{len(placeholders)} 处")
    if placeholders:
        lines = sorted({p["line"] for p in placeholders})
        shown = "、".join(str(n) for n in lines[:15]) + ("等" if len(lines) > 15 else "")
        out.append(f"  见第{shown}行")
    findings = [f for f in result["findings"] if f["rule"] != "text.placeholder"]
    out.append(f"发现的问题（占位符之外）：{len(findings)} 条")
    for f in findings:
        where = line_of(text, f["start"])
        out.append(f"  [{SEVERITY[f['severity']]}] {where}{f['message']}（{f['rule']}）")
    return "\n".join(out) + "\n"


def _material(material: dict) -> list[str]:
    scope = "班子" if material["scope"] == "team" else "个人"
    out = [f"材料：{scope}"]
    present = [PART_LABELS[p] for p, span in material["parts"].items() if span]
    out.append("  已有部分：" + ("、".join(present) or "无"))
    if material["missing_parts"]:
        out.append("  缺少部分：" + "、".join(PART_LABELS[p] for p in material["missing_parts"]))
    for aspect in material["aspects"]:
        matched = f"（对应第{aspect['matched_aspect']}方面）" if aspect["matched_aspect"] else ""
        count = len(aspect["problems"])
        out.append(f"  方面{aspect['index']}{matched}：{aspect['title'][:30]}，问题 {count} 个")
    if material["missing_aspects"]:
        out.append("  未覆盖的方面：" + "、".join(str(i) for i in material["missing_aspects"]))
    out.append(f"  原因 {len(material['causes'])} 条，措施 {len(material['measures'])} 条")
    for count in material["previous_rectification"]:
        out.append(f"  上年度查摆问题 {count['found']} 项，已整改 {count['done']} 项")
    return out


def _minutes(minutes: dict) -> list[str]:
    header = minutes["header"]
    out = [
        f"会议：{header['time'] or ''} {header['place'] or ''}".rstrip(),
        f"  主持人：{header['host'] or '—'}　记录人：{header['recorder'] or '—'}",
        "  发言人：" + "、".join(minutes["speakers"]),
    ]
    roles = Counter(turn["role"] for turn in minutes["turns"])
    out.append("  " + "，".join(f"{ROLE_LABELS[r]} {n} 次" for r, n in roles.items()))
    for name, turns in minutes["criticism_turns_by_target"].items():
        points = minutes["criticism_points_by_target"].get(name, 0)
        out.append(f"  {name}：被批评 {turns} 人次，{points} 条")
    return out
