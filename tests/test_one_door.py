"""What users hit when a change had two doors or none: each case as it was seen.

Two doors into the report's steps, a plan reported with no plan, a plan changed after its
approval, approvals given twice or to oneself, offline approvals nobody could see, saves
lost to a colleague's, and an overdue list that stopped at 500 rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Campaign, Meeting, local_today
from dlm.campaigns.process import OfflineEvidence
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.organisations.enums import RoleKind
from dlm.preparation import plans
from dlm.preparation.models import Plan
from dlm.rectification import domain as ledger
from dlm.rectification.enums import ItemStatus
from dlm.reminders.models import Reminder
from tests import factories as f
from tests.conftest import client_for
from tests.forms import browser_data
from tests.rectification.conftest import after  # noqa: F401  (the fixture)
from tests.rectification.test_ledger import item_for
from tests.steps import take, write_plan

TODAY = local_today()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def fresh(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


def approved(world) -> Meeting:
    take(world.meeting, "submit_plan", user=world.users["office"], on=days(-10))
    return take(world.meeting, "approve_plan", user=world.users["supervisor"], on=days(-9))


# -- the report's steps have one door: the report page ----------------------------------------
def test_the_meeting_page_sends_the_office_to_the_report_page_to_report(world, as_persona):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.HELD, held_on=days(-3), plan_approved_on=days(-20)
    )

    page = as_persona("office").get(world.meeting.get_absolute_url()).content.decode()

    reports = reverse("reporting:meeting_reports", args=[world.meeting.pk])
    assert f'href="{reports}">报送情况报告</a>' in page
    assert reverse("campaigns:meeting_step", args=[world.meeting.pk, "submit_report"]) not in page


def test_the_meeting_page_sends_the_superior_to_the_report_page_to_acknowledge(world, as_persona):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.REPORTED, held_on=days(-3), reported_on=days(-1)
    )

    page = as_persona("supervisor").get(world.meeting.get_absolute_url()).content.decode()

    reports = reverse("reporting:meeting_reports", args=[world.meeting.pk])
    assert f'href="{reports}">确认收到报告</a>' in page
    home = as_persona("supervisor").get(reverse("workbench:home")).content.decode()
    assert f'href="{reports}">确认收到报告</a>' in home


# -- the plan --------------------------------------------------------------------------------
def test_a_plan_cannot_be_reported_before_it_is_written(world, as_persona):
    with pytest.raises(Refused, match="请先在“实施方案”页面制定并保存方案"):
        domain.take_step(world.meeting, "submit_plan", user=world.users["office"])

    page = as_persona("office").post(
        reverse("campaigns:meeting_step", args=[world.meeting.pk, "submit_plan"]),
        {"on": TODAY.isoformat()},
    )
    assert "请先在“实施方案”页面制定并保存方案" in page.content.decode()
    assert fresh(world.meeting).state == MeetingState.PLANNING


def test_an_offline_approval_needs_the_plan_too(world):
    with pytest.raises(Refused, match="制定并保存方案"):
        domain.take_step(
            world.meeting,
            "approve_plan_offline",
            user=world.users["office"],
            evidence=OfflineEvidence(approver="区委组织部", document_number="区组审〔2026〕3号"),
        )


def test_a_reported_plan_is_read_only_and_a_change_goes_through_amendment(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    take(world.meeting, "submit_plan", user=world.users["office"])
    url = reverse("preparation:meeting_plan", args=[world.meeting.pk])
    office = as_persona("office")

    page = office.get(url).content.decode()
    assert "不能直接修改" in page and 'name="requirements"' not in page
    with pytest.raises(Refused, match="已于 .* 报送上级，不能直接修改"):
        plans.save_plan(
            fresh(world.meeting),
            {**plans.draft(world.meeting), "requirements": "改了"},
            user=world.users["office"],
        )

    office.post(
        reverse("campaigns:meeting_step", args=[world.meeting.pk, "amend_plan"]),
        {"on": TODAY.isoformat(), "note": "补充列席人员"},
    )

    meeting = fresh(world.meeting)
    assert meeting.state == MeetingState.PLANNING
    # the first report's day stays: an amendment does not make an on-time plan late
    assert (meeting.plan_submitted_on, meeting.plan_version_submitted) == (TODAY, None)
    assert 'name="requirements"' in office.get(url).content.decode()
    told = Reminder.objects.get(user=world.users["supervisor"], key__contains="amend_plan")
    assert "申请修改方案（补充列席人员）" in told.text
    entry = AuditEntry.objects.for_object(meeting).get(action="campaigns.plan.amendment_requested")
    assert entry.data["note"] == "补充列席人员"


def test_an_approved_plan_cannot_be_edited_either(world):
    approved(world)

    with pytest.raises(Refused, match="审定，不能直接修改"):
        plans.save_plan(
            fresh(world.meeting), plans.draft(world.meeting), user=world.users["office"]
        )
    assert Plan.objects.get(meeting=world.meeting).versions.count() == 1


def test_the_approval_records_the_version_approved_and_the_pages_say_which(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    plans.save_plan(fresh(world.meeting), plans.draft(world.meeting), user=world.users["office"])
    approved(world)

    meeting = fresh(world.meeting)
    assert (meeting.plan_version_submitted, meeting.plan_version_approved) == (2, 2)
    for url in (
        meeting.get_absolute_url(),
        reverse("preparation:meeting_plan", args=[meeting.pk]),
    ):
        assert "审定的是" in as_persona("principal").get(url).content.decode()
        assert "第2版" in as_persona("principal").get(url).content.decode()


# -- offline approval ----------------------------------------------------------------------
def offline(world, on=None) -> Meeting:
    return take(
        world.meeting,
        "approve_plan_offline",
        user=world.users["office"],
        on=on or days(-2),
        evidence=OfflineEvidence(
            approver="区委组织部干部科 马建军", scan_name="审定单.pdf", scan=b"%PDF"
        ),
    )


def test_an_offline_approval_is_never_overdue_and_not_the_next_thing_to_do(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(date=days(3))  # plan was due days(-7)

    meeting = offline(world)

    plan = meeting.timeline()[0]
    assert plan.status.value in ("done", "done_late")
    assert meeting.next_stage != "plan"
    assert not meeting.is_overdue()


def test_the_superior_sees_an_offline_approval_and_confirms_it(world, as_persona):
    offline(world)
    supervisor = as_persona("supervisor")

    home = supervisor.get(reverse("workbench:home")).content.decode()
    assert "确认线下审定" in home
    listed = supervisor.get(reverse("campaigns:meeting_list")).content.decode()
    assert "线下审定·待确认" in listed
    page = supervisor.get(world.meeting.get_absolute_url()).content.decode()
    assert "区委组织部干部科 马建军" in page and "审定单扫描件" in page

    supervisor.post(
        reverse("campaigns:meeting_step", args=[world.meeting.pk, "confirm_offline_approval"]),
        {"on": TODAY.isoformat()},
    )

    meeting = fresh(world.meeting)
    assert meeting.plan_approval_confirmed_on == TODAY
    assert meeting.offline_approvals.get().answer == "confirmed"
    assert (
        "线下审定·待确认" not in supervisor.get(reverse("campaigns:meeting_list")).content.decode()
    )
    assert Reminder.objects.filter(user=world.users["office"], text__contains="确认线下审定")


def test_a_queried_offline_approval_waits_for_the_superior_again(world):
    offline(world)

    meeting = domain.take_step(
        world.meeting,
        "query_offline_approval",
        user=world.users["supervisor"],
        note="我部未出具过审定意见，请通过系统报送",
    )

    assert meeting.state == MeetingState.PLAN_SUBMITTED
    assert meeting.plan_approved_on is None and not meeting.plan_approved_offline
    assert meeting.offline_approvals.get().answer == "queried"
    with pytest.raises(Refused, match="当前阶段为“方案待审定”"):
        domain.take_step(world.meeting, "hold", user=world.users["office"])


# -- nobody approves twice, nobody approves his own work ----------------------------------
def closing_requested(world, **changes):
    item = item_for(world, **changes)
    ledger.add_progress(item, days(-1), "已整改", [("a.pdf", b"x")], user=world.users["office"])
    return ledger.request_closing(item, user=world.users["office"])


def test_a_second_approval_is_refused_and_logged_once(after):  # noqa: F811
    Campaign.objects.filter(pk=after.campaign.pk).update(superior_approves_closing=True)
    item = closing_requested(after)

    ledger.approve_closing(item, as_superior=False, user=after.users["principal"])
    with pytest.raises(Refused, match="已于 .* 同意销号，不需要再次同意"):
        ledger.approve_closing(item, as_superior=False, user=after.users["principal"])

    assert AuditEntry.objects.for_object(item).filter(action="rectification.closing.approved")
    assert (
        AuditEntry.objects.for_object(item).filter(action="rectification.closing.approved").count()
        == 1
    )


def test_the_principals_own_item_is_approved_by_the_superior(after, as_persona):  # noqa: F811
    item = closing_requested(after, responsible=after.principal_seat, member=after.principal_seat)
    principal = as_persona("principal")

    page = principal.get(item.get_absolute_url()).content.decode()
    assert "由上级组织审批" in page and "同意销号（主要负责同志）</button>" not in page
    with pytest.raises(Refused, match="销号由上级组织审批"):
        ledger.approve_closing(item, as_superior=False, user=after.users["principal"])

    as_persona("supervisor").post(
        reverse("rectification:item_action", args=[item.pk, "approve_superior"])
    )

    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.superior_approved_on == TODAY


def test_whoever_asked_for_closing_may_not_approve_it(after):  # noqa: F811
    # the principal keeps the office too (a small team): he asks, so he may not approve
    f.RoleFactory(organisation=after.street, kind=RoleKind.OFFICE, user=after.users["principal"])
    item = item_for(after)
    ledger.add_progress(item, days(-1), "已整改", [("a.pdf", b"x")], user=after.users["office"])
    item = ledger.request_closing(item, user=after.users["principal"])

    with pytest.raises(Refused, match="销号是您申请的"):
        ledger.approve_closing(item, as_superior=False, user=after.users["principal"])
    assert ledger.decline_closing(item, "佐证不足", user=after.users["supervisor"]).status == (
        ItemStatus.OPEN
    )


def test_whoever_reported_the_plan_may_not_approve_it_the_next_level_does(world):
    both = world.users["supervisor"]  # the district's supervisor also keeps the street's office
    f.RoleFactory(organisation=world.street, kind=RoleKind.OFFICE, user=both)
    take(world.meeting, "submit_plan", user=both)

    with pytest.raises(Refused, match="是您本人办理的，不能由您审定通过方案"):
        domain.take_step(world.meeting, "approve_plan", user=both)
    meeting = domain.take_step(world.meeting, "approve_plan", user=world.users["city_supervisor"])
    assert meeting.state == MeetingState.PREPARING


# -- no lost save ----------------------------------------------------------------------------
def two_people_save(client_a, client_b, url, name: str, a_value, b_value, b_also=None):
    """Both open the form; A saves; B saves on the page he opened before A's save."""
    page_a, page_b = browser_data(client_a, url), browser_data(client_b, url)
    assert page_a == page_b
    first = client_a.post(url, {**page_a, name: a_value})
    second = client_b.post(url, {**page_b, name: b_value, **(b_also or {})})
    return first, second


def another_office(world):
    return client_for(f.RoleFactory(organisation=world.street, kind=RoleKind.OFFICE).user)


def test_two_offices_changing_the_same_part_of_the_plan_choose_knowingly(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    url = reverse("preparation:meeting_plan", args=[world.meeting.pk])
    other = another_office(world)

    first, second = two_people_save(
        as_persona("office"), other, url, "requirements", "（一）会前逐人谈心。", "（一）从严。"
    )

    assert first.status_code == 302
    page = second.content.decode()
    assert second.status_code == 200 and "您编辑期间已有人保存了修改" in page
    assert "以下项目您和别人都修改了" in page
    assert "（一）会前逐人谈心。" in page and "（一）从严。" in page
    assert Plan.objects.get().requirements == "（一）会前逐人谈心。"
    # saving again on the page now shown keeps what B typed, knowingly
    again = other.post(url, second.context["form"].data.dict())
    assert again.status_code == 302
    assert Plan.objects.get().requirements == "（一）从严。"


def test_two_offices_changing_different_parts_of_the_plan_both_keep_their_change(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    url = reverse("preparation:meeting_plan", args=[world.meeting.pk])
    other = another_office(world)
    page_a, page_b = browser_data(as_persona("office"), url), browser_data(other, url)

    as_persona("office").post(url, {**page_a, "requirements": "（一）会前逐人谈心。"})
    second = other.post(url, {**page_b, "attending": "区纪委派驻纪检组同志"})

    page = second.content.decode()
    assert "已并入下面的表单" in page and "以下项目您和别人都修改了" not in page
    again = other.post(url, second.context["form"].data.dict())
    assert again.status_code == 302
    plan = Plan.objects.get()
    assert (plan.requirements, plan.attending) == ("（一）会前逐人谈心。", "区纪委派驻纪检组同志")


def test_two_offices_saving_a_ledger_item_lose_nothing(after, as_persona):  # noqa: F811
    item = item_for(after)
    url = reverse("rectification:item_edit", args=[item.pk])

    first, second = two_people_save(
        as_persona("office"),
        another_office(after),
        url,
        "lead_department",
        "街道党政办",
        "街道组织办",
        b_also={"deadline": "2027-04-30"},
    )

    assert first.status_code == 302
    page = second.content.decode()
    assert "别人刚保存的" in page and "街道党政办" in page and 'value="街道组织办"' in page
    assert 'value="2027-04-30"' in page  # the other change B made is still there
    item.refresh_from_db()
    assert item.lead_department == "街道党政办"


def test_a_deadline_changed_meanwhile_is_not_put_back_by_a_stale_page(after, as_persona):  # noqa: F811
    item = item_for(after)
    url = reverse("rectification:item_edit", args=[item.pk])
    other = another_office(after)
    page_a, page_b = browser_data(as_persona("office"), url), browser_data(other, url)

    as_persona("office").post(url, {**page_a, "deadline": "2027-03-15"})
    second = other.post(url, {**page_b, "lead_department": "街道组织办"})
    again = other.post(url, second.context["form"].data.dict())

    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.deadline, item.lead_department) == (dt.date(2027, 3, 15), "街道组织办")


def test_two_offices_saving_the_schedule_lose_nothing(world, as_persona):
    url = reverse("campaigns:meeting_edit", args=[world.meeting.pk])

    first, second = two_people_save(
        as_persona("office"), another_office(world), url, "start_time", "09:00", "14:30"
    )

    assert first.status_code == 302
    page = second.content.decode()
    assert "您编辑期间已有人保存了修改" in page and "09:00" in page and 'value="14:30"' in page
    assert fresh(world.meeting).start_time == dt.time(9, 0)


def test_a_save_without_a_revision_is_treated_as_stale(world, as_persona):
    response = as_persona("office").post(
        reverse("campaigns:meeting_edit", args=[world.meeting.pk]),
        {"date": "2027-01-20", "place": "三楼"},
    )

    assert "您编辑期间已有人保存" in response.content.decode()
    assert fresh(world.meeting).place == ""


# -- the meeting date -------------------------------------------------------------------------
def schedule(world, **changes):
    meeting = fresh(world.meeting)
    before = {"date": meeting.date}
    for name, value in changes.items():
        setattr(meeting, name, value)
    return domain.schedule_meeting(meeting, user=world.users["office"], before=before)


def test_moving_the_date_after_approval_asks_the_approver_again(world, as_persona):
    approved(world)

    schedule(world, date=dt.date(2027, 1, 15))

    meeting = fresh(world.meeting)
    assert meeting.state == MeetingState.PLAN_SUBMITTED and meeting.plan_approved_on is None
    told = Reminder.objects.get(user=world.users["supervisor"], key__contains="reconfirm_plan")
    assert "会期由 2027-01-20 调整为 2027-01-15" in told.text
    page = as_persona("supervisor").get(reverse("workbench:home")).content.decode()
    assert "审定通过方案" in page
    with pytest.raises(Refused, match="当前阶段为“方案待审定”"):
        domain.take_step(world.meeting, "hold", user=world.users["office"])


def test_a_date_after_the_notices_latest_is_refused_unless_the_superior_allows_it(world):
    with pytest.raises(Refused, match="不能晚于通知要求的最迟日期 2027-01-31") as refused:
        schedule(world, date=dt.date(2027, 2, 10))
    assert refused.value.field == "date"

    domain.allow_later_date(
        world.meeting,
        dt.date(2027, 2, 15),
        "主要负责同志参加中央党校学习",
        user=world.users["supervisor"],
    )
    schedule(world, date=dt.date(2027, 2, 10))

    meeting = fresh(world.meeting)
    assert meeting.date == dt.date(2027, 2, 10) and meeting.latest_date == dt.date(2027, 2, 15)
    assert meeting.timeline()[2].due == dt.date(2027, 2, 15)  # 召开会议 due the allowed day


# -- lists filter by the stored deadlines -----------------------------------------------------
def test_the_overdue_filter_finds_the_one_late_team_among_600(world, as_persona):
    teams = [
        f.OrganisationFactory(name=f"中共测试第{n:03d}社区党委", parent=world.district)
        for n in range(600)
    ]
    domain.issue_campaign(world.campaign, teams, user=world.users["city_supervisor"])
    late = Meeting.objects.get(campaign=world.campaign, team=teams[-1])
    late.date = days(5)  # the plan was due five days ago
    late.save()
    supervisor = as_persona("supervisor")

    overdue = supervisor.get(reverse("campaigns:meeting_list") + "?timing=overdue")
    everything = supervisor.get(reverse("campaigns:meeting_list"))

    page = overdue.content.decode()
    assert teams[-1].name in page
    assert "共 1 个现在有逾期未办环节的民主生活会" in page
    assert "共 602 个民主生活会，第 1/13 页" in everything.content.decode()
    done_late = supervisor.get(reverse("campaigns:meeting_list") + "?timing=done_late")
    assert "共 0 个曾有环节逾期完成的" in done_late.content.decode()


def test_stored_deadlines_follow_every_step(world):
    meeting = fresh(world.meeting)
    assert (meeting.next_stage, meeting.next_due_on) == ("plan", dt.date(2027, 1, 10))

    approved(world)

    meeting = fresh(world.meeting)
    assert meeting.next_stage == "meeting"
    assert meeting.late_stages == 0
