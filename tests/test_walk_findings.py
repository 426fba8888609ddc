"""What the office, the principal and the district found when they tried the one-door
changes in a browser (issue 12's walks), each as the case they met."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.deadlines import Status
from dlm.campaigns.models import Meeting, local_today
from dlm.core.errors import Refused
from dlm.preparation import plans
from dlm.rectification import domain as ledger
from dlm.rectification.enums import ItemStatus
from dlm.reminders.models import Reminder
from tests.forms import browser_data
from tests.rectification.conftest import after  # noqa: F401  (the fixture)
from tests.rectification.test_ledger import item_for
from tests.steps import take, write_plan

TODAY = local_today()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def fresh(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


def step_url(meeting, name):
    return reverse("campaigns:meeting_step", args=[meeting.pk, name])


# -- the plan ---------------------------------------------------------------------------------
def test_an_amended_plan_reported_again_after_the_deadline_is_still_on_time(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(date=days(15))  # due days(5)
    take(world.meeting, "submit_plan", user=world.users["office"], on=days(-1))
    take(world.meeting, "approve_plan", user=world.users["supervisor"], on=days(0))
    domain.take_step(world.meeting, "amend_plan", user=world.users["office"], note="加列席")
    plans.save_plan(fresh(world.meeting), plans.draft(world.meeting), user=world.users["office"])

    with pytest.MonkeyPatch.context() as patch:  # the office reports again a week later
        patch.setattr("dlm.campaigns.domain.local_today", lambda: days(7))
        domain.take_step(world.meeting, "submit_plan", user=world.users["office"], on=days(7))

    plan_stage = fresh(world.meeting).timeline(days(7))[0]
    assert (plan_stage.done_on, plan_stage.status) == (days(-1), Status.DONE)
    assert fresh(world.meeting).plan_version_submitted == 2


def test_the_approver_is_told_when_the_plan_text_names_another_date(world, as_persona):
    write_plan(world.meeting, world.users["office"])  # the plan says 2027年1月20日
    take(world.meeting, "submit_plan", user=world.users["office"])
    Meeting.objects.filter(pk=world.meeting.pk).update(date=dt.date(2027, 1, 18))

    page = as_persona("supervisor").get(step_url(world.meeting, "approve_plan")).content.decode()

    assert "方案与会议安排不一致：" in page and "会议日期是2027年1月18日" in page
    plan_page = reverse("preparation:meeting_plan", args=[world.meeting.pk])
    assert "请核对方案" in as_persona("office").get(plan_page).content.decode()


def test_an_amended_plan_shows_what_changed_since_the_version_approved(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    take(world.meeting, "submit_plan", user=world.users["office"])
    take(world.meeting, "approve_plan", user=world.users["supervisor"])
    domain.take_step(world.meeting, "amend_plan", user=world.users["office"], note="加列席")
    plans.save_plan(
        fresh(world.meeting),
        {**plans.draft(world.meeting), "attending": "区纪委派驻纪检组同志"},
        user=world.users["office"],
    )
    domain.take_step(world.meeting, "submit_plan", user=world.users["office"])

    approve = as_persona("supervisor").get(step_url(world.meeting, "approve_plan"))
    plan_page = as_persona("supervisor").get(
        reverse("preparation:meeting_plan", args=[world.meeting.pk])
    )

    assert "与上次审定的第1版相比，第2版修改了：列席人员" in approve.content.decode()
    assert "<ins>区纪委派驻纪检组同志</ins>" in plan_page.content.decode()


def test_the_plan_page_says_when_reporting_it_is_already_late(world, as_persona):
    Meeting.objects.filter(pk=world.meeting.pk).update(date=days(5))
    fresh(world.meeting).save()

    page = as_persona("office").get(reverse("preparation:meeting_plan", args=[world.meeting.pk]))

    assert f"报送方案已逾期：应于 {days(-5):%Y-%m-%d} 前报送" in page.content.decode()


# -- the meeting date -------------------------------------------------------------------------
def test_the_date_of_a_reported_plan_cannot_be_emptied(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])
    url = reverse("campaigns:meeting_edit", args=[world.meeting.pk])
    office = as_persona("office")

    response = office.post(url, {**browser_data(office, url), "date": ""})

    assert "方案已按会议日期报送，会议日期不能清空" in response.content.decode()
    assert fresh(world.meeting).date == dt.date(2027, 1, 20)


def test_a_planned_date_in_the_past_is_refused(world, as_persona):
    url = reverse("campaigns:meeting_edit", args=[world.meeting.pk])
    office = as_persona("office")

    response = office.post(url, {**browser_data(office, url), "date": days(-10).isoformat()})

    assert "会议日期不能早于今天；会议已召开的，请“登记会议已召开”" in response.content.decode()


# -- the step pages ---------------------------------------------------------------------------
def test_the_confirm_button_does_not_say_confirm_twice(world, as_persona):
    take(world.meeting, "approve_plan_offline", user=world.users["office"])

    page = as_persona("supervisor").get(step_url(world.meeting, "confirm_offline_approval"))

    assert ">确认线下审定</button>" in page.content.decode()
    assert "确认确认" not in page.content.decode()


def test_the_city_is_told_that_approving_a_streets_plan_is_the_districts_work(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])

    page = as_persona("city_supervisor").get(step_url(world.meeting, "approve_plan"))

    assert f"按程序此事由{world.district.display_name}办理" in page.content.decode()
    district = as_persona("supervisor").get(step_url(world.meeting, "approve_plan"))
    assert "按程序此事由" not in district.content.decode()


def test_the_offline_approval_is_not_the_offices_first_button(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    take(world.meeting, "submit_plan", user=world.users["office"])

    page = as_persona("office").get(world.meeting.get_absolute_url()).content.decode()

    assert 'class="button" href="' + step_url(world.meeting, "approve_plan_offline") in page
    assert page.index(">申请修改方案<") > page.index(">登记线下审定<")


# -- the meeting list -------------------------------------------------------------------------
def test_the_list_finds_a_team_by_the_short_name_people_use(world, as_persona):
    world.street.short_name = "测试街道"
    world.street.save()

    page = as_persona("supervisor").get(reverse("campaigns:meeting_list") + "?q=测试街")

    assert world.street.name in page.content.decode()


def test_sorting_by_the_next_deadline_puts_meetings_without_one_last(world, as_persona):
    Meeting.objects.filter(pk=world.district_meeting.pk).update(state="closed")
    fresh(world.district_meeting).save()  # closed: nothing due

    page = as_persona("city_supervisor").get(reverse("campaigns:meeting_list") + "?sort=due")

    rows = [row["meeting"].pk for row in page.context["rows"]]
    assert rows[-1] == world.district_meeting.pk


# -- the ledger -------------------------------------------------------------------------------
def requested(world, **changes):
    item = item_for(world, **changes)
    ledger.add_progress(item, days(-1), "已整改", [("a.pdf", b"x")], user=world.users["office"])
    return item


def test_the_item_page_links_to_its_edit_page_for_the_office(after, as_persona):  # noqa: F811
    item = item_for(after)
    edit = reverse("rectification:item_edit", args=[item.pk])

    assert edit in as_persona("office").get(item.get_absolute_url()).content.decode()
    assert edit not in as_persona("member").get(item.get_absolute_url()).content.decode()


def test_a_deadline_before_the_meeting_is_refused(after):  # noqa: F811
    with pytest.raises(Refused, match="完成时限不能早于会议召开日期 2026-11-05"):
        item_for(after, deadline=dt.date(2026, 11, 1))


def test_the_item_says_whose_approval_it_waits_for(after, as_persona):  # noqa: F811
    item = requested(after)
    as_persona("member").post(reverse("rectification:item_action", args=[item.pk, "request"]))

    page = as_persona("office").get(item.get_absolute_url()).content.decode()

    assert f"等待：</strong>主要负责同志（{after.principal_seat.person.name}）同意" in page
    told = Reminder.objects.get(user=after.users["principal"], key__startswith=f"item:{item.pk}")
    assert "申请销号" in told.text


def test_a_decline_is_explained_on_the_item_and_to_its_people(after, as_persona):  # noqa: F811
    item = requested(after)
    ledger.request_closing(item, user=after.users["office"])

    as_persona("principal").post(
        reverse("rectification:item_action", args=[item.pk, "decline"]),
        {"reason": "佐证材料是空文件"},
    )

    page = as_persona("member").get(item.get_absolute_url()).content.decode()
    assert "不同意销号：佐证材料是空文件" in page and "退回原因" in page
    for persona in ("member", "office"):
        told = Reminder.objects.get(user=after.users[persona], key__contains="decline")
        assert "不同意销号（理由：佐证材料是空文件）" in told.text


def test_an_item_waiting_for_closing_cannot_be_edited(after):  # noqa: F811
    item = requested(after)
    ledger.request_closing(item, user=after.users["office"])
    item.refresh_from_db()
    item.measures = "改过的措施"

    with pytest.raises(Refused, match="审批期间不能修改"):
        ledger.update_item(item, user=after.users["office"], before={})


def test_the_principal_is_not_offered_to_decline_his_own_item(after, as_persona):  # noqa: F811
    item = requested(after, responsible=after.principal_seat, member=after.principal_seat)
    ledger.request_closing(item, user=after.users["office"])

    page = as_persona("principal").get(item.get_absolute_url()).content.decode()

    assert "不同意销号</button>" not in page
    assert (
        "不同意销号</button>"
        in as_persona("supervisor").get(item.get_absolute_url()).content.decode()
    )


def test_a_voided_item_offers_no_progress_form(after, as_persona):  # noqa: F811
    item = item_for(after)
    ledger.void_item(item, "录入重复", user=after.users["office"])

    page = as_persona("office").get(item.get_absolute_url()).content.decode()

    assert "保存进展" not in page
    item.refresh_from_db()
    assert item.status == ItemStatus.VOID


# -- the second walk --------------------------------------------------------------------------
def test_an_amendment_returned_once_keeps_the_plan_on_time(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(date=days(15))  # due days(5)
    take(world.meeting, "submit_plan", user=world.users["office"], on=days(-1))
    take(world.meeting, "approve_plan", user=world.users["supervisor"], on=days(0))
    domain.take_step(world.meeting, "amend_plan", user=world.users["office"], note="加列席")
    domain.take_step(world.meeting, "submit_plan", user=world.users["office"])
    domain.take_step(
        world.meeting, "return_plan", user=world.users["supervisor"], note="会前准备日期未改"
    )

    meeting = fresh(world.meeting)
    plan_stage = meeting.timeline(days(10))[0]
    assert (plan_stage.done_on, plan_stage.status) == (days(-1), Status.DONE)
    assert meeting.plan_note_label == "退回理由"


def test_a_first_plan_returned_is_not_a_report_in_time(world):
    take(world.meeting, "submit_plan", user=world.users["office"])
    domain.take_step(world.meeting, "return_plan", user=world.users["supervisor"], note="补充")

    assert fresh(world.meeting).plan_submitted_on is None


def test_the_approver_sees_the_offices_note_not_an_old_return_reason(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])
    domain.take_step(world.meeting, "return_plan", user=world.users["supervisor"], note="补充")
    domain.take_step(
        world.meeting, "submit_plan", user=world.users["office"], note="已按退回意见补充"
    )

    page = as_persona("supervisor").get(step_url(world.meeting, "approve_plan")).content.decode()

    assert "报送说明：已按退回意见补充" in page and "补充。" not in page


def test_the_approver_is_told_when_time_place_or_the_meeting_day_in_the_steps_differ(world):
    write_plan(world.meeting, world.users["office"])  # 2027年1月20日, 地点待定
    Meeting.objects.filter(pk=world.meeting.pk).update(start_time=dt.time(9, 0), place="三楼会议室")
    plan = plans.Plan.objects.get(meeting=world.meeting)
    plan.time_place = "2027年1月20日 14:30，二楼会议室"
    plan.steps = "召开民主生活会｜1月22日｜书记"
    plan.save()

    found = plans.schedule_mismatches(fresh(world.meeting))

    assert any("开始时间" in f for f in found)
    assert any("三楼会议室" in f for f in found)
    assert any("召开民主生活会" in f for f in found)
    plan.time_place, plan.steps = "2027年1月20日 09:00，三楼会议室", "召开民主生活会｜1月20日｜书记"
    plan.save()
    assert plans.schedule_mismatches(fresh(world.meeting)) == []


def test_a_step_not_on_offer_says_why_and_shows_no_form(world, as_persona):
    page = as_persona("office").get(step_url(world.meeting, "amend_plan")).content.decode()

    assert "当前阶段为“制定方案”，不能申请修改方案" in page
    assert "确认申请修改方案</button>" not in page


def test_the_offline_paper_date_is_not_asked_once_the_plan_was_reported_here(world, as_persona):
    take(world.meeting, "submit_plan", user=world.users["office"])

    page = as_persona("office").get(step_url(world.meeting, "approve_plan_offline"))

    assert "方案线下报送日期" not in page.content.decode()


def test_a_new_item_form_sent_twice_makes_one_item(after, as_persona):  # noqa: F811
    url = reverse("rectification:item_create", args=[after.meeting.pk])
    office = as_persona("office")
    data = browser_data(office, url) | {
        "problem": "调研不深",
        "measures": "每月调研两次",
        "responsible": after.member_seat.pk,
        "kind": "long_term",
        "source_kind": "other",
    }

    office.post(url, data)
    office.post(url, data)  # back, then 保存 again

    assert after.meeting.ledger_items.count() == 1


def test_the_create_form_says_a_criticism_is_already_listed(after, as_persona):  # noqa: F811
    from tests.rectification.test_ledger import criticism

    turn = criticism(after)
    url = reverse("rectification:item_create", args=[after.meeting.pk]) + f"?turn={turn.pk}"
    office = as_persona("office")
    office.post(url, browser_data(office, url) | {"measures": "每月调研两次", "kind": "long_term"})

    page = office.get(url).content.decode()

    assert "这条意见已列入整改清单：" in page and "第1项" in page


def test_the_city_is_cautioned_on_an_item_the_district_should_approve(after, as_persona):  # noqa: F811
    item = requested(after, responsible=after.principal_seat, member=after.principal_seat)
    ledger.request_closing(item, user=after.users["office"])

    city = as_persona("city_supervisor").get(item.get_absolute_url()).content.decode()
    district = as_persona("supervisor").get(item.get_absolute_url()).content.decode()

    assert f"按程序上级审批由{after.district.display_name}办理" in city
    assert "按程序上级审批由" not in district


def test_the_demo_district_report_went_up_with_its_package(db):
    from dlm.demo import world as demo
    from dlm.reporting.models import Package, PackageStatus

    demo.build()

    package = Package.objects.get(meeting__team__short_name="临江区委")
    assert package.status == PackageStatus.ACKNOWLEDGED
