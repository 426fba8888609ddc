"""The record's pages cost the same number of queries for a few turns as for many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.proceedings.helpers import record_script

PAGES = ["meeting_record", "record_feed", "minutes_record_docx", "criticisms_docx"]


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_record_pages_do_not_grow_with_turns(held, as_persona, name):
    office = as_persona("office")
    url = reverse(f"proceedings:{name}", args=[held.meeting.pk])
    record_script(office, held)
    office.get(url)
    few = count(office, url)

    for _ in range(5):
        record_script(office, held)
    many = count(office, url)

    assert held.meeting.turns.count() == 48
    assert many == few, f"{url}: {few} queries with 8 turns, {many} with 48"
    assert few <= 25, f"{url}: {few} queries"
