"""The copy check as supervisors act on it, on a corpus in the genre (issue 15).

Run by hand:  .venv/bin/python bench/copyscenarios.py --docs 10000 [--clean 1000]

Through the Django layer (a throw-away SQLite database, or PostgreSQL with DLM_DATABASE_URL): a
city with ten districts and their teams, three annual campaigns (so the index can learn the
genre's common language across years), in each meeting a team material and two personal ones,
every material with a history of one to four drafts. Texts come from bench/genre.py: stock
formulas, the notice's aspects, common sentences not on our stock list, clauses of the genre.

Planted in the last campaign, with their sources known:
- clusters: one passage pasted into the team materials of 3, 3, 6, 6 and 20 units; the first
  unit had it in its first draft, the others paste it into a later draft;
- teammates: a member pastes 400–1,200 characters of a colleague's outline, which the colleague
  has had since his first draft;
- superiors echoed: a team pastes part of its district's team material;
- templates: ten units paste one library template whole, thirty paste part of another.

Each planted copier, each source and a sample of clean materials is checked as the app checks
(``copies_of``) and assessed (``quality.assess``), in random order; the cross-unit view is then
read as the city's organisation department reads it.

Reported: character recall and precision on planted passages (every passage any checked
material reports as copied counts for precision), direction (the copier names its source, the
source does not name the copier), clusters found whole as one incident with the right source,
false incidents per 1,000 clean materials, and ingest, first load, check p50/p99 and memory.
Targets: recall, precision, direction ≥ 0.95; every cluster one incident.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DLM_VAR_DIR", tempfile.mkdtemp(prefix="dlm-copybench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
os.environ["DLM_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import genre  # noqa: E402
from dlm.campaigns.enums import CampaignKind  # noqa: E402
from dlm.campaigns.models import Aspect, Campaign, Meeting  # noqa: E402
from dlm.organisations.enums import OrganisationKind as K  # noqa: E402
from dlm.organisations.enums import RoleKind  # noqa: E402
from dlm.organisations.models import Organisation, Role  # noqa: E402
from dlm.preparation import quality  # noqa: E402
from dlm.preparation.copyindex import copies_of, fingerprint_fields, rebuild_index  # noqa: E402
from dlm.preparation.enums import MaterialKind, TemplateKind  # noqa: E402
from dlm.preparation.models import Material, MaterialVersion, TemplateDocument  # noqa: E402
from dlm.supervision.copies import COPY_FLAG  # noqa: E402

YEARS = (2024, 2025, 2026)
DISTRICTS = 10
PER_MEETING = 3  # a team material and two outlines
ASPECTS = ["深化理论武装", "履职尽责担当作为", "作风建设", "廉洁自律", "落实全面从严治党责任"]
THEME = "深入学习贯彻新时代中国特色社会主义思想，凝心铸魂强根基、团结奋斗开新局"
CLUSTERS = (3, 3, 6, 6, 20)
TEAMMATE_PAIRS = 60
ECHOES = 40
TEMPLATE_WHOLE, TEMPLATE_PART = 10, 30


@dataclass
class Plan:
    """One material's drafts to write, and what was planted in it."""

    material: Material
    meeting: Meeting
    year: int
    personal: bool
    team_name: str
    issuer: str
    drafts: int = 1
    first_day: int = 0
    pasted: str = ""  # a passage pasted into the last draft
    own: str = ""  # a passage this material has had from its first draft
    whole: str = ""  # the last draft is this text, whole (a template)
    source: tuple[str, int] | None = None  # ("material", pk) or ("template", pk)
    cluster: int | None = None


def organisations(teams_needed: int):
    city = Organisation.objects.create(name="基准市委", kind=K.PARTY_COMMITTEE)
    districts = [
        Organisation.objects.create(name=f"基准第{i + 1}区委", kind=K.PARTY_COMMITTEE, parent=city)
        for i in range(DISTRICTS)
    ]
    teams = []
    for index in range(teams_needed - DISTRICTS):
        parent = districts[index % DISTRICTS]
        teams.append(
            Organisation(name=f"基准单位{index:05d}党组", kind=K.PARTY_GROUP, parent=parent)
        )
    Organisation.objects.bulk_create(teams, batch_size=1000)
    teams = list(Organisation.objects.filter(kind=K.PARTY_GROUP).select_related("parent"))
    for team in teams:  # the materialised path needs the id (bulk_create skips save())
        team.path = f"{team.parent.path}{team.pk:08d}."
    Organisation.objects.bulk_update(teams, ["path"], batch_size=1000)
    user = get_user_model().objects.create_user("bench", password="bench-pass")
    Role.objects.create(user=user, organisation=city, kind=RoleKind.SUPERVISOR)
    return city, districts, teams, user


def campaigns(city) -> dict[int, Campaign]:
    found = {}
    for year in YEARS:
        campaign = Campaign.objects.create(
            issuer=city,
            year=year,
            kind=CampaignKind.ANNUAL,
            title=f"关于召开{year}年度民主生活会的通知",
            theme=THEME,
            latest_meeting_date=dt.date(year + 1, 1, 31),
            status="issued",
        )
        for number, head in enumerate(ASPECTS, 1):
            Aspect.objects.create(campaign=campaign, position=number, head=head, text=head)
        found[year] = campaign
    return found


def plan(docs: int, rng: random.Random):
    """Organisations, campaigns, meetings and materials; the drafts are written later."""
    meetings_per_year = docs // PER_MEETING // len(YEARS)
    city, districts, teams, user = organisations(meetings_per_year)
    units = districts + teams
    plans: list[Plan] = []
    for year, campaign in campaigns(city).items():
        meetings = Meeting.objects.bulk_create(
            [Meeting(campaign=campaign, team=unit, date=dt.date(year, 12, 20)) for unit in units],
            batch_size=1000,
        )
        materials = []
        for meeting, unit in zip(meetings, units, strict=True):
            materials.append(
                Material(meeting=meeting, kind=MaterialKind.TEAM, title=f"{unit.name}对照检查材料")
            )
            for n in range(PER_MEETING - 1):
                materials.append(
                    Material(
                        meeting=meeting,
                        kind=MaterialKind.PERSONAL,
                        title=f"{unit.name}成员{n + 1}发言提纲",
                    )
                )
        Material.objects.bulk_create(materials, batch_size=1000)
        names = {meeting.pk: unit.name for meeting, unit in zip(meetings, units, strict=True)}
        by_pk = {meeting.pk: meeting for meeting in meetings}
        for material in materials:
            plans.append(
                Plan(
                    material,
                    by_pk[material.meeting_id],
                    year,
                    material.kind == MaterialKind.PERSONAL,
                    names[material.meeting_id],
                    "基准市委",
                    drafts=rng.randint(1, 4),
                    first_day=rng.randint(0, 20),
                )
            )
    return user, districts, plans


def plant(plans: list[Plan], districts, rng: random.Random):
    """Choose copiers and sources in the last campaign; returns the clusters and templates."""
    last = [p for p in plans if p.year == YEARS[-1]]
    team_plans = [p for p in last if not p.personal and p.meeting.team not in districts]
    district_plans = {p.meeting.team_id: p for p in last if p.meeting.team in districts}
    used: set[int] = set()

    def take(pool):
        while True:
            chosen = rng.choice(pool)
            if chosen.material.pk not in used:
                used.add(chosen.material.pk)
                return chosen

    def as_source(p: Plan, text: str):
        p.own, p.first_day, p.drafts = text, 0, max(p.drafts, 2)

    def as_copier(p: Plan, text: str, source):
        p.pasted, p.source, p.first_day = text, source, 10
        p.drafts = max(p.drafts, 2)

    clusters = []
    for number, size in enumerate(CLUSTERS):
        text = genre.passage(rng, rng.randint(600, 1200))
        members = [take(team_plans) for _ in range(size)]
        as_source(members[0], text)
        members[0].cluster = number
        for member in members[1:]:
            as_copier(member, text, ("material", members[0].material.pk))
            member.cluster = number
        clusters.append(members)
    personal_by_meeting: dict[int, list[Plan]] = {}
    for p in last:
        if p.personal:
            personal_by_meeting.setdefault(p.meeting.pk, []).append(p)
    pairs = rng.sample(sorted(personal_by_meeting), TEAMMATE_PAIRS)
    for meeting in pairs:
        source, copier = personal_by_meeting[meeting]
        used |= {source.material.pk, copier.material.pk}
        text = genre.passage(rng, rng.randint(400, 1200))
        as_source(source, text)
        as_copier(copier, text, ("material", source.material.pk))
    district_text = {d: genre.passage(rng, 1500) for d in district_plans}
    for p in district_plans.values():
        used.add(p.material.pk)
        as_source(p, district_text[p.meeting.team_id])
    for _ in range(ECHOES):
        copier = take(team_plans)
        district = district_plans[copier.meeting.team.parent_id]
        start = rng.randint(0, 500)
        piece = district.own[start : start + rng.randint(400, 900)]
        as_copier(copier, piece, ("material", district.material.pk))
    templates = [
        TemplateDocument.objects.create(
            organisation=districts[0].parent,
            kind=TemplateKind.TEMPLATE,
            title=f"网上范文{n}",
            text=genre.material(
                rng,
                team="××党组",
                issuer="××",
                year=YEARS[-1],
                theme=THEME,
                aspects=ASPECTS,
                personal=False,
                chars=3000,
            ),
            **{},
        )
        for n in range(5)
    ]
    for template in templates:  # the library stores its fingerprints as the app does
        TemplateDocument.objects.filter(pk=template.pk).update(**fingerprint_fields(template.text))
    for _ in range(TEMPLATE_WHOLE):
        copier = take(team_plans)
        copier.whole, copier.source, copier.first_day = templates[0].text, ("template", 0), 10
        copier.source = ("template", templates[0].pk)
    for _ in range(TEMPLATE_PART):
        copier = take(team_plans)
        template = rng.choice(templates[1:])
        lines = template.text.split("\n")
        start = rng.randint(5, len(lines) // 2)
        piece = "\n".join(lines[start : start + rng.randint(6, 14)])
        as_copier(copier, piece, ("template", template.pk))
    return clusters, templates


def write(plans: list[Plan], rng: random.Random) -> tuple[int, float]:
    """Every draft of every material, with its time, stored as the app stores it."""
    MaterialVersion._meta.get_field("created_at").auto_now_add = False  # our own times
    count, spent = 0, 0.0
    batch: list[MaterialVersion] = []
    for p in plans:
        chars = 2200 if p.personal else 3500
        body = genre.material(
            rng,
            team=p.team_name,
            issuer=p.issuer,
            year=p.year,
            theme=THEME,
            aspects=ASPECTS,
            personal=p.personal,
            chars=chars,
        ).split("\n")
        cut = len(body) // 2
        if p.own:
            body.insert(cut, p.own)
        for number in range(1, p.drafts + 1):
            lines = body[: max(cut + 2, len(body) * number // p.drafts)]
            last = number == p.drafts
            if last and p.pasted:
                lines = lines[: cut + 3] + [p.pasted] + lines[cut + 3 :]
            text = p.whole if last and p.whole else "\n".join(lines)
            day = p.first_day + 3 * (number - 1)
            created = dt.datetime(p.year, 11, 1, 9, tzinfo=dt.UTC) + dt.timedelta(
                days=day, minutes=rng.randint(0, 600)
            )
            start = time.perf_counter()
            stored = fingerprint_fields(text)
            spent += time.perf_counter() - start
            batch.append(
                MaterialVersion(
                    material=p.material, number=number, text=text, created_at=created, **stored
                )
            )
        if len(batch) >= 500:
            count += flush(batch)
            spent += batch_time.pop()
            batch = []
    count += flush(batch)
    spent += batch_time.pop()
    return count, spent


batch_time: list[float] = []


def flush(batch) -> int:
    start = time.perf_counter()
    with transaction.atomic():
        MaterialVersion.objects.bulk_create(batch)
    batch_time.append(time.perf_counter() - start)
    return len(batch)


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle:
        return []
    at = text.find(needle)
    return [(at, at + len(needle))] if at >= 0 else []


def covered(mask_spans, length: int) -> list[bool]:
    marks = [False] * length
    for start, end in mask_spans:
        for i in range(max(0, start), min(length, end)):
            marks[i] = True
    return marks


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--clean", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=0, help="print N passages found in clean")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        user, districts, plans = plan(args.docs, rng)
        clusters, _templates = plant(plans, districts, rng)
    versions, ingest = write(plans, rng)
    materials = len(plans)

    start = time.perf_counter()
    rebuild_index()  # the versions were bulk-created, past the domain that indexes them
    first_load = time.perf_counter() - start

    copiers = [p for p in plans if p.source]
    sources = [p for p in plans if p.own]
    clean_pool = [p for p in plans if p.year == YEARS[-1] and not p.source and not p.own]
    clean = rng.sample(clean_pool, min(args.clean, len(clean_pool)))
    checked = copiers + sources + clean
    rng.shuffle(checked)

    timings, reports = [], {}
    profile = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
    for p in checked:
        version = p.material.versions.order_by("-number").first()
        start = time.perf_counter()
        if profile:
            profile.enable()
        report = copies_of(version)
        if profile:
            profile.disable()
        timings.append(time.perf_counter() - start)
        quality.assess(p.material, version, matches=report.matches)
        reports[p.material.pk] = (report, version.text)

    if profile:
        import pstats

        stats = pstats.Stats(profile).sort_stats("tottime")
        stats.print_stats(25)
        stats.print_callers("_unique1d|unique")
    # recall and precision on planted characters
    planted_total = planted_found = reported_total = reported_right = 0
    wrong_by = {"copiers": 0, "sources": 0, "clean": 0}
    for p in checked:
        report, text = reports[p.material.pk]
        truth = spans(text, p.pasted) or ([(0, len(text))] if p.whole else [])
        found = [(x.a_start, x.a_end) for m in report.copied for x in m.passages]
        truth_marks, found_marks = covered(truth, len(text)), covered(found, len(text))
        planted_total += sum(truth_marks)
        hits = sum(1 for t, f in zip(truth_marks, found_marks, strict=True) if t and f)
        planted_found += hits
        reported_total += sum(found_marks)
        reported_right += hits
        group = "copiers" if p.source else "sources" if p.own else "clean"
        wrong_by[group] += sum(found_marks) - hits
        if group == "copiers" and os.environ.get("BENCH_DEBUG"):
            for m in report.copied:
                for x in m.passages:
                    if not any(truth_marks[x.a_start : x.a_end]):
                        print("COPIER WRONG", m.relation, x.kind, repr(text[x.a_start : x.a_end]))

    # direction: the copier names its source; the source does not name the copier
    def names(report, kind, pk):
        for m in report.copied:
            if kind == "material" and m.version is not None and m.version.material_id == pk:
                return True
            if kind == "template" and m.template is not None and m.template.pk == pk:
                return True
        return False

    right_way = pairs = 0
    for p in copiers:
        if p.cluster is not None:
            continue  # clusters are judged whole below
        pairs += 1
        kind, pk = p.source
        ok = names(reports[p.material.pk][0], kind, pk)
        if kind == "material" and pk in reports:
            ok = ok and not names(reports[pk][0], "material", p.material.pk)
        right_way += ok
        if not ok and os.environ.get("BENCH_DEBUG"):
            print("WRONG WAY", kind, p.material.pk, pk)
            for m in reports[p.material.pk][0].matches:
                print("   copier:", m.direction, m.title, round(m.copied_share, 3))
            if pk in reports:
                for m in reports[pk][0].matches:
                    print("   source:", m.direction, m.title, round(m.copied_share, 3))
                    if m.version and m.version.material_id == p.material.pk:
                        text = reports[pk][1]
                        for x in m.passages:
                            print("      ", repr(text[x.a_start : x.a_end]))

    # clusters, as the city's organisation department reads the cross-unit view
    setup_test_environment()  # so the response carries its context
    client = Client()
    client.force_login(user)
    campaign = plans[-1].meeting.campaign
    page = client.get(reverse("supervision:campaign_copies", args=[campaign.pk]))
    incidents = page.context["incidents"]
    whole = 0
    cluster_lines = []
    for members in clusters:
        origin, rest = members[0], {m.material.pk for m in members[1:]}
        holding = [i for i in incidents if rest & {m.pk for m in i.copiers}]
        origin_clean = Material.objects.get(pk=origin.material.pk).copied_share < COPY_FLAG
        one = len(holding) == 1 and rest <= {m.pk for m in holding[0].copiers}
        named = one and origin.team_name in holding[0].source
        whole += bool(one and named and origin_clean)
        cluster_lines.append(
            f"{len(members)} units: {len(holding)} incident(s), "
            f"source named: {bool(named)}, source not flagged: {origin_clean}"
            + "".join(
                f"\n    {i.source}: {len(rest & {m.pk for m in i.copiers})} members"
                for i in holding
            )
        )

    clean_pks = {p.material.pk for p in clean}
    flagged_clean = Material.objects.filter(pk__in=clean_pks, copied_share__gte=COPY_FLAG).count()
    in_incidents = {m.pk for i in incidents for m in i.copiers}
    clean_in_incidents = len(clean_pks & in_incidents)
    any_copy_clean = sum(1 for pk in clean_pks if reports[pk][0].copied)
    given = [reports[pk][0].given_share for pk in clean_pks]
    stock = [reports[pk][0].stock_share for pk in clean_pks]
    common = [reports[pk][0].common_share for pk in clean_pks]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"\n{materials} materials ({versions} versions) in {len(YEARS)} campaigns")
    print(f"checked: {len(copiers)} copiers, {len(sources)} sources, {len(clean)} clean\n")
    print("| figure | value | target |")
    print("| --- | ---: | ---: |")
    recall = planted_found / planted_total if planted_total else 0.0
    precision = reported_right / reported_total if reported_total else 0.0
    print(f"| recall on planted characters | {recall:.3f} | ≥ 0.95 |")
    print(f"| precision of reported characters | {precision:.3f} | ≥ 0.95 |")
    wrong = ", ".join(f"{k} {v}" for k, v in wrong_by.items())
    print(f"| characters reported wrongly, in | {wrong} | |")
    print(f"| direction right (pairs, echoes, templates) | {right_way / pairs:.3f} | ≥ 0.95 |")
    print(f"| clusters found whole, source right | {whole}/{len(clusters)} | all |")
    per_k = 1000 / len(clean)
    print(f"| false incidents per 1,000 clean | {clean_in_incidents * per_k:.1f} | 0 |")
    print(f"| clean flagged ≥ {COPY_FLAG:.0%} | {flagged_clean * per_k:.1f} per 1,000 | 0 |")
    print(f"| clean with any copied passage | {any_copy_clean * per_k:.1f} per 1,000 | |")
    print(
        f"| clean: given share median (stock / common) | {statistics.median(given):.2f} "
        f"({statistics.median(stock):.2f} / {statistics.median(common):.2f}) | |"
    )
    print(f"| ingest (fingerprint + insert), ms a version | {ingest / versions * 1000:.2f} | ≤ 2 |")
    print(f"| index rebuilt from stored fingerprints, s | {first_load:.1f} | |")
    p50, p99 = percentile(timings, 0.5) * 1000, percentile(timings, 0.99) * 1000
    print(f"| check p50 / p99, ms | {p50:.0f} / {p99:.0f} | ≤ 30 / ≤ 50 |")
    print(f"| process peak RSS, MB | {rss:.0f} | ≤ 600 |")
    shown = [
        (text[x.a_start : x.a_end], m.relation)
        for pk in sorted(clean_pks)
        for report, text in [reports[pk]]
        for m in report.copied
        for x in m.passages
    ]
    for passage, relation in shown[: args.show]:
        print(f"clean, reported as copied ({relation}): {passage}")
    print()
    for line in cluster_lines:
        print("cluster of", line)


if __name__ == "__main__":
    main()
