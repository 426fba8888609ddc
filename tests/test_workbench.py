"""待办 on the home page: what waits for each persona, with the reason when something came
back; confirmations that name what happened."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, local_today
from dlm.preparation import domain as preparation
from dlm.preparation.enums import ReviewDecision
from dlm.rectification import domain as ledger
from dlm.reminders.models import Reminder
from tests.rectification.conftest import after  # noqa: F401  (the fixture)
from tests.rectification.test_ledger import item_for
from tests.steps import take, write_plan

TODAY = local_today()


def todo(client) -> list[tuple[str, str, str]]:
    context = client.get(reverse("workbench:home")).context
    return [(t.kind, t.title, t.reason) for t in context["tasks"]]


def came_up(client) -> list[tuple[str, str]]:
    context = client.get(reverse("workbench:home")).context
    return [(t.unit, t.title) for t in context["came_up"]]


def test_the_principal_sees_an_outline_waiting_for_his_review(world, as_persona):
    preparation.submit_material(world.material, user=world.users["member"])

    assert ("审阅", f"审阅{world.material.title}", "") in todo(as_persona("principal"))
    assert came_up(as_persona("guide")) == [
        (world.street.display_name, f"审阅{world.material.title}")
    ]


def test_a_member_sees_his_returned_outline_with_the_reviewers_words(world, as_persona):
    preparation.submit_material(world.material, user=world.users["member"])
    preparation.review_material(
        world.material,
        decision=ReviewDecision.RETURNED,
        comment="第二部分问题不具体，请举实例",
        resubmit_by=TODAY + dt.timedelta(days=3),
        user=world.users["principal"],
    )

    tasks = todo(as_persona("member"))

    principal = world.principal_seat.person.name
    assert any(
        kind == "修改" and reason.endswith(f"{principal}：第二部分问题不具体，请举实例")
        for kind, _, reason in tasks
    ), tasks


def test_the_office_sees_the_plan_returned_with_the_superiors_words(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])
    domain.take_step(
        world.meeting, "return_plan", user=world.users["supervisor"], note="请补充谈心谈话安排"
    )

    tasks = todo(as_persona("office"))

    assert any(reason == "退回理由：请补充谈心谈话安排" for _, _, reason in tasks), tasks
    page = as_persona("office").get(world.meeting.get_absolute_url()).content.decode()
    assert "退回理由" in page and "请补充谈心谈话安排" in page


def test_the_district_sees_plans_and_reports_that_came_up_first(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])

    assert came_up(as_persona("supervisor")) == [(world.street.display_name, "审定通过方案")]
    page = as_persona("supervisor").get(reverse("workbench:home")).content.decode()
    assert page.index("下级报来待我办理") < page.index("提醒（未读")


def test_the_principal_and_the_superior_see_closings_waiting_for_them(after, as_persona):  # noqa: F811
    item = item_for(after, problem="值班制度执行不严")
    ledger.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    ledger.request_closing(item, user=after.users["office"])

    office = after.users["office"].username  # the office asked (it has no person record)
    member = after.member_seat.person.name
    assert (
        "审批",
        "审批销号：值班制度执行不严",
        f"{office}申请销号（责任人{member}）",
    ) in todo(as_persona("principal"))
    own = item_for(after, problem="班子议事不规范", responsible=after.principal_seat, member=None)
    ledger.add_progress(
        own, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    ledger.request_closing(own, user=after.users["office"])
    assert (after.street.display_name, "审批销号：班子议事不规范") in came_up(
        as_persona("supervisor")
    )


def test_a_declined_closing_comes_back_with_its_reason(after, as_persona):  # noqa: F811
    item = item_for(after, problem="值班制度执行不严")
    ledger.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    ledger.request_closing(item, user=after.users["office"])
    ledger.decline_closing(item, "佐证是空文件", user=after.users["principal"])

    tasks = todo(as_persona("member"))

    assert any(
        title == "整改：值班制度执行不严" and "不同意销号：佐证是空文件" in reason
        for _, title, reason in tasks
    )


def test_a_reopened_item_comes_back_with_its_reason(after, as_persona):  # noqa: F811
    item = item_for(after, problem="值班制度执行不严")
    ledger.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=after.users["office"]
    )
    ledger.request_closing(item, user=after.users["office"])
    ledger.approve_closing(item, as_superior=False, user=after.users["principal"])
    ledger.reopen(item, "群众反映问题反弹", user=after.users["principal"])

    page = as_persona("member").get(item.get_absolute_url()).content.decode()

    assert "退回原因" in page and "重新打开：群众反映问题反弹" in page
    assert any(
        "重新打开：群众反映问题反弹" in reason for _, _, reason in todo(as_persona("member"))
    )


def test_a_returned_report_comes_back_to_the_office_with_its_words(world, as_persona):
    from dlm.reporting import domain as reporting

    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.HELD, held_on=TODAY - dt.timedelta(days=2), plan_approved_on=TODAY
    )
    world.meeting.refresh_from_db()
    from dlm.reporting.checklist import open_points

    known = [point.key for point in open_points(world.meeting)]
    package = reporting.send_package(world.meeting, user=world.users["office"], confirmed=known)
    reporting.answer_package(
        package, accept=False, note="缺少批评意见汇总", user=world.users["supervisor"]
    )

    tasks = todo(as_persona("office"))

    assert any("缺少批评意见汇总" in reason for _, _, reason in tasks), tasks


def test_reminders_show_their_true_count(world, as_persona):
    Reminder.objects.filter(user=world.users["office"]).delete()
    for n in range(66):
        Reminder.objects.create(
            user=world.users["office"], key=f"k{n}", text=f"提醒{n}", created_on=TODAY
        )

    page = as_persona("office").get(reverse("workbench:home")).content.decode()

    assert "提醒（未读 66）" in page
    everything = as_persona("office").get(reverse("reminders:reminder_list"))
    assert everything.context["page"].paginator.count == 66


def test_done_lists_what_the_user_did_in_sentences(world, as_persona):
    write_plan(world.meeting, world.users["office"])

    page = as_persona("office").get(reverse("workbench:home")).content.decode()

    assert "保存实施方案第1版" in page


def test_confirmations_name_what_happened(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    take(world.meeting, "submit_plan", user=world.users["office"])

    response = as_persona("supervisor").post(
        reverse("campaigns:meeting_step", args=[world.meeting.pk, "return_plan"]),
        {"note": "补充座谈会安排"},
        follow=True,
    )

    assert f"已将{world.street.display_name}的实施方案退回" in response.content.decode()


def test_opening_the_record_writes_nothing_in_the_viewers_name(world, as_persona):
    from dlm.core.models import AuditEntry

    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.PREPARING, plan_approved_on=TODAY
    )
    as_persona("office").get(reverse("proceedings:meeting_record", args=[world.meeting.pk]))

    drafted = AuditEntry.objects.get(action="proceedings.agenda.drafted")
    assert drafted.actor is None
    page = as_persona("office").get(reverse("workbench:home")).content.decode()
    assert "生成会议议程" not in page.split('id="done"')[1]


def test_a_guide_is_not_told_his_account_has_no_post(world, as_persona):
    page = as_persona("guide").get(reverse("workbench:home")).content.decode()

    assert "我指导的民主生活会" in page and "还没有关联班子或岗位" not in page


def test_the_supervisor_always_sees_whether_anything_below_is_late(world, as_persona):
    page = as_persona("supervisor").get(reverse("workbench:home")).content.decode()

    assert "下级现在逾期未办" in page


def test_the_meetings_history_holds_its_items_and_materials_too(after, as_persona):  # noqa: F811
    preparation.submit_material(after.material, user=after.users["member"])
    preparation.review_material(
        after.material,
        decision=ReviewDecision.APPROVED,
        comment="",
        resubmit_by=None,
        user=after.users["principal"],
    )
    item = item_for(after, problem="值班制度执行不严")
    ledger.void_item(item, "录入重复", user=after.users["office"])

    page = as_persona("office").get(reverse("campaigns:meeting_history", args=[after.meeting.pk]))

    html = page.content.decode()
    assert "作废整改事项" in html and "录入重复" in html
    assert f"审阅{after.material.title}" in html
    member = as_persona("member").get(reverse("campaigns:meeting_history", args=[after.meeting.pk]))
    assert "录入重复" not in member.content.decode()  # the parts: for those who read all of them
