"""The copy check as the supervisor acts on it, through the Django layer: materials not drafts,
who copied whom, clusters, templates pasted whole, stock phrases apart (issue 15).

Texts come from tests/textcheck/sentence_bank.py (our own generator of the genre): unrelated
documents share nothing, planted passages are known."""

from __future__ import annotations

import io
import random

import pytest
from django.urls import reverse

from dlm.campaigns import domain as campaigns
from dlm.campaigns.models import Meeting
from dlm.organisations.enums import OrganisationKind as K
from dlm.organisations.enums import RoleKind
from dlm.preparation import domain, quality
from dlm.preparation.copyindex import copies_of
from dlm.preparation.enums import CopyRelation, MaterialKind
from dlm.preparation.models import Material
from tests import factories as f
from tests.conftest import client_for, combined_report
from tests.textcheck.sentence_bank import document


def text(seed: int, chars: int = 1500) -> str:
    return document(random.Random(seed), chars)


def latest(material):
    return material.versions.order_by("-number").first()


def units(world, n: int) -> list[Meeting]:
    """``n`` new teams under the district, each with a meeting of the campaign."""
    teams = [
        f.OrganisationFactory(
            name=f"中共测试第{i}社区党委", kind=K.PARTY_COMMITTEE, parent=world.district
        )
        for i in range(n)
    ]
    campaigns.issue_campaign(world.campaign, teams, user=world.users["city_supervisor"])
    return list(Meeting.objects.filter(campaign=world.campaign, team__in=teams).order_by("pk"))


def write(meeting, body: str, *, user) -> Material:
    """A team material of ``meeting`` with one draft."""
    material = domain.create_material(meeting, kind=MaterialKind.TEAM, author=None, user=user)
    domain.add_version(material, body, user=user)
    return material


def overview_book(client, world):
    """The overview .xlsx as the supervisor downloads it, reopened."""
    from openpyxl import load_workbook

    response = client.get(reverse("supervision:campaign_overview_xlsx", args=[world.campaign.pk]))
    return load_workbook(io.BytesIO(response.content))


def assess(material) -> Material:
    quality.assess(material)
    return Material.objects.get(pk=material.pk)


def test_a_colleagues_copy_is_found_although_the_original_sits_in_five_drafts(world):
    """The member wrote five drafts; a colleague took most of his paragraph. The colleague is
    the copier and sees the member as the source; the member sees only "被引用"."""
    original = text(1, 900)
    for n in range(4):
        domain.add_version(world.material, original + text(10 + n, 200), user=world.users["office"])
    colleague = domain.create_material(
        world.meeting,
        kind=MaterialKind.PERSONAL,
        author=world.street.team_members.exclude(
            pk__in=[world.member_seat.pk, world.principal_seat.pk]
        ).get(),
        user=world.users["office"],
    )
    domain.add_version(colleague, text(2, 350) + original[:450], user=world.users["office"])

    report = copies_of(latest(colleague))
    [taken] = [m for m in report.copied if m.version and m.version.material == world.material]
    assert taken.copied_share > 0.5
    assert report.given_share < 0.1  # the copied paragraph is not "通用表述"
    mine = copies_of(latest(world.material))
    assert colleague in [m.version.material for m in mine.cited]
    assert colleague not in [m.version.material for m in mine.copied]


@pytest.mark.parametrize("pasted", [3, 6])
def test_units_pasting_one_passage_are_one_cluster_with_the_first_as_source(world, pasted):
    meetings = units(world, pasted)
    office = world.users["office"]
    passage = text(3, 2500)
    materials = [
        write(meeting, text(100 + i, 800) + passage + text(200 + i, 400), user=office)
        for i, meeting in enumerate(meetings)
    ]

    assessed = [assess(m) for m in materials]

    source, copiers = assessed[0], assessed[1:]
    assert source.copied_share == 0.0  # the first to write it is not a copier
    assert all(m.copied_share > 0.6 for m in copiers), [m.copied_share for m in copiers]
    assert {m.copy_doc for m in copiers} == {copies_of(latest(copiers[0])).copied[0].doc}
    page = client_for(world.users["city_supervisor"]).get(
        reverse("supervision:campaign_copies", args=[world.campaign.pk])
    )
    [incident] = page.context["incidents"]
    assert incident.units == pasted  # one incident naming every unit
    assert "雷同群" in page.content.decode()


def test_a_library_template_pasted_whole_is_all_template(world, as_persona):
    template = text(4, 2000)
    as_persona("supervisor").post(
        reverse("preparation:template_list"),
        {
            "organisation": world.district.pk,
            "kind": "template",
            "title": "网上范文",
            "text": template,
        },
    )
    meetings = units(world, 8)
    pasted = [write(m, template, user=world.users["office"]) for m in meetings]

    assessed = [assess(m) for m in pasted]

    assert all(m.copy_relation == CopyRelation.TEMPLATE for m in assessed)
    assert all(m.copied_share > 0.95 for m in assessed), [m.copied_share for m in assessed]


def test_a_superiors_material_echoed_below_flags_the_echo_not_the_superior(world):
    district_office = f.RoleFactory(organisation=world.district, kind=RoleKind.OFFICE).user
    team_text = text(5, 1800)
    district = write(world.district_meeting, team_text, user=district_office)
    echo = domain.create_material(
        world.meeting, kind=MaterialKind.TEAM, author=None, user=world.users["office"]
    )
    domain.add_version(echo, text(6, 600) + team_text[:700], user=world.users["office"])

    district, echo = assess(district), assess(echo)

    assert echo.copy_relation == CopyRelation.SUPERIOR and echo.copied_share > 0.3
    assert district.copied_share == 0.0  # the original is never the copier
    assert echo in [m.version.material for m in copies_of(latest(district)).cited]


def test_a_pair_is_one_incident_shown_once(world):
    meetings = units(world, 2)
    office = world.users["office"]
    shared = text(7, 1200)
    first = write(meetings[0], text(8, 600) + shared, user=office)
    second = write(meetings[1], shared + text(9, 600), user=office)

    assessed = [assess(first), assess(second)]

    assert [m.copied_share > 0 for m in assessed] == [False, True]
    page = client_for(world.users["city_supervisor"]).get(
        reverse("supervision:campaign_copies", args=[world.campaign.pk])
    )
    assert len(page.context["incidents"]) == 1


def test_stock_phrases_are_apart_and_shared_template_sentences_still_caught(world):
    meetings = units(world, 3)
    office = world.users["office"]
    formulas = (
        "中共测试第一社区党委领导班子2026年度民主生活会对照检查材料\n"
        "根据区委组织部统一部署，班子深入开展谈心谈话，广泛征求意见建议。"
        "现将对照检查情况报告如下。\n"
        "主要负责同志与班子成员之间必谈，班子成员相互之间必谈。\n"
    )
    template_sentences = (
        "在落实基层减负要求上，存在文件多、会议多、督查检查多的现象，给基层造成了额外负担，"
        "工作中重留痕轻实效，以材料论英雄的思想还没有彻底扭转。"
    )
    first = write(meetings[0], formulas + text(10, 900), user=office)
    write(meetings[2], template_sentences + text(13, 600), user=office)  # another, earlier
    second = write(
        meetings[1], formulas + text(11, 900) + template_sentences + text(12, 300), user=office
    )

    report = copies_of(latest(second))

    assert report.stock_share > 0.02  # the formulas: counted apart, with their share
    assert all(first != m.version.material for m in report.matches if m.version)
    taken = [m for m in report.copied if m.version]
    assert taken and any(
        "以材料论英雄" in latest(second).text[p.a_start : p.a_end]
        for m in taken
        for p in m.passages
    )


def test_drafts_count_toward_nothing(world):
    """Ten drafts of one material do not make its text "common"; a second unit copying it is
    still found, at its full share."""
    meetings = units(world, 1)
    body = text(14, 1500)
    for n in range(10):
        domain.add_version(world.material, body + text(300 + n, 100), user=world.users["office"])
    copier = write(meetings[0], body, user=world.users["office"])

    assessed = assess(copier)

    assert assessed.copied_share > 0.9


def test_a_cluster_below_the_single_copy_flag_is_shown_in_every_view(world):
    """Four units paste one passage that makes a fifth of each material: no single copy
    reaches the flag, but the same passage in four units is a 雷同群 — on the cross-unit view,
    in the overview (its table and .xlsx) and in the combined report, the source never in it."""
    from docx import Document

    meetings = units(world, 4)
    office = world.users["office"]
    passage = text(20, 500)
    materials = [
        write(meeting, text(400 + i, 1600) + passage + text(500 + i, 300), user=office)
        for i, meeting in enumerate(meetings)
    ]
    assessed = [assess(m) for m in materials]
    source, copiers = assessed[0], assessed[1:]
    assert all(0.1 < m.copied_share < 0.3 for m in copiers), [m.copied_share for m in copiers]
    client = client_for(world.users["city_supervisor"])

    page = client.get(reverse("supervision:campaign_copies", args=[world.campaign.pk]))
    [incident] = page.context["incidents"]
    assert incident.cluster and incident.units == 4
    assert source.meeting.team.display_name in incident.source
    assert source not in incident.copiers

    table = client.get(
        reverse("supervision:campaign_overview", args=[world.campaign.pk])
    ).content.decode()
    assert table.count("雷同群（4个单位）") == 3

    sheet = overview_book(client, world).active
    header = [cell.value for cell in sheet[2]]
    assert None not in header
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert all(len(row) == len(header) for row in rows)
    units_column = header.index("雷同群单位数")
    assert sorted(row[units_column] for row in rows if row[units_column]) == [4, 4, 4]
    share_column = header.index("最高雷同比例")
    # numbers, not text; blank for a team without materials (nothing to judge is not 0 %)
    assert all(isinstance(row[share_column], int | float | None) for row in rows)
    assert sum(isinstance(row[share_column], int | float) for row in rows) >= 4

    report = combined_report(client, world.campaign)
    body = "\n".join(p.text for p in Document(io.BytesIO(report)).paragraphs)
    assert "出现在4个单位的材料中（雷同群）" in body
    assert body.count("中共测试第") >= 3
