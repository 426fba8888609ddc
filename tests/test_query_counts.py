"""List pages cost the same number of queries for 3 rows as for 30 (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dlm.campaigns import domain
from dlm.organisations.enums import OrganisationKind as K
from dlm.preparation import domain as preparation
from dlm.preparation.enums import MaterialKind
from tests import factories as f

PAGES = [
    ("supervisor", lambda w: reverse("campaigns:meeting_list")),
    ("supervisor", lambda w: reverse("campaigns:campaign_list")),
    ("supervisor", lambda w: reverse("campaigns:campaign_detail", args=[w.campaign.pk])),
    ("supervisor", lambda w: reverse("workbench:home")),
    ("supervisor", lambda w: reverse("organisations:organisation_list")),
    ("supervisor", lambda w: reverse("organisations:organisation_detail", args=[w.district.pk])),
    ("office", lambda w: reverse("organisations:organisation_detail", args=[w.street.pk])),
    ("office", lambda w: reverse("campaigns:meeting_detail", args=[w.meeting.pk])),
    ("office", lambda w: reverse("campaigns:meeting_history", args=[w.meeting.pk])),
    ("office", lambda w: reverse("workbench:home")),
    ("office", lambda w: reverse("preparation:meeting_materials", args=[w.meeting.pk])),
    ("principal", lambda w: reverse("preparation:material_detail", args=[w.material.pk])),
]


def grow(world, n: int) -> None:
    """Add ``n`` teams under the district, each with members, a meeting and history."""
    teams = []
    for i in range(n):
        team = f.OrganisationFactory(kind=K.PARTY_GROUP, parent=world.district)
        for _ in range(4):
            f.TeamMemberFactory(team=team)
        teams.append(team)
        f.TeamMemberFactory(team=world.street, position=f"成员{i}")
    campaign = f.CampaignFactory(issuer=world.district)
    f.AspectFactory(campaign=campaign)
    domain.issue_campaign(campaign, teams, user=world.users["supervisor"])
    domain.issue_campaign(world.campaign, teams[: n // 2], user=world.users["city_supervisor"])
    # more members' outlines in the street, each copying the member's outline a little
    outline = world.material.versions.get().text
    for i, seat in enumerate(
        world.street.team_members.exclude(pk__in=[world.member_seat.pk, world.principal_seat.pk])[
            :n
        ]
    ):
        copy = preparation.create_material(
            world.meeting, kind=MaterialKind.PERSONAL, author=seat, user=world.users["office"]
        )
        start = (i * 37) % 600
        preparation.add_version(
            copy, f"第{i}份提纲\n" + outline[start : start + 300], user=world.users["office"]
        )


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("persona", "page"), PAGES)
def test_queries_do_not_grow_with_rows(world, as_persona, persona, page):
    client = as_persona(persona)
    url = page(world)
    client.get(url)  # warm the content-type cache
    few = count(client, url)

    grow(world, 30)
    client.get(url)  # the copy index catches up with the new materials once
    many = count(client, url)

    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
    # the material page also catches the copy index up and reads reviews, comments, uploads;
    # the home page asks every app for its 待办 (one query each, none per row)
    ceiling = 20 if "/materials/" in url or url == "/" else 15
    assert few <= ceiling, f"{url}: {few} queries"
