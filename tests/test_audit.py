"""The audit log: stable codes, append-only in Python and in the database."""

from __future__ import annotations

import re

import pytest
from django.db import DatabaseError, connection, transaction

from dlm.core.audit import known_actions, log_action
from dlm.core.models import AuditEntry, AuditLogIsAppendOnly


def test_every_action_code_is_dotted_and_described_in_chinese():
    actions = known_actions()

    assert actions, "no audit actions were collected"
    for code, text in actions.items():
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+\.[a-z_]+", code), code
        assert re.search(r"[\u4e00-\u9fff]", text), code


def test_unknown_codes_are_refused(world):
    with pytest.raises(ValueError, match="unknown audit action"):
        log_action("campaigns.meeting.teleported", user=world.users["office"])


def test_entries_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = AuditEntry.objects.first()

    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x.y.z")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_a_raw_update(world):
    entry = AuditEntry.objects.first()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'x.y.z' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps DELETE for flush")
def test_postgresql_refuses_a_raw_delete(world):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.exists()


def test_issuing_records_who_did_it_by_name(world):
    entry = AuditEntry.objects.filter(action="campaigns.campaign.issued").get()

    assert entry.actor == world.users["city_supervisor"]
    assert entry.actor_name == world.users["city_supervisor"].username
    assert entry.organisation == world.city


def test_failed_login_is_logged_without_the_password(client, world):
    client.post("/accounts/login/", {"username": "nobody", "password": "secret-guess"})

    entry = AuditEntry.objects.filter(action="core.session.login_failed").get()
    assert entry.data == {"username": "nobody"}


def test_every_declared_code_has_a_sentence():
    from dlm.core.audit import known_actions
    from dlm.core.logdisplay import known_sentences

    missing = set(known_actions()) - set(known_sentences())
    assert not missing, f"audit codes without a sentence in SENTENCES: {sorted(missing)}"


def test_a_sentence_reads_the_entrys_data_in_chinese(world):
    from dlm.campaigns import domain as campaigns
    from dlm.core.logdisplay import sentence
    from dlm.core.models import AuditEntry
    from tests.steps import take

    take(world.meeting, "submit_plan", user=world.users["office"])
    campaigns.take_step(
        world.meeting, "return_plan", user=world.users["supervisor"], note="请补充谈心谈话安排"
    )

    entry = AuditEntry.objects.filter(action="campaigns.plan.returned").get()
    assert sentence(entry) == "退回实施方案：请补充谈心谈话安排"
    saved = AuditEntry.objects.filter(action="preparation.plan.saved").get()
    assert sentence(saved) == "保存实施方案第1版"
