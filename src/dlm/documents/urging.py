"""The letter of a 提醒 / 督办 / 预警 (督办通知书), in the official layout, from plain data."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH

from dlm.documents.docx_layout import DOCX, OfficialDocument


@dataclass
class UrgingData:
    level: str  # 提醒 / 督办 / 预警
    number: str
    team: str
    campaign: str
    text: str
    reply_by: str  # "2027年1月20日" or ""
    sender: str
    sent_on: str
    answer: str = ""
    answered_on: str = ""


def render(data: UrgingData) -> tuple[str, str, bytes]:
    title = f"民主生活会工作{data.level}通知书"
    doc = OfficialDocument(author=data.sender)
    doc.title(title)
    number = doc.paragraph(f"编号：{data.number}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraph(f"{data.team}：")
    doc.body(f"关于{data.campaign}，{data.text}")
    if data.reply_by:
        doc.body(f"请于{data.reply_by}前将落实情况书面答复。")
    for text in (data.sender, data.sent_on):
        paragraph = doc.paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if data.answer:
        doc.heading("答复情况")
        doc.body(f"{data.answered_on}答复：{data.answer}")
    return f"{title}（{data.team}）.docx", DOCX, doc.bytes()
