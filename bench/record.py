"""How fast the live recording screen answers during a meeting, SQLite.

Target (issue 6, "built for speed during a real meeting"): saving a turn and refreshing the
screen each well under 100 ms with a full meeting's record (9 members, ~100 turns).

Run by hand: ``.venv/bin/python bench/record.py``. It builds the demo in a throw-away SQLite
file, records the 望湖 meeting turn by turn through the same JSON endpoint the browser uses
(each save timed), then times the screen, its refresh feed and the 会议记录 download with the
full record; medians and the ratio to ``/healthz`` measured in the same run.
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
from django.test import Client  # noqa: E402

from dlm.campaigns.models import Meeting  # noqa: E402
from dlm.demo.world import PASSWORD  # noqa: E402
from dlm.proceedings.agenda import team_in_order  # noqa: E402

POINTS = "一是联系群众不够经常，调研走过场；二是抓落实跟踪问效不够。"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed_get(client: Client, url: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return median_ms(samples)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    meeting = Meeting.objects.get(team__short_name="望湖街道党工委")
    client = Client()
    assert client.login(username="wanghu_office", password=PASSWORD)
    record = f"/meetings/{meeting.pk}/record/"
    client.get(record)  # drafts the agenda
    seats = team_in_order(meeting)
    saves = []
    for seat in seats:
        turns = [("self_criticism", seat, None, "我作个人对照检查。")]
        turns += [("criticism", critic, seat, POINTS) for critic in seats if critic != seat]
        turns += [("response", seat, None, "我虚心接受。")]
        for kind, speaker, target, text in turns:
            data = {
                "kind": kind,
                "speaker": f"seat:{speaker.pk}",
                "target": str(target.pk) if target else "",
                "text": text,
            }
            start = time.perf_counter()
            response = client.post(record, data, HTTP_ACCEPT="application/json")
            saves.append(time.perf_counter() - start)
            assert response.status_code == 201, response.content
    baseline = timed_get(client, "/healthz")
    rows = [
        ("/healthz", baseline),
        (f"save a turn (POST, {len(saves)} saves)", median_ms(saves)),
        ("the screen, full record", timed_get(client, record)),
        ("refresh feed, full record", timed_get(client, f"/meetings/{meeting.pk}/record/feed/")),
        ("会议记录 .docx", timed_get(client, f"/meetings/{meeting.pk}/record/minutes.docx")),
        ("meeting page with counts", timed_get(client, f"/meetings/{meeting.pk}/")),
    ]
    print(f"{meeting.turns.count()} turns recorded\n")
    print("| request | median ms | × /healthz |")
    print("| --- | ---: | ---: |")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} | {ms / baseline:.1f} |")


if __name__ == "__main__":
    main()
