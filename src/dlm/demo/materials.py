"""Demo outlines for the 望湖 team, with the copying a supervisor should catch.

Each outline is assembled clause by clause from small parts (none long enough to look copied)
around the member's own areas; three carry planted copies: one member borrows a colleague's
paragraphs, one a downloaded template, and the principal echoes the district's team material.
"""

from __future__ import annotations

import random

from dlm.demo import content

OPENERS = [
    "我在",
    "本人对",
    "作为分管同志，我在",
    "回头看，我在",
    "对照要求，我在",
    "自查发现，我在",
]
FAULTS = [
    "谋划不深",
    "督促不够经常",
    "办法不多",
    "底数不清",
    "跟进不及时",
    "标准不高",
    "调研偏少",
    "协调不力",
    "担当不足",
    "创新不够",
    "要求偏松",
    "落实打折扣",
    "研判滞后",
    "沟通不畅",
]
TAILS = [
    "导致一些工作被动",
    "群众有意见",
    "影响了整体进度",
    "问题反复出现",
    "上级督办才推动",
    "基层负担加重",
    "个别事项久拖未决",
    "干部积极性受挫",
    "整改效果打了折扣",
]
EVENTS = [
    "拆违",
    "加装电梯",
    "垃圾分类",
    "停车整治",
    "防汛",
    "老旧小区改造",
    "社区换届",
    "安全检查",
]
PLACES = ["东坪", "河沿", "湖滨", "望湖新村", "北街", "南岸", "西园", "桥头"]
CAUSES = [
    ("理论学习", ["挤时间不够", "学用脱节", "满足于浅学", "笔记多思考少"]),
    ("宗旨意识", ["对群众冷暖感受不深", "服务意识减弱", "下基层少", "听汇报代替调研"]),
    ("党性修养", ["自我要求降低", "小节上放松", "批评和自我批评辣味不足", "纪律意识弱化"]),
]
MEASURES = [
    "每周自学不少于{n}小时，{m}月底前交{k}篇体会",
    "每月到{place}蹲点不少于{n}天，群众诉求{m}日内答复",
    "每季度约谈分管科室{n}次，{m}月前完成{k}项问题销号",
]
TEMPLATE = (
    "×××同志民主生活会个人发言提纲（范文）\n"
    "一、存在的主要问题\n"
    "（一）理论学习不够深入系统。平时忙于事务性工作，挤时间学习不够，学习满足于读原文、记笔记，"
    "联系实际思考不多，用理论指导实践、推动工作的能力还有差距。\n"
    "（二）担当作为不够积极主动。面对矛盾问题有时存在畏难情绪，习惯于按常规办事，"
    "开拓创新的勇气和魄力不足，工作标准还不够高。\n"
)


def problem(rng: random.Random, area: str) -> str:
    opener, fault, tail = rng.choice(OPENERS), rng.choice(FAULTS), rng.choice(TAILS)
    month, days = rng.randint(1, 11), rng.randint(3, 60)
    event, place = rng.choice(EVENTS), rng.choice(PLACES)
    example = rng.choice(["比如", "例如", "再如"])
    delay = rng.choice(["拖了", "耽搁了", "用了"])
    result = rng.choice(["拿出办法", "到现场", "协调到位"])
    return (
        f"{opener}{area}上{fault}，{tail}。{example}，{month}月{place}{event}中，"
        f"我{delay}{days}天才{result}。"
    )


def outline(name: str, areas: str, rng: random.Random) -> str:
    area_words = [a for a in areas.replace("、", "，").split("，") if a] or ["分管工作"]
    lines = [f"{name}：本人发言提纲", "一、查摆的主要问题"]
    for index, (head, _text) in enumerate(content.ASPECTS):
        lines.append(f"（{'一二三四五'[index]}）{head}")
        for number in range(1, 3):
            lines.append(f"{number}.{problem(rng, rng.choice(area_words))}")
    lines += [
        "二、个人有关事项说明",
        f"{name}：配偶{rng.choice(['在学校任教', '在医院工作', '已退休'])}，无经商办企业。",
    ]
    # Causes and measures in the member's own terms (his areas, his cases): teammates who
    # write alike in these parts would rightly be flagged as 左右一个样.
    lines.append("三、产生问题的原因剖析")
    for i, (head, details) in enumerate(CAUSES):
        area = rng.choice(area_words)
        lines.append(
            f"（{'一二三'[i]}）{head}上，{rng.choice(details)}。分管{area}以来，"
            f"{rng.choice(FAULTS)}的情况在{rng.choice(PLACES)}{rng.choice(EVENTS)}中"
            f"{rng.choice(['最为明显', '暴露较多', '反复出现', '群众反映最多'])}。"
        )
    lines.append("四、整改措施")
    for i, measure in enumerate(MEASURES):
        text = measure.format(
            n=rng.randint(2, 9), m=rng.randint(1, 12), k=rng.randint(1, 6), place=rng.choice(PLACES)
        )
        lines.append(f"（{'一二三'[i]}）围绕{rng.choice(area_words)}，{text}。")
    return "\n".join(lines)


def team_material(rng: random.Random) -> str:
    lines = ["中共江川市临江区委常委班子民主生活会对照检查材料", "一、查摆的主要问题"]
    for index, (head, _text) in enumerate(content.ASPECTS):
        lines.append(f"（{'一二三四五'[index]}）{head}")
        lines.append(
            f"常委班子统筹推进全区重点工作时，对{rng.choice(PLACES)}等基层单位的具体困难研究不够，"
            f"指导督促还不够有力。比如，今年{rng.randint(1, 11)}月部署的专项整治，"
            f"有{rng.randint(3, 20)}个单位进度滞后，常委会没有及时研究解决。"
        )
    return "\n".join(lines)
