"""One factory per model. Tests say only what matters to them; the rest is plausible."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from dlm.campaigns.enums import CampaignKind, CampaignStatus
from dlm.campaigns.models import Aspect, Campaign, Meeting
from dlm.organisations.enums import OrganisationKind, RoleKind
from dlm.organisations.models import Organisation, Person, Role, TeamMember

PASSWORD = "test-pass-9731"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"中共测试第{n}党工委")
    kind = OrganisationKind.WORKING_COMMITTEE
    parent = None


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"同志{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..team"))
    position = "班子成员"
    precedence = factory.Sequence(lambda n: n + 1)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = RoleKind.OFFICE


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    issuer = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PARTY_COMMITTEE)
    year = 2026
    kind = CampaignKind.ANNUAL
    title = factory.Sequence(lambda n: f"关于开好2026年度民主生活会的通知（{n}）")
    theme = "对照检查，查找差距，推动整改落实。"
    latest_meeting_date = dt.date(2027, 1, 31)
    status = CampaignStatus.DRAFT


class AspectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aspect

    campaign = factory.SubFactory(CampaignFactory)
    position = factory.Sequence(lambda n: n + 1)
    head = factory.Sequence(lambda n: f"第{n}个方面")
    text = "检视在这一方面存在的差距和不足。"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    campaign = factory.SubFactory(CampaignFactory, status=CampaignStatus.ISSUED)
    team = factory.SubFactory(OrganisationFactory)
