"""The preparation's background work (Django's Tasks API; inline without a worker): a
material's quality assessment after each saved draft, and the copy index's rebuild."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from dlm.preparation.models import Material


@task()
def assess_material(material_id: int) -> bool:
    """Assess a material's latest draft for the overview (copy check and reading), unless a
    later task already did. False when the material is gone or already assessed."""
    from dlm.preparation import quality

    material = (
        Material.objects.select_related("meeting__campaign", "meeting__team")
        .filter(pk=material_id)
        .first()
    )
    if material is None:
        return False
    latest = material.versions.order_by("-number").values_list("number", flat=True).first()
    if latest is None or material.assessed_number == latest:
        return False
    quality.assess(material)
    return True


def assess_after_saving(material: Material) -> None:
    """Queue the assessment once the saving transaction has committed (a worker must find
    the draft; inline, the save's response waits for it)."""
    transaction.on_commit(lambda: assess_material.enqueue(material.pk))


@task()
def rebuild_copy_index() -> int:
    from dlm.preparation.copyindex import rebuild_index

    with transaction.atomic():
        return rebuild_index()
