"""Materials, drafts, the template library, and the copy report on the material page."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dlm.campaigns import domain as campaigns
from dlm.campaigns.models import Campaign, Meeting
from dlm.organisations.enums import RoleKind
from dlm.preparation import domain
from dlm.preparation.copyindex import MATERIAL, TEMPLATE, copies_of, encode
from dlm.preparation.enums import CopyRelation, MaterialKind
from dlm.preparation.models import Material, MaterialVersion
from tests import factories as f
from tests.textcheck.conftest import fixture_text

OUTLINE = fixture_text("personal_outline.txt")


def latest(material) -> MaterialVersion:
    return material.versions.order_by("-number").first()


def test_teammate_copy_is_reported_with_its_passage(world):
    [match] = copies_of(latest(world.principal_material)).matches

    assert match.relation == CopyRelation.TEAMMATE
    assert match.version.material == world.material
    [passage] = match.passages
    copied = latest(world.principal_material).text[passage.a_start : passage.a_end]
    assert copied in OUTLINE


def test_material_page_highlights_copied_passages(world, as_persona):
    response = as_persona("office").get(
        reverse("preparation:material_detail", args=[world.principal_material.pk])
    )

    page = response.content.decode()
    assert "与同班子成员雷同（左右一个样）" in page
    assert '<mark class="copy-teammate" title="抄自' in page
    assert "逐段对照" in page


def test_side_by_side_shows_both_texts_to_the_principal(world, as_persona):
    doc = encode(MATERIAL, latest(world.material).pk)
    url = reverse("preparation:material_compare", args=[world.principal_material.pk, doc])

    response = as_persona("principal").get(url)

    assert response.context["right"] is not None
    marks = response.content.decode().count('<mark class="copy-teammate">')
    assert marks >= 2 and marks % 2 == 0  # the same passages on both sides
    # the outline's headings are structure, not copying: never inside a mark
    from dlm.preparation.highlight import HEADING

    for side in ("left", "right"):
        for segment in response.context[side]:
            if segment.mark:
                assert not any(
                    HEADING.match(line.strip()) and len(line.strip()) <= 40
                    for line in segment.text.splitlines()
                ), segment.text


def test_a_mark_never_cuts_a_number_and_skips_given_headings():
    from dlm.preparation.highlight import copy_marks

    text = "一、政治建设方面\n有的事项拖了55天才办结，群众意见很大。"
    start = text.index("拖了5")
    marks = copy_marks(
        text, [(0, start + 3, "copy-x"), (start + 4, len(text), "copy-y")], ["政治建设方面"]
    )
    marked = [text[a:b] for a, b, *_ in marks]
    assert "一、政治建设方面" not in "".join(marked)
    assert all(not m.endswith("5") and not m.startswith("5") for m in marked), marked
    assert "天才办结，群众意见很大。" in marked


def test_a_member_comparing_sees_only_his_own_text(world, as_persona):
    doc = encode(MATERIAL, latest(world.principal_material).pk)
    url = reverse("preparation:material_compare", args=[world.material.pk, doc])

    response = as_persona("member").get(url)

    assert response.context["right"] is None
    assert "您无权查看原文" in response.content.decode()


def test_new_draft_by_upload_of_a_word_file(world, as_persona):
    buffer = io.BytesIO()
    document = docx.Document()
    for line in OUTLINE.split("\n")[:8]:
        document.add_paragraph(line)
    document.save(buffer)
    upload = SimpleUploadedFile("提纲.docx", buffer.getvalue())

    response = as_persona("member").post(
        reverse("preparation:version_create", args=[world.material.pk]), {"upload": upload}
    )

    assert response.status_code == 302
    version = latest(world.material)
    assert (version.number, version.source_name) == (2, "提纲.docx")
    assert version.text.startswith(OUTLINE.split("\n")[0])


def test_unreadable_upload_is_refused_and_the_typed_text_kept(world, as_persona):
    upload = SimpleUploadedFile("提纲.pdf", b"%PDF-1.4 ...")

    response = as_persona("member").post(
        reverse("preparation:version_create", args=[world.material.pk]),
        {"upload": upload, "text": "我自己写的一段正文"},
    )

    page = response.content.decode()
    assert "暂不支持 PDF 文件" in page
    assert "我自己写的一段正文" in page
    assert world.material.versions.count() == 1
    kept = world.material.unreadable.get(name="提纲.pdf")
    assert (kept.name, bytes(kept.content)) == ("提纲.pdf", b"%PDF-1.4 ...")
    assert "文件已保存" in page


def test_empty_draft_is_refused(world, as_persona):
    response = as_persona("member").post(
        reverse("preparation:version_create", args=[world.material.pk]), {"text": "  "}
    )

    assert "请粘贴正文或上传文件" in response.content.decode()


def test_only_the_office_creates_materials_and_only_once(world, as_persona):
    url = reverse("preparation:meeting_materials", args=[world.meeting.pk])
    data = {"kind": MaterialKind.PERSONAL, "author": world.member_seat.pk}

    assert as_persona("member").post(url, data).status_code == 403
    response = as_persona("office").post(url, data)

    assert "的发言提纲已建立" in response.content.decode()
    team = as_persona("office").post(url, {"kind": MaterialKind.TEAM})
    assert team.status_code == 302
    assert Material.objects.filter(meeting=world.meeting, kind=MaterialKind.TEAM).count() == 1


def test_members_list_only_their_own_outline(world, as_persona):
    url = reverse("preparation:meeting_materials", args=[world.meeting.pk])

    member = as_persona("member").get(url).context["materials"]
    principal = as_persona("principal").get(url).context["materials"]

    assert list(member) == [world.material]
    assert set(principal) == {world.material, world.principal_material}


def test_template_copies_are_recognised(world, as_persona):
    template_text = "网上范文\n" + OUTLINE[1000:1200] + "\n范文结尾"
    response = as_persona("supervisor").post(
        reverse("preparation:template_list"),
        {
            "organisation": world.district.pk,
            "kind": "template",
            "title": "范文一",
            "text": template_text,
        },
    )
    assert response.status_code == 302

    matches = copies_of(latest(world.material)).matches

    template_match = next(m for m in matches if m.relation == CopyRelation.TEMPLATE)
    assert template_match.template.title == "范文一"
    assert template_match.doc % 2 == TEMPLATE


def test_only_supervisors_add_templates(world, as_persona):
    response = as_persona("office").post(
        reverse("preparation:template_list"), {"title": "x", "text": "网上范文正文"}
    )

    assert response.status_code == 403


def test_superior_and_last_year_relations(world):
    office = world.users["office"]
    district_office = f.RoleFactory(organisation=world.district, kind=RoleKind.OFFICE).user
    team_material = domain.create_material(
        world.district_meeting, kind=MaterialKind.TEAM, author=None, user=district_office
    )
    domain.add_version(team_material, "区委班子材料\n" + OUTLINE[200:500], user=district_office)
    last_year = f.CampaignFactory(issuer=world.city, year=2025)
    f.AspectFactory(campaign=last_year)
    campaigns.issue_campaign(last_year, [world.street], user=world.users["city_supervisor"])
    old_meeting = Meeting.objects.get(campaign=last_year)
    old = domain.create_material(
        old_meeting, kind=MaterialKind.PERSONAL, author=world.member_seat, user=office
    )
    domain.add_version(old, "去年的提纲\n" + OUTLINE[700:950], user=office)

    relations = {m.relation for m in copies_of(latest(world.material)).matches}

    assert {CopyRelation.SUPERIOR, CopyRelation.LAST_YEAR, CopyRelation.TEAMMATE} <= relations
    assert Campaign.objects.count() == 2


def test_own_earlier_drafts_are_not_copying(world):
    domain.add_version(world.material, OUTLINE + "\n补充一段。", user=world.users["office"])

    matches = copies_of(latest(world.material)).matches

    assert all(m.version is None or m.version.material != world.material for m in matches)


def test_a_folder_of_templates_is_loaded_and_bad_files_skipped(world, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from dlm.preparation.models import TemplateDocument

    (tmp_path / "范文一.txt").write_text("网上范文正文，学习不够深入，比如某事。", encoding="utf-8")
    (tmp_path / "范文二.md").write_text("# 范文二\n担当不够，例如某事。", encoding="utf-8")
    (tmp_path / "坏.docx").write_bytes(b"broken")
    out, err = StringIO(), StringIO()

    call_command(
        "load_templates", str(tmp_path), organisation=world.district.pk, stdout=out, stderr=err
    )

    assert "已加入模板库 2 个，跳过 1 个" in out.getvalue()
    assert "坏.docx" in err.getvalue()
    assert set(TemplateDocument.objects.values_list("title", flat=True)) == {"范文一", "范文二"}


def test_two_writers_at_once_lose_nothing_and_see_the_conflict(world, as_persona):
    url = reverse("preparation:version_create", args=[world.material.pk])
    member_form = as_persona("member").get(url).context["form"]
    office_form = as_persona("office").get(url).context["form"]
    assert member_form.initial["based_on"] == office_form.initial["based_on"] == 1

    as_persona("office").post(url, {"text": "办公室改的稿子", "based_on": 1})
    response = as_persona("member").post(url, {"text": "本人改的稿子", "based_on": 1}, follow=True)

    texts = list(world.material.versions.order_by("number").values_list("text", flat=True))
    assert texts[1:] == ["办公室改的稿子", "本人改的稿子"]
    assert "两稿都已保存" in response.content.decode()
    assert latest(world.material).concurrent is True


def test_a_first_draft_starts_from_the_aspects_and_the_five_parts(world, as_persona):
    url = reverse("preparation:meeting_materials", args=[world.meeting.pk])
    third = world.street.team_members.exclude(
        pk__in=[world.member_seat.pk, world.principal_seat.pk]
    ).get()
    as_persona("office").post(url, {"kind": MaterialKind.PERSONAL, "author": third.pk})
    material = Material.objects.get(author=third)

    form = (
        as_persona("office")
        .get(reverse("preparation:version_create", args=[material.pk]))
        .context["form"]
    )

    text = form.initial["text"]
    assert "（一）政治建设方面" in text and "（二）担当作为方面" in text
    for part in ["上年度民主生活会问题整改情况", "个人有关事项说明", "原因剖析", "整改措施"]:
        assert part in text


def test_findings_are_marked_in_the_text_with_their_reason(world, as_persona):
    domain.add_version(
        world.material, OUTLINE.replace("东坪社区", "×××社区", 1), user=world.users["office"]
    )

    page = as_persona("member").get(world.material.get_absolute_url()).content.decode()

    assert '<mark class="finding-error" title="留有模板占位符“×××”' in page


def test_a_kept_upload_is_handed_back_as_an_attachment(world, as_persona):
    url = reverse("preparation:unreadable_download", args=[world.material.pk, world.unreadable.pk])

    response = as_persona("member").get(url)

    assert response.content == b"broken"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_changed_text_and_a_file_together_are_refused_and_both_kept(world, as_persona):
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("文件里的正文，与框里改过的不一样。")
    document.save(buffer)
    upload = SimpleUploadedFile("提纲.docx", buffer.getvalue())

    response = as_persona("member").post(
        reverse("preparation:version_create", args=[world.material.pk]),
        {"upload": upload, "text": "我在框里手工改过的全文"},
    )

    page = response.content.decode()
    assert response.status_code == 200 and "请只用一种" in page
    assert "我在框里手工改过的全文" in page
    assert world.material.versions.count() == 1
    assert not world.material.unreadable.filter(name="提纲.docx").exists()


def test_the_material_page_says_what_was_understood_against_the_notice(world, as_persona):
    aspects = [a.head for a in world.campaign.aspects.all()]
    text = (
        "某某同志个人发言提纲\n一、查摆的问题\n"
        f"（一）在{aspects[0]}方面\n1.学得不深，比如只读了摘要。\n"
        "二、原因剖析\n（一）放松要求。\n三、整改措施\n（一）每周学习。"
    )
    domain.add_version(world.material, text, user=world.users["office"])

    page = as_persona("member").get(world.material.get_absolute_url())

    understood = page.context["understood"]
    assert understood["sections"][0]["aspect"] == aspects[0]
    assert understood["sections"][0]["problems"] == 1
    assert len(understood["uncovered"]) == len(aspects) - 1
    body = page.content.decode()
    assert "系统读到的结构" in body and "未对照的通知方面" in body
    assert "第1行“某某”" in body


def test_an_uploaded_outline_with_unnumbered_heading_styles_is_read_by_its_levels(
    world, as_persona
):
    """Word headings without numbers: nobody sees a "#", the page still finds the parts."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_heading("某某同志2026年度民主生活会发言提纲", level=0)
    for head, body in [
        ("查摆的主要问题", None),
        ("学习方面", "读书少，学用脱节，比如全年只读了两本，讲话稿里看不到学习的体会。"),
        ("工作方面", "对分管的排水工作督办不力，例如城西积水点整改拖了一个月才完成。"),
    ]:
        document.add_heading(head, level=1 if body is None else 2)
        if body:
            document.add_paragraph(body)
    for head, body in [("原因剖析", "放松了学习。"), ("整改措施", "每周读书半天。")]:
        document.add_heading(head, level=1)
        document.add_paragraph(body)
    document.save(buffer)

    member = as_persona("member")
    member.post(
        reverse("preparation:version_create", args=[world.material.pk]),
        {"upload": SimpleUploadedFile("提纲.docx", buffer.getvalue())},
    )

    version = latest(world.material)
    assert "#" not in version.text
    page = member.get(world.material.get_absolute_url())
    understood = page.context["understood"]
    assert [s["problems"] for s in understood["sections"]] == [1, 1]
    assert "原因剖析" in understood["present"] and "整改措施" in understood["present"]
