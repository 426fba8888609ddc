"""The test meeting's script, with no Django import so the reader can be tried alone."""

from __future__ import annotations

# The same meeting three ways: as turns for the live screen, and as a minutes file with the
# labels on their own line or at the start of the paragraph.
SCRIPT = [
    (
        "self_criticism",
        "王明",
        None,
        "我先作个人对照检查。对照这次的主题，我在理论学习上有差距，调查研究不够深入。以上是我的对照检查，请大家批评。",
    ),
    (
        "criticism",
        "李华",
        "王明",
        "对王明同志提两点意见。一是抓理论学习多停留在集中学习，联系街道实际研究问题少；二是到社区调研时间偏短，听汇报多，进群众家门少。",
    ),
    (
        "criticism",
        "赵刚",
        "王明",
        "对王明同志提三点意见。一是对分管领导放手不够；二是部署工作有时过急，基层准备不足；三是对整改事项跟踪督办不够。",
    ),
    ("response", "王明", None, "感谢大家的批评，我虚心接受，逐条认领，认真整改。"),
    (
        "self_criticism",
        "李华",
        None,
        "我作个人对照检查。在担当作为方面，遇到难题有畏难情绪。以上是我的对照检查，请大家批评。",
    ),
    (
        "criticism",
        "王明",
        "李华",
        "对李华同志提两点意见。一是抓党建工作与业务结合不紧；二是对社区党组织的指导不够具体。",
    ),
    (
        "criticism",
        "赵刚",
        "李华",
        "对李华同志提两点意见。一是检查多、指导少；二是开会发文多，深入一线少。",
    ),
    ("response", "李华", None, "对于大家的批评，我全部接受，一定认真整改。"),
]


def minutes_text(layout: str) -> str:
    """A minutes file of SCRIPT: "alone" puts each label on its own line, "inline" at the
    start of the paragraph."""
    lines = [
        "测试街道工委民主生活会会议记录",
        "时间：2027年1月20日上午9:00",
        "地点：街道二楼会议室",
        "出席：王明、李华、赵刚",
        "主持：王明",
        "记录：孙丽",
        "会议内容：",
    ]
    host_cues = {4: "下面，请李华同志作个人对照检查。"}
    for index, (_, speaker, _, text) in enumerate(SCRIPT):
        block = [("王明", host_cues[index])] if index in host_cues else []
        block.append((speaker, text))
        for name, words in block:
            if layout == "alone":
                lines += [f"{name}：", words]
            else:
                lines.append(f"{name}：{words}")
    return "\n".join(lines) + "\n"
