"""The 整改清单 .xlsx: exported, re-imported to the same ledger; offices' messy sheets read
with row-level reasons; nothing saved before confirmation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dlm.documents.ledger_xlsx import COLUMNS, parse_date
from dlm.rectification.models import Item, LedgerImport
from tests.rectification.test_ledger import item_for

FIELDS = (
    "problem",
    "measures",
    "responsible_id",
    "lead_department",
    "deadline",
    "kind",
    "member_id",
)


def upload(client, world, name, content):
    return client.post(
        reverse("rectification:ledger_import", args=[world.meeting.pk]),
        {"upload": SimpleUploadedFile(name, content)},
    )


def sheet(rows, header=None, title=True) -> bytes:
    book = Workbook()
    ws = book.active
    if title:
        ws.append(["测试街道工委整改清单"])
        ws.merge_cells("A1:H1")
    ws.append(
        header or ["序号", "问题", "整改措施", "责任人", "牵头部门", "完成时限", "进展", "状态"]
    )
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_export_round_trips_by_code_and_importing_twice_changes_nothing(after, as_persona):
    """Export → change a deadline and a progress note, add a row → import: the changed item
    is updated (not copied), the new row added, a closed item stays closed, the rest
    untouched; the same sheet imported again changes nothing."""
    item_for(after, lead_department="党政办")
    item_for(
        after,
        member=None,
        responsible=after.principal_seat,
        kind="long_term",
        deadline=None,
        problem="班子议事不规范",
    )
    closed = item_for(
        after, kind="immediate", deadline=dt.date(2026, 12, 1), problem="值班表公示不及时"
    )
    Item.objects.filter(pk=closed.pk).update(status="closed", closed_on=dt.date(2026, 12, 2))
    office = as_persona("office")
    exported = office.get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk]))
    book = load_workbook(io.BytesIO(exported.content))
    ws = book.active
    assert [c.value for c in ws[2]] == COLUMNS
    header = [c.value for c in ws[2]]
    code_col = header.index("编号（勿改）") + 1
    first = Item.objects.order_by("number").first()
    first_row = next(
        r for r in range(3, ws.max_row + 1) if ws.cell(r, code_col).value == first.code
    )
    ws.cell(first_row, header.index("完成时限") + 1).value = "2027-09-30"
    ws.cell(first_row, header.index("进展") + 1).value = "已召开专题会研究"
    ws.append(["", "新发现的问题", "新的措施", after.member_seat.person.name, "", "2027-06-30"])
    buffer = io.BytesIO()
    book.save(buffer)
    untouched = list(Item.objects.exclude(pk=first.pk).order_by("number").values_list(*FIELDS))

    preview = office.get(upload(office, after, "清单.xlsx", buffer.getvalue())["Location"])
    page = preview.content.decode()
    assert "新增 1 项，修改 1 项，未变 2 项" in page
    assert "完成时限：" in page and "→ 2027-09-30" in page
    assert Item.objects.count() == 3  # nothing before confirmation
    office.post(
        reverse(
            "rectification:ledger_import_review",
            args=[after.meeting.pk, LedgerImport.objects.latest("id").pk],
        )
    )

    assert Item.objects.count() == 4
    first.refresh_from_db()
    assert first.deadline == dt.date(2027, 9, 30)
    assert first.all_progress()[-1].text == "已召开专题会研究"
    assert (
        list(
            Item.objects.exclude(pk=first.pk)
            .filter(number__lte=3)
            .order_by("number")
            .values_list(*FIELDS)
        )
        == untouched
    )
    assert Item.objects.get(pk=closed.pk).status == "closed"

    # the same sheet again: nothing to import
    again = office.get(upload(office, after, "清单.xlsx", buffer.getvalue())["Location"])
    assert "表格与台账一致，没有需要导入的内容" in again.content.decode()
    assert Item.objects.count() == 4


def test_a_messy_sheet_is_read_row_by_row(after, as_persona):
    office = as_persona("office")
    member = after.member_seat.person.name
    content = sheet(
        [
            [1, "调研不深", "每月调研两次", member, "党政办", "2027年3月31日", "", ""],
            [2, "台账不全", "建立台账", None, "党政办", "2027/4/30", "", ""],  # merged 责任人
            [None, None, None, None, None, None, None, None],  # an empty row
            [3, "学习不够", "", member, "", "2027-05-31", "", ""],
            [4, "值班不严", "严格值班", "张三", "", "长期坚持", "", ""],
            [5, "公开不及时", "按时公开", member, "", "明年三月", "", ""],
            [6, "宣传不够", "加强宣传", member, "", dt.datetime(2027, 6, 30), "已部署", "已完成"],
        ]
    )
    ws = load_workbook(io.BytesIO(content)).active
    ws.merge_cells("D3:D4")  # 责任人 merged over rows 3–4, as offices do
    buffer = io.BytesIO()
    ws.parent.save(buffer)

    page = office.get(
        upload(office, after, "清单.xlsx", buffer.getvalue())["Location"]
    ).content.decode()

    kept = LedgerImport.objects.get()
    assert [r["problem"] for r in kept.rows] == ["调研不深", "台账不全", "宣传不够"]
    assert [r["deadline"] for r in kept.rows] == ["2027-03-31", "2027-04-30", "2027-06-30"]
    assert {e["row"]: e["reason"] for e in kept.errors} == {
        6: "整改措施为空",
        7: "责任人“张三”不是本班子成员",
        8: "完成时限“明年三月”不是日期（可写 2027-03-31、2027年3月31日 或 长期坚持）",
    }
    assert "第 7 行：责任人“张三”不是本班子成员" in page
    assert "其中第 9 行在表格中标为已完成" in page
    assert Item.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04broken", "不是有效的 .xlsx"),
        (b"not a spreadsheet at all", "不是有效的 .xlsx"),
        (sheet([[1, "x", "y", "z"]], header=["序号", "事项", "做法", "人"]), "没有找到表头"),
    ],
)
def test_unreadable_sheets_are_kept_with_the_reason(after, as_persona, content, reason):
    office = as_persona("office")
    page = office.get(upload(office, after, "清单.xlsx", content)["Location"]).content.decode()
    kept = LedgerImport.objects.get()
    assert reason in kept.error and reason in page
    assert bytes(kept.content) == content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("2027/3/31", dt.date(2027, 3, 31)),
        ("2027.3.31", dt.date(2027, 3, 31)),
        ("2027年3月31日", dt.date(2027, 3, 31)),
        ("2027年2月", dt.date(2027, 2, 28)),
        ("2027年12月", dt.date(2027, 12, 31)),
        ("长期坚持", None),
        ("", None),
        ("2027-02-30", "2027-02-30"),
        ("尽快", "尽快"),
    ],
)
def test_dates_typed_as_text(text, expected):
    assert parse_date(text) == expected


def test_the_public_word_version_leaves_internal_notes_and_evidence_out(after, as_persona):
    from docx import Document

    from dlm.rectification import domain

    item = item_for(after, internal_note="涉及个人隐私，内部掌握")
    domain.add_progress(
        item, dt.date(2026, 11, 20), "已调研", [("调研照片.jpg", b"x")], user=after.users["office"]
    )
    office = as_persona("office")

    def text(version):
        response = office.get(
            reverse("rectification:ledger_docx", args=[after.meeting.pk, version])
        )
        document = Document(io.BytesIO(response.content))
        return "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)

    full, public = text("full"), text("public")
    assert "涉及个人隐私" in full and "调研照片.jpg" in full
    assert "涉及个人隐私" not in public and "调研照片.jpg" not in public
    assert "调研不深" in public and "已调研" in public


def _office_sheet(title: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_offices_own_sheets_with_their_headers_sections_dates_and_several_names(after, as_persona):
    """Sheets as offices make them: their own header words, section rows that say whose the
    problems below are, deadlines as they write them, two names in one cell."""
    office = as_persona("office")
    member = after.member_seat.person.name
    principal = after.principal_seat.person.name
    sheets = [
        _office_sheet(
            "街道党工委民主生活会查摆问题整改清单",
            ["序号", "整改事项（存在问题）", "具体整改措施", "责任领导", "责任科室", "完成时限"],
            [
                ["一、班子存在的问题", None, None, None, None, None],
                [1, "议事决策程序不够规范", "修订议事规则", principal, "党政办", "2027年6月底"],
                [2, "调研走过场", "建立调研清单", f"{principal}、{member}", "", "年底前"],
                [f"二、{member}同志个人问题", None, None, None, None, None],
                [1, "学习不系统", "每周学习半天", member, "", "立行立改，长期坚持"],
                [2, "督办不力", "建立督办台账", member, "", "第三季度"],
            ],
        ),
        _office_sheet(
            "整改任务清单",
            ["编号", "存在的问题", "整改举措", "责任人", "牵头单位", "完成时间", "整改情况"],
            [
                [1, "基层减负落实不够", "压减会议文件", member, "党政办", "1-8月", "已制定方案"],
                [2, "联系群众不经常", "每月接访一次", principal, "", "2027年底前，并长期坚持", ""],
            ],
        ),
    ]
    for number, content in enumerate(sheets):
        preview = office.get(upload(office, after, f"清单{number}.xlsx", content)["Location"])
        assert preview.status_code == 200
        kept = LedgerImport.objects.latest("id")
        assert not kept.error and not kept.errors, (kept.error, kept.errors)

    first, second = LedgerImport.objects.order_by("id")
    owners = [row["member"] for row in first.rows]
    assert owners == [None, None, after.member_seat.pk, after.member_seat.pk]  # by section
    assert [row["deadline"] for row in first.rows] == [
        "2027-06-30",
        "2026-12-31",
        None,
        "2027-09-30",
    ]
    assert first.rows[1]["responsible"] == after.principal_seat.pk  # the first named leads
    assert first.rows[1]["assisting"] == member
    assert first.rows[0]["deadline_note"] == "2027年6月底"
    assert [row["deadline"] for row in second.rows] == ["2027-08-31", "2027-12-31"]
    assert second.rows[1]["deadline_note"] == "2027年底前，并长期坚持"


def test_evidence_is_capped_per_upload_with_a_clear_message(after):
    from dlm.core.errors import Refused
    from dlm.rectification import domain

    item = item_for(after)
    files = [(f"照片{n}.jpg", b"x" * 10) for n in range(domain.MAX_EVIDENCE_FILES + 1)]
    with pytest.raises(Refused, match="一次最多上传"):
        domain.add_progress(item, dt.date(2026, 11, 20), "已整改", files, user=None)
    assert not item.progress.exists()


@pytest.mark.parametrize(
    ("title", "header", "rows", "expected"),
    [
        (  # a WPS sheet: 问题表现 / 整改举措 / 责任领导, dotted dates, names with 同志
            "局党组整改清单",
            ["序", "问题表现", "整改举措", "责任领导", "责任单位", "整改时限"],
            [
                [1, "调研走过场", "制定调研计划", "{principal}同志", "办公室", "2027.6"],
                [2, "文件多会议多", "精简文件", "{member}同志", "办公室", "2027/03/31"],
            ],
            [("2027-06-30", None), ("2027-03-31", None)],
        ),
        (  # sections as （一）/（二） in the 问题 column, 所属 from them
            "班子及成员问题整改清单",
            ["序号", "存在问题", "整改措施", "责任人", "完成时限"],
            [
                [None, "（一）班子层面", None, None, None],
                [1, "民主集中制执行不严", "完善议事规则", "{principal}", "上半年"],
                [None, "（二）{member}同志", None, None, None],
                [1, "学习不深", "每周学习", "{member}", "年底前"],
            ],
            [("2027-06-30", None), ("2026-12-31", "member")],
        ),
        (  # progress in 整改情况, two names with a comma, long-term without a date
            "整改落实台账",
            ["序号", "查摆问题", "具体措施", "责任人", "牵头部门", "时限要求", "整改情况"],
            [
                [
                    1,
                    "联系群众不够",
                    "每月接访",
                    "{member}，{principal}",
                    "信访办",
                    "长期坚持",
                    "已接访2次",
                ],
                [2, "台账不全", "建立台账", "{principal}", "党政办", "2027年2月", ""],
            ],
            [(None, None), ("2027-02-28", None)],
        ),
        (  # the header on the third row under a title and a note, columns in another order
            "某街道整改清单",
            ["完成时限", "责任人", "整改措施", "存在的问题"],
            [
                ["8月底前", "{member}", "开展专项整治", "安全检查不细"],
                ["第四季度", "{principal}", "建立督办机制", "督办不力"],
            ],
            [("2027-08-31", None), ("2026-12-31", None)],
        ),
    ],
)
def test_more_office_sheets(after, as_persona, title, header, rows, expected):
    office = as_persona("office")
    names = {
        "member": after.member_seat.person.name,
        "principal": after.principal_seat.person.name,
    }
    filled = [[c.format(**names) if isinstance(c, str) else c for c in row] for row in rows]
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append(["（请于每月5日前更新）"])
    ws.append(header)
    for row in filled:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)

    office.get(upload(office, after, "清单.xlsx", buffer.getvalue())["Location"])

    kept = LedgerImport.objects.get()
    assert not kept.error and not kept.errors, (kept.error, kept.errors)
    seats = {"member": after.member_seat.pk, None: None}
    assert [(r["deadline"], r["member"]) for r in kept.rows] == [
        (deadline, seats[owner]) for deadline, owner in expected
    ]
