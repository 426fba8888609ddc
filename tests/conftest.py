"""A small world shared by most tests, and the personas the permission walk uses.

市委 (city)                       city supervisor (组织部) reads everything below
├── 市委组织部
└── 区委 (district)                district supervisor approves plans of the units below
    ├── 街道党工委 (street)        office, principal, member; one meeting in PLANNING
    └── 医保局党组 (sibling)       another unit's office: must see nothing of the street
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from dlm.campaigns import domain
from dlm.campaigns.models import Campaign, Meeting
from dlm.organisations.enums import OrganisationKind as K
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, TeamMember
from tests import factories as f


@dataclass
class World:
    city: Organisation
    district: Organisation
    street: Organisation
    sibling: Organisation
    branch: Organisation
    campaign: Campaign
    meeting: Meeting  # the street's meeting
    district_meeting: Meeting
    principal_seat: TeamMember
    member_seat: TeamMember
    users: dict  # persona name -> user (anonymous: None)
    material: object = None  # the member's outline, one draft
    principal_material: object = None  # the principal's outline, copying the member's
    box: object = None  # the street meeting's anonymous opinion box, open
    unreadable: object = None  # a kept upload of the member's outline
    guide: object = None  # the guidance group's seat at the street meeting


def build_world() -> World:
    city = f.OrganisationFactory(name="中共测试市委", kind=K.PARTY_COMMITTEE)
    f.OrganisationFactory(name="中共测试市委组织部", kind=K.ORGANISATION_DEPARTMENT, parent=city)
    district = f.OrganisationFactory(name="中共测试区委", kind=K.PARTY_COMMITTEE, parent=city)
    street = f.OrganisationFactory(
        name="中共测试街道工委", kind=K.WORKING_COMMITTEE, parent=district
    )
    sibling = f.OrganisationFactory(name="中共测试医保局党组", kind=K.PARTY_GROUP, parent=district)
    branch = f.OrganisationFactory(name="测试街道机关党支部", kind=K.BRANCH, parent=street)

    principal_seat = f.TeamMemberFactory(team=street, position="党工委书记", is_principal=True)
    member_seat = f.TeamMemberFactory(team=street, position="党工委委员")
    f.TeamMemberFactory(team=street, position="办事处主任")
    f.TeamMemberFactory(team=sibling, position="党组书记", is_principal=True)

    users = {
        "office": f.RoleFactory(organisation=street, kind=RoleKind.OFFICE).user,
        "principal": f.UserFactory(),
        "member": f.UserFactory(),
        "supervisor": f.RoleFactory(organisation=district, kind=RoleKind.SUPERVISOR).user,
        "sibling": f.RoleFactory(organisation=sibling, kind=RoleKind.OFFICE).user,
        "anonymous": None,
    }
    for seat, persona in [(principal_seat, "principal"), (member_seat, "member")]:
        seat.person.user = users[persona]
        seat.person.save()
    city_supervisor = f.RoleFactory(organisation=city, kind=RoleKind.SUPERVISOR).user

    campaign = f.CampaignFactory(issuer=city)
    f.AspectFactory(campaign=campaign, position=1, head="政治建设方面")
    f.AspectFactory(campaign=campaign, position=2, head="担当作为方面")
    domain.issue_campaign(campaign, [district, street], user=city_supervisor)
    meeting = Meeting.objects.get(campaign=campaign, team=street)
    meeting.date = dt.date(2027, 1, 20)
    meeting.save()
    from dlm.proceedings.attendance import save_attendance

    everyone_present = {seat.pk: ("present", "") for seat in street.team_members.all()}
    save_attendance(meeting, everyone_present, [], user=users["office"])
    from dlm.preparation import domain as preparation
    from dlm.preparation.enums import MaterialKind
    from tests.textcheck.conftest import fixture_text

    office = users["office"]
    material = preparation.create_material(
        meeting, kind=MaterialKind.PERSONAL, author=member_seat, user=office
    )
    outline = fixture_text("personal_outline.txt")
    preparation.add_version(material, outline, user=office)
    principal_material = preparation.create_material(
        meeting, kind=MaterialKind.PERSONAL, author=principal_seat, user=office
    )
    preparation.add_version(
        principal_material, "书记个人发言提纲\n" + outline[300:900], user=office
    )
    from dlm.preparation.opinions import open_box

    box = open_box(meeting, user=office)
    from dlm.preparation.models import UnreadableUpload

    unreadable = UnreadableUpload.objects.create(
        material=material, name="坏文件.docx", content=b"broken", reason="Word 文件已损坏"
    )
    from dlm.campaigns.guides import assign_guide

    users["guide"] = f.UserFactory()
    guide_person = f.PersonFactory(organisation=district, user=users["guide"], title="区人大副主任")
    guide = assign_guide(meeting, guide_person, "区委第二督导组组长", user=users["supervisor"])
    return World(
        guide=guide,
        unreadable=unreadable,
        box=box,
        material=material,
        principal_material=principal_material,
        city=city,
        district=district,
        street=street,
        sibling=sibling,
        branch=branch,
        campaign=Campaign.objects.get(pk=campaign.pk),
        meeting=meeting,
        district_meeting=Meeting.objects.get(campaign=campaign, team=district),
        principal_seat=principal_seat,
        member_seat=member_seat,
        users=users | {"city_supervisor": city_supervisor},
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 costs ~0.3 s a user by design; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return build_world()


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_persona(world):
    def make(name: str) -> Client:
        return client_for(world.users[name])

    return make


def combined_report(client, campaign) -> bytes:
    """The combined report as a supervisor gets it: asked for (a background job, run at
    once without a worker), then downloaded from the job's page."""
    from django.urls import reverse

    asked = client.post(reverse("supervision:combined_report_docx", args=[campaign.pk]))
    assert asked.status_code == 302, asked.status_code
    page = client.get(asked["Location"])
    assert "已完成" in page.content.decode(), page.content.decode()
    job = page.context["job"]
    return client.get(reverse("core:job_download", args=[job.pk])).content


def login_request():
    """A request for ``Client.login``: the login throttle (django-axes) needs to know where a
    login comes from, as the login page tells it."""
    from django.http import HttpRequest

    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    return request
