"""The ledger's actions as one table: each action × status × persona, through the one view.

Rights decide 403 (404 for another unit, the login page for strangers); the item's status
decides, with a message, whether an action that the person may take is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dlm.campaigns.models import Campaign
from dlm.core.models import AuditEntry
from dlm.rectification import domain
from dlm.rectification.actions import ACTIONS
from dlm.rectification.enums import ItemStatus
from dlm.rectification.models import Item
from tests.rectification.test_ledger import item_for

PERSONAS = ["office", "principal", "member", "supervisor", "sibling", "anonymous", "guide"]

# Who may take each action on a member's own item (the member answers for it).
MAY = {
    "request": {"office", "member"},
    "approve_principal": {"principal"},
    "approve_superior": {"supervisor"},
    # the approvers the item needs: here the principal (the notice asks no superior)
    "decline": {"principal"},
    "reopen": {"office", "principal", "supervisor"},
    "void": {"office"},
    "chase": {"office"},
    # 申请延期: asked by whoever reports progress, decided by whoever approves the closing
    "extend": {"office", "member"},
    "grant_extension": {"principal"},
    "refuse_extension": {"principal"},
}
# What each action leads to when it is done.
LEADS_TO = {
    "request": ItemStatus.CLOSING,
    "approve_principal": ItemStatus.CLOSED,
    "approve_superior": ItemStatus.CLOSED,
    "decline": ItemStatus.OPEN,
    "reopen": ItemStatus.OPEN,
    "void": ItemStatus.VOID,
    "chase": ItemStatus.OPEN,  # presses the person responsible; the item stays as it is
    # an extension changes the deadline, never the status
    "extend": ItemStatus.OPEN,
    "grant_extension": ItemStatus.OPEN,
    "refuse_extension": ItemStatus.OPEN,
}
DECIDES_EXTENSION = {"grant_extension", "refuse_extension"}


def test_the_table_names_every_action_the_page_can_show():
    assert set(ACTIONS) == set(MAY) == set(LEADS_TO)


def an_item_in(world, status: str, *, extension_asked: bool = False) -> Item:
    item = item_for(world, problem=f"调研不深（{status}）")
    domain.add_progress(
        item, dt.date(2026, 11, 20), "已整改", [("a.pdf", b"x")], user=world.users["office"]
    )
    if extension_asked:
        domain.ask_extension(
            item, "汛期抢险", new_deadline=dt.date(2027, 6, 30), user=world.users["member"]
        )
    Item.objects.filter(pk=item.pk).update(status=status)
    item.refresh_from_db()
    return item


def expected(action: str, persona: str, status: str) -> int | str:
    if persona == "anonymous":
        return 302
    if persona == "sibling":
        return 404
    if persona not in MAY[action]:
        return 403
    return LEADS_TO[action] if status in ACTIONS[action].sources else status


@pytest.mark.parametrize("status", ItemStatus.values)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_action_is_done_only_by_whom_and_from_where_the_table_says(
    after, as_persona, action, persona, status
):
    # the superior's approval is wanted only where the notice asks for it
    Campaign.objects.filter(pk=after.campaign.pk).update(
        superior_approves_closing=action == "approve_superior"
    )
    item = an_item_in(after, status, extension_asked=action in DECIDES_EXTENSION)
    if action == "approve_superior":  # the principal has agreed already
        Item.objects.filter(pk=item.pk).update(principal_approved_on=dt.date(2026, 11, 21))
    url = reverse("rectification:item_action", args=[item.pk, action])
    client = as_persona(persona)
    entries = AuditEntry.objects.for_object(item).count()

    response = client.post(url, {"reason": "事项录入重复", "new_deadline": "2027-09-30"})

    item.refresh_from_db()
    want = expected(action, persona, status)
    if isinstance(want, int):
        assert response.status_code == want
        assert item.status == status
        assert AuditEntry.objects.for_object(item).count() == entries
    else:
        assert response.status_code == 302
        assert item.status == want


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_page_offers_an_action_only_where_it_can_be_done(after, as_persona, action):
    for status in ItemStatus.values:
        item = an_item_in(after, status, extension_asked=action in DECIDES_EXTENSION)
        for persona in ("office", "principal", "member", "supervisor"):
            page = as_persona(persona).get(item.get_absolute_url()).content.decode()
            shown = f"{ACTIONS[action].label}</button>" in page
            offered = (
                persona in MAY[action]
                and status in ACTIONS[action].sources
                and action != "approve_superior"  # not wanted by this notice
            )
            assert shown == offered, (action, status, persona)
