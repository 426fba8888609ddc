"""Imported minutes and the minutes documents agree with the live record."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from dlm.proceedings import importing, live
from dlm.proceedings.models import MinutesImport, Turn
from tests.proceedings.helpers import record_script, structure
from tests.proceedings.script import minutes_text


def upload(client, world, name, content):
    return client.post(
        reverse("proceedings:minutes_import", args=[world.meeting.pk]),
        {"upload": SimpleUploadedFile(name, content)},
    )


def confirm_as_read(client, world, minutes_import, changes=None):
    """Post the review form with every proposed row as read, plus ``changes``."""
    rows = minutes_import.proposal
    data = {
        "row-TOTAL_FORMS": str(len(rows)),
        "row-INITIAL_FORMS": str(len(rows)),
        "row-MIN_NUM_FORMS": "0",
        "row-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key in ("kind", "speaker", "target", "text"):
            data[f"row-{i}-{key}"] = row[key]
        if row["include"]:
            data[f"row-{i}-include"] = "on"
    data.update(changes or {})
    return client.post(
        reverse("proceedings:minutes_import_review", args=[world.meeting.pk, minutes_import.pk]),
        data,
    )


def docx_bytes(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("layout", "name", "encode"),
    [
        ("alone", "会议记录.docx", docx_bytes),
        ("inline", "会议记录.txt", lambda text: text.encode("utf-8")),
    ],
)
def test_an_imported_minutes_file_has_the_structure_of_the_live_record(
    held, as_persona, layout, name, encode
):
    office = as_persona("office")
    record_script(office, held)
    live_structure = structure(Turn.objects.filter(meeting=held.meeting))
    Turn.objects.all().delete()

    response = upload(office, held, name, encode(minutes_text(layout)))
    minutes_import = MinutesImport.objects.get()
    assert response.status_code == 302, response.content.decode()[:500]
    review = office.get(response["Location"]).content.decode()
    assert "确认导入" in review

    saved = confirm_as_read(office, held, minutes_import)

    assert saved.status_code == 302
    imported = Turn.objects.filter(meeting=held.meeting)
    assert structure(imported) == live_structure
    assert {t.source for t in imported} == {"import"}
    minutes_import.refresh_from_db()
    assert minutes_import.confirmed_at is not None and minutes_import.corrections == []


def test_corrections_are_kept_and_a_bad_row_saves_nothing(held, as_persona):
    office = as_persona("office")
    upload(office, held, "会议记录.txt", minutes_text("inline").encode())
    minutes_import = MinutesImport.objects.get()
    zhao = next(s for s in held.seats if s.person.name == "赵刚")

    refused = confirm_as_read(
        office, held, minutes_import, {"row-1-target": str(zhao.pk), "row-2-target": ""}
    )
    assert "第 3 条：请选择被批评人" in refused.content.decode()
    assert Turn.objects.count() == 0

    fixed = confirm_as_read(office, held, minutes_import, {"row-1-target": str(zhao.pk)})
    assert fixed.status_code == 302
    minutes_import.refresh_from_db()
    assert minutes_import.corrections == [
        {"row": 2, "field": "target", "read": str(held.seats[0].pk), "confirmed": str(zhao.pk)}
    ]
    assert confirm_as_read(office, held, minutes_import).status_code == 200  # not twice
    assert Turn.objects.filter(target=zhao).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("坏文件.docx", b"PK\x03\x04 not really a zip", "损坏"),
        ("空白.txt", b"   \n", "空"),
        (
            "通知.txt",
            "关于召开会议的通知\n请各单位按时参加会议，不得缺席。".encode(),
            "没有从文件中识别出发言人",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_kept_with_the_reason(
    held, as_persona, name, content, reason
):
    office = as_persona("office")
    response = upload(office, held, name, content)

    kept = MinutesImport.objects.get()
    assert bytes(kept.content) == content
    assert reason in kept.error
    page = office.get(response["Location"]).content.decode()
    assert reason in page
    assert Turn.objects.count() == 0


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += ["|".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def test_counts_agree_in_the_record_the_documents_and_the_meeting_page(held, as_persona):
    office = as_persona("office")
    record_script(office, held)
    counts = {
        r.seat.person.name: (r.criticisms, r.points) for r in live.criticism_counts(held.meeting)
    }
    assert counts == {"王明": (2, 5), "李华": (2, 4), "赵刚": (0, 0)}

    def download(name):
        response = as_persona("member").get(reverse(f"proceedings:{name}", args=[held.meeting.pk]))
        assert response.status_code == 200
        return _docx_text(response.content)

    record = download("minutes_record_docx")
    summary = download("minutes_summary_docx")
    per_member = download("criticisms_docx")
    meeting_page = as_persona("member").get(held.meeting.get_absolute_url()).content.decode()
    for name, (turns, points) in counts.items():
        assert f"{name}|{turns}|{points}" in record
        assert f"{name}同志收到 {turns} 人次、{points} 条" in summary
        assert f"{name}同志（收到 {turns} 人次、{points} 条）" in per_member
        assert re.search(
            rf"<td>{name}</td><td class=\"criticisms\">{turns}</td><td class=\"points\">{points}</td>",
            meeting_page,
        )
    assert "共 4 人次、9 条" in per_member
    # the record prints what was said, verbatim; the counts come from the points marked in it
    assert "\n对王明同志提三点意见。一是对分管领导放手不够；二是" in record
    assert "提3点意见" not in record
    assert "时间：2027年1月20日" in record


def test_the_minutes_record_reads_back_into_the_same_record(held, as_persona):
    """The 会议记录 we write is a minutes file our own reader understands."""
    office = as_persona("office")
    record_script(office, held)
    before = structure(Turn.objects.filter(meeting=held.meeting))
    content = office.get(reverse("proceedings:minutes_record_docx", args=[held.meeting.pk])).content
    Turn.objects.all().delete()

    upload(office, held, "导出的会议记录.docx", content)
    confirm_as_read(office, held, MinutesImport.objects.get())

    assert structure(Turn.objects.filter(meeting=held.meeting)) == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_minutes_documents_open_in_libreoffice(held, as_persona, tmp_path):
    record_script(as_persona("office"), held)
    for name in ("minutes_record_docx", "minutes_summary_docx", "criticisms_docx"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(
            as_persona("office").get(reverse(f"proceedings:{name}", args=[held.meeting.pk])).content
        )
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert (tmp_path / f"{name}.pdf").stat().st_size > 1000


def test_absences_read_right_and_are_neither_counted_nor_judged():
    from dlm.documents.minutes import CountData, MinutesData, absence, render_summary

    assert absence("张华", "因公出差") == "张华同志因公出差请假"
    assert absence("李明", "请假") == "李明同志请假"
    assert absence("王强", "因病请假。") == "王强同志因病请假"
    assert absence("赵军", "参加市委党校培训") == "赵军同志因参加市委党校培训请假"
    data = MinutesData(
        team="测试街道工委",
        label="2026年度民主生活会",
        theme="主题",
        time="2026年12月9日",
        place="三楼会议室",
        host="王明",
        recorder="小李",
        present=["王明", "李华"],
        absent=[("赵刚", "因公出差"), ("钱进", "病假")],
        attending=[],
        guiding=[],
        agenda=[],
        turns=[],
        counts=[
            CountData("王明", 1, 2, ["李华"]),
            CountData("李华", 1, 1, ["王明"]),
            CountData("赵刚", 0, 0, [], absent=True),
        ],
    )
    text = _docx_text(render_summary(data)[2])
    assert "赵刚同志因公出差请假，钱进同志因病请假" in text
    assert "因因" not in text and "请假请假" not in text
    assert "赵刚同志缺席" in text and "赵刚同志收到 0" not in text


def test_names_that_match_nobody_are_mapped_once_and_left_out_rows_are_not_checked(
    held, as_persona
):
    """The file calls 王明 "王书记" (read as him) and has a guest nobody can be; one choice per
    name that matches nobody."""
    office = as_persona("office")
    text = (
        "会议记录\n时间：2026年12月9日\n地点：会议室\n主持人：王书记\n"
        "王书记：我作个人对照检查。我在理论学习上有差距，调查研究不够深入，请大家批评。\n"
        "李华：对王明同志提两点意见。一是联系群众不够；二是抓落实不够。\n"
        "王书记：感谢大家的批评，我虚心接受，认真整改。\n"
        "刘记者：会议开得很好，很受教育。\n"
        "李华：我作个人对照检查。我在担当作为上有差距，遇到难题有畏难情绪，请大家批评。\n"
        "王书记：对李华同志提两点意见。一是抓党建不紧；二是指导社区不具体。\n"
        "刘记者：我再补充一句，批评很有辣味。\n"
    )
    upload(office, held, "会议记录.txt", text.encode("utf-8"))
    minutes_import = MinutesImport.objects.get()
    names = [name for name, _ in importing.unknown_names(minutes_import.proposal)]
    assert names == ["刘记者"]
    page = office.get(
        reverse("proceedings:minutes_import_review", args=[held.meeting.pk, minutes_import.pk])
    ).content.decode()
    assert "文件中的姓名与班子对不上" in page

    response = confirm_as_read(office, held, minutes_import, {"name-0": importing.SKIP})

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = list(Turn.objects.filter(meeting=held.meeting).order_by("id"))
    assert [t.speaker_name for t in stored] == ["王明", "李华", "王明", "李华", "王明"]
    assert not any("刘记者" in t.text for t in stored)


def test_confirming_before_the_meeting_stage_names_the_reason(held, as_persona):
    from dlm.campaigns.enums import MeetingState
    from dlm.campaigns.models import Meeting

    office = as_persona("office")
    upload(office, held, "会议记录.txt", minutes_text("alone").encode("utf-8"))
    Meeting.objects.filter(pk=held.meeting.pk).update(state=MeetingState.PLANNING)

    response = confirm_as_read(office, held, MinutesImport.objects.get())

    page = response.content.decode()
    assert "还在“制定方案”阶段" in page and "不能再修改" not in page


def test_importing_into_a_record_already_kept_must_be_meant(held, as_persona):
    office = as_persona("office")
    record_script(office, held)
    kept = Turn.objects.filter(meeting=held.meeting).count()
    upload(office, held, "会议记录.txt", minutes_text("alone").encode("utf-8"))
    minutes_import = MinutesImport.objects.get()

    refused = confirm_as_read(office, held, minutes_import)
    assert "确认并入现有记录" in refused.content.decode()
    assert Turn.objects.filter(meeting=held.meeting).count() == kept

    merged = confirm_as_read(office, held, minutes_import, {"merge": "on"})
    assert merged.status_code == 302
    assert Turn.objects.filter(meeting=held.meeting).count() > kept


def test_the_summary_numbers_its_headings_without_a_gap_when_no_guide_spoke():
    """Walk finding: the 会议纪要 went from "二、" to "四、总结讲话" when no guidance group spoke."""
    from dlm.documents.minutes import MinutesData, TurnData, render_summary

    closing = TurnData("王明", "summary", "总结讲话", None, "大家讲得很好。", [], None)
    data = MinutesData(
        team="测试街道工委",
        label="2026年度民主生活会",
        theme="主题",
        time="2026年12月9日",
        place="三楼会议室",
        host="王明",
        recorder="小李",
        present=["王明", "李华"],
        absent=[],
        attending=[],
        guiding=[],
        agenda=[],
        turns=[closing],
        counts=[],
    )
    text = _docx_text(render_summary(data)[2])
    assert "三、总结讲话" in text and "四、" not in text
