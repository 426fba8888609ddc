"""Page render times on the demo data, SQLite.

Target (issue 2): ordinary pages render in well under 100 ms on the demo data on SQLite.

Run by hand: ``make bench`` (or ``.venv/bin/python bench/pages.py``). It builds the demo in
a throw-away SQLite file, logs in as the personas who use each page, requests every page
``ROUNDS`` times through Django's test client (the whole request: middleware, access
checks, queries, templates) and prints the median and the ratio to ``/healthz`` measured in
the same run, because machines are noisy and only ratios travel between them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 30

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DLM_VAR_DIR"] = tempfile.mkdtemp(prefix="dlm-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
os.environ["DLM_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from dlm.campaigns.models import Campaign, Meeting  # noqa: E402
from dlm.demo.world import PASSWORD  # noqa: E402
from dlm.organisations.models import Organisation  # noqa: E402


def timed(client: Client, url: str) -> tuple[float, int]:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples) * 1000, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    wanghu = Meeting.objects.get(team__short_name="望湖街道党工委")
    district = Organisation.objects.get(short_name="临江区委")
    root = Campaign.objects.get(parent=None)
    pages = [
        ("wanghu_office", "/healthz"),
        ("wanghu_office", "/"),
        ("wanghu_office", "/meetings/"),
        ("wanghu_office", f"/meetings/{wanghu.pk}/"),
        ("wanghu_office", f"/meetings/{wanghu.pk}/history/"),
        ("wanghu_office", f"/orgs/{wanghu.team_id}/"),
        ("wanghu_member", f"/meetings/{wanghu.pk}/"),
        ("qu_zzb", "/"),
        ("qu_zzb", "/meetings/"),
        ("qu_zzb", f"/orgs/{district.pk}/"),
        ("shi_zzb", "/campaigns/"),
        ("shi_zzb", f"/campaigns/{root.pk}/"),
        ("shi_zzb", "/orgs/"),
    ]
    clients: dict[str, Client] = {}
    rows = []
    for username, url in pages:
        if username not in clients:
            clients[username] = Client()
            assert clients[username].login(username=username, password=PASSWORD)
        rows.append((username, url, *timed(clients[username], url)))
    baseline = rows[0][2]
    print(f"SQLite, demo data, {ROUNDS} requests each, median wall time per request\n")
    print("| persona | page | median ms | × /healthz | queries |")
    print("| --- | --- | ---: | ---: | ---: |")
    for username, url, median, queries in rows:
        print(f"| {username} | `{url}` | {median:.1f} | {median / baseline:.1f} | {queries} |")
    worst = max(row[2] for row in rows)
    print(f"\nslowest page: {worst:.1f} ms (target: well under 100 ms)")


if __name__ == "__main__":
    main()
