from __future__ import annotations

from dlm.core.access import fetch_for_user
from dlm.rectification import rules
from dlm.rectification.models import Item


def get_item_for_user(request, pk) -> Item:
    return fetch_for_user(
        request,
        Item.objects.select_related(
            "meeting__team", "meeting__campaign", "member__person", "responsible__person"
        ),
        pk,
        can_view=rules.can_view_item,
    )
