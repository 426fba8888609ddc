"""The superior's overview for 500 teams and 5,000 materials, SQLite.

Target (issue 8): the overview opens in under 300 ms server time for 500 teams on SQLite.

Run by hand: ``.venv/bin/python bench/overview.py``. It builds, in a throw-away SQLite file,
a city with 500 teams under one campaign (each with 9 members, 10 materials — the team material and 9 outlines —, opinions,
talks, criticisms and ledger items), then requests the overview as the city's organisation
department ``ROUNDS`` times and prints the median, the ratio to ``/healthz`` measured in the
same run, and the number of queries.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 15
TEAMS = 500

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DLM_VAR_DIR"] = tempfile.mkdtemp(prefix="dlm-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
os.environ["DLM_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from dlm.campaigns import domain  # noqa: E402
from dlm.campaigns.models import Campaign, Meeting, local_today  # noqa: E402
from dlm.organisations.enums import OrganisationKind as K  # noqa: E402
from dlm.organisations.enums import RoleKind  # noqa: E402
from dlm.organisations.models import Organisation, Person, Role, TeamMember  # noqa: E402
from dlm.preparation.models import Material, MaterialVersion, Opinion, Talk  # noqa: E402
from dlm.proceedings.models import Turn  # noqa: E402
from dlm.rectification.models import Item  # noqa: E402


@transaction.atomic
def build() -> tuple[Campaign, object]:
    city = Organisation.objects.create(name="基准市委", kind=K.PARTY_COMMITTEE)
    user = get_user_model().objects.create_user("bench", password="bench-pass")
    Role.objects.create(user=user, organisation=city, kind=RoleKind.SUPERVISOR)
    teams = [
        Organisation.objects.create(name=f"基准单位{i:03d}党组", kind=K.PARTY_GROUP, parent=city)
        for i in range(TEAMS)
    ]
    people = Person.objects.bulk_create(
        Person(name=f"成员{t}-{m}", organisation=team)
        for t, team in enumerate(teams)
        for m in range(9)
    )
    seats = TeamMember.objects.bulk_create(
        TeamMember(
            team=p.organisation, person=p, position="成员", is_principal=p.name.endswith("-0")
        )
        for p in people
    )
    campaign = domain.create_campaign(
        Campaign(
            issuer=city,
            year=2026,
            kind="annual",
            title="基准通知",
            theme="主题",
            latest_meeting_date=local_today() + dt.timedelta(days=30),
        ),
        user=user,
        aspects=[("政治建设方面", "对照检查政治建设方面")],
    )
    domain.issue_campaign(campaign, teams, user=user)
    meetings = {m.team_id: m for m in Meeting.objects.filter(campaign=campaign)}
    by_team: dict[int, list] = {}
    for seat in seats:
        by_team.setdefault(seat.team_id, []).append(seat)
    materials, opinions, talks, turns, items = [], [], [], [], []
    for team_id, team_seats in by_team.items():
        meeting = meetings[team_id]
        for n in range(10):
            author = team_seats[n - 1] if n else None
            materials.append(
                Material(
                    meeting=meeting,
                    kind="personal" if author else "team",
                    author=author,
                    title=f"材料{n}",
                )
            )
        opinions += [
            Opinion(meeting=meeting, source="forum", text="意见", received_on=local_today())
            for _ in range(5)
        ]
        talks += [
            Talk(
                meeting=meeting,
                kind="member_member",
                member=team_seats[0],
                partner=s,
                held_on=local_today(),
            )
            for s in team_seats[1:]
        ]
        turns += [
            Turn(
                meeting=meeting,
                kind="criticism",
                speaker=a,
                speaker_name="x",
                target=b,
                text="一是",
                client_id=f"{a.pk}-{b.pk}",
            )
            for a in team_seats[:3]
            for b in team_seats
            if a != b
        ]
        items += [
            Item(
                meeting=meeting,
                number=k,
                responsible=team_seats[0],
                problem="问题",
                measures="措施",
                kind="long_term",
            )
            for k in range(1, 6)
        ]
    Material.objects.bulk_create(materials)
    MaterialVersion.objects.bulk_create(
        MaterialVersion(material=m, number=1, text="正文") for m in Material.objects.all()
    )
    Opinion.objects.bulk_create(opinions)
    Talk.objects.bulk_create(talks)
    Turn.objects.bulk_create(turns)
    Item.objects.bulk_create(items)
    return campaign, user


def median_ms(client: Client, url: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    campaign, user = build()
    client = Client()
    client.force_login(user)
    url = f"/campaigns/{campaign.pk}/overview/"
    baseline = median_ms(client, "/healthz")
    page = median_ms(client, url)
    export = median_ms(client, f"/campaigns/{campaign.pk}/overview.xlsx")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(
        f"{TEAMS} teams, {Material.objects.count()} materials, {Turn.objects.count()} criticisms\n"
    )
    print("| request | median ms | × /healthz | queries |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| /healthz | {baseline:.1f} | 1.0 | |")
    print(f"| overview, {TEAMS} teams | {page:.1f} | {page / baseline:.0f} | {len(queries)} |")
    print(f"| overview .xlsx | {export:.1f} | {export / baseline:.0f} | |")


if __name__ == "__main__":
    main()
