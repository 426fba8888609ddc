"""What can be done to a ledger item, as one table: the buttons, the rights, the dispatch.

Each action names the statuses it starts from, who may take it (a rule: failing it is a
403), when beyond the status it is on offer (an approval not yet given and wanted), whether
it needs a reason, and the domain function that does it. The item page shows the actions
on offer to the user; the one view that takes them reads this table and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dlm.organisations.rules import Access
from dlm.rectification import domain, rules
from dlm.rectification.enums import ItemStatus
from dlm.rectification.models import Item

ST = ItemStatus


@dataclass(frozen=True)
class ItemAction:
    name: str
    label: str
    sources: frozenset[str]
    who: Callable[[Access, Item], bool]
    perform: Callable[..., Item]  # (item, reason, user=...)
    needs_reason: bool = False
    danger: bool = False
    offered: Callable[[Item], bool] | None = None
    done: str = "已办理"  # what the page says afterwards

    def is_offered(self, item: Item) -> bool:
        return item.status in self.sources and (self.offered is None or self.offered(item))


def _waits_for(who: str) -> Callable[[Item], bool]:
    return lambda item: who in domain.approvals_waiting(item)


def _approve(as_superior: bool) -> Callable[..., Item]:
    def perform(item: Item, reason: str, *, user) -> Item:
        return domain.approve_closing(item, as_superior=as_superior, user=user)

    return perform


def _judges(access: Access, item: Item) -> bool:
    return rules.can_approve_as_principal(access, item) or rules.can_approve_as_superior(
        access, item
    )


ACTIONS: dict[str, ItemAction] = {
    action.name: action
    for action in [
        ItemAction(
            "request",
            "申请销号",
            frozenset({ST.OPEN}),
            rules.can_report_progress,
            lambda item, reason, *, user: domain.request_closing(item, user=user),
            done="已申请销号",
        ),
        ItemAction(
            "approve_principal",
            "同意销号（主要负责同志）",
            frozenset({ST.CLOSING}),
            rules.can_approve_as_principal,
            _approve(as_superior=False),
            offered=_waits_for(domain.PRINCIPAL),
            done="已同意销号",
        ),
        ItemAction(
            "approve_superior",
            "同意销号（上级组织）",
            frozenset({ST.CLOSING}),
            rules.can_approve_as_superior,
            _approve(as_superior=True),
            offered=_waits_for(domain.SUPERIOR),
            done="已同意销号",
        ),
        ItemAction(
            "decline",
            "不同意销号",
            frozenset({ST.CLOSING}),
            _judges,
            domain.decline_closing,
            needs_reason=True,
            danger=True,
            done="已退回，事项回到整改中",
        ),
        ItemAction(
            "reopen",
            "重新打开",
            frozenset({ST.CLOSED}),
            rules.can_reopen,
            domain.reopen,
            needs_reason=True,
            danger=True,
            done="已重新打开",
        ),
        ItemAction(
            "void",
            "作废",
            frozenset({ST.OPEN, ST.CLOSING}),
            lambda access, item: rules.can_keep_ledger(access, item.meeting),
            domain.void_item,
            needs_reason=True,
            danger=True,
            done="事项已作废，不再计入整改清单",
        ),
    ]
}


def offered_to(access: Access, item: Item) -> list[ItemAction]:
    return [a for a in ACTIONS.values() if a.is_offered(item) and a.who(access, item)]
