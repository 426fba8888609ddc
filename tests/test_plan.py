"""The plan: drafted from the campaign and meeting, saved in versions, exported as .docx."""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from django.urls import reverse

from dlm.preparation import plans
from dlm.preparation.models import Plan


def plan_url(world):
    return reverse("preparation:meeting_plan", args=[world.meeting.pk])


def test_the_draft_puts_the_principal_first_and_dates_from_the_timeline(world):
    draft = plans.draft(world.meeting)

    principal = world.principal_seat.person.name
    assert draft["present"].startswith(principal)
    assert f"（{principal}同志先发言）" in draft["agenda"]
    assert "制定并报送实施方案｜1月10日前｜办公室" in draft["steps"]  # ten days before 20 January
    assert draft["theme"] == world.meeting.campaign.theme


def save(world, as_persona, **changes):
    form = as_persona("office").get(plan_url(world)).context["form"]
    data = {name: form[name].value() or "" for name in [*plans.PLAN_FIELDS, "revision"]} | changes
    return as_persona("office").post(plan_url(world), data)


def test_every_save_keeps_a_version_and_only_the_office_edits(world, as_persona):
    assert save(world, as_persona).status_code == 302
    save(world, as_persona, time_place="2027年1月20日 14:30，二楼会议室")

    plan = Plan.objects.get(meeting=world.meeting)
    assert plan.versions.count() == 2
    assert plan.versions.get(number=1).data["time_place"] != plan.time_place
    assert as_persona("member").post(plan_url(world), {"theme": "x"}).status_code == 403


def test_a_plan_without_a_theme_is_refused_and_the_rest_kept(world, as_persona):
    response = save(world, as_persona, theme="", requirements="我们自己的要求")

    page = response.content.decode()
    assert "这个字段是必填项。" in page
    assert "我们自己的要求" in page
    assert not Plan.objects.exists()


def exported(world, as_persona) -> bytes:
    save(world, as_persona)
    response = as_persona("member").get(reverse("preparation:plan_docx", args=[world.meeting.pk]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    return response.content


def test_the_word_export_reopens_with_the_plan(world, as_persona):
    document = docx.Document(io.BytesIO(exported(world, as_persona)))

    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith(f"{world.street.name}{world.meeting.campaign.label}实施方案")
    assert "一、会议主题" in text and "六、工作要求" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["工作内容", "时间", "责任人"]
    assert table.rows[1].cells[0].text == "制定并报送实施方案"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_word_export_opens_in_libreoffice(world, as_persona, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(exported(world, as_persona))

    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert (tmp_path / "plan.pdf").stat().st_size > 1000
