"""The meeting list and the superior's home page over 5,000 teams, SQLite.

Target (issue 12): "overdue now" and the sort by next deadline are answered by the database
from the stored deadlines (``Meeting.earliest_due_on`` …), paged, so the list costs the same
whichever page holds the late teams; before, the timelines were computed in Python for the
first 500 rows only, and a late team beyond them was dropped.

Run by hand: ``.venv/bin/python bench/meeting_list.py``. It builds, in a throw-away SQLite
file, a city with ``TEAMS`` teams under one campaign (one in 50 with its plan overdue, the
last team among them), then requests each page ``ROUNDS`` times as the city's organisation
department and prints the median, the ratio to ``/healthz`` measured in the same run, and
the queries. The last row times the old way for comparison: every meeting's timeline
computed in Python to find the overdue ones.
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
TEAMS = 5000

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

from dlm.campaigns.deadlines import Status  # noqa: E402
from dlm.campaigns.enums import CampaignKind  # noqa: E402
from dlm.campaigns.models import Campaign, Meeting, local_today  # noqa: E402
from dlm.organisations.enums import OrganisationKind as K  # noqa: E402
from dlm.organisations.enums import RoleKind  # noqa: E402
from dlm.organisations.models import Organisation, Role  # noqa: E402


@transaction.atomic
def build():
    today = local_today()
    city = Organisation.objects.create(name="基准市委", kind=K.PARTY_COMMITTEE)
    user = get_user_model().objects.create_user("bench", password="bench-pass")
    Role.objects.create(user=user, organisation=city, kind=RoleKind.SUPERVISOR)
    Organisation.objects.bulk_create(
        Organisation(name=f"基准单位{i:04d}党组", kind=K.PARTY_GROUP, parent=city)
        for i in range(TEAMS)
    )
    teams = list(Organisation.objects.filter(parent=city).order_by("pk"))
    for team in teams:  # the materialised path needs the id (bulk_create skips save())
        team.path = f"{city.path}{team.pk:08d}."
    Organisation.objects.bulk_update(teams, ["path"], batch_size=1000)
    campaign = Campaign.objects.create(
        issuer=city,
        year=today.year,
        kind=CampaignKind.ANNUAL,
        title="基准通知",
        theme="主题",
        latest_meeting_date=today + dt.timedelta(days=60),
        status="issued",
    )
    meetings = []
    for index, team in enumerate(teams):
        late = index % 50 == 49  # the plan was due five days ago
        meeting = Meeting(
            campaign=campaign,
            team=team,
            date=today + dt.timedelta(days=5 if late else 30),
        )
        meeting.refresh_standing()
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    return user


def median_ms(client: Client, url: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples) * 1000


def python_overdue_ms() -> float:
    """The old way: each meeting's timeline in Python, keeping the overdue ones."""
    today = local_today()
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        meetings = Meeting.objects.select_related("campaign", "team")
        late = [m for m in meetings if any(s.status is Status.OVERDUE for s in m.timeline(today))]
        samples.append(time.perf_counter() - start)
    assert len(late) == TEAMS // 50
    return statistics.median(samples) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    user = build()
    client = Client()
    client.force_login(user)
    pages = [
        ("/healthz", "/healthz"),
        ("list, page 1", "/meetings/"),
        ("list, last page", f"/meetings/?page={TEAMS // 50}"),
        ("only overdue now", "/meetings/?timing=overdue"),
        ("sorted by next deadline", "/meetings/?sort=due"),
        ("superior's home page", "/"),
    ]
    baseline = median_ms(client, "/healthz")
    print(f"{Meeting.objects.count()} meetings, {TEAMS // 50} overdue\n")
    print("| request | median ms | × /healthz | queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, url in pages:
        ms = baseline if url == "/healthz" else median_ms(client, url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"| {label} | {ms:.1f} | {ms / baseline:.0f} | {len(queries)} |")
    old = python_overdue_ms()
    print(f"| (old way) overdue by timelines in Python | {old:.1f} | {old / baseline:.0f} | |")


if __name__ == "__main__":
    main()
