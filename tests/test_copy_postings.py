"""The copy index in the database (issue 21): rows for live documents only, written with the
text that creates them, the same answers as the in-memory index, and bounded reads of a
fingerprint every material holds."""

from __future__ import annotations

import importlib
import random
from io import StringIO

import numpy as np
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from dlm.preparation import copyindex, domain, postings
from dlm.preparation.copyindex import MATERIAL, TEMPLATE, encode
from dlm.preparation.enums import TemplateKind
from dlm.preparation.models import CopyPosting, TemplateDocument
from dlm.textcheck.copying.check import Fingerprinted
from dlm.textcheck.copying.index import FingerprintIndex
from tests.test_copy_scenarios import latest, text, units, write


def rows() -> set[tuple[int, int, int, int]]:
    return set(CopyPosting.objects.values_list("fp", "doc", "campaign", "unit"))


def docs() -> set[int]:
    return set(CopyPosting.objects.values_list("doc", flat=True))


@pytest.fixture
def two_materials(world):
    office = world.users["office"]
    first, second = units(world, 2)
    world.indexed = docs()  # the world's own materials
    return (
        write(first, text(1), user=office),
        write(second, text(2), user=office),
        office,
    )


def test_a_material_is_indexed_as_its_latest_draft_only(two_materials, world):
    first, second, office = two_materials
    domain.add_version(first, text(3), user=office)
    newest = latest(first)
    assert docs() - world.indexed == {
        encode(MATERIAL, newest.pk),
        encode(MATERIAL, latest(second).pk),
    }
    held = CopyPosting.objects.filter(doc=encode(MATERIAL, newest.pk))
    assert held.count() == len(postings.keys_of(newest.fingerprints))
    meeting = first.meeting
    assert set(held.values_list("campaign", "unit").distinct()) == {
        (meeting.campaign.year, meeting.team_id)
    }


def test_library_texts_are_indexed_but_stock_phrases_are_not(world):
    user, org = world.users["city_supervisor"], world.city
    before = rows()
    template = domain.add_template(org, "范文", text(5), user=user)
    domain.add_template(org, "套话", "深入学习贯彻\n切实加强", user=user, kind=TemplateKind.STOCK)
    added = rows() - before
    assert {doc for _, doc, _, _ in added} == {encode(TEMPLATE, template.pk)}
    assert {(campaign, unit) for _, _, campaign, unit in added} == {(-1, -1)}
    TemplateDocument.objects.filter(pk=template.pk).delete()
    assert rows() == before


def test_deleting_the_latest_draft_makes_the_one_before_the_document_again(two_materials, world):
    first, second, office = two_materials
    original = latest(first)
    domain.add_version(first, text(4), user=office)
    latest(first).delete()
    assert docs() - world.indexed == {
        encode(MATERIAL, original.pk),
        encode(MATERIAL, latest(second).pk),
    }


def test_a_rebuild_and_the_migration_give_the_rows_saving_gave(two_materials, world):
    first, _second, office = two_materials
    domain.add_version(first, text(6), user=office)
    domain.add_template(world.city, "范文", text(7), user=world.users["city_supervisor"])
    saved = rows()
    assert copyindex.rebuild_index() == len(world.indexed) + 3
    assert rows() == saved
    CopyPosting.objects.all().delete()
    migration = importlib.import_module("dlm.preparation.migrations.0020_copy_postings")
    migration.fill(apps, None)
    assert rows() == saved


def corpus(seed: int, count: int):
    """Documents with groups, some sharing passages, some across campaigns."""
    rng = random.Random(seed)
    shared = [text(100 + n, 400) for n in range(4)]
    for doc in range(count):
        body = text(seed * 1000 + doc, 900)
        if rng.random() < 0.6:
            body += shared[rng.randrange(len(shared))]
        yield doc * 2, Fingerprinted.of(body), 2024 + doc % 3, 10 + doc % 12


@pytest.mark.django_db
def test_the_database_answers_as_the_in_memory_index_does():
    memory = FingerprintIndex()
    documents = list(corpus(3, 40))
    for doc, fingerprinted, year, unit in documents:
        memory.add(doc, fingerprinted.fingerprints, fingerprinted.signature, 1)
        memory.set_group(doc, campaign=year, unit=unit)
        postings.add(doc, fingerprinted.fingerprints, campaign=year, unit=unit)
    for _, query, _, _ in documents[:8]:
        database = postings.DatabaseIndex([-1, 2024, 2025, 2026])
        fp, held = database.postings(query.fingerprints)
        fp_m, held_m = memory.postings(query.fingerprints)
        assert sorted(zip(fp.tolist(), held.tolist(), strict=True)) == sorted(
            zip(fp_m.tolist(), held_m.tolist(), strict=True)
        )
        assert (
            database.common_mask(query.fingerprints, fp, held)
            == memory.common_mask(query.fingerprints, fp_m, held_m)
        ).all()
        weights = np.ones(len(query.fingerprints))
        assert database.rank(fp, held, weights, limit=50) == memory.rank(
            fp_m, held_m, weights, limit=50
        )
        run = np.arange(len(query.fingerprints))
        assert database.held_widely(fp, held, run) == memory.held_widely(fp_m, held_m, run)


@pytest.mark.django_db
def test_a_fingerprint_every_material_holds_is_read_as_its_earliest_holders_per_campaign():
    fingerprint = np.array([0x1234_5678_0000_0000], dtype=np.uint64)
    years = [2022, 2023, 2024]
    count = 3 * postings.SAMPLE
    for year in years:
        for n in range(count):
            doc = (year - 2000) * 1000 + n
            postings.add(doc * 2, fingerprint, campaign=year, unit=n)
    database = postings.DatabaseIndex([-1, *years])
    fp, held = database.postings(fingerprint)
    if connection.vendor == "postgresql":  # several workers on one PostgreSQL: bounded reads
        expected = [
            ((year - 2000) * 1000 + n) * 2 for year in years for n in range(postings.SAMPLE)
        ]
        assert sorted(held.tolist()) == expected
    else:  # the embedded single process reads every holder
        assert len(held) == 3 * count
    assert set(fp.tolist()) == {0}
    # every campaign is seen, so the fingerprint is the genre's common language
    assert database.common_mask(fingerprint, fp, held).tolist() == [True]


@pytest.mark.django_db
def test_a_passage_hundreds_pasted_in_one_campaign_stays_a_cluster():
    fingerprint = np.array([0x0ABC_DEF0_0000_0000], dtype=np.uint64)
    for n in range(5 * postings.SAMPLE):
        postings.add(n * 2, fingerprint, campaign=2026, unit=n)
    database = postings.DatabaseIndex([-1, 2026])
    fp, held = database.postings(fingerprint)
    assert database.common_mask(fingerprint, fp, held).tolist() == [False]
    assert 0 in held.tolist()  # the first holder, the cluster's origin, is a candidate


def test_dlm_reindex_repairs_a_damaged_index(two_materials):
    saved = rows()
    CopyPosting.objects.filter(doc__in=list(docs())[:1]).delete()
    CopyPosting.objects.create(fp=1, doc=999_999, campaign=2020, unit=1)  # a text long gone
    out = StringIO()
    call_command("reindex", stdout=out)
    assert rows() == saved
    assert "查重索引已重建" in out.getvalue()
