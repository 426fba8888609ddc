"""Setting up the year: forwarding the superior's notice, staffing new units, accounts and
roles in the pages, people who leave or move, and items carried into the next year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.models import Aspect, Campaign, Meeting
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.organisations import accounts, leaving
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Person, Role, TeamMember
from dlm.rectification import domain as ledger
from dlm.rectification.models import Evidence
from tests import factories as f
from tests.conftest import login_request
from tests.forms import browser_data


def forward(world) -> Campaign:
    return domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])


# -- forwarding -------------------------------------------------------------------------------
def test_a_forward_draft_has_its_own_title_and_no_borrowed_document_number(world):
    world.campaign.document_number = "测组通〔2026〕31号"
    world.campaign.save()

    child = forward(world)

    assert child.title == f"关于转发《{world.campaign.title}》的通知"
    assert child.document_number == ""
    assert [a.head for a in child.aspects.all()] == [a.head for a in world.campaign.aspects.all()]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("theme", "区里自己改写的主题"),
        ("year", 2031),
        ("kind", "special"),
        ("study_list", "自选学习材料"),
    ],
)
def test_a_forward_cannot_rewrite_the_superiors_notice(world, name, value):
    child = forward(world)
    setattr(child, name, value)

    with pytest.raises(Refused, match="须与上级通知一致，不能修改") as refused:
        domain.update_campaign(child, user=world.users["supervisor"], before={})

    assert refused.value.field == name
    assert getattr(Campaign.objects.get(pk=child.pk), name) != value


def test_a_forwards_aspects_cannot_be_replaced(world):
    child = forward(world)

    with pytest.raises(Refused, match="对照检查方面与上级通知一致"):
        domain.replace_aspects(child, [("只剩一个方面", "全文")], user=world.users["supervisor"])
    assert child.aspects.count() == 2


def test_the_forward_edit_page_keeps_the_notice_and_takes_the_forwards_own(world, as_persona):
    child = forward(world)
    url = reverse("campaigns:campaign_edit", args=[child.pk])
    district = as_persona("supervisor")
    data = browser_data(district, url) | {
        "theme": "区里自己改写的主题",
        "kind": "special",
        "document_number": "测区组通〔2026〕19号",
        "own_requirements": "区委督导组全程列席指导。",
    }

    response = district.post(url, data)

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.theme == world.campaign.theme and child.kind == world.campaign.kind
    assert (child.document_number, child.own_requirements) == (
        "测区组通〔2026〕19号",
        "区委督导组全程列席指导。",
    )
    assert 'name="aspects-TOTAL_FORMS"' not in district.get(url).content.decode()
    page = district.get(child.get_absolute_url()).content.decode()
    assert "本级工作要求" in page and "区委督导组全程列席指导。" in page


def test_the_same_forward_cannot_be_drafted_twice(world, as_persona):
    child = forward(world)

    with pytest.raises(domain.AlreadyForwarded):
        forward(world)
    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_reissue", args=[world.campaign.pk]),
        {"issuer": world.district.pk},
    )
    assert response["Location"] == child.get_absolute_url()
    assert Campaign.objects.filter(parent=world.campaign).count() == 1


def test_a_draft_can_be_deleted_and_an_issued_notice_cannot(world, as_persona):
    child = forward(world)
    district = as_persona("supervisor")

    district.post(reverse("campaigns:campaign_delete", args=[child.pk]))
    assert not Campaign.objects.filter(pk=child.pk).exists()
    assert not Aspect.objects.filter(campaign_id=child.pk).exists()

    city = as_persona("city_supervisor")
    city.post(reverse("campaigns:campaign_delete", args=[world.campaign.pk]))
    assert Campaign.objects.filter(pk=world.campaign.pk).exists()
    assert as_persona("office").post(
        reverse("campaigns:campaign_delete", args=[world.campaign.pk])
    ).status_code in (403, 404)


def test_the_issue_page_shows_who_received_from_whom_and_who_usually_forwards(world, as_persona):
    child = forward(world)
    page = as_persona("city_supervisor").get(
        reverse("campaigns:campaign_issue", args=[world.campaign.pk])
    )
    html = page.content.decode()
    assert f"已收到{world.city.display_name}的通知" in html  # the district and the street
    assert "下级班子均已收到本通知" in html or "本通知" in html

    forward_page = as_persona("supervisor").get(
        reverse("campaigns:campaign_issue", args=[child.pk])
    )
    rows = {row.team.pk: row for row in forward_page.context["tree"]}
    assert rows[world.street.pk].received.pk == world.campaign.pk  # received from the city
    assert rows[world.sibling.pk].eligible
    assert "无需再下发" not in forward_page.content.decode()


def test_a_new_notice_can_have_any_number_of_aspects(world, as_persona):
    city = as_persona("city_supervisor")
    url = reverse("campaigns:campaign_create")
    data = browser_data(city, url, formsets=["aspects"])
    assert data["aspects-TOTAL_FORMS"] == "5"

    more = city.post(url, data | {"more_aspects": "1", "title": "我们的标题"})

    assert more.context["aspects"].total_form_count() == 6
    assert "我们的标题" in more.content.decode()
    assert not Campaign.objects.filter(title="我们的标题").exists()


def test_the_notice_page_states_every_rule(world, as_persona):
    Campaign.objects.filter(pk=world.campaign.pk).update(superior_approves_closing=True)

    page = as_persona("office").get(world.campaign.get_absolute_url()).content.decode()

    assert "到会三分之二以上" in page or "到会" in page
    assert "整改事项销号须经主要负责同志和上级组织同意" in page


# -- units and accounts -----------------------------------------------------------------------
def test_the_district_staffs_a_new_unit_end_to_end_and_its_office_logs_in(world, as_persona):
    district = as_persona("supervisor")
    district.post(
        reverse("organisations:suborganisation_create", args=[world.district.pk]),
        {
            "name": "中共测试区新城街道工作委员会",
            "short_name": "新城街道",
            "kind": "working_committee",
            "sort_order": "0",
        },
    )
    unit = Organisation.objects.get(short_name="新城街道")
    add = reverse("organisations:member_create", args=[unit.pk])
    for name, position, principal, precedence in [
        ("沈一鸣", "党工委书记", "on", "1"),
        ("周若兰", "党工委副书记", "", "2"),
    ]:
        data = {"name": name, "position": position, "precedence": precedence}
        response = district.post(add, data | ({"is_principal": "on"} if principal else {}))
        assert response.status_code == 302, response.content.decode()[:500]
    clash = district.post(add, {"name": "宋佳", "position": "党工委委员", "precedence": "2"})
    assert "位次2已由周若兰使用" in clash.content.decode()

    opened = district.post(
        reverse("organisations:organisation_accounts", args=[unit.pk]),
        {"name": "韦晓", "title": "党政办主任", "username": "xincheng_office", "role": "office"},
    )

    password = opened.context["password"]
    assert opened.status_code == 200 and password in opened.content.decode()
    assert opened["Cache-Control"] == "no-store"
    office = Client()
    login = office.post(reverse("login"), {"username": "xincheng_office", "password": password})
    assert login.status_code == 302
    assert office.get(reverse("organisations:member_create", args=[unit.pk])).status_code == 200
    codes = set(AuditEntry.objects.filter(organisation=unit).values_list("action", flat=True))
    assert {"organisations.person.added", "organisations.account.created"} <= codes
    assert "organisations.role.granted" in codes


def test_roles_are_granted_and_withdrawn_in_the_pages(world, as_persona):
    district = as_persona("supervisor")
    seat = world.principal_seat
    url = reverse(
        "organisations:person_account_action",
        args=[world.street.pk, seat.person_id, "grant_office"],
    )

    district.post(url)
    role = Role.objects.get(user=world.users["principal"], organisation=world.street)
    assert role.kind == RoleKind.OFFICE
    assert (
        as_persona("principal")
        .get(reverse("campaigns:meeting_edit", args=[world.meeting.pk]))
        .status_code
        == 200
    )

    district.post(reverse("organisations:role_withdraw", args=[world.street.pk, role.pk]))
    assert not Role.objects.filter(pk=role.pk).exists()
    assert (
        as_persona("principal")
        .get(reverse("campaigns:meeting_edit", args=[world.meeting.pk]))
        .status_code
        == 403
    )
    codes = AuditEntry.objects.filter(organisation=world.street).values_list("action", flat=True)
    assert {"organisations.role.granted", "organisations.role.withdrawn"} <= set(codes)


def test_a_supervisor_cannot_withdraw_his_own_supervision(world):
    role = Role.objects.get(user=world.users["supervisor"])

    with pytest.raises(Refused, match="不能撤销您自己的督导角色"):
        accounts.withdraw_role(role, user=world.users["supervisor"])


def test_deactivation_ends_the_calendar_address_for_good(world, as_persona):
    from dlm.reminders.calendar import renew

    token = renew(world.users["member"]).token
    feed = reverse("reminders:calendar_feed", args=[token])
    assert Client().get(feed).status_code == 200

    accounts.deactivate(world.member_seat.person, user=world.users["supervisor"])
    assert Client().get(feed).status_code == 404
    assert not Client().login(
        request=login_request(), username=world.users["member"].username, password="x"
    )
    accounts.reactivate(world.member_seat.person, user=world.users["supervisor"])

    assert Client().get(feed).status_code == 404  # the old address stays dead


def test_a_reset_password_is_shown_once_and_the_old_one_stops(world, as_persona):
    member = world.users["member"]
    member.set_password("old-password-2026")
    member.save()
    url = reverse(
        "organisations:person_account_action",
        args=[world.street.pk, world.member_seat.person_id, "reset"],
    )

    response = as_persona("supervisor").post(url)

    password = response.context["password"]
    assert Client().login(request=login_request(), username=member.username, password=password)
    assert not Client().login(
        request=login_request(), username=member.username, password="old-password-2026"
    )
    entry = AuditEntry.objects.get(action="organisations.account.password_reset")
    assert password not in str(entry.data)


def test_a_taken_login_name_is_refused_and_the_form_keeps_what_was_typed(world, as_persona):
    response = as_persona("supervisor").post(
        reverse("organisations:organisation_accounts", args=[world.street.pk]),
        {"name": "新来的同志", "username": world.users["office"].username, "role": "office"},
    )

    page = response.content.decode()
    assert f"登录名 {world.users['office'].username} 已被使用" in page
    assert 'value="新来的同志"' in page
    assert not Person.objects.filter(name="新来的同志").exists()


# -- leaving and moving -----------------------------------------------------------------------
def held(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        state="held", plan_approved_on=dt.date(2026, 11, 1), held_on=dt.date(2026, 11, 5)
    )
    world.meeting.refresh_from_db()


def an_item(world, seat, **changes):
    data = ledger.ItemInput(
        problem=changes.get("problem", "调研不深"),
        measures="每月调研两次",
        responsible=seat,
        member=seat,
        kind="deadline",
        deadline=changes.get("deadline", dt.date(2027, 3, 31)),
    )
    return ledger.create_item(world.meeting, data, user=world.users["office"])


def test_a_leavers_open_items_pass_to_the_successor_in_one_step(world, as_persona):
    held(world)
    item = an_item(world, world.member_seat)
    url = reverse("organisations:member_leave", args=[world.street.pk, world.member_seat.pk])
    office = as_persona("office")

    page = office.get(url)
    assert "整改事项" in page.content.decode() and "须移交" in page.content.decode()
    office.post(url, browser_data(office, url))

    item.refresh_from_db()
    world.member_seat.refresh_from_db()
    assert item.responsible == world.principal_seat and item.member == world.member_seat
    assert not world.member_seat.active
    entry = AuditEntry.objects.get(action="organisations.member.left")
    assert entry.data["移交"][0].endswith(f"→ {world.principal_seat.person.name}")
    world.users["member"].refresh_from_db()
    assert not world.users["member"].is_active  # no seat, no role: no login


def test_an_item_of_a_member_who_left_keeps_its_owner_when_edited(world, as_persona):
    held(world)
    item = an_item(world, world.member_seat)
    leaving.leave_team(
        world.member_seat, {f"item:{item.pk}": world.principal_seat}, user=world.users["office"]
    )
    url = reverse("rectification:item_edit", args=[item.pk])
    office = as_persona("office")

    page = office.get(url).content.decode()
    assert "（已离任）" in page
    response = office.post(url, browser_data(office, url) | {"lead_department": "街道党政办"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.member, item.lead_department) == (world.member_seat, "街道党政办")


def test_a_move_keeps_the_person_and_the_login(world, as_persona):
    url = reverse("organisations:member_leave", args=[world.street.pk, world.member_seat.pk])
    district = as_persona("supervisor")

    district.post(url, {"move_to": world.sibling.pk, "position": "党组成员、副局长"})

    new = TeamMember.objects.get(team=world.sibling, person=world.member_seat.person)
    assert new.active and new.position == "党组成员、副局长"
    world.users["member"].refresh_from_db()
    assert world.users["member"].is_active
    sibling_page = reverse("organisations:organisation_detail", args=[world.sibling.pk])
    assert as_persona("member").get(sibling_page).status_code == 200


def test_the_principal_leaving_needs_a_successor_named_for_his_items(world):
    held(world)
    item = an_item(world, world.principal_seat)

    with pytest.raises(Refused, match="请为.*选定接手的班子成员"):
        leaving.leave_team(world.principal_seat, {}, user=world.users["office"])
    leaving.leave_team(
        world.principal_seat, {f"item:{item.pk}": world.member_seat}, user=world.users["office"]
    )
    item.refresh_from_db()
    assert item.responsible == world.member_seat


# -- one item across the years ----------------------------------------------------------------
def next_year(world) -> Meeting:
    campaign = f.CampaignFactory(issuer=world.city, year=world.campaign.year + 1)
    f.AspectFactory(campaign=campaign, position=1, head="政治建设方面")
    domain.issue_campaign(campaign, [world.street], user=world.users["city_supervisor"])
    return Meeting.objects.get(campaign=campaign, team=world.street)


def test_a_carried_item_is_closed_once_and_shown_once_with_its_evidence(world, as_persona):
    held(world)
    old = an_item(world, world.member_seat, problem="下基层调研走过场")
    ledger.add_progress(
        old,
        dt.date(2026, 11, 20),
        "已到三个社区调研",
        [("调研记录.docx", b"evidence")],
        user=world.users["office"],
    )
    ledger.request_closing(old, user=world.users["office"])

    meeting = next_year(world)

    new = meeting.ledger_items.get()
    old.refresh_from_db()
    assert (old.status, new.status, new.carried_from) == ("carried", "closing", old)
    assert new.deadline == dt.date(2027, 3, 31)  # not yet past: kept
    page = as_persona("principal").get(new.get_absolute_url()).content.decode()
    assert "已到三个社区调研" in page and "调研记录.docx" in page
    evidence = Evidence.objects.get()
    download = reverse("rectification:evidence_download", args=[new.pk, evidence.pk])
    assert as_persona("principal").get(download).status_code == 200
    home = as_persona("principal").get(reverse("workbench:home")).content.decode()
    assert home.count("审批销号：下基层调研走过场") == 1  # the new item only

    ledger.approve_closing(new, as_superior=False, user=world.users["principal"])

    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.status, old.status) == ("closed", "carried")
    old_page = as_persona("office").get(old.get_absolute_url()).content.decode()
    assert "本事项已结转至" in old_page and "已销号" in old_page
    assert "同意销号" not in old_page.split("办理记录")[0].split("</dl>")[1]


def test_a_departed_members_item_stays_his_and_goes_to_the_principal(world):
    held(world)
    item = an_item(world, world.member_seat, deadline=dt.date(2026, 11, 10))
    TeamMember.objects.filter(pk=world.member_seat.pk).update(active=False)

    new = next_year(world).ledger_items.get()

    assert new.member == world.member_seat  # never silently the team's
    assert new.responsible == world.principal_seat
    assert "待主要负责同志重新分配" in new.sources.get().note
    assert (new.kind, new.deadline) == ("long_term", None)  # its deadline had passed
    item.refresh_from_db()
    assert item.status == "carried"


# -- what the walks of issue 13 found ---------------------------------------------------------
def test_everyone_can_change_his_own_password(world, as_persona):
    member = world.users["member"]
    member.set_password("一次性-2026-pass")
    member.save()
    client = Client()
    client.force_login(member)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "一次性-2026-pass",
            "new_password1": "wang-hu-2027-my-own",
            "new_password2": "wang-hu-2027-my-own",
        },
    )

    assert response.status_code == 302
    assert Client().login(
        request=login_request(), username=member.username, password="wang-hu-2027-my-own"
    )
    assert AuditEntry.objects.filter(action="organisations.account.password_changed").count() == 1
    assert client.get(reverse("workbench:home")).status_code == 200  # still logged in here


def test_deactivating_the_only_office_says_the_unit_has_none_left(world, as_persona):
    office_person = f.PersonFactory(organisation=world.street, user=world.users["office"])
    url = reverse(
        "organisations:person_account_action",
        args=[world.street.pk, office_person.pk, "deactivate"],
    )

    response = as_persona("supervisor").post(url, follow=True)

    assert f"{world.street.display_name}已没有在用的办公室账号" in response.content.decode()
    page = as_persona("supervisor").get(
        reverse("organisations:organisation_accounts", args=[world.street.pk])
    )
    assert "（账号已停用）" in page.content.decode()


def test_a_restored_account_gets_a_new_one_time_password(world, as_persona):
    member = world.users["member"]
    member.set_password("old-password-2026")
    member.save()
    accounts.deactivate(world.member_seat.person, user=world.users["supervisor"])
    url = reverse(
        "organisations:person_account_action",
        args=[world.street.pk, world.member_seat.person_id, "reactivate"],
    )

    response = as_persona("supervisor").post(url)

    assert Client().login(
        request=login_request(), username=member.username, password=response.context["password"]
    )
    assert not Client().login(
        request=login_request(), username=member.username, password="old-password-2026"
    )


def test_the_accounts_page_offers_a_role_only_to_those_without_it(world, as_persona):
    seat = world.principal_seat
    accounts.grant_role(seat.person, world.street, RoleKind.OFFICE, user=world.users["supervisor"])

    page = as_persona("supervisor").get(
        reverse("organisations:organisation_accounts", args=[world.street.pk])
    )

    grant = reverse(
        "organisations:person_account_action",
        args=[world.street.pk, seat.person_id, "grant_office"],
    )
    assert grant not in page.content.decode()
    assert page.context["people"][0] == seat.person  # the team by 位次 first


def test_the_forwarding_superiors_requirements_reach_the_plan_draft(world):
    from dlm.preparation import plans

    Campaign.objects.filter(pk=world.campaign.pk).update(own_requirements="会前15日报市委预审。")
    world.meeting.refresh_from_db()

    draft = plans.draft(world.meeting)

    assert f"（{world.city.display_name}要求）会前15日报市委预审。" in draft["requirements"]


def test_an_issued_notices_theme_is_shown_as_fixed(world, as_persona):
    page = as_persona("city_supervisor").get(
        reverse("campaigns:campaign_edit", args=[world.campaign.pk])
    )

    assert page.context["form"].fields["theme"].disabled


def test_a_notice_arriving_tells_the_office_and_the_forwarders(world):
    from dlm.reminders.models import Reminder

    campaign = f.CampaignFactory(issuer=world.city, year=world.campaign.year + 1)
    f.AspectFactory(campaign=campaign, position=1, head="政治建设方面")
    domain.issue_campaign(campaign, [world.district], user=world.users["city_supervisor"])

    meeting = Meeting.objects.get(campaign=campaign, team=world.district)
    told = Reminder.objects.get(
        user=world.users["supervisor"], key__contains=f"{meeting.pk}:forward"
    )
    assert "（可转发至下级）" in told.text and told.link == campaign.get_absolute_url()


def test_a_departed_member_cannot_be_made_responsible_again(world):
    held(world)
    item = an_item(world, world.member_seat)
    leaving.leave_team(
        world.member_seat, {f"item:{item.pk}": world.principal_seat}, user=world.users["office"]
    )
    item.refresh_from_db()
    item.responsible = TeamMember.objects.get(pk=world.member_seat.pk)  # as the form reads it

    with pytest.raises(Refused, match="责任人已离任"):
        ledger.update_item(item, user=world.users["office"], before={})


def test_handing_over_a_closing_item_tells_the_approvers_it_now_waits_for(world):
    from dlm.reminders.models import Reminder

    held(world)
    item = an_item(world, world.member_seat)
    ledger.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=world.users["office"]
    )
    ledger.request_closing(item, user=world.users["office"])

    leaving.leave_team(
        world.member_seat, {f"item:{item.pk}": world.principal_seat}, user=world.users["office"]
    )

    told = Reminder.objects.get(user=world.users["supervisor"], key__contains="reassigned")
    assert "销号申请待审批" in told.text


def test_the_ledger_shows_and_filters_a_departed_members_items(world, as_persona):
    held(world)
    item = an_item(world, world.member_seat)
    leaving.leave_team(
        world.member_seat, {f"item:{item.pk}": world.principal_seat}, user=world.users["office"]
    )

    page = as_persona("office").get(
        reverse("rectification:meeting_ledger", args=[world.meeting.pk])
        + f"?owner={world.member_seat.pk}"
    )

    html = page.content.decode()
    assert f"{world.member_seat.person.name}（已离任）" in html
    assert [i.pk for i in page.context["items"]] == [item.pk]


def test_a_carried_items_export_carries_its_progress_and_evidence(world, as_persona):
    import io

    import docx

    held(world)
    old = an_item(world, world.member_seat)
    ledger.add_progress(
        old,
        dt.date(2026, 11, 20),
        "已到三个社区调研",
        [("调研记录.docx", b"x")],
        user=world.users["office"],
    )
    meeting = next_year(world)

    response = as_persona("office").get(
        reverse("rectification:ledger_docx", args=[meeting.pk, "full"])
    )

    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    ) + "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "已到三个社区调研" in text and "调研记录.docx" in text


def test_an_item_added_to_last_years_ledger_goes_on_in_this_years(world):
    held(world)
    meeting = next_year(world)

    late = an_item(world, world.member_seat, problem="会后才补列的问题")

    late.refresh_from_db()
    assert late.status == "carried"
    assert meeting.ledger_items.get().problem == "会后才补列的问题"


def test_the_outline_lists_the_items_its_author_answers_for_after_a_colleague_left(world):
    from dlm.preparation import domain as preparation

    held(world)
    an_item(world, world.member_seat, problem="分管领域调研不深")
    TeamMember.objects.filter(pk=world.member_seat.pk).update(active=False)
    meeting = next_year(world)

    outline = preparation.create_material(
        meeting, kind="personal", author=world.principal_seat, user=world.users["office"]
    )

    assert "分管领域调研不深" in preparation.skeleton(outline).split("二、")[0]


def test_the_same_problem_sent_again_is_refused_unless_confirmed(world, as_persona):
    held(world)
    an_item(world, world.member_seat, problem="调研不深")

    with pytest.raises(Refused, match="第1项已是同一问题"):
        an_item(world, world.member_seat, problem="调研  不深")
