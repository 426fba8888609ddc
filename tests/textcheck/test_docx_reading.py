"""Reading .docx as offices make them: Word's and WPS's automatic numbering, soft breaks,
merged cells, tracked changes, text boxes, and hostile packages (issue 16)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from dlm.textcheck import docx
from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import read_path
from tests.textcheck.docx_builder import (
    WORD_OUTLINE,
    abstract_xml,
    level_xml,
    num_xml,
    numbering_xml,
    paragraph_xml,
    styles_xml,
    table_xml,
    write_docx,
)

OUTLINE = [  # (level, text): an outline of our own in the genre, without typed numbers
    (0, "上年度民主生活会问题整改情况"),
    (None, "去年查摆的4个问题已整改完成3个，1个正在推进。"),
    (0, "查摆的主要问题"),
    (1, "在理论学习方面"),
    (2, "学习不够系统，满足于听报告读文件。比如今年三月的专题学习，我只参加了半天。"),
    (2, "联系实际不够，用理论指导拆迁安置工作的办法不多。"),
    (1, "在担当作为方面"),
    (2, "遇到难题习惯向上请示，例如东片区停车整治拖了两个月。"),
    (0, "个人有关事项说明"),
    (None, "本人没有需要说明的个人有关事项。"),
    (0, "产生问题的原因剖析"),
    (1, "理想信念有所松懈"),
    (1, "宗旨意识有所淡化"),
    (0, "整改措施"),
    (1, "每周集中学习不少于4小时"),
    (1, "每月到分管社区蹲点2天"),
]
TYPED = [
    "张某某同志2026年度民主生活会发言提纲",
    "一、上年度民主生活会问题整改情况",
    "去年查摆的4个问题已整改完成3个，1个正在推进。",
    "二、查摆的主要问题",
    "（一）在理论学习方面",
    "1.学习不够系统，满足于听报告读文件。比如今年三月的专题学习，我只参加了半天。",
    "2.联系实际不够，用理论指导拆迁安置工作的办法不多。",
    "（二）在担当作为方面",
    "1.遇到难题习惯向上请示，例如东片区停车整治拖了两个月。",
    "三、个人有关事项说明",
    "本人没有需要说明的个人有关事项。",
    "四、产生问题的原因剖析",
    "（一）理想信念有所松懈",
    "（二）宗旨意识有所淡化",
    "五、整改措施",
    "（一）每周集中学习不少于4小时",
    "（二）每月到分管社区蹲点2天",
]


def word_style(tmp_path):
    """Word: one multi-level list; each paragraph carries numId and ilvl."""
    body = [paragraph_xml(TYPED[0])]
    for level, text in OUTLINE:
        body.append(paragraph_xml(text, num=1 if level is not None else None, ilvl=level))
    numbering = numbering_xml([abstract_xml(0, WORD_OUTLINE)], [num_xml(1, 0)])
    return write_docx(tmp_path / "word.docx", body, numbering=numbering)


def wps_style(tmp_path):
    """WPS: numbering attached to heading styles (numPr in the style), one list a level,
    headings restarted under each part by lvlRestart."""
    styles = styles_xml(
        '<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/>'
        '<w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/>'
        "</w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="1n"><w:name w:val="标题 1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>'
        '<w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="2n"><w:name w:val="标题 2"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>'
        '<w:outlineLvl w:val="1"/></w:pPr></w:style>'
    )
    levels = [
        (0, "chineseCountingThousand", "%1、"),
        (1, "chineseCountingThousand", "（%2）", 1, 1),
        (2, "decimal", "%3.", 1, 2),
    ]
    numbering = numbering_xml(
        [
            '<w:abstractNum w:abstractNumId="7">'
            + "".join(level_xml(*lv) for lv in levels)
            + "</w:abstractNum>"
        ],
        [num_xml(5, 7)],
    )
    style_of = {0: "1n", 1: "2n", 2: "3"}
    body = [paragraph_xml(TYPED[0])]
    for level, text in OUTLINE:
        body.append(paragraph_xml(text, style=style_of.get(level)))
    return write_docx(tmp_path / "wps.docx", body, numbering=numbering, styles=styles)


@pytest.mark.parametrize("make", [word_style, wps_style])
def test_a_list_numbered_outline_reads_exactly_like_a_typed_one(tmp_path, make):
    text = read_path(make(tmp_path)).text

    assert text.split("\n") == TYPED
    assert "#" not in text
    typed = analyse("\n".join(TYPED), kind="material")
    numbered = analyse(text, kind="material")
    assert numbered["material"] == typed["material"]
    assert not any("部分" in f["message"] for f in numbered["findings"] if "缺少" in f["message"])


def test_start_overrides_and_separate_lists_count_as_word_counts(tmp_path):
    numbering = numbering_xml(
        [abstract_xml(0, [(0, "decimal", "%1、"), (1, "decimalEnclosedCircle", "%2")])],
        [num_xml(1, 0), num_xml(2, 0, {0: 5})],
    )
    body = [
        paragraph_xml("甲", num=1, ilvl=0),
        paragraph_xml("甲一", num=1, ilvl=1),
        paragraph_xml("甲二", num=1, ilvl=1),
        paragraph_xml("乙", num=1, ilvl=0),
        paragraph_xml("乙一", num=1, ilvl=1),  # the level below restarts under a new 乙
        paragraph_xml("另一个列表从五开始", num=2, ilvl=0),
        paragraph_xml("不编号的段落", num=0),
    ]
    text = read_path(write_docx(tmp_path / "n.docx", body, numbering=numbering)).text
    assert text.split("\n") == [
        "1、甲",
        "①甲一",
        "②甲二",
        "2、乙",
        "①乙一",
        "5、另一个列表从五开始",
        "不编号的段落",
    ]


def test_chinese_counting_past_ten_and_other_formats():
    assert [docx.chinese_counting(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert docx.format_number(3, "ideographTraditional") == "丙"
    assert docx.format_number(12, "decimalFullWidth") == "１２"
    assert docx.format_number(4, "upperRoman") == "IV"


def test_soft_breaks_merged_cells_tracked_changes_and_text_boxes(tmp_path):
    deleted = (
        '<w:del w:id="1" w:author="a"><w:r><w:delText>删掉的话</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>补上的话</w:t></w:r></w:ins>'
    )
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = [
        paragraph_xml("民主生活会发言提纲\n区委常委、组织部部长\n王某某"),
        paragraph_xml("正文", raw_runs=deleted),
        paragraph_xml("", raw_runs=box),
        table_xml([["问题", "措施"], ["跨两行的问题", "措施一"], [None, "措施二"]]),
    ]
    text = read_path(write_docx(tmp_path / "t.docx", body)).text
    assert text.split("\n") == [
        "民主生活会发言提纲",
        "区委常委、组织部部长",
        "王某某",
        "正文补上的话",
        "框内文字",
        "问题\t措施",
        "跨两行的问题\t措施一",
        "措施二",
    ]


def test_a_bomb_is_refused_by_the_budget_before_it_is_inflated(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_path(path)  # by the declared sizes
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        docx.read(path)  # and by the stream's own budget, declared sizes aside


def test_entities_are_not_expanded(tmp_path):
    laugh = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laugh.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", laugh)
    try:
        text = docx.read(path)
    except UnreadableDocument:
        return  # refused outright: fine
    assert "哈" * 20 not in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_numbers_are_those_libreoffice_shows(tmp_path):
    path = word_style(tmp_path)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shown = (tmp_path / "word.txt").read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    ours = [line for line in read_path(path).text.split("\n") if line.strip()]
    assert [line.replace(" ", "").replace("\t", "") for line in lines] == ours


def test_the_title_style_gets_no_heading_marks(tmp_path):
    styles = styles_xml(
        '<w:style w:type="paragraph" w:styleId="t"><w:name w:val="Title"/></w:style>'
    )
    body = [paragraph_xml("某某同志2026年度民主生活会发言提纲", style="t"), paragraph_xml("正文")]
    text = read_path(write_docx(tmp_path / "t.docx", body, styles=styles)).text
    assert text.split("\n") == ["某某同志2026年度民主生活会发言提纲", "正文"]
