"""The ledger, the item and the reports pages cost the same for 3 items as for 30."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dlm.rectification import domain
from tests.rectification.test_ledger import item_for


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(world, n):
    for i in range(n):
        item = item_for(
            world,
            problem=f"问题{world.meeting.ledger_items.count() + 1}",
            deadline=dt.date(2026, 11, 10) if i % 2 else dt.date(2027, 3, 1),
        )
        domain.add_progress(
            item, dt.date(2026, 11, 20), "进展", [("佐证.pdf", b"x")], user=world.users["office"]
        )


@pytest.mark.parametrize(
    ("persona", "page"),
    [
        ("office", lambda w: reverse("rectification:meeting_ledger", args=[w.meeting.pk])),
        ("office", lambda w: reverse("rectification:ledger_xlsx", args=[w.meeting.pk])),
        ("office", lambda w: reverse("rectification:ledger_docx", args=[w.meeting.pk, "full"])),
        ("member", lambda w: reverse("workbench:home")),
        ("office", lambda w: reverse("reporting:meeting_reports", args=[w.meeting.pk])),
    ],
)
def test_ledger_pages_do_not_grow_with_items(after, as_persona, persona, page):
    client = as_persona(persona)
    url = page(after)
    grow(after, 3)
    client.get(url)
    few = count(client, url)
    grow(after, 27)
    many = count(client, url)
    assert many == few, f"{url}: {few} queries with 3 items, {many} with 30"
