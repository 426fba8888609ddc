"""Turn a file into the text the analyser reads: .txt/.md in any common Chinese encoding, .docx.

For .docx see textcheck/docx.py: the body's paragraphs as Word shows them (automatic
numbering rendered, soft breaks as lines), tables row by row (cells joined by "\\t"), in
document order. Offsets reported by the analyser are offsets in this text.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dlm.textcheck.errors import UnreadableDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx unpacks to a few times its size; far more than this is a zip bomb.
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
REFUSED = {
    ".doc": "暂不支持旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传",
    ".pdf": "暂不支持 PDF 文件，请上传 .docx、.txt 或 .md 文件",
    ".wps": "暂不支持 WPS 文件，请另存为 .docx 后再上传",
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


@dataclass(frozen=True)
class Document:
    text: str
    format: str  # "txt" | "md" | "docx"
    encoding: str | None = None
    # (level, text) of the .docx's unnumbered heading-style paragraphs, in order
    headings: tuple[tuple[int, str], ...] = ()


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise UnreadableDocument(REFUSED[suffix])
    if suffix in IMAGE_SUFFIXES:
        raise UnreadableDocument("图片无法分析，请上传 .docx、.txt 或 .md 文件")
    if suffix not in TEXT_SUFFIXES | {".docx"}:
        raise UnreadableDocument(
            f"不支持的文件类型“{suffix or '无扩展名'}”，请上传 .docx、.txt 或 .md 文件"
        )
    try:
        size = path.stat().st_size
    except OSError:
        raise UnreadableDocument(f"找不到文件：{path.name}") from None
    if size > max_bytes:
        raise UnreadableDocument(
            f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {max_bytes / 1024 / 1024:.0f} MB"
        )
    if suffix == ".docx":
        text, headings = read_docx(path, max_bytes=max_bytes)
        return Document(text, "docx", headings=tuple(headings))
    data = path.read_bytes()
    text, encoding = decode_text(data)
    return Document(text, "md" if suffix != ".txt" else "txt", encoding)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode by BOM, else UTF-8, else GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise UnreadableDocument("文件是空的")
    for bom, encoding in [
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ]:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise UnreadableDocument("文件编码损坏，无法读取") from None
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("这不是文本文件（含有二进制内容）")
    for encoding in ("utf-8", "gb18030"):
        try:
            return normalise_newlines(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的文本")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_docx(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES):
    """The text and its unnumbered headings (see ``Document.headings``)."""
    check_zip(path, max_bytes)
    from dlm.textcheck import docx

    return docx.read_with_headings(path)


def check_zip(path: Path, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if any(info.flag_bits & 0x1 for info in infos):
                raise UnreadableDocument("Word 文件已加密，请取消密码保护后再上传")
            unpacked = sum(info.file_size for info in infos)
    except zipfile.BadZipFile:
        if _is_ole(path):
            raise UnreadableDocument(
                "Word 文件已加密或是旧版格式，请取消密码保护并另存为 .docx 后再上传"
            ) from None
        raise UnreadableDocument("Word 文件已损坏或不是 .docx 格式，无法读取") from None
    packed = max(path.stat().st_size, 1)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > max(packed, max_bytes) * MAX_UNPACKED_RATIO:
        raise UnreadableDocument("Word 文件解压后异常巨大，疑似压缩炸弹，已拒绝读取")


def _is_ole(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
