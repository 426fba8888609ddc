"""What the new-user walk of the copy check found (issue 15), each a test through Django."""

from __future__ import annotations

import io

from django.urls import reverse

from dlm.preparation import domain
from dlm.preparation.copyindex import copies_of
from dlm.preparation.enums import MaterialKind
from tests.conftest import client_for, combined_report
from tests.test_copy_scenarios import assess, latest, overview_book, text, units, write


def colleague_of(world):
    seat = world.street.team_members.exclude(
        pk__in=[world.member_seat.pk, world.principal_seat.pk]
    ).get()
    return domain.create_material(
        world.meeting, kind=MaterialKind.PERSONAL, author=seat, user=world.users["office"]
    )


def test_two_materials_that_took_from_each_other_are_each_the_copier_of_what_they_took(world):
    """A copied B's old paragraph; later B pasted A's new sentences. Each page says what it
    took and what was taken from it — the author of new sentences is not their copier."""
    office = world.users["office"]
    old = text(31, 700)  # the colleague's, from his first draft
    colleague = colleague_of(world)
    domain.add_version(colleague, text(32, 500) + old, user=office)
    mine = world.material
    domain.add_version(mine, text(33, 400) + old, user=office)  # the member copies it
    new = text(34, 500)  # then writes new sentences of his own
    domain.add_version(mine, text(33, 400) + old + new, user=office)
    domain.add_version(colleague, text(32, 500) + old + new, user=office)  # which B pastes

    report = copies_of(latest(mine))
    [took] = [m for m in report.copied if m.version and m.version.material == colleague]
    [gave] = [m for m in report.cited if m.version and m.version.material == colleague]
    # the cut between the two lies where the new sentences begin (to a window of fingerprints: 36 characters and punctuation)
    boundary = latest(mine).text.index(new)
    assert max(p.a_end for p in took.passages) < boundary + 40
    assert min(p.a_start for p in gave.passages) > boundary - 40
    assert took.copied_share < 0.6 and gave.other_share < 0.45

    theirs = copies_of(latest(colleague))
    [took_back] = [m for m in theirs.copied if m.version and m.version.material == mine]
    assert min(p.a_start for p in took_back.passages) > latest(colleague).text.index(new) - 40


def test_a_compare_link_survives_new_drafts_and_says_so_when_the_copy_is_gone(world, as_persona):
    copier = colleague_of(world)
    original = latest(world.material).text
    domain.add_version(copier, text(35, 300) + original[:800], user=world.users["office"])
    copier = assess(copier)
    link = reverse("preparation:material_compare", args=[copier.pk, copier.copy_doc])
    office = as_persona("office")
    assert office.get(link).status_code == 200

    # the source saves a new draft: the link made before still opens the comparison
    domain.add_version(world.material, original + "。补充一句。", user=world.users["office"])
    page = office.get(link)
    assert page.status_code == 200 and page.context["found"]

    # the copier rewrites: the page says there is nothing left, rather than "not found"
    domain.add_version(copier, text(36, 900), user=world.users["office"])
    page = office.get(link)
    assert page.status_code == 200 and not page.context["found"]
    assert "已没有雷同段落" in page.content.decode()


def test_a_passage_along_a_chain_is_shown_once_against_its_first_writer(world):
    meetings = units(world, 3)
    office = world.users["office"]
    passage = text(37, 900)
    first = write(meetings[0], text(38, 600) + passage, user=office)
    middle = write(meetings[1], text(39, 600) + passage, user=office)
    last = write(meetings[2], text(40, 600) + passage, user=office)

    report = copies_of(latest(last))

    sources = [m.version.material for m in report.copied if m.version]
    assert sources == [first]
    [also] = report.copied[0].also_in
    assert str(middle) in also and middle.meeting.team.display_name in also
    assert middle not in [m.version.material for m in report.cited if m.version]


def test_the_overview_and_its_sheet_name_the_copier_not_only_the_source(world):
    copier = colleague_of(world)
    original = latest(world.material).text
    domain.add_version(copier, original, user=world.users["office"])
    assess(copier)
    client = client_for(world.users["supervisor"])

    page = client.get(reverse("supervision:campaign_overview", args=[world.campaign.pk]))
    assert f"{copier.title} 雷同" in page.content.decode()

    sheet = overview_book(client, world).active
    header = [cell.value for cell in sheet[2]]
    copied = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[-4]]
    assert any(row[header.index("抄录的材料")] == copier.title for row in copied)


def test_the_city_sees_the_templates_loaded_below_it(world):
    domain.add_template(
        world.district, "区里收集的网上范文", text(41, 600), user=world.users["supervisor"]
    )
    page = client_for(world.users["city_supervisor"]).get(reverse("preparation:template_list"))
    assert "区里收集的网上范文" in page.content.decode()
    member = client_for(world.users["member"]).get(reverse("preparation:template_list"))
    assert "区里收集的网上范文" not in member.content.decode()


def test_the_usual_openings_of_two_units_are_not_a_copy(world):
    """Two units write the genre's usual title and opening in their own order of words; only
    the formulas agree, which is no copying."""
    meetings = units(world, 2)
    office = world.users["office"]
    opening = (
        "{name}同志2026年度民主生活会发言提纲\n"
        "根据区委统一部署和会议要求，会前我认真学习了规定篇目，结合个人思想和工作实际，"
        "对照要求查找差距不足，深刻剖析问题根源，明确了今后的努力方向。现将有关情况汇报如下：\n"
    )
    write(meetings[0], opening.format(name="王某") + text(42, 900), user=office)
    second = write(meetings[1], opening.format(name="李某") + text(43, 900), user=office)

    report = copies_of(latest(second))

    assert report.copied == []
    assert report.stock_share > 0.05


def test_the_principal_sees_who_copied_in_the_list_of_materials(world, as_persona):
    copier = colleague_of(world)
    domain.add_version(copier, latest(world.material).text, user=world.users["office"])
    assess(copier)
    page = as_persona("principal").get(
        reverse("preparation:meeting_materials", args=[world.meeting.pk])
    )
    body = page.content.decode()
    assert "雷同检查" in body and "抄录" in body and str(world.material) in body


def test_the_sheet_names_every_copier_and_the_report_names_the_materials_of_a_cluster(world):
    meetings = units(world, 3)
    office = world.users["office"]
    passage = text(44, 500)
    materials = [
        write(meeting, text(600 + i, 1600) + passage + text(700 + i, 300), user=office)
        for i, meeting in enumerate(meetings)
    ]
    for material in materials:
        assess(material)
    colleague = colleague_of(world)
    domain.add_version(colleague, latest(world.material).text, user=office)
    assess(colleague)
    client = client_for(world.users["city_supervisor"])

    book = overview_book(client, world)
    rows = list(book["雷同明细"].iter_rows(min_row=2, values_only=True))
    named = {row[1] for row in rows}
    assert {materials[1].title, materials[2].title, colleague.title} <= named
    assert materials[0].title not in named  # the first writer is no copier

    report = combined_report(client, world.campaign)
    from docx import Document

    body = "\n".join(p.text for p in Document(io.BytesIO(report)).paragraphs)
    assert f"·{materials[1].title}（" in body
