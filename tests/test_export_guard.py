"""Every export is safe for what users typed (issue 18): control characters in any text field
no longer make a download answer 500, and text starting with = + - @ is written as text, not
as a formula. Each file is reopened with python-docx or openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dlm.campaigns.models import Meeting
from dlm.organisations.models import Organisation
from dlm.preparation.models import MaterialVersion, Opinion
from dlm.proceedings.models import Turn
from dlm.rectification.models import Item
from tests.conftest import combined_report
from tests.test_permission_walk import an_urging

HOSTILE = '=HYPERLINK("http://example.invalid","点我")\x07\x0b\x0c'
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile(world):
    Organisation.objects.filter(pk=world.street.pk).update(name="测试\x07街道" + HOSTILE)
    MaterialVersion.objects.filter(material=world.material).update(
        text=world.material.versions.get().text + "\x0b补充\x0c"
    )
    Opinion.objects.create(
        meeting=world.meeting,
        text=FORMULA + "\x07意见",
        source="box",
        about=None,
        received_on=dt.date(2026, 11, 20),
    )
    Turn.objects.create(
        meeting=world.meeting,
        kind="criticism",
        speaker=world.principal_seat,
        speaker_name="书记\x07",
        target=world.member_seat,
        text="一是\x0c学习不够；二是+调研偏少。",
        client_id="hostile",
    )
    Item.objects.create(
        meeting=world.meeting,
        number=1,
        member=world.member_seat,
        problem=FORMULA,
        measures="@SUM(1,2)\x07",
        responsible=world.member_seat,
        kind="short",
        deadline=dt.date(2027, 6, 30),
        internal_note="-1+1\x0b",
    )
    Meeting.objects.filter(pk=world.meeting.pk).update(held_on=dt.date(2026, 12, 1))
    world.meeting.refresh_from_db()
    return world


def exports(world):
    m, c = world.meeting.pk, world.campaign.pk
    return [
        ("office", reverse("preparation:opinion_form_docx", args=[m])),
        ("office", reverse("preparation:opinion_summary_docx", args=[m])),
        ("office", reverse("proceedings:minutes_record_docx", args=[m])),
        ("office", reverse("proceedings:minutes_summary_docx", args=[m])),
        ("office", reverse("proceedings:criticisms_docx", args=[m])),
        ("office", reverse("rectification:ledger_xlsx", args=[m])),
        ("office", reverse("rectification:ledger_docx", args=[m, "full"])),
        ("office", reverse("rectification:ledger_docx", args=[m, "public"])),
        ("supervisor", reverse("supervision:campaign_overview_xlsx", args=[c])),
        ("supervisor", reverse("supervision:combined_report_docx", args=[c])),
        ("supervisor", reverse("supervision:urging_docx", args=[m, an_urging(world)])),
    ]


def download(client, url: str, world) -> bytes:
    """An export's bytes: downloaded at once, or — the combined report — asked for as a
    background job and downloaded from its page."""
    if url == reverse("supervision:combined_report_docx", args=[world.campaign.pk]):
        return combined_report(client, world.campaign)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def test_every_export_opens_with_hostile_text_and_writes_no_formula(hostile, as_persona):
    for persona, url in exports(hostile):
        content = download(as_persona(persona), url, hostile)
        if url.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(content))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (url, cell.coordinate, cell.value)
                        if isinstance(cell.value, str):
                            assert "\x07" not in cell.value and "\x0b" not in cell.value
            texts = [c.value for s in book.worksheets for r in s.iter_rows() for c in r]
            if "ledger" in url:
                assert FORMULA in texts  # kept, as text
        else:
            document = docx.Document(io.BytesIO(content))
            text = "\n".join(p.text for p in document.paragraphs)
            assert "\x07" not in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_every_export_opens_in_libreoffice_with_formulas_as_text(hostile, as_persona, tmp_path):
    """The other reader offices use: LibreOffice opens each file (converted in one run), and a
    spreadsheet's cell that starts with = is shown as typed, never computed."""
    paths = []
    for number, (persona, url) in enumerate(exports(hostile)):
        suffix = ".xlsx" if url.endswith(".xlsx") else ".docx"
        path = tmp_path / f"export{number}{suffix}"
        path.write_bytes(download(as_persona(persona), url, hostile))
        paths.append(path)
    out = tmp_path / "out"
    for suffix, target in ((".docx", "txt:Text"), (".xlsx", "csv")):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(out)]
            + [str(p) for p in paths if p.suffix == suffix],
            check=True,
            capture_output=True,
            timeout=240,
        )
    for path in paths:
        converted = out / (path.stem + (".txt" if path.suffix == ".docx" else ".csv"))
        assert converted.exists() and converted.stat().st_size > 0, path.name
    ledger = next(
        p for p, (_, url) in zip(paths, exports(hostile), strict=True) if url.endswith(".xlsx")
    )
    shown = (out / (ledger.stem + ".csv")).read_text(encoding="utf-8", errors="replace")
    assert "cmd|" in shown  # the formula kept as the text typed, not computed away
