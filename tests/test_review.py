"""A review round: the member sends his outline, the principal returns it, he revises, approval."""

from __future__ import annotations

from django.urls import reverse

from dlm.core.models import AuditEntry
from dlm.preparation.enums import MaterialStatus
from dlm.preparation.models import MaterialReview


def test_submit_return_revise_approve(world, as_persona):
    material = world.material
    member, principal = as_persona("member"), as_persona("principal")

    member.post(reverse("preparation:material_submit", args=[material.pk]))
    material.refresh_from_db()
    assert material.status == MaterialStatus.SUBMITTED

    review_url = reverse("preparation:material_review", args=[material.pk])
    refused = principal.post(review_url, {"decision": "returned", "comment": ""})
    assert "退回修改请写明审阅意见" in refused.content.decode()
    principal.post(
        review_url,
        {"decision": "returned", "comment": "第二方面要举实例", "resubmit_by": "2099-01-01"},
    )
    material.refresh_from_db()
    assert material.status == MaterialStatus.RETURNED

    member.post(
        reverse("preparation:version_create", args=[material.pk]),
        {"text": "改后的提纲，比如某事。", "based_on": 1},
    )
    member.post(reverse("preparation:material_submit", args=[material.pk]))
    principal.post(review_url, {"decision": "approved", "comment": "同意"})

    material.refresh_from_db()
    assert material.status == MaterialStatus.APPROVED
    rounds = list(MaterialReview.objects.order_by("id").values_list("decision", "version__number"))
    assert rounds == [("returned", 1), ("approved", 2)]
    codes = set(AuditEntry.objects.for_object(material).values_list("action", flat=True))
    assert {
        "preparation.material.submitted",
        "preparation.material.returned",
        "preparation.material.approved",
    } <= codes
    page = member.get(material.get_absolute_url()).content.decode()
    assert "第二方面要举实例" in page


def test_review_needs_a_submitted_draft_and_the_right_person(world, as_persona):
    review_url = reverse("preparation:material_review", args=[world.material.pk])

    not_submitted = as_persona("principal").post(review_url, {"decision": "approved"})
    assert "没有待审阅的稿件" in not_submitted.content.decode()
    assert as_persona("member").post(review_url, {"decision": "approved"}).status_code == 403
    assert as_persona("office").post(review_url, {"decision": "approved"}).status_code == 403


def test_a_new_draft_after_submission_goes_back_to_drafting(world, as_persona):
    as_persona("member").post(reverse("preparation:material_submit", args=[world.material.pk]))

    as_persona("member").post(
        reverse("preparation:version_create", args=[world.material.pk]),
        {"text": "又改了", "based_on": 1},
    )

    world.material.refresh_from_db()
    assert world.material.status == MaterialStatus.DRAFTING


def test_the_principal_comments_on_a_passage_and_the_author_sees_it_marked(world, as_persona):
    from dlm.preparation.models import MaterialComment

    url = reverse("preparation:material_comment", args=[world.material.pk])
    quote = "自学时间不足，读原著少"

    missing = as_persona("principal").post(url, {"quote": "原文里没有的话", "text": "x"})
    assert "正文中找不到这段文字" in missing.content.decode()
    assert (
        as_persona("principal").post(url, {"quote": quote, "text": "要写清楚差多少"}).status_code
        == 302
    )
    assert as_persona("member").post(url, {"quote": quote, "text": "自己批自己"}).status_code == 403

    comment = MaterialComment.objects.get()
    version = world.material.versions.get()
    assert version.text[comment.start : comment.end] == quote
    page = as_persona("member").get(world.material.get_absolute_url()).content.decode()
    assert (
        f'<mark class="comment" title="{world.principal_seat.person.name}：要写清楚差多少">{quote}</mark>'
        in page
    )
