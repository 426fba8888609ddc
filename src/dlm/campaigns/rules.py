"""Who may see and act on campaigns and meetings."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dlm.campaigns.enums import Actor, CampaignStatus
from dlm.campaigns.models import Campaign, Meeting
from dlm.campaigns.process import Step
from dlm.organisations.models import Organisation
from dlm.organisations.rules import Access


# -- meetings ------------------------------------------------------------------------------
def can_view_meeting(access: Access, meeting: Meeting) -> bool:
    return access.can_view_organisation(meeting.team) or access.guides(meeting)


def can_edit_meeting(access: Access, meeting: Meeting) -> bool:
    return access.is_office_of(meeting.team)


def can_take_step(access: Access, meeting: Meeting, step: Step) -> bool:
    if step.actor == Actor.OFFICE:
        return access.is_office_of(meeting.team)
    return access.supervises_from_above(meeting.team)


def can_allow_later_date(access: Access, meeting: Meeting) -> bool:
    """The superior above may let a team meet after the notice's latest date."""
    return access.supervises_from_above(meeting.team) and meeting.held_on is None


def visible_meetings(access: Access) -> QuerySet[Meeting]:
    if access.is_anonymous:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        access.organisation_filter("team__") | Q(pk__in=access.guided_meeting_ids)
    )


def can_assign_guides(access: Access, meeting: Meeting) -> bool:
    """The superior who sends the guidance group: whoever supervises the team from above."""
    return access.supervises_from_above(meeting.team)


# -- campaigns -----------------------------------------------------------------------------
def visible_campaigns(access: Access) -> QuerySet[Campaign]:
    if access.is_anonymous:
        return Campaign.objects.none()
    issued_in_scope = Q(pk__in=[])
    for path in access.supervised_paths:
        issued_in_scope |= Q(issuer__path__startswith=path)
    # what the user's teams received, and the notices it forwards: a street reads the city's
    # notice that its district's forward transmits
    meetings = visible_meetings(access)
    received = (
        Q(pk__in=meetings.values("campaign_id"))
        | Q(pk__in=meetings.values("campaign__parent_id"))
        | Q(pk__in=meetings.values("campaign__parent__parent_id"))
    )
    return Campaign.objects.filter(issued_in_scope | (received & Q(status=CampaignStatus.ISSUED)))


def can_view_campaign(access: Access, campaign: Campaign) -> bool:
    return visible_campaigns(access).filter(pk=campaign.pk).exists()


def can_edit_campaign(access: Access, campaign: Campaign) -> bool:
    return access.supervises(campaign.issuer)


def issuing_organisations(access: Access) -> list[Organisation]:
    """Where the user may issue a new campaign from: the roots of what they supervise."""
    return list(access.supervised_orgs)


def reissuing_organisations(access: Access, campaign: Campaign) -> list[Organisation]:
    """Teams that received ``campaign`` and whose subtree this user supervises.

    The 区委组织部 forwards the city's notice to the district's units under the 区委.
    """
    if campaign.status != CampaignStatus.ISSUED:
        return []
    return list(
        Organisation.objects.filter(
            meetings__campaign=campaign, path__in=access.supervised_paths
        ).distinct()
    )
