from __future__ import annotations

from dlm.core.access import fetch_for_user
from dlm.preparation import rules
from dlm.preparation.models import Material


def get_material_for_user(request, pk, *, write: bool = False) -> Material:
    return fetch_for_user(
        request,
        Material.objects.select_related("meeting__team", "meeting__campaign", "author__person"),
        pk,
        can_view=rules.can_view_material,
        can_change=rules.can_write_material if write else None,
    )
