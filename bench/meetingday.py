"""The meeting-day load test (issue 21), by hand, on loopback only, bounded in time.

    .venv/bin/pip install -e ".[bench]"           # locust, once
    .venv/bin/python bench/meetingday.py [--users 200] [--minutes 5] [--teams 40]

What it does, each in the same run:
1. a PostgreSQL database of its own (dropped and created): the demo, plus ``--teams`` teams
   under the district, each meeting today with its recorder (the office), six members, each
   member's outline with a first draft; the district's and the city's supervisors;
2. the production server (`dlm serve`, 4 workers, DLM_DEBUG=0) and one `dlm worker` for the
   background queue (DLM_TASKS=database), as docs/deploy.md runs them;
3. locust (bench/meetingday_locust.py) with ``--users`` simulated people for ``--minutes``
   (figures counted from when the last one has logged in — a login costs 0.3 s of hashing
   by design, and 200 of them at once are not a meeting day's load):
   recorders saving turns as they are spoken and watching the live screen, members opening
   their outline (with its copy check) and saving a new draft, supervisors reading the
   overview, its .xlsx and asking for the combined report;
4. afterwards, the writes counted in the database against the writes the server confirmed:
   every confirmed turn and draft must be there (0 lost writes), no turn twice.

Targets (issue 21): 0 errors, 0 lost writes, pages p95 ≤ 300 ms, turn saves p95 ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.databases import SERVER, recreate  # noqa: E402

DATABASE = "dlm_meetingday"
URL = f"{SERVER}/{DATABASE}"
PASSWORD = "dlm-demo-2026"
BIN = Path(sys.executable).parent
SPAWN_RATE = 2  # people arriving a second


def environment(var_dir: Path, port: int) -> dict:
    env = {
        **os.environ,
        "DLM_DEBUG": "0",
        "DLM_VAR_DIR": str(var_dir),
        "DLM_DATABASE_URL": URL,
        "DLM_ALLOWED_HOSTS": "127.0.0.1",
        "DLM_TASKS": "database",
        "DLM_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def build(teams: int) -> dict:
    """The world, in this process; returns who logs in as what."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from dlm.campaigns import domain as campaigns
    from dlm.campaigns.models import Campaign, Meeting, local_today
    from dlm.demo import world
    from dlm.demo.world import PASSWORD as DEMO_PASSWORD
    from dlm.organisations.enums import OrganisationKind as K
    from dlm.organisations.enums import RoleKind
    from dlm.organisations.models import Organisation
    from dlm.preparation import domain as preparation
    from dlm.preparation.enums import MaterialKind
    from dlm.proceedings.agenda import ensure_agenda
    from tests.textcheck.sentence_bank import document

    assert DEMO_PASSWORD == PASSWORD
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    district = Organisation.objects.get(short_name="临江区委")
    supervisor = get_user_model().objects.get(username="qu_zzb")
    forwarded = Campaign.objects.get(issuer=district)
    rng = random.Random(21)
    people: dict = {"recorders": [], "members": [], "supervisors": ["qu_zzb", "shi_zzb"]}
    created = []
    for n in range(teams):
        unit = world.org(f"中共临江区测试第{n:02d}街道工作委员会", K.WORKING_COMMITTEE, district)
        rows = [
            (f"成员{n:02d}{i}", "党工委书记" if i == 0 else "党工委委员", i == 0, "")
            for i in range(6)
        ]
        seats = world.team(unit, rows)
        office = world.staff(
            f"md_office_{n:02d}", f"办公室{n:02d}", unit, "党政办主任", [(unit, RoleKind.OFFICE)]
        )
        for i, seat in enumerate(seats):
            world.account(f"md_member_{n:02d}_{i}", seat.person)
        created.append((unit, seats, office))
    campaigns.issue_campaign(forwarded, [unit for unit, _, _ in created], user=supervisor)
    for unit, seats, office in created:
        meeting = Meeting.objects.get(campaign=forwarded, team=unit)
        world.schedule(meeting, office, local_today(), "会议室", office.person)
        world.steps(meeting, office, supervisor, [("submit_plan", -3), ("approve_plan", -1)])
        ensure_agenda(meeting, user=office)
        for seat in seats:
            outline = preparation.create_material(
                meeting, kind=MaterialKind.PERSONAL, author=seat, user=office
            )
            preparation.add_version(outline, document(rng, 1800), user=seat.person.user)
            people["members"].append(
                {"username": seat.person.user.username, "material": outline.pk}
            )
        people["recorders"].append({"username": office.username, "meeting": meeting.pk})
    people["campaign"] = forwarded.pk
    return people


def counts() -> dict:
    from dlm.preparation.models import MaterialVersion
    from dlm.proceedings.models import Turn

    return {"turns": Turn.objects.count(), "versions": MaterialVersion.objects.count()}


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def stats(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    recreate(DATABASE)
    var_dir = Path(tempfile.mkdtemp(prefix="dlm-meetingday-"))
    env = environment(var_dir, args.port)
    os.environ.update({k: v for k, v in env.items() if k.startswith("DLM_")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "dlm.settings"
    start = time.perf_counter()
    people = build(args.teams)
    print(f"world built in {time.perf_counter() - start:.0f} s")
    people_file = var_dir / "people.json"
    people_file.write_text(json.dumps(people), encoding="utf-8")
    before = counts()
    from django.db import connection

    connection.close()
    server = subprocess.Popen(
        [str(BIN / "dlm"), "serve", "--bind", f"127.0.0.1:{args.port}", "--workers", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var_dir / "server.log", "w"),  # noqa: SIM115
    )
    worker = subprocess.Popen(
        [str(BIN / "dlm"), "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var_dir / "worker.log", "w"),  # noqa: SIM115
    )
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz")
        prefix = var_dir / "locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "meetingday_locust.py"),
                "--headless",
                "--users",
                str(args.users),
                # people arrive over a while (a login hashes its password for 0.3 s, by
                # design); the minutes measured start once all have arrived
                "--spawn-rate",
                str(SPAWN_RATE),
                "--run-time",
                f"{int(args.minutes * 60 + args.users / SPAWN_RATE)}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--reset-stats",  # measured once everyone is in: logins hash on purpose
                "--stop-timeout",
                "30",
            ],
            env={**os.environ, "DLM_MEETINGDAY_PEOPLE": str(people_file)},
            check=False,
        )
    finally:
        server.terminate()
        worker.terminate()
        server.wait(30)
        worker.wait(60)
    after = counts()
    rows = stats(Path(f"{prefix}_stats.csv"))
    # a write the server confirmed: a turn answered 201, a draft answered with its page
    confirmed = json.loads(Path(f"{people_file}.confirmed").read_text(encoding="utf-8"))
    print(f"\n{args.users} users, {args.minutes:g} minutes, {args.teams} teams meeting today\n")
    print("| request | count | failures | p50 ms | p95 ms | p99 ms | target p95 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, row in sorted(rows.items()):
        if name == "Aggregated":
            continue
        target = "≤ 150" if name == "turn save" else "" if name in ("login",) else "≤ 300"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {target} |"
        )
    total = rows["Aggregated"]
    print(
        f"| all | {total['Request Count']} | {total['Failure Count']} | {total['50%']} | "
        f"{total['95%']} | {total['99%']} | 0 errors |"
    )
    turns = after["turns"] - before["turns"]
    versions = after["versions"] - before["versions"]
    print(
        f"\nwrites confirmed by the server / found in the database: turns "
        f"{confirmed['turns']} / {turns}, drafts {confirmed['versions']} / {versions} "
        f"(lost: {max(0, confirmed['turns'] - turns) + max(0, confirmed['versions'] - versions)})"
    )
    print(f"logs: {var_dir}")


if __name__ == "__main__":
    main()
