"""Setting up the year: forwarding the superior's notice, staffing new units, accounts and
roles in the pages, people who leave or move, and items carried into the next year."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.models import Aspect, Campaign
from dlm.core.errors import Refused
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
