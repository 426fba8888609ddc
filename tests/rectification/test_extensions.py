"""申请延期 and 长期坚持 (issue 18): the person responsible asks for a later deadline with a
reason; whoever approves the item's closing decides; both deadlines stay on record, on the
item page and in the sheet. 长期坚持 is a flag beside a date, never a date; overdue is derived.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dlm.campaigns.models import Campaign
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.documents.ledger_xlsx import COLUMNS
from dlm.rectification import domain
from dlm.rectification.models import Extension, Item, LedgerImport
from tests.rectification.test_ledger import item_for
from tests.rectification.test_spreadsheet import upload
from tests.test_workbench import came_up, todo

NEW = dt.date(2027, 6, 30)


def ask(client, item, new_deadline="2027-06-30", reason="汛期施工受限，需待枯水期完工"):
    return client.post(
        reverse("rectification:item_action", args=[item.pk, "extend"]),
        {"reason": reason, "new_deadline": new_deadline},
    )


def decide(client, item, action, reason=""):
    return client.post(
        reverse("rectification:item_action", args=[item.pk, action]), {"reason": reason}
    )


def test_the_member_asks_the_principal_grants_and_both_deadlines_stay_on_record(after, as_persona):
    item = item_for(after)  # the member's own, due 2027-03-31
    member, principal = as_persona("member"), as_persona("principal")

    assert "申请延期</button>" in member.get(item.get_absolute_url()).content.decode()
    ask(member, item)

    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 3, 31)  # unchanged until decided
    extension = Extension.objects.get(item=item)
    assert extension.status == "pending" and extension.old_deadline == dt.date(2027, 3, 31)
    # the principal has it waiting, with the reason; the member cannot decide his own request
    assert any(
        kind == "审批" and "审批延期" in title and "枯水期" in reason
        for kind, title, reason in todo(principal)
    )
    member_page = member.get(item.get_absolute_url()).content.decode()
    assert "同意延期</button>" not in member_page and "申请延期</button>" not in member_page
    assert (
        "待审批" in member_page
        and f"由主要负责同志（{after.principal_seat.person.name}）审批" in member_page
    )
    assert decide(member, item, "grant_extension").status_code == 403

    decide(principal, item, "grant_extension", "同意，请按新时限完成")

    item.refresh_from_db()
    assert item.deadline == NEW
    page = principal.get(item.get_absolute_url()).content.decode()
    assert "原定2027-03-31" in page and "申请延至2027-06-30" in page and "同意延期" in page
    history = [e.action for e in AuditEntry.objects.for_object(item)]
    assert "rectification.extension.requested" in history
    assert "rectification.extension.granted" in history
    # the sheet: the current deadline in 完成时限, the old one in 延期情况
    sheet = load_workbook(
        io.BytesIO(
            as_persona("office")
            .get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk]))
            .content
        )
    ).active
    row = [c.value for c in sheet[3]]
    assert row[COLUMNS.index("完成时限")] == dt.datetime(2027, 6, 30)  # typed as a date
    assert row[COLUMNS.index("序号")] == 1
    assert "原定2027-03-31" in row[COLUMNS.index("延期情况")]
    assert "申请延期至2027-06-30" in row[COLUMNS.index("延期情况")]
    assert "同意" in row[COLUMNS.index("延期情况")]


def test_a_refusal_needs_a_reason_and_keeps_the_deadline(after, as_persona):
    item = item_for(after)
    ask(as_persona("member"), item)
    principal = as_persona("principal")

    decide(principal, item, "refuse_extension", "")  # no reason: refused with a message
    assert Extension.objects.get(item=item).status == "pending"

    decide(principal, item, "refuse_extension", "整改任务不复杂，应按期完成")
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 3, 31)
    assert Extension.objects.get(item=item).status == "refused"
    # asked again later: a second request is possible once the first is decided
    ask(as_persona("member"), item, "2027-05-31", "上级新增任务")
    assert Extension.objects.filter(item=item).count() == 2


@pytest.mark.parametrize(
    ("changes", "new_deadline", "message"),
    [
        ({"kind": "long_term", "deadline": None}, NEW, "不需要申请延期"),
        ({}, dt.date(2027, 3, 31), "须晚于原定的 2027-03-31"),
        ({}, dt.date(2027, 1, 15), "须晚于原定的 2027-03-31"),
        ({}, None, "请填写延期后的完成时限"),
    ],
)
def test_what_cannot_be_asked(after, changes, new_deadline, message):
    item = item_for(after, **changes)
    with pytest.raises(Refused, match=message):
        domain.ask_extension(item, "理由", new_deadline=new_deadline, user=after.users["member"])
    assert not Extension.objects.exists()


def test_one_request_at_a_time_and_no_reason_no_request(after):
    item = item_for(after)
    with pytest.raises(Refused, match="请写明申请延期的理由"):
        domain.ask_extension(item, "  ", new_deadline=NEW, user=after.users["member"])
    domain.ask_extension(item, "理由", new_deadline=NEW, user=after.users["member"])
    with pytest.raises(Refused, match="已有一份延期申请待审批"):
        domain.ask_extension(item, "再次", new_deadline=NEW, user=after.users["office"])


def test_on_the_principals_own_item_the_superior_decides(after, as_persona):
    item = item_for(after, member=None, responsible=after.principal_seat, problem="议事不规范")
    domain.ask_extension(item, "需上级协调", new_deadline=NEW, user=after.users["principal"])

    assert decide(as_persona("principal"), item, "grant_extension").status_code == 403
    assert any("审批延期" in title for _, title in came_up(as_persona("supervisor")))
    decide(as_persona("supervisor"), item, "grant_extension")

    item.refresh_from_db()
    assert item.deadline == NEW


def test_overdue_is_derived_from_the_deadline_in_force(after, as_persona):
    item = item_for(after)
    late = dt.date(2027, 4, 10)
    assert item.is_overdue(late)
    domain.ask_extension(item, "理由", new_deadline=NEW, user=after.users["member"])
    item.refresh_from_db()
    assert item.is_overdue(late)  # asked is not granted
    domain.grant_extension(item, "", user=after.users["principal"])
    item.refresh_from_db()
    assert not item.is_overdue(late) and item.is_overdue(dt.date(2027, 7, 1))


def test_voiding_withdraws_a_pending_request(after):
    item = item_for(after)
    domain.ask_extension(item, "理由", new_deadline=NEW, user=after.users["member"])
    domain.void_item(item, "与第2项重复", user=after.users["office"])
    extension = Extension.objects.get(item=item)
    assert extension.status == "withdrawn" and extension.answer == "事项已作废"


def test_a_voided_item_is_out_of_every_count_and_export_but_visible_as_voided(after, as_persona):
    kept = item_for(after)
    twice = item_for(after, problem="调研不深（重复录入）")
    domain.void_item(twice, "重复录入", user=after.users["office"])
    office = as_persona("office")
    url = reverse("rectification:meeting_ledger", args=[after.meeting.pk])

    page = office.get(url).content.decode()
    assert "共 1 项" in page and "另有已作废 1 项" in page
    assert "重复录入）" not in page
    voided = office.get(url + "?status=void").content.decode()
    assert "调研不深（重复录入）" in voided
    sheet = load_workbook(
        io.BytesIO(
            office.get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk])).content
        )
    ).active
    problems = [sheet.cell(r, 2).value for r in range(3, sheet.max_row + 1)]
    assert problems == [kept.problem]
    assert "作废理由" in office.get(twice.get_absolute_url()).content.decode()


def _sheet(rows) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(["序号", "存在问题", "整改措施", "责任人", "完成时限"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_long_term_is_a_flag_beside_a_date_and_milestones_on_lines_are_split(after, as_persona):
    office = as_persona("office")
    member = after.member_seat.person.name
    content = _sheet(
        [
            [1, "学习不系统", "制定学习计划", member, "2027年底前，并长期坚持"],
            [2, "联系群众少", "每月接访一次", member, "长期坚持"],
            [3, "值班公示迟", "当日公示", member, "立行立改"],
            [
                4,
                "台账不全",
                "清理补齐台账",
                member,
                "2027年3月底前完成排查\n2027年6月底前全部整改到位",
            ],
            [5, "会议偏多", "压减会议", member, "持续推进，2027年9月底前见效"],
        ]
    )
    office.get(upload(office, after, "清单.xlsx", content)["Location"])
    kept = LedgerImport.objects.get()
    assert not kept.errors, kept.errors
    office.post(reverse("rectification:ledger_import_review", args=[after.meeting.pk, kept.pk]))

    items = {i.number: i for i in Item.objects.all()}
    assert (items[1].deadline, items[1].ongoing, items[1].kind) == (
        dt.date(2027, 12, 31),
        True,
        "deadline",
    )
    assert (items[2].deadline, items[2].ongoing, items[2].kind) == (None, True, "long_term")
    assert (items[3].deadline, items[3].ongoing, items[3].kind) == (None, False, "immediate")
    assert items[4].deadline == dt.date(2027, 6, 30)  # the last milestone
    assert items[4].stage_goals.splitlines() == [
        "2027年3月底前完成排查",
        "2027年6月底前全部整改到位",
    ]
    assert (items[5].deadline, items[5].ongoing) == (dt.date(2027, 9, 30), True)
    # overdue after the date even when it goes on
    assert items[1].is_overdue(dt.date(2028, 1, 2))
    assert not items[2].is_overdue(dt.date(2030, 1, 1))
    # the office's words come back in the sheet, and the sheet again changes nothing
    exported = office.get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk])).content
    ws = load_workbook(io.BytesIO(exported)).active
    written = [ws.cell(r, COLUMNS.index("完成时限") + 1).value for r in range(3, 8)]
    assert written[0] == "2027年底前，并长期坚持" and written[1] == "长期坚持"
    assert written[2] == "立行立改"
    again = office.get(upload(office, after, "清单.xlsx", exported)["Location"])
    assert "表格与台账一致" in again.content.decode()


def test_an_item_flagged_in_the_form_shows_it_and_a_changed_date_drops_the_old_words(
    after, as_persona
):
    item = item_for(after, deadline_note="3月底前")
    office = as_persona("office")
    form = office.get(reverse("rectification:item_edit", args=[item.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {
        "member": item.member_id,
        "responsible": item.responsible_id,
        "deadline": "2027-04-30",
        "ongoing": "on",
        "revision": form["revision"].value(),
    }
    response = office.post(reverse("rectification:item_edit", args=[item.pk]), data)
    assert response.status_code == 302, response.context["form"].errors

    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 4, 30) and item.ongoing
    assert item.deadline_note == ""  # "3月底前" described the old date
    assert item.deadline_text == "2027-04-30，并长期坚持"
    page = office.get(reverse("rectification:meeting_ledger", args=[after.meeting.pk]))
    assert "并长期坚持" in page.content.decode()


def test_the_preview_shows_whose_item_and_who_assists(after, as_persona):
    office = as_persona("office")
    member, principal = after.member_seat.person.name, after.principal_seat.person.name
    content = _sheet([[1, "调研少", "多调研", f"{member}、{principal}", "2027年6月底"]])
    page = office.get(upload(office, after, "清单.xlsx", content)["Location"]).content.decode()
    assert "<th>所属</th>" in page
    assert f"协助：{principal}" in page
    assert "原文：2027年6月底" in page


def test_the_superior_approval_setting_does_not_change_who_decides_an_extension(after):
    Campaign.objects.filter(pk=after.campaign.pk).update(superior_approves_closing=True)
    item = item_for(after)
    assert domain.extension_decider(item) == domain.PRINCIPAL


def test_section_rows_merged_across_the_sheet_set_whose_items_follow(after, as_persona):
    """Walk finding: a section row merged over A:F was spread into every cell and read as a
    person ("责任人“一”不是本班子成员"); its items were filed under the team."""
    member = after.member_seat.person.name
    book = Workbook()
    ws = book.active
    ws.append(["区卫健局党组民主生活会整改清单"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "存在问题", "整改措施", "责任领导", "完成时限"])
    ws.append(["一、班子存在的问题"])
    ws.merge_cells("A3:E3")
    ws.append([1, "议事不规范", "修订议事规则", member, "6月底前"])
    ws.append([f"二、{member}同志个人问题"])
    ws.merge_cells("A5:E5")
    ws.append([1, "调研不深", "每月调研", member, "2027年3月底"])
    buffer = io.BytesIO()
    book.save(buffer)
    office = as_persona("office")

    office.get(upload(office, after, "清单.xlsx", buffer.getvalue())["Location"])

    kept = LedgerImport.objects.get()
    assert not kept.errors, kept.errors
    assert [row["member"] for row in kept.rows] == [None, after.member_seat.pk]


def test_a_sheet_or_the_form_cannot_re_date_an_item_whose_extension_waits(after, as_persona):
    """Walk finding: the sheet moved the deadline of an item with a pending request, around
    the approval; the principal was then offered to grant an earlier date."""
    item = item_for(after)
    domain.ask_extension(item, "理由", new_deadline=NEW, user=after.users["member"])
    office = as_persona("office")
    exported = office.get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk])).content
    book = load_workbook(io.BytesIO(exported))
    book.active.cell(3, COLUMNS.index("完成时限") + 1).value = "2027年9月底前"
    buffer = io.BytesIO()
    book.save(buffer)

    page = office.get(upload(office, after, "清单.xlsx", buffer.getvalue())["Location"])

    assert "有待审批的延期申请" in page.content.decode()
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 3, 31)
    item.deadline = dt.date(2027, 9, 30)
    with pytest.raises(Refused, match="有待审批的延期申请"):
        domain.update_item(item, user=after.users["office"], before={})


def test_who_assists_goes_out_in_the_sheet_and_comes_back_unchanged(after, as_persona):
    member, principal = after.member_seat.person.name, after.principal_seat.person.name
    office = as_persona("office")
    office.get(
        upload(
            office,
            after,
            "清单.xlsx",
            _sheet([[1, "调研少", "多调研", f"{member}、{principal}", "年底前"]]),
        )["Location"]
    )
    office.post(
        reverse(
            "rectification:ledger_import_review",
            args=[after.meeting.pk, LedgerImport.objects.latest("id").pk],
        )
    )
    item = Item.objects.get()
    assert (item.responsible_id, item.assisting, item.internal_note) == (
        after.member_seat.pk,
        principal,
        "",
    )
    assert f"协助：{principal}" in office.get(item.get_absolute_url()).content.decode()
    exported = office.get(reverse("rectification:ledger_xlsx", args=[after.meeting.pk])).content
    cell = load_workbook(io.BytesIO(exported)).active.cell(3, COLUMNS.index("责任人") + 1)
    assert cell.value == f"{member}、{principal}"
    again = office.get(upload(office, after, "清单.xlsx", exported)["Location"])
    assert "表格与台账一致" in again.content.decode()


def test_several_evidence_files_in_one_progress_note(after, as_persona):
    """Walk finding: the docs allow ten files a note, the form took one."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = item_for(after)
    office = as_persona("office")
    page = office.get(item.get_absolute_url()).content.decode()
    assert 'type="file" name="files" multiple' in page
    office.post(
        item.get_absolute_url(),
        {
            "on": "2026-11-20",
            "text": "已召开专题会",
            "files": [
                SimpleUploadedFile("会议纪要.pdf", b"a"),
                SimpleUploadedFile("照片.jpg", b"b"),
            ],
        },
    )
    assert sorted(e.name for p in item.progress.all() for e in p.evidence.all()) == [
        "会议纪要.pdf",
        "照片.jpg",
    ]
