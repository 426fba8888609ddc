"""Two browsers at once: the same step, the same approval, sent at the same moment.

One is done, the other gets a clear refusal, and the log holds one entry. Runs on real
threads with their own database connections (SQLite takes writers one at a time; PostgreSQL
locks the row)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from dlm.campaigns import domain
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.rectification import domain as ledger
from tests.conftest import build_world
from tests.rectification.test_ledger import item_for
from tests.steps import write_plan


@pytest.fixture(autouse=True)
def a_database_that_waits_for_locks(transactional_db):
    """The in-memory database of the SQLite test run locks whole tables and does not wait;
    the file database the app runs on waits (busy timeout, IMMEDIATE transactions), as
    PostgreSQL waits on the row lock. CI runs these on PostgreSQL."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite does not wait for locks")


def at_once(action, times: int = 2) -> list[str]:
    """Run ``action`` from ``times`` threads released together; what each got."""
    start = threading.Barrier(times)
    results: list[str] = []

    def run():
        try:
            start.wait()
            action()
            results.append("done")
        except Refused as refused:
            results.append(refused.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_a_plan_reported_from_two_browsers_at_once_is_reported_once():
    world = build_world()
    write_plan(world.meeting, world.users["office"])

    results = at_once(
        lambda: domain.take_step(world.meeting, "submit_plan", user=world.users["office"])
    )

    assert sorted(results) == ["done", "当前阶段为“方案待审定”，不能报送方案"]
    assert AuditEntry.objects.filter(action="campaigns.plan.submitted").count() == 1


def test_a_closing_approved_from_two_browsers_at_once_is_approved_once():
    world = build_world()
    from dlm.campaigns.enums import MeetingState
    from dlm.campaigns.models import Meeting

    Meeting.objects.filter(pk=world.meeting.pk).update(state=MeetingState.HELD)
    world.meeting.refresh_from_db()
    item = item_for(world)
    ledger.add_progress(
        item,
        item.deadline.replace(year=2026, month=11, day=20),
        "已整改",
        [("a.pdf", b"x")],
        user=world.users["office"],
    )
    ledger.request_closing(item, user=world.users["office"])

    results = at_once(
        lambda: ledger.approve_closing(item, as_superior=False, user=world.users["principal"])
    )

    assert results.count("done") == 1
    assert any("已销号" in r or "不需要再次同意" in r for r in results if r != "done")
    assert AuditEntry.objects.filter(action="rectification.closing.approved").count() == 1
