"""Issuing a notice, forwarding it down, and what each may and may not change."""

from __future__ import annotations

import datetime as dt

import pytest

from dlm.campaigns import domain
from dlm.campaigns.enums import CampaignStatus
from dlm.campaigns.models import Campaign, Meeting
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.organisations.enums import OrganisationKind as K
from tests import factories as f


def test_issuing_creates_one_meeting_per_team_and_logs_it(world):
    campaign = f.CampaignFactory(issuer=world.city)
    f.AspectFactory(campaign=campaign)

    meetings = domain.issue_campaign(
        campaign, [world.street, world.sibling], user=world.users["city_supervisor"]
    )

    assert sorted(m.team.name for m in meetings) == sorted([world.street.name, world.sibling.name])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ISSUED
    entry = AuditEntry.objects.for_object(campaign).first()
    assert entry.action == "campaigns.campaign.issued"
    assert sorted(entry.data["recipients"]) == sorted([world.street.name, world.sibling.name])


def test_whole_subtree_means_every_team_below_not_departments_or_branches(world):
    campaign = f.CampaignFactory(issuer=world.city)

    eligible = {o.name for o in domain.eligible_recipients(campaign)}

    assert eligible == {world.district.name, world.street.name, world.sibling.name}


def test_a_team_is_not_issued_the_same_campaign_twice(world):
    with pytest.raises(Refused, match="不能接收本通知"):
        domain.issue_campaign(world.campaign, [world.street], user=world.users["city_supervisor"])
    assert Meeting.objects.filter(campaign=world.campaign, team=world.street).count() == 1


def test_teams_outside_the_issuer_subtree_are_refused(world):
    other_city = f.OrganisationFactory(kind=K.PARTY_COMMITTEE)
    outsider = f.OrganisationFactory(parent=other_city)
    campaign = f.CampaignFactory(issuer=world.district)
    f.AspectFactory(campaign=campaign)

    with pytest.raises(Refused):
        domain.issue_campaign(campaign, [outsider], user=world.users["supervisor"])
    assert not Meeting.objects.filter(campaign=campaign).exists()


def test_a_campaign_without_aspects_cannot_be_issued(world):
    campaign = f.CampaignFactory(issuer=world.city)

    with pytest.raises(Refused, match="还没有对照检查方面"):
        domain.issue_campaign(campaign, [world.sibling], user=world.users["city_supervisor"])


def test_forwarding_copies_theme_and_aspects_as_a_draft(world):
    child = domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])

    assert child.parent == world.campaign
    assert child.status == CampaignStatus.DRAFT
    assert child.theme == world.campaign.theme
    assert [a.head for a in child.aspects.all()] == ["政治建设方面", "担当作为方面"]


def test_forwarded_campaign_may_tighten_but_not_loosen_the_rules(world):
    child = domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])
    child.report_days_after = 7
    domain.update_campaign(child, user=world.users["supervisor"], before={})

    child.latest_meeting_date = world.campaign.latest_meeting_date + dt.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        domain.update_campaign(child, user=world.users["supervisor"], before={})
    assert refused.value.field == "latest_meeting_date"
    assert (
        Campaign.objects.get(pk=child.pk).latest_meeting_date == world.campaign.latest_meeting_date
    )


def test_forwarded_campaign_skips_teams_that_already_have_the_meeting(world):
    child = domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])

    eligible = {o.name for o in domain.eligible_recipients(child)}

    assert eligible == {world.sibling.name}


def test_only_a_team_that_received_a_campaign_may_forward_it(world):
    campaign = f.CampaignFactory(issuer=world.city, status=CampaignStatus.ISSUED)

    with pytest.raises(Refused, match="只能转发本单位收到的通知"):
        domain.reissue_campaign(campaign, world.district, user=world.users["supervisor"])


def test_aspects_are_fixed_once_issued(world):
    with pytest.raises(Refused, match="已下发"):
        domain.replace_aspects(world.campaign, [("新方面", "全文")], user=world.users["office"])


def test_changing_the_rules_logs_before_and_after(world):
    campaign = Campaign.objects.get(pk=world.campaign.pk)
    before = {"report_days_after": 15}
    campaign.report_days_after = 7

    domain.update_campaign(campaign, user=world.users["city_supervisor"], before=before)

    entry = AuditEntry.objects.for_object(campaign).first()
    assert entry.action == "campaigns.campaign.changed"
    assert entry.data["changes"] == {"情况报告会后天数": [15, 7]}


def test_tightening_a_forwarded_campaign_parent_asks_to_fix_the_forward_first(world):
    domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])
    parent = Campaign.objects.get(pk=world.campaign.pk)
    parent.report_days_after = 7

    with pytest.raises(Refused, match="的转发通知与新的要求不符") as refused:
        domain.update_campaign(parent, user=world.users["city_supervisor"], before={})

    assert refused.value.field == "report_days_after"
    assert Campaign.objects.get(pk=parent.pk).report_days_after == 15
