"""Every .docx the product writes carries page numbers (GB/T 9704: "— n —" on the outside
edge) and properties naming the unit, the time it was made and its title (issue 17)."""

from __future__ import annotations

import datetime as dt
import io

import docx
from django.urls import reverse

from dlm.documents.docx_layout import OfficialDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def page_fields(document) -> list[str]:
    section = document.sections[0]
    fields = []
    for footer in (section.footer, section.even_page_footer):
        for paragraph in footer.paragraphs:
            text = "".join(t.text or "" for t in paragraph._p.iter(f"{W}instrText"))
            fields.append((paragraph.text.strip(), text.strip()))
    return fields


def test_an_official_document_has_page_numbers_and_its_own_properties():
    made = OfficialDocument(author="中共测试街道工委")
    made.title("关于召开民主生活会的情况报告")
    made.body("正文。\n" * 200)

    reopened = docx.Document(io.BytesIO(made.bytes()))

    assert page_fields(reopened) == [("—  —", "PAGE"), ("—  —", "PAGE")]
    assert reopened.settings.odd_and_even_pages_header_footer
    properties = reopened.core_properties
    assert properties.author == "中共测试街道工委"
    assert properties.title == "关于召开民主生活会的情况报告"
    created = properties.created.replace(tzinfo=dt.UTC)
    assert abs(created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert "python-docx" not in (properties.comments or "") + (properties.subject or "")


def test_the_opinion_form_names_the_team_and_numbers_its_pages(world, as_persona):
    response = as_persona("office").get(
        reverse("preparation:opinion_form_docx", args=[world.meeting.pk])
    )
    assert response.status_code == 200
    reopened = docx.Document(io.BytesIO(response.content))
    assert page_fields(reopened)[0][1] == "PAGE"
    assert reopened.core_properties.author in (world.street.name, world.street.display_name)
