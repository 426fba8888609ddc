"""Files as users send them: encodings, Word, and the files that must be refused kindly."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import read_path
from tests.textcheck.conftest import fixture_text

SAMPLE = "一、存在的问题\n（一）学习不够，比如某事。\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_text_encodings_are_detected(tmp_path, encoding, expected):
    path = tmp_path / "提纲.txt"
    path.write_bytes(SAMPLE.encode(encoding))

    document = read_path(path)

    assert (document.text, document.encoding) == (SAMPLE, expected)


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))

    assert read_path(path).text == SAMPLE


def make_docx(path, paragraphs, table=None, heading=None):
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(path)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = tmp_path / "清单.docx"
    make_docx(path, ["一、问题清单", "正文。"], table=[["序号", "问题"], ["1", "学习不够"]])

    assert read_path(path).text == "一、问题清单\n正文。\n序号\t问题\n1\t学习不够"


def test_docx_heading_styles_give_outline_levels_without_marks_in_the_text(tmp_path):
    from dlm.textcheck.outline import build_outline

    path = tmp_path / "提纲.docx"
    make_docx(path, ["正文第一段。"], heading="存在的问题")

    document = read_path(path)
    assert document.text.startswith("存在的问题\n")  # what people read: no "#"
    assert document.headings == ((1, "存在的问题"),)
    [node] = build_outline(document.text, document.headings)
    assert (node.title, node.level) == ("存在的问题", 1)


def test_docx_is_analysed_like_text(tmp_path):
    from dlm.textcheck.analyse import analyse

    path = tmp_path / "提纲.docx"
    make_docx(path, fixture_text("personal_outline.txt").split("\n"))

    result = analyse(read_path(path).text)

    assert result["kind"] == "material"
    assert len(result["material"]["aspects"]) == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.doc", b"\xd0\xcf\x11\xe0", "旧版 Word"),
        ("a.pdf", b"%PDF-1.4", "PDF"),
        ("a.png", b"\x89PNG", "图片"),
        ("a.xls", b"x", "不支持的文件类型"),
        ("a.txt", b"", "空"),
        ("a.txt", b"   \n  ", "空"),
        ("a.txt", b"\x00\x01\x02binary", "不是文本"),
        ("a.docx", b"not a zip at all", "已损坏"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "已加密"),
    ],
)
def test_unreadable_files_get_one_clear_chinese_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(UnreadableDocument, match=message):
        read_path(path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "你好")

    with pytest.raises(UnreadableDocument, match="已损坏|无法解析"):
        read_path(path)


def test_truncated_docx(tmp_path):
    good = tmp_path / "good.docx"
    make_docx(good, ["一、问题"])
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[:300])

    with pytest.raises(UnreadableDocument):
        read_path(bad)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (300 * 1024 * 1024))

    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_path(path)


def test_encrypted_entries_are_refused(tmp_path):
    path = tmp_path / "locked.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    # set the "encrypted" flag bit in the local header and the central directory entry
    data[6] |= 0x1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))

    with pytest.raises(UnreadableDocument, match="已加密"):
        read_path(path)


def test_oversized_files_are_refused_by_the_configured_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(("正文" * 1000).encode("utf-8"))

    with pytest.raises(UnreadableDocument, match="文件过大"):
        read_path(path, max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="找不到文件"):
        read_path(tmp_path / "none.txt")
