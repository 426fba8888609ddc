"""Materials in the genre, for the copy benchmarks: what unrelated offices share, and what not.

Written for DLM (no seed sentences). Unlike tests/textcheck/sentence_bank.py, which draws word
by word so that unrelated documents share nothing, these documents are built the way offices
write: the same stock formulas (the title, "根据…统一部署", "现将…报告如下", the 四必谈 sentence,
the part headings, the closing), the notice's aspects as headings, a few sentences of the genre's
common language that many offices write every year (``COMMON``, deliberately *not* in our
stock-phrase list, so the index has to learn them), and problem paragraphs assembled from clauses
of the genre — so unrelated documents share many short phrases but seldom a long run.
"""

from __future__ import annotations

import random

from tests.textcheck.sentence_bank import sentence as own_words

SUBJECTS = (  # noqa: SIM905 - word lists read best as spaced strings
    "理论学习 调查研究 联系服务群众 作风建设 担当作为 廉洁自律 民主集中制 意识形态工作 安全生产 "
    "营商环境 基层治理 财务管理 重点项目推进 干部队伍建设 矛盾纠纷化解 信访工作 生态环境保护 "
    "应急管理 乡村振兴 城市更新 老旧小区改造 就业帮扶 养老服务 教育资源配置 防汛防台 食品安全 "
    "招商引资 国有资产管理 政务服务 网格化管理"
).split()
ADJ = "深入 系统 扎实 到位 主动 精准 细致 持续 有力 全面 及时 规范".split()  # noqa: SIM905
VERB = "推进 谋划 落实 研究 督促 跟进 部署 统筹 把关 检查".split()  # noqa: SIM905
PLACES = (  # noqa: SIM905 - word lists read best as spaced strings
    "城东片区 老旧小区 工业园区 农贸市场 学校周边 河道沿线 安置小区 商业综合体 建筑工地 "
    "物流园区 城中村 背街小巷 养老机构 集贸市场 渡口码头 山塘水库 高速出入口 医院周边 "
    "老城区 新建小区 村级工厂 小餐饮店 出租房屋 农家乐 旅游景区 汽车站 批发市场 菜市场"
).split()
EVENTS = (  # noqa: SIM905 - word lists read best as spaced strings
    "开展专项检查 召开推进会 处置群众来信 走访辖区企业 调研基层站所 组织集中整治 "
    "办理人大代表建议 督办重点工作 研究年度预算 部署汛前排查 推进征迁工作 审核项目资金 "
    "组织应急演练 调处邻里纠纷 接待群众来访 开展夜查行动 推进垃圾分类 核查低保对象"
).split()
PREFIXES = (  # noqa: SIM905
    "东湖 西岭 南塘 北关 青石 柳湾 杏林 桃源 梅溪 竹园 松涛 枫桥 荷塘 菱湖 兰亭 "
    "金沙 银杏 玉泉 翠屏 龙山 凤鸣 鹤林 鹿苑 长乐 永安 太平 新华 光明 胜利 和平 "
    "红旗 向阳 朝阳 春晖 秋实 清风 明月 白云 碧波 黄石"
).split()
SHORTFALLS = [
    "只听取了汇报，没有到现场察看",
    "发现问题后没有跟踪整改结果",
    "满足于发文件、开会议，跟进督促不够",
    "对群众反映的意见回应不及时",
    "情况掌握不全，拍板偏于草率",
    "把工作交给分管科室后就不再过问",
    "台账记录不完整，底数不清",
    "遇到矛盾绕着走，推给上级处理",
    "调研前打招呼、定路线，看到的多是盆景",
    "对苗头性问题没有引起足够警觉",
    "布置任务多、检查落实少",
    "对下属提出的困难没有帮助协调解决",
    "材料报送多次退回，反映出把关不严",
    "安排部署时没有征求基层意见",
    "处置过程拖了{n}天才有结果",
    "事后复盘不深，同类问题反复出现",
]
REASONS = [
    "理想信念这个总开关拧得还不够紧",
    "党性修养有所放松，标准有所降低",
    "宗旨意识淡化，对群众冷暖关心不够",
    "政绩观存在偏差，重显绩轻潜绩",
    "纪律规矩意识有所弱化",
    "学习不深入，理论指导实践的能力不够强",
    "斗争精神不足，遇到难题存在畏难情绪",
    "工作方法简单，满足于过得去",
    "自我要求有所放松，慎独慎微做得不够",
    "统筹谋划能力不足，抓主要矛盾不够",
    "担当意识不强，怕担责任、怕出问题",
    "对新形势新任务研究不透",
]
REASON_TAILS = ["，反映在{s}上", "，{year}年以来表现得比较明显", "。在{place}", "", ""]
MEASURES = [
    "坚持每月至少{n}次深入一线，直接听取基层意见",
    "建立问题清单，逐项明确责任人和完成时限",
    "把学习成果转化为推动{s}的实际成效",
    "严格执行民主集中制，重大事项集体研究决定",
    "对{s}中的难点问题实行挂图作战",
    "主动接受党员群众监督，定期通报整改进展",
    "每季度对{s}开展一次复盘，防止问题反弹",
    "{year}年{month}月底前完成{place}的{event2}",
    "由分管同志牵头，{n}个工作日内拿出{s}的具体方案",
    "围绕{s}，到{place}蹲点调研不少于{n}天",
]
# What many offices write every year (deliberately not on the stock-phrase list).
COMMON = [
    "对标对表还有差距，离组织要求和群众期盼还有不小距离",
    "在学懂弄通做实上下功夫不够，存在以干代学的现象",
    "深入基层调研不够，了解情况浮在面上，解决问题办法不多",
    "抓工作落实的韧劲不足，有时满足于完成规定动作",
    "对党员干部的日常教育管理还有宽松软的情况",
    "创新意识不够强，工作中习惯于沿用老办法老经验",
    "在落实中央八项规定精神上还有薄弱环节",
    "攻坚克难的闯劲和拼劲有所减弱，求稳怕乱的思想还不同程度存在",
]
STOCK_OPENING = [
    "根据{issuer}统一部署，{team}领导班子围绕{theme}，会前认真学习规定篇目、深刻领会精神实质，"
    "广泛征求意见建议，深入开展谈心谈话，紧扣{aspects}等方面逐项对照检查，深刻剖析问题产生的根源。"
    "现将对照检查情况报告如下：",
    "按照{issuer}通知要求，{team}班子结合工作实际，广泛征求意见建议，主要负责同志与班子成员之间必谈，"
    "班子成员相互之间必谈，现将有关情况报告如下：",
]
STOCK_PERSONAL = (
    "根据{issuer}统一部署，本人围绕{theme}，对照{aspects}逐项进行检视，深刻剖析问题产生的根源，"
    "现将个人对照检查情况报告如下："
)
CLOSING = [
    "以上对照检查，不妥之处，恳请同志们批评指正。",
    "以上是我的对照检查，请同志们批评指正。",
]
NUMBERS = "一二三四五六七八九十"


def _fill(rng: random.Random, pattern: str) -> str:
    return pattern.format(
        s=rng.choice(SUBJECTS),
        n=rng.randint(2, 9),
        year=rng.randint(2019, 2027),
        month=rng.randint(1, 12),
        place=rng.choice(PREFIXES) + rng.choice(PLACES),
        event=rng.choice(EVENTS),
        event2=rng.choice(EVENTS)[2:],
        shortfall=rng.choice(SHORTFALLS).format(n=rng.randint(3, 60)),
    )


def clause(rng: random.Random) -> str:
    """One problem in one of the shapes offices use, then the example that makes it theirs
    (in the office's own words: nobody else writes that sentence)."""
    subject = rng.choice(SUBJECTS)
    shortfall = rng.choice(SHORTFALLS).format(n=rng.randint(3, 60))
    place, event = rng.choice(PREFIXES) + rng.choice(PLACES), rng.choice(EVENTS)
    month, count = rng.randint(1, 12), rng.randint(2, 98)
    head = rng.choice(
        [
            f"抓{subject}不够{rng.choice(ADJ)}，{shortfall}",
            f"对{subject}{rng.choice(VERB)}不够{rng.choice(ADJ)}",
            f"在{subject}上用力不均，{shortfall}",
            f"{subject}方面{shortfall}",
            f"分管的{subject}工作{count}项任务中有{rng.randint(1, count)}项滞后",
        ]
    )
    example = rng.choice(
        [
            f"比如{month}月在{place}{event}时",
            f"{place}{event}中",
            f"今年{month}月{rng.randint(1, 28)}日",
            "",
        ]
    )
    return f"{head}。{example}{own_words(rng)}"


def problems(rng: random.Random, count: int, common_rate: float) -> list[str]:
    lines = []
    for index in range(count):
        line = f"{NUMBERS[index % 10]}是{clause(rng).rstrip('。')}。"
        if rng.random() < common_rate:
            line += rng.choice(COMMON) + "。"
        lines.append(line)
    return lines


def material(
    rng: random.Random,
    *,
    team: str,
    issuer: str,
    year: int,
    theme: str,
    aspects: list[str],
    personal: bool,
    chars: int,
    common_rate: float = 0.08,
) -> str:
    """One material of ``chars`` characters or so, in the genre's five parts."""
    title = (
        f"{team}{year}年度民主生活会个人对照检查材料"
        if personal
        else f"{team}领导班子{year}年度民主生活会对照检查材料"
    )
    fill = {"issuer": issuer, "team": team, "theme": theme, "aspects": "、".join(aspects)}
    opening = STOCK_PERSONAL if personal else rng.choice(STOCK_OPENING)
    body = [title, opening.format(**fill), "一、上年度民主生活会问题整改情况"]
    body += problems(rng, 2, common_rate)
    body.append("二、查摆的主要问题")
    per_aspect = max(2, (chars - 900) // (len(aspects) * 75))
    for index, aspect in enumerate(aspects):
        body.append(f"（{NUMBERS[index]}）{aspect}方面")
        body += problems(rng, per_aspect, common_rate)
    body.append("三、产生问题的原因剖析")
    body += [
        f"{NUMBERS[i]}是{r}{_fill(rng, rng.choice(REASON_TAILS))}。{own_words(rng)}"
        for i, r in enumerate(rng.sample(REASONS, rng.randint(3, 5)))
    ]
    body.append("四、整改措施及努力方向")
    body += [
        f"{NUMBERS[i]}是{_fill(rng, m)}。{own_words(rng)}"
        for i, m in enumerate(rng.sample(MEASURES, rng.randint(3, 5)))
    ]
    if personal:
        body.append("五、个人有关事项说明")
        body.append("本人没有需要向组织说明的个人有关事项。")
    body.append(rng.choice(CLOSING))
    return "\n".join(body)


def passage(rng: random.Random, chars: int) -> str:
    """A run of problem sentences to plant: no common sentences in it, so what is found is
    the planted copy and not the genre."""
    lines: list[str] = []
    while sum(len(line) for line in lines) < chars:
        lines += problems(rng, 1, 0.0)
    return "".join(lines)
