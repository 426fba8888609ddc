"""The superior's overview: its subtree and nothing else, right counts, flat query count."""

from __future__ import annotations

import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dlm.campaigns import domain
from dlm.campaigns.models import Meeting
from dlm.organisations.enums import OrganisationKind as K
from dlm.organisations.enums import RoleKind
from dlm.preparation import opinions
from dlm.proceedings.models import Turn
from tests import factories as f
from tests.conftest import client_for, combined_report


def overview(client, world, **params):
    return client.get(reverse("supervision:campaign_overview", args=[world.campaign.pk]), params)


def test_a_supervisor_sees_its_subtree_and_nothing_else(world):
    other_district = f.OrganisationFactory(
        name="中共另一区委", kind=K.PARTY_COMMITTEE, parent=world.city
    )
    other_street = f.OrganisationFactory(
        name="另一区的街道工委", kind=K.WORKING_COMMITTEE, parent=other_district
    )
    domain.issue_campaign(
        world.campaign, [other_district, other_street], user=world.users["city_supervisor"]
    )
    other_supervisor = f.RoleFactory(organisation=other_district, kind=RoleKind.SUPERVISOR).user

    ours = overview(client_for(world.users["supervisor"]), world).content.decode()
    theirs = overview(client_for(other_supervisor), world).content.decode()
    city = overview(client_for(world.users["city_supervisor"]), world).content.decode()

    assert world.street.display_name in ours and "另一区的街道工委" not in ours
    assert "另一区的街道工委" in theirs and world.street.display_name not in theirs
    assert world.street.display_name in city and "另一区的街道工委" in city


def test_counts_and_flags(world):
    opinions.enter_opinion(
        world.meeting,
        about=None,
        aspect=None,
        source="forum",
        text="会多",
        received_on=dt.date(2026, 10, 1),
        user=world.users["office"],
    )
    Turn.objects.create(
        meeting=world.meeting,
        kind="criticism",
        speaker=world.principal_seat,
        speaker_name="甲",
        target=world.member_seat,
        text="一是甲",
        client_id="a",
    )
    Turn.objects.create(
        meeting=world.meeting,
        kind="criticism",
        speaker=world.member_seat,
        speaker_name="乙",
        target=world.principal_seat,
        text="一是乙",
        client_id="b",
    )
    client = client_for(world.users["supervisor"])

    response = client.get(reverse("supervision:campaign_overview_xlsx", args=[world.campaign.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    street = rows[world.street.name]
    assert street[10] == 1  # opinions
    assert street[12] == 0  # the third member received nothing
    assert street[13] == round(2 / 3, 1)


def test_only_late_filter(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(date=dt.date(2026, 11, 1))  # plan overdue
    page = overview(client_for(world.users["supervisor"]), world, late="1").content.decode()
    assert world.street.display_name in page


def test_the_overview_costs_the_same_queries_for_3_or_30_teams(world):
    client = client_for(world.users["city_supervisor"])
    overview(client, world)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert overview(client, world).status_code == 200
        return len(queries)

    few = count()
    teams = []
    for _ in range(30):
        team = f.OrganisationFactory(kind=K.PARTY_GROUP, parent=world.district)
        for _ in range(3):
            f.TeamMemberFactory(team=team)
        teams.append(team)
    domain.issue_campaign(world.campaign, teams, user=world.users["city_supervisor"])
    many = count()
    assert many == few, (few, many)
    # among them: the copy incidents (雷同群), the absent members, the packages' open points
    assert few <= 18


def test_names_are_escaped_in_the_table(world):
    world.street.short_name = "<script>alert(1)</script>街道"
    world.street.save()
    page = overview(client_for(world.users["supervisor"]), world).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;街道" in page


def test_the_combined_report(world):
    import io as _io

    from docx import Document

    Meeting.objects.filter(pk=world.meeting.pk).update(
        state="held", held_on=dt.date(2026, 11, 5), plan_submitted_on=dt.date(2026, 10, 1)
    )
    client = client_for(world.users["supervisor"])
    report = combined_report(client, world.campaign)
    text = "\n".join(p.text for p in Document(_io.BytesIO(report)).paragraphs)
    assert "督导范围内共2个班子" in text  # the district's own meeting and the street's
    assert "已召开民主生活会1个" in text
    assert "政治建设方面：各班子材料共查摆问题" in text
    assert "存在成员收到批评少于2人次的情况：" in text and world.street.display_name in text
    assert "四、材料雷同情况" in text and "共评估材料" in text


def test_copied_materials_are_flagged_and_grouped_across_units(world):
    """A sibling unit's outline that copies the street member's outline."""
    from dlm.preparation import domain as preparation
    from dlm.preparation.enums import MaterialKind
    from dlm.preparation.models import Material
    from dlm.preparation.quality import assess, assess_stale

    domain.issue_campaign(world.campaign, [world.sibling], user=world.users["city_supervisor"])
    sibling_meeting = Meeting.objects.get(campaign=world.campaign, team=world.sibling)
    author = world.sibling.team_members.get()
    copy = preparation.create_material(
        sibling_meeting, kind=MaterialKind.PERSONAL, author=author, user=world.users["sibling"]
    )
    preparation.add_version(copy, world.material.versions.get().text, user=world.users["sibling"])
    assert assess_stale() >= 3  # every material with a draft, assessed once

    copy.refresh_from_db()
    assert copy.copied_share > 0.9 and copy.copy_relation == "other"
    assert assess_stale() == 0  # nothing new to read
    assess(copy)  # assessing again is harmless

    client = client_for(world.users["supervisor"])
    page = overview(client, world, sort="copied").content.decode()
    assert (
        "雷同" in page
        and reverse("preparation:material_compare", args=[copy.pk, copy.copy_doc]) in page
    )
    clusters = client.get(
        reverse("supervision:campaign_copies", args=[world.campaign.pk])
    ).content.decode()
    assert "与其他单位材料雷同" in clusters and world.sibling.display_name in clusters
    assert Material.objects.filter(copied_share__gt=0).count() >= 2


def test_closing_over_time(world):
    from dlm.organisations.rules import access_for
    from dlm.rectification.models import Item
    from dlm.supervision.overview import closing_by_month

    for number, closed in enumerate([dt.date(2026, 12, 3), dt.date(2027, 1, 9), None], start=1):
        Item.objects.create(
            meeting=world.meeting,
            number=number,
            responsible=world.member_seat,
            problem="问题",
            measures="措施",
            kind="long_term",
            closed_on=closed,
            status="closed" if closed else "open",
        )
    months = closing_by_month(access_for(world.users["supervisor"]), world.campaign)
    assert [(m, c) for m, c, _ in months][-2:] == [("2026-12", 1), ("2027-01", 1)]
    assert months[-1][2] == 1  # one still open at the end of January
    page = overview(client_for(world.users["supervisor"]), world).content.decode()
    assert "整改事项销号（按月）" in page


def test_overdue_now_and_done_late_are_apart_and_the_table_comes_first(world):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        date=dt.date(2026, 11, 1), plan_submitted_on=dt.date(2026, 10, 30)
    )  # reported late (due 10-22)
    Meeting.objects.get(pk=world.meeting.pk).save()
    client = client_for(world.users["supervisor"])

    done_late = overview(client, world, timing="done_late").content.decode()
    overdue_now = overview(client, world, timing="overdue").content.decode()

    assert world.street.display_name in done_late
    assert 'class="badge status-done_late">报送方案' in done_late
    assert done_late.index('id="overview-table"') < done_late.index("<details")
    assert world.street.display_name in overdue_now  # the meeting itself is past due


def test_sorting_keeps_the_filters_and_the_place(world):
    page = overview(client_for(world.users["supervisor"]), world, timing="overdue", q="街道")
    html = page.content.decode()

    assert "?timing=overdue&amp;q=%E8%A1%97%E9%81%93&amp;sort=team#overview-table" in html


def test_an_absent_member_is_not_counted_as_receiving_too_few_criticisms(world):
    from dlm.organisations.rules import access_for
    from dlm.proceedings.attendance import save_attendance
    from dlm.supervision.overview import rows

    seats = list(world.street.team_members.all())
    absent = seats[-1]
    save_attendance(
        world.meeting,
        {seat.pk: ("absent", "因公出差") if seat == absent else ("present", "") for seat in seats},
        [],
        user=world.users["office"],
    )
    present = [seat for seat in seats if seat != absent]
    for speaker in present:
        for target in present:
            if speaker != target:
                Turn.objects.create(
                    meeting=world.meeting,
                    kind="criticism",
                    speaker=speaker,
                    speaker_name=speaker.person.name,
                    target=target,
                    text="一是学习不够；二是调研偏少。",
                    client_id=f"{speaker.pk}-{target.pk}",
                )

    [row] = [
        r
        for r in rows(access_for(world.users["supervisor"]), world.campaign, dt.date(2026, 12, 1))
        if r.meeting == world.meeting
    ]

    assert row.members == len(present)
    assert row.criticisms_min == len(present) - 1  # the absent member's 0 is not the minimum


def test_the_combined_report_counts_problems_per_aspect_as_the_materials_have_them(world):
    import io as _io

    from docx import Document

    from dlm.preparation.quality import assess
    from dlm.textcheck.analyse import analyse

    aspects = [a.head for a in world.campaign.aspects.all()]
    assess(world.material)
    read = analyse(world.material.versions.get().text, aspects=aspects, kind="material")
    expected = {a: 0 for a in aspects}
    for section in read["material"]["aspects"]:
        if section["matched_aspect"]:
            expected[aspects[section["matched_aspect"] - 1]] += len(section["problems"])
    assert sum(expected.values()) > 0

    report = combined_report(client_for(world.users["supervisor"]), world.campaign)
    text = "\n".join(p.text for p in Document(_io.BytesIO(report)).paragraphs)
    for aspect, count in expected.items():
        assert f"{aspect}：各班子材料共查摆问题{count}条" in text
    assert "尚未评估" in text  # the principal's outline was not assessed: said, not hidden


def test_what_is_not_known_is_never_a_zero_and_open_points_show(world):
    """Walk findings (issue 18): a team that has not met showed "0 / 0.0" criticisms and
    pulled the combined report's average down; teams without materials showed 0 lacking; a
    package sent with open points looked finished; dates were text in the .xlsx."""
    from dlm.organisations.rules import access_for
    from dlm.reporting.models import Package
    from dlm.supervision import combined

    Meeting.objects.filter(pk=world.meeting.pk).update(held_on=None)
    Package.objects.create(
        meeting=world.meeting,
        sent_on=dt.date(2026, 12, 10),
        open_points=[
            {"key": "placeholders", "text": "还有3处待填写：〔…〕", "link": "/"},
            {"key": "team_material_missing", "text": "没有班子对照检查材料", "link": "/"},
        ],
        content=b"",
    )
    Meeting.objects.filter(pk=world.meeting.pk).update(reported_on=dt.date(2026, 12, 10))
    client = client_for(world.users["supervisor"])

    page = overview(client, world).content.decode()
    assert "2项未完成" in page and "没有班子对照检查材料" in page
    assert "会议尚未召开" in page and "0 / 0.0" not in page
    assert "未登记" in page  # no opinion registered

    ws = load_workbook(
        io.BytesIO(
            client.get(
                reverse("supervision:campaign_overview_xlsx", args=[world.campaign.pk])
            ).content
        )
    ).active
    header = [c.value for c in ws[2]]
    street = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == world.street.name)
    assert all(header), header  # every column headed
    assert street[header.index("报送时未完成事项")] == "还有3处待填写：〔…〕；没有班子对照检查材料"
    assert street[header.index("情况报告")] == dt.datetime(2026, 12, 10)  # a date cell
    assert street[header.index("成员收到批评最少（空白为未召开）")] is None
    assert street[header.index("征求意见（条，空白为未登记）")] is None

    _, _, content = combined.render(
        access_for(world.users["supervisor"]), world.campaign, dt.date(2026, 12, 20)
    )
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "尚无班子召开会议" in text and "人均收到批评0" not in text
