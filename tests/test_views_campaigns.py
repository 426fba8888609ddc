"""Drafting, issuing and forwarding a notice through the pages."""

from __future__ import annotations

from django.urls import reverse

from dlm.campaigns.enums import CampaignStatus
from dlm.campaigns.models import Campaign, Meeting
from tests import factories as f


def form_data(**overrides):
    data = {
        "issuer": "",
        "year": "2026",
        "kind": "annual",
        "title": "关于开好区直单位2026年度民主生活会的通知",
        "document_number": "",
        "theme": "查找差距，推动发展。",
        "study_list": "党章\n准则",
        "latest_meeting_date": "2027-01-25",
        "plan_days_before": "10",
        "report_days_after": "15",
        "briefing_days_after": "10",
        "rectification_days_after": "15",
        "quorum": "2/3",
        "aspects-TOTAL_FORMS": "5",
        "aspects-INITIAL_FORMS": "0",
        "aspects-MIN_NUM_FORMS": "0",
        "aspects-MAX_NUM_FORMS": "12",
    }
    data.update(overrides)
    return data


def test_supervisor_drafts_a_campaign_with_aspects(world, as_persona):
    data = form_data(
        issuer=world.district.pk,
        **{"aspects-0-head": "政治方面", "aspects-0-text": "检视政治方面的差距。"},
        **{"aspects-1-head": "作风方面", "aspects-1-text": "检视作风方面的差距。"},
    )

    response = as_persona("supervisor").post(reverse("campaigns:campaign_create"), data)

    campaign = Campaign.objects.get(title=data["title"])
    assert response.status_code == 302
    assert campaign.status == CampaignStatus.DRAFT
    assert [a.head for a in campaign.aspects.all()] == ["政治方面", "作风方面"]


def test_bad_campaign_keeps_everything_typed(world, as_persona):
    data = form_data(
        issuer=world.district.pk,
        theme="",
        report_days_after="-3",
        **{"aspects-0-head": "政治方面", "aspects-0-text": ""},
    )

    response = as_persona("supervisor").post(reverse("campaigns:campaign_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项。" in page
    assert "请填写该方面的全文" in page
    assert "政治方面" in page
    assert data["title"] in page
    assert not Campaign.objects.filter(title=data["title"]).exists()


def test_a_campaign_needs_at_least_one_aspect(world, as_persona):
    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_create"), form_data(issuer=world.district.pk)
    )

    assert "至少需要一个对照检查方面" in response.content.decode()


def test_issuer_must_be_one_the_user_supervises(world, as_persona):
    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_create"),
        form_data(issuer=world.city.pk, **{"aspects-0-head": "甲", "aspects-0-text": "乙"}),
    )

    assert "选择一个有效的选项" in response.content.decode()


def test_issue_to_the_whole_subtree(world, as_persona):
    campaign = f.CampaignFactory(issuer=world.district)
    f.AspectFactory(campaign=campaign)

    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_issue", args=[campaign.pk]), {"whole_subtree": "on"}
    )

    assert response.status_code == 302
    teams = set(Meeting.objects.filter(campaign=campaign).values_list("team__name", flat=True))
    assert teams == {world.street.name, world.sibling.name}


def test_issue_without_recipients_says_so(world, as_persona):
    campaign = f.CampaignFactory(issuer=world.district)
    f.AspectFactory(campaign=campaign)

    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_issue", args=[campaign.pk]), {}
    )

    assert "请至少选择一个接收班子" in response.content.decode()


def test_forwarding_opens_the_draft_for_tightening(world, as_persona):
    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_reissue", args=[world.campaign.pk]),
        {"issuer": world.district.pk},
    )

    child = Campaign.objects.get(parent=world.campaign)
    assert response["Location"] == reverse("campaigns:campaign_edit", args=[child.pk])


def test_loosening_a_forwarded_deadline_is_shown_next_to_the_field(world, as_persona):
    child = f.CampaignFactory(
        issuer=world.district, parent=world.campaign, latest_meeting_date="2027-01-31"
    )
    f.AspectFactory(campaign=child, head="甲")

    response = as_persona("supervisor").post(
        reverse("campaigns:campaign_edit", args=[child.pk]),
        form_data(
            latest_meeting_date="2027-02-28",
            **{"aspects-0-head": "甲", "aspects-0-text": "乙"},
        ),
    )

    assert "转发通知的召开日期不能晚于上级通知要求的 2027-01-31" in response.content.decode()


def test_campaign_page_lists_only_meetings_the_user_may_see(world, as_persona):
    response = as_persona("office").get(
        reverse("campaigns:campaign_detail", args=[world.campaign.pk])
    )

    names = [m.team.name for m in response.context["meetings"]]
    assert names == [world.street.name]
