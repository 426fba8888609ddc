"""Our own corpus for the reader (issue 16): materials written for DLM in the genre, each in the
layouts offices really produce, scored against counts made by hand.

Run by hand:  .venv/bin/python bench/reading_corpus.py [--show]

Each base document below is written once as a structure (title, opening, parts; in the problems
part, one section an aspect with its problems), with its counts by hand in
bench/reading_corpus.json. Every base is rendered in each layout: as typed; with a byline and a
date in Chinese numerals; without its title;
with a table of contents before it; hard-wrapped as text copied out of a PDF (its title broken in
two); behind a web site's chrome; as HTML; with the template sites' masks; with its items inline
on one line; and as .docx with Word's and with WPS's list numbering, framed in a one-column
table, and packed (title, post and name in one paragraph with soft breaks; a heading and its
first line in one paragraph). The script prints each
check that failed and "checks right / checks made".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from dlm.textcheck.analyse import analyse  # noqa: E402
from dlm.textcheck.reading import read_path  # noqa: E402
from tests.textcheck import docx_builder as b  # noqa: E402

CN = "一二三四五六七八九十"
PARTS = {
    "previous": "previous_rectification",
    "problems": "problems",
    "personal": "personal_matters",
    "causes": "causes",
    "measures": "measures",
}

BASES: list[dict] = [
    {
        "id": "street-member",
        "title": "城南街道党工委委员、武装部部长周立群同志2026年度民主生活会个人发言提纲",
        "opening": "按照区委安排，我围绕会议主题，结合分管的武装、应急和安全生产工作，查找了自身差距。",
        "parts": [
            (
                "previous",
                "上年度民主生活会整改落实情况",
                ["去年查摆的3个问题均已整改到位，其中防汛物资台账问题已建立月度盘点制度。"],
            ),
            (
                "problems",
                "存在的主要问题",
                [
                    (
                        "在理论学习方面",
                        [
                            "学习偏重业务文件，对理论文章读得不深。比如全年专题研讨只发言两次。",
                            "学用结合不紧，讲安全生产多，讲背后的发展理念少。",
                        ],
                    ),
                    (
                        "在履职担当方面",
                        [
                            "对辖区小作坊消防隐患盯得不紧，例如城南菜场仓库隐患整改拖了四十天。",
                            "应急演练走过场，夜间演练一次也没有组织。",
                            "遇到跨部门的难题习惯等区里协调。",
                        ],
                    ),
                    (
                        "在作风建设方面",
                        [
                            "下社区多在白天工作日，群众下班后的诉求听得少。比如加装电梯的意见多是转述。"
                        ],
                    ),
                ],
            ),
            ("personal", "个人有关事项说明", ["本人无需要向组织说明的个人有关事项。"]),
            (
                "causes",
                "产生问题的原因",
                ["学习的自觉性不强，以干代学", "底线思维树得不牢", "服务群众的宗旨意识有所弱化"],
            ),
            (
                "measures",
                "整改措施",
                [
                    "每周安排半天集中学习",
                    "建立小作坊隐患清单，每月销号",
                    "每季度组织一次夜间应急演练",
                    "每月两个晚上到社区接待群众",
                ],
            ),
        ],
        "scope": "personal",
    },
    {
        "id": "bureau-team",
        "title": "中共江北区市场监督管理局党组领导班子2026年度民主生活会对照检查材料",
        "opening": "根据区委统一部署，局党组班子深入学习，广泛征求意见，深入开展谈心谈话。现将对照检查情况报告如下。",
        "parts": [
            (
                "previous",
                "上年度问题整改情况",
                ["上年度班子查摆问题5项，已完成整改4项，食品抽检覆盖面问题持续推进。"],
            ),
            (
                "problems",
                "查摆的问题",
                [
                    (
                        "关于政治建设方面",
                        [
                            "贯彻上级部署有时停留在转发文件，例如校园食品安全专项只开了一次部署会。",
                            "对系统内意识形态工作研究不多，全年专题研究仅一次。",
                        ],
                    ),
                    (
                        "关于履职尽责方面",
                        [
                            "对新业态监管办法不多，比如直播带货投诉处理平均用时二十六天。",
                            "执法办案质量不高，今年有3件案件被复议纠正。",
                        ],
                    ),
                    (
                        "关于作风建设方面",
                        [
                            "检查多、指导少，企业反映同一事项被重复检查。比如一家烘焙店一月内接受了四次检查。",
                            "文风会风改进不明显，会议材料偏长。",
                        ],
                    ),
                    (
                        "关于廉洁自律方面",
                        [
                            "对执法人员八小时以外的监督存在盲区，例如一名执法人员接受宴请一事是群众举报才发现。"
                        ],
                    ),
                ],
            ),
            (
                "causes",
                "原因剖析",
                ["理论武装不够深入", "服务发展的意识不强", "从严治党责任传导层层递减"],
            ),
            (
                "measures",
                "整改措施",
                ["建立直播电商投诉快处机制", "推行综合查一次制度", "每季度开展一次执法案卷评查"],
            ),
        ],
        "scope": "team",
    },
    {
        "id": "township-principal",
        "title": "白沙镇党委书记林海峰2026年度民主生活会对照检查发言提纲",
        "opening": "会前，我逐一同班子成员谈心，梳理了群众意见二十一条。",
        "parts": [
            (
                "problems",
                "个人查摆的问题",
                [
                    (
                        "一是学习方面",
                        ["理论学习计划执行不严，下半年有三次集中学习因招商活动推迟。"],
                    ),
                    (
                        "二是工作方面",
                        [
                            "抓产业项目急于求成，例如茶叶加工园选址未充分征求村民意见。",
                            "对村级财务监督不到位，两个村的账目公开滞后一个季度。",
                        ],
                    ),
                    ("三是作风方面", ["到偏远村次数偏少，高山片区全年只去了两次。"]),
                ],
            ),
            ("personal", "个人有关事项", ["本人配偶在镇中心小学任教，无其他需要说明的事项。"]),
            ("causes", "问题根源", ["政绩观有偏差", "群众观念有所淡化"]),
            (
                "measures",
                "下一步努力方向",
                ["每月蹲点一个偏远村", "重大项目先开村民议事会", "村级财务每季度公开"],
            ),
        ],
        "scope": "personal",
    },
    {
        "id": "college-team",
        "title": "某职业技术学院党委领导班子民主生活会检视剖析材料",
        "opening": "学院党委班子按照上级要求，紧扣会议主题开展检视。",
        "parts": [
            (
                "previous",
                "上一年度整改情况",
                ["去年的4项问题中3项已经整改完成，实训基地建设仍在推进。"],
            ),
            (
                "problems",
                "检视出的主要问题",
                [
                    (
                        "（一）政治理论学习",
                        [
                            "中心组学习有时以传达代替研讨，例如两次学习只读文件没有交流。",
                            "学习成果转化为办学思路不够。",
                        ],
                    ),
                    (
                        "（二）立德树人",
                        [
                            "思政课与专业课结合不紧，学生评价中这一项得分最低。",
                            "辅导员队伍配备不足，师生比低于规定。",
                        ],
                    ),
                    ("（三）服务师生", ["食堂和宿舍问题回应慢，比如宿舍热水问题三个月才解决。"]),
                ],
            ),
            ("causes", "原因分析", ["办学理念更新不及时", "联系师生的制度执行不严"]),
            (
                "measures",
                "整改方向",
                ["中心组学习每次安排专题发言", "年内补齐辅导员缺口", "建立师生诉求限时办结制度"],
            ),
        ],
        "scope": "team",
    },
    {
        "id": "village-secretary",
        "title": "青石村党总支书记王德胜同志专题民主生活会发言提纲",
        "opening": "结合村里今年的工作，我把问题摆一摆。",
        "parts": [
            (
                "problems",
                "查找的问题",
                [
                    (
                        "在带头学习上",
                        ["学习笔记记得多，拿来指导村务少。比如人居环境整治还是老办法。"],
                    ),
                    (
                        "在为民办事上",
                        [
                            "修路的事答应了两年还没完成，例如后山组的道路硬化一直拖着。",
                            "低保评议公开不够，有村民不了解评议结果。",
                        ],
                    ),
                ],
            ),
            ("personal", "需要说明的事项", ["本人没有需要说明的个人有关事项。"]),
            ("causes", "原因", ["本领不够", "标准不高"]),
            ("measures", "整改措施", ["年内完成后山组道路硬化", "低保评议结果张榜公示"]),
        ],
        "scope": "personal",
    },
]

BASES += [
    {
        "id": "hospital-deputy",
        "style": "shi",  # problems written 一是…二是… in one paragraph
        "title": "区人民医院党委副书记、院长许文静同志2026年度民主生活会个人对照检查材料",
        "opening": "围绕会议主题，我对照要求，结合医院改革发展工作作如下检查。",
        "parts": [
            (
                "previous",
                "去年问题整改情况",
                ["去年的2个问题已全部整改完成，门诊排队时间已明显缩短。"],
            ),
            (
                "problems",
                "存在的问题",
                [
                    (
                        "理论学习方面",
                        [
                            "学习时间被业务挤占，全年专题学习缺席三次",
                            "对卫生健康政策研究不深，比如医保支付改革的准备偏晚",
                        ],
                    ),
                    (
                        "担当作为方面",
                        [
                            "推动分级诊疗办法不多，例如与社区医院的双向转诊仍不顺畅",
                            "对科室之间的推诿现象处理不果断",
                            "重点学科建设进度落后于计划",
                        ],
                    ),
                ],
            ),
            (
                "personal",
                "个人有关事项说明",
                ["本人如实报告了个人有关事项，无需要特别说明的情况。"],
            ),
            (
                "causes",
                "原因剖析",
                ["理论学习的韧劲不足", "改革攻坚的勇气不够", "管理上存在老好人思想"],
            ),
            ("measures", "整改措施", ["每月参加两次中心组学习", "年内打通双向转诊平台"]),
        ],
        "scope": "personal",
    },
    {
        "id": "district-committee",
        "title": "中共滨江区委常委会领导班子2026年度民主生活会对照检查材料",
        "opening": "区委常委会认真学习规定篇目，广泛征求各方面意见建议一百余条。",
        "parts": [
            (
                "previous",
                "上年度民主生活会查摆问题整改落实情况",
                ["上年度查摆问题6项，已整改5项，1项长期坚持。"],
            ),
            (
                "problems",
                "查摆的突出问题",
                [
                    (
                        "在推动高质量发展方面",
                        [
                            "对产业转型升级统筹不够，例如老工业园腾退进展缓慢。",
                            "招商引资重数量轻质量，两个项目落地后投产不足。",
                        ],
                    ),
                    (
                        "在保障和改善民生方面",
                        ["城乡教育资源不均衡问题解决不力，比如新城区学位缺口仍有八百个。"],
                    ),
                    (
                        "在全面从严治党方面",
                        [
                            "对基层微腐败整治持续用力不够，例如村级工程领域问题线索增多。",
                            "干部担当作为的激励机制不健全。",
                        ],
                    ),
                ],
            ),
            (
                "causes",
                "问题产生的根源",
                ["理想信念有所松懈", "发展理念有偏差", "管党治党责任落实不严"],
            ),
            (
                "measures",
                "今后努力方向和整改措施",
                ["制定老工业园腾退三年计划", "新建学校两所", "开展村级工程专项整治"],
            ),
        ],
        "scope": "team",
    },
    {
        "id": "office-clerk",
        "style": "shi",
        "title": "街道党政办主任个人检视剖析材料",
        "opening": "对照会议要求，我把自己摆进去，查找了以下问题。",
        "parts": [
            (
                "problems",
                "查摆出的问题",
                [
                    (
                        "在政治学习上",
                        [
                            "满足于完成规定动作，自学少",
                            "学习笔记多是摘抄，比如今年的笔记没有一篇体会",
                        ],
                    ),
                    (
                        "在服务基层上",
                        [
                            "文件会议多，给社区增加了负担，例如一个月发了九个报表通知",
                            "对社区的困难反映回应慢",
                        ],
                    ),
                ],
            ),
            ("personal", "个人有关事项", ["本人无需要说明的个人有关事项。"]),
            ("causes", "原因分析", ["宗旨意识淡化", "工作标准不高"]),
            ("measures", "改进措施", ["报表通知每月合并发一次", "每周到一个社区听意见"]),
        ],
        "scope": "personal",
    },
]


def lines_of(
    base: dict, *, title: bool = True, labels: bool = True
) -> list[tuple[int | None, str]]:
    """(list level or None, text) of every line; the label is typed when ``labels``."""
    out: list[tuple[int | None, str]] = []
    if title:
        out.append((None, base["title"]))
    out.append((None, base["opening"]))
    for index, (kind, head, body) in enumerate(base["parts"]):
        out.append((0, (f"{CN[index]}、" if labels else "") + head))
        if kind == "problems":
            for s_index, (section, problems) in enumerate(body):
                section = section.lstrip("（一二三四五六七八九十）是")
                out.append((1, (f"（{CN[s_index]}）" if labels else "") + section))
                if base.get("style") == "shi":  # one paragraph: 一是…；二是…。
                    out.append(
                        (None, "；".join(f"{CN[i]}是{p}" for i, p in enumerate(problems)) + "。")
                    )
                    continue
                for p_index, problem in enumerate(problems):
                    out.append((2, (f"{p_index + 1}." if labels else "") + problem))
        elif kind in ("causes", "measures"):
            for i_index, item in enumerate(body):
                out.append((1, (f"（{CN[i_index]}）" if labels else "") + item + "。"))
        else:
            out.extend((None, line) for line in body)
    return out


def typed(base: dict) -> str:
    return "\n".join(text for _, text in lines_of(base))


def no_title(base: dict) -> str:
    return "\n".join(text for _, text in lines_of(base, title=False))


def with_toc(base: dict) -> str:
    heads = [text for level, text in lines_of(base) if level == 0]
    return "\n".join(["目录", *[f"{h}……{n + 2}" for n, h in enumerate(heads)], typed(base)])


def pdf_wrapped(base: dict) -> str:
    out = []
    for _, text in lines_of(base):
        if text == base["title"]:
            half = len(text) // 2
            out += [text[:half], text[half:]]
            continue
        out += [text[i : i + 34] for i in range(0, len(text), 34)]
    return "\n".join(out)


def web(base: dict) -> str:
    chrome = [
        "江北先锋网",
        "首页 > 党建工作 > 民主生活会",
        "发布时间：2026-12-08 09:30  来源：区委组织部",
        "【字号：大 中 小】【打印】【关闭】",
    ]
    return "\n".join([*chrome, typed(base), "上一篇：关于做好年终考核的通知"])


def html(base: dict) -> str:
    return "".join(f"<P>{text.replace(' ', '&nbsp;')}</P>\n" for _, text in lines_of(base))


def masked(base: dict) -> str:
    return typed(base).replace(base["title"][:4], "**", 1).replace("。", "，由某某负责。", 1)


def inline(base: dict) -> str:
    """Causes and measures run on one line each: "（一）…。（二）…。"."""
    out: list[str] = []
    run: list[str] = []
    for level, text in lines_of(base):
        if level == 1 and text.startswith("（") and text.endswith("。"):
            run.append(text)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(text)
    if run:
        out.append("".join(run))
    return "\n".join(out)


def word_docx(base: dict, folder: Path) -> str:
    body = []
    for level, text in lines_of(base, labels=False):
        body.append(b.paragraph_xml(text, num=1 if level is not None else None, ilvl=level))
    numbering = b.numbering_xml([b.abstract_xml(0, b.WORD_OUTLINE)], [b.num_xml(1, 0)])
    path = b.write_docx(folder / f"{base['id']}-word.docx", body, numbering=numbering)
    return read_path(path).text


def wps_docx(base: dict, folder: Path) -> str:
    styles = b.styles_xml(
        "".join(
            f'<w:style w:type="paragraph" w:styleId="h{n}"><w:name w:val="标题 {n + 1}"/>'
            f'<w:pPr><w:numPr><w:ilvl w:val="{n}"/><w:numId w:val="3"/></w:numPr>'
            f'<w:outlineLvl w:val="{n}"/></w:pPr></w:style>'
            for n in range(3)
        )
    )
    levels = [
        (0, "chineseCountingThousand", "%1、"),
        (1, "chineseCountingThousand", "（%2）", 1, 1),
        (2, "decimal", "%3.", 1, 2),
    ]
    numbering = b.numbering_xml(
        [
            '<w:abstractNum w:abstractNumId="9">'
            + "".join(b.level_xml(*lv) for lv in levels)
            + "</w:abstractNum>"
        ],
        [b.num_xml(3, 9)],
    )
    body = [
        b.paragraph_xml(text, style=f"h{level}" if level is not None else None)
        for level, text in lines_of(base, labels=False)
    ]
    path = b.write_docx(folder / f"{base['id']}-wps.docx", body, numbering=numbering, styles=styles)
    return read_path(path).text


def dated(base: dict) -> str:
    """A byline and a date written in Chinese numerals under the title."""
    lines = [text for _, text in lines_of(base)]
    return "\n".join([lines[0], "（二〇二六年十二月八日）", "区委第三督导组", *lines[1:]])


def table_docx(base: dict, folder: Path) -> str:
    """The whole text framed in a one-column table, as some offices' templates are."""
    rows = "".join(
        f"<w:tr><w:tc>{b.paragraph_xml(text)}</w:tc></w:tr>" for _, text in lines_of(base)
    )
    path = b.write_docx(folder / f"{base['id']}-table.docx", [f"<w:tbl>{rows}</w:tbl>"])
    return read_path(path).text


def packed_docx(base: dict, folder: Path) -> str:
    """Title, post and name in one paragraph with soft line breaks; each part's heading and
    its first line in one paragraph."""
    lines = lines_of(base)
    body = [b.paragraph_xml(lines[0][1] + "\n" + "发言人：本人" + "\n" + lines[1][1])]
    rest = lines[2:]
    index = 0
    while index < len(rest):
        level, text = rest[index]
        if level == 0 and index + 1 < len(rest) and rest[index + 1][0] is None:
            body.append(b.paragraph_xml(text + "\n" + rest[index + 1][1]))
            index += 2
            continue
        body.append(b.paragraph_xml(text))
        index += 1
    path = b.write_docx(folder / f"{base['id']}-packed.docx", body)
    return read_path(path).text


LAYOUTS = {
    "dated": dated,
    "typed": typed,
    "no_title": no_title,
    "toc": with_toc,
    "pdf": pdf_wrapped,
    "web": web,
    "html": html,
    "masked": masked,
    "inline": inline,
}


def checks(expected: dict, result: dict, layout: str) -> list[tuple[str, object, object]]:
    """(name, expected, found) of every check on one document."""
    material = result.get("material") or {}
    found_parts = sorted(p for p, span in (material.get("parts") or {}).items() if span)
    out = [
        ("kind", "material", result["kind"]),
        ("parts", sorted(expected["parts"]), found_parts),
        ("aspects", len(expected["problems"]), len(material.get("aspects", []))),
        (
            "problems",
            expected["problems"],
            [len(a["problems"]) for a in material.get("aspects", [])],
        ),
        ("causes", expected["causes"], len(material.get("causes", []))),
        ("measures", expected["measures"], len(material.get("measures", []))),
        ("placeholders", layout == "masked", bool(result["placeholders"])),
    ]
    if layout != "no_title":  # without a title, the voice decides: not counted
        out.append(("scope", expected["scope"], material.get("scope")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every failed check")
    args = parser.parse_args()
    expected = json.loads((ROOT / "bench" / "reading_corpus.json").read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="dlm-corpus-"))
    right = made = documents = 0
    failures: dict[str, int] = {}
    for base in BASES:
        counts = expected[base["id"]]
        renders = {name: make(base) for name, make in LAYOUTS.items()}
        renders["docx_word"] = word_docx(base, folder)
        renders["docx_wps"] = wps_docx(base, folder)
        renders["docx_table"] = table_docx(base, folder)
        renders["docx_packed"] = packed_docx(base, folder)
        for layout, text in renders.items():
            documents += 1
            result = analyse(text)
            for name, want, got in checks(counts, result, layout):
                made += 1
                if want == got:
                    right += 1
                else:
                    failures[f"{layout}:{name}"] = failures.get(f"{layout}:{name}", 0) + 1
                    if args.show:
                        print(f"{base['id']} / {layout} / {name}: expected {want}, found {got}")
    print(f"{documents} documents, {len(BASES)} bases × {documents // len(BASES)} layouts")
    for key, count in sorted(failures.items()):
        print(f"  failed {key}: {count}")
    print(f"checks right / checks made: {right} / {made} ({right / made:.1%})")


if __name__ == "__main__":
    main()
