"""Documents of the preparation an office files (issue 19): the 谈心谈话记录表, a member's outline
and the team material as official-layout .docx with the approved draft marked, the plan .docx
without blank lines, in the document's fonts, with its 落款; forms in Chinese."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest
from django.urls import reverse

from dlm.campaigns.models import Meeting
from dlm.preparation import domain as preparation
from dlm.preparation import talks
from dlm.preparation.enums import ReviewDecision, TalkKind
from dlm.preparation.models import Talk


def text_of(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_blank_talk_record_form_and_a_talk_filled_for_those_who_talked(world, as_persona):
    blank = as_persona("office").get(
        reverse("preparation:talk_record_form", args=[world.meeting.pk])
    )
    assert "谈心谈话记录表" in text_of(blank.content) and "□对方的缺点和不足" in text_of(
        blank.content
    )
    talk = talks.record_talk(
        world.meeting,
        Talk(
            member=world.member_seat,
            kind=TalkKind.BRANCH,
            partner_name="支部党员李某",
            held_on=world.meeting.campaign.latest_meeting_date.replace(year=2026, month=11, day=3),
            covered_team=True,
            notes="谈了作风问题",
        ),
        user=world.users["office"],
    )
    url = reverse("preparation:talk_record_docx", args=[talk.pk])

    filled = text_of(as_persona("member").get(url).content)

    assert "谈了作风问题" in filled and "☑班子存在的问题" in filled and "支部党员李某" in filled
    assert "2026年11月3日" in filled
    assert as_persona("office").get(url).status_code == 403  # what was said stays private
    assert as_persona("principal").get(url).status_code == 403  # not shared with him


def test_an_outline_downloads_in_the_official_layout_with_its_approval(world, as_persona):
    material = world.material
    preparation.submit_material(material, user=world.users["member"])
    preparation.review_material(
        material,
        decision=ReviewDecision.APPROVED,
        comment="",
        resubmit_by=None,
        user=world.users["principal"],
    )
    url = reverse("preparation:material_docx", args=[material.pk])

    document = docx.Document(io.BytesIO(as_persona("member").get(url).content))

    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == material.title
    assert "审阅通过" in paragraphs[1] and "第1稿" in paragraphs[1]
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert heading.runs[0].font.name == "黑体"
    assert as_persona("sibling").get(url).status_code == 404
    assert as_persona("office").get(url + "?version=9").status_code == 404


def test_a_draft_not_approved_says_so(world, as_persona):
    url = reverse("preparation:material_docx", args=[world.material.pk])
    document = docx.Document(io.BytesIO(as_persona("member").get(url).content))
    assert "未经审阅通过" in document.paragraphs[1].text


def plan_url(world):
    return reverse("preparation:meeting_plan", args=[world.meeting.pk])


def save_plan(world, as_persona, **changes):
    from dlm.preparation import plans

    form = as_persona("office").get(plan_url(world)).context["form"]
    data = {name: form[name].value() or "" for name in [*plans.PLAN_FIELDS, "revision"]} | changes
    return as_persona("office").post(plan_url(world), data)


def test_the_plan_docx_has_no_blank_lines_its_fonts_and_its_signature(world, as_persona):
    """Walk finding: each 工作要求 item followed by a blank line (a \\r from the browser), Word's
    default font in the table, no 落款 and date."""
    save_plan(world, as_persona, requirements="一、提高认识。\r\n二、严肃纪律。\r\n三、按时报送。")
    content = as_persona("office").get(reverse("preparation:plan_docx", args=[world.meeting.pk]))
    document = docx.Document(io.BytesIO(content.content))
    paragraphs = [p.text for p in document.paragraphs]

    start = paragraphs.index("六、工作要求")
    assert paragraphs[start + 1 : start + 4] == [
        "一、提高认识。",
        "二、严肃纪律。",
        "三、按时报送。",
    ]
    assert not any("\r" in p for p in paragraphs)
    assert world.street.name in paragraphs[-2] and paragraphs[-1].endswith("日")
    cell_run = document.tables[0].rows[1].cells[0].paragraphs[0].runs[0]
    assert cell_run.font.name == "仿宋_GB2312"
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer


def test_the_plan_page_shows_why_it_was_returned(world, as_persona):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        plan_note="会前准备缺少谈心谈话安排，请补充后重新报送", plan_note_step="return_plan"
    )
    page = as_persona("office").get(plan_url(world)).content.decode()
    assert "会前准备缺少谈心谈话安排" in page


def test_forms_speak_chinese(world, as_persona):
    """Walk finding: English colons after labels and "---------" as the empty choice."""
    page = (
        as_persona("office")
        .get(reverse("preparation:meeting_talks", args=[world.meeting.pk]))
        .content.decode()
    )
    assert "---------" not in page and "（请选择）" in page
    assert "谈话日期：</label>" in page and "谈话日期:</label>" not in page


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_new_documents_open_in_libreoffice(world, as_persona, tmp_path):
    office = as_persona("office")
    files = {
        "talk.docx": reverse("preparation:talk_record_form", args=[world.meeting.pk]),
        "outline.docx": reverse("preparation:material_docx", args=[world.material.pk]),
        "form.docx": reverse("preparation:opinion_form_docx", args=[world.meeting.pk]),
    }
    for name, url in files.items():
        (tmp_path / name).write_bytes(office.get(url).content)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(tmp_path / name) for name in files],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in files:
        assert (tmp_path / name.replace(".docx", ".pdf")).stat().st_size > 1000
    # the talk record prints on one page (walk finding: its signatures fell onto a second)
    pages = re.findall(rb"/Type\s*/Page[^s]", (tmp_path / "talk.pdf").read_bytes())
    assert len(pages) == 1


def test_the_materials_list_counts_by_status_and_names_who_has_no_outline(world, as_persona):
    """Walk finding: "9/10 份材料已提交" counted drafts that merely exist; no status counts."""
    preparation.submit_material(world.material, user=world.users["member"])
    page = (
        as_persona("office")
        .get(reverse("preparation:meeting_materials", args=[world.meeting.pk]))
        .content.decode()
    )
    assert "待审阅 1 份" in page and "撰写中 1 份" in page and "审阅通过 0 份" in page
    others = [
        s.person.name
        for s in world.street.team_members.all()
        if s.pk not in (world.member_seat.pk, world.principal_seat.pk)
    ]
    assert "还没有发言提纲：" + "、".join(others) in page
    assert "还没有班子对照检查材料" in page


def test_the_review_of_a_new_draft_shows_what_was_asked_last_time(world, as_persona):
    """Walk finding: when a draft came back, the last round's comments were not beside it."""
    import datetime as dt

    material = world.material
    first = material.versions.get()
    passage = first.text.splitlines()[2][:10]
    preparation.submit_material(material, user=world.users["member"])
    preparation.comment_passage(first, passage, "请举出具体事例", user=world.users["principal"])
    preparation.review_material(
        material,
        decision=ReviewDecision.RETURNED,
        comment="问题查摆不具体",
        resubmit_by=dt.date(2026, 12, 31),
        user=world.users["principal"],
    )
    preparation.add_version(
        material, first.text.replace(passage, "改写后的段落"), user=world.users["member"]
    )
    preparation.submit_material(material, user=world.users["member"])

    page = (
        as_persona("principal")
        .get(reverse("preparation:material_review", args=[material.pk]))
        .content.decode()
    )

    assert "上一轮的意见" in page and "问题查摆不具体" in page
    assert "请举出具体事例" in page and "本稿已修改" in page
