"""`dlm demo` builds a believable world once and prints working logins."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Campaign, Meeting
from dlm.core.models import AuditEntry
from dlm.demo import world
from dlm.organisations.models import Organisation
from tests.conftest import login_request


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_is_idempotent_and_prints_the_logins(db):
    first = run_demo()
    counts = (Organisation.objects.count(), Meeting.objects.count(), AuditEntry.objects.count())

    second = run_demo()

    assert "演示数据已创建" in first
    assert "演示数据已存在" in second
    assert (Organisation.objects.count(), Meeting.objects.count(), AuditEntry.objects.count()) == (
        counts
    )
    for login in world.LOGINS:
        assert login.username in second


def test_demo_world_has_the_teams_and_stages_the_issue_asks_for(db):
    run_demo()

    wanghu = Organisation.objects.get(short_name="望湖街道党工委")
    yibao = Organisation.objects.get(short_name="区医保局党组")
    assert wanghu.team_members.count() == 9
    assert yibao.team_members.count() == 4
    root = Campaign.objects.get(parent=None)
    assert root.aspects.count() == 5
    states = set(Meeting.objects.values_list("state", flat=True))
    assert {
        MeetingState.PLANNING,
        MeetingState.PLAN_SUBMITTED,
        MeetingState.PREPARING,
        MeetingState.HELD,
        MeetingState.RECTIFYING,
    } <= states


def test_every_demo_login_works_and_sees_its_dashboard(db):
    run_demo()

    for login in world.LOGINS:
        client = Client()
        assert client.login(
            request=login_request(), username=login.username, password=login.password
        ), login.username
        assert client.get("/").status_code == 200


def test_the_held_demo_meeting_has_a_record_with_something_for_the_rules(db):
    from dlm.proceedings import live

    run_demo()

    health = Meeting.objects.get(team__short_name="区卫健局党组")
    turns = live.record_of(health)
    counts = live.criticism_counts(health, turns)
    rules = live.live_rules(health, turns, counts)
    assert health.state == MeetingState.HELD
    assert sum(r.criticisms for r in counts) == 6  # three present members, each by two
    assert any("以提希望" in message for _, message in rules.faults)
