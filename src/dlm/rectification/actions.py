"""What can be done to a ledger item, as one table: the buttons, the rights, the dispatch.

Each action names the statuses it starts from, who may take it (a rule: failing it is a
403), when beyond the status it is on offer (an approval not yet given and wanted), whether
it needs a reason, and the domain function that does it. The item page shows the actions
on offer to the user; the one view that takes them reads this table and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

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
    needs_date: bool = False  # a new deadline (申请延期)
    danger: bool = False
    offered: Callable[[Item], bool] | None = None
    done: str = "已办理"  # what the page says afterwards
    # Who is told: "approvers" (whose approval is now awaited), "decider" (of a 申请延期),
    # "responsible", "office".
    tell: frozenset[str] = frozenset()
    judges: bool = False  # approves or declines: not for the item's own people

    def is_offered(self, item: Item) -> bool:
        return item.status in self.sources and (self.offered is None or self.offered(item))


def _waits_for(who: str) -> Callable[[Item], bool]:
    return lambda item: who in domain.approvals_waiting(item)


def _approve(as_superior: bool) -> Callable[..., Item]:
    def perform(item: Item, reason: str, *, user) -> Item:
        return domain.approve_closing(item, as_superior=as_superior, user=user)

    return perform


def _judges(access: Access, item: Item) -> bool:
    """Who may decline: whoever's approval the item needs (the principal; the superior where
    the notice asks for it, or on the principal's own items)."""
    needed = domain.approvers_needed(item)
    return (domain.PRINCIPAL in needed and rules.can_approve_as_principal(access, item)) or (
        domain.SUPERIOR in needed and rules.can_approve_as_superior(access, item)
    )


def _decides_extension(access: Access, item: Item) -> bool:
    if domain.extension_decider(item) == domain.PRINCIPAL:
        return rules.can_approve_as_principal(access, item)
    return rules.can_approve_as_superior(access, item)


def _extension_pending(item: Item) -> bool:
    return domain.pending_extension(item) is not None


def _may_ask_extension(item: Item) -> bool:
    return item.deadline is not None and not _extension_pending(item)


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
            tell=frozenset({"approvers"}),
        ),
        ItemAction(
            "approve_principal",
            "同意销号（主要负责同志）",
            frozenset({ST.CLOSING}),
            rules.can_approve_as_principal,
            _approve(as_superior=False),
            offered=_waits_for(domain.PRINCIPAL),
            done="已同意销号",
            tell=frozenset({"approvers", "responsible", "office"}),
            judges=True,
        ),
        ItemAction(
            "approve_superior",
            "同意销号（上级组织）",
            frozenset({ST.CLOSING}),
            rules.can_approve_as_superior,
            _approve(as_superior=True),
            offered=_waits_for(domain.SUPERIOR),
            done="已同意销号",
            tell=frozenset({"approvers", "responsible", "office"}),
            judges=True,
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
            tell=frozenset({"responsible", "office"}),
            judges=True,
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
            tell=frozenset({"responsible", "office"}),
        ),
        ItemAction(
            "extend",
            "申请延期",
            frozenset({ST.OPEN}),
            rules.can_report_progress,
            domain.ask_extension,
            needs_reason=True,
            needs_date=True,
            offered=_may_ask_extension,
            done="已申请延期，等待审批",
            tell=frozenset({"decider"}),
        ),
        ItemAction(
            "grant_extension",
            "同意延期",
            frozenset({ST.OPEN}),
            _decides_extension,
            domain.grant_extension,
            offered=_extension_pending,
            done="已同意延期，完成时限已更新",
            tell=frozenset({"responsible", "office"}),
            judges=True,
        ),
        ItemAction(
            "refuse_extension",
            "不同意延期",
            frozenset({ST.OPEN}),
            _decides_extension,
            domain.refuse_extension,
            needs_reason=True,
            danger=True,
            offered=_extension_pending,
            done="已不同意延期，完成时限不变",
            tell=frozenset({"responsible", "office"}),
            judges=True,
        ),
        ItemAction(
            "chase",
            "催办",
            frozenset({ST.OPEN}),
            lambda access, item: rules.can_keep_ledger(access, item.meeting),
            domain.chase,
            done="已催办，责任人会收到提醒",
            tell=frozenset({"responsible"}),
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
            tell=frozenset({"responsible"}),
        ),
    ]
}


def _own(item: Item, user) -> bool:
    """The item's own people: whoever answers for it, whoever asked to close it or to
    extend it."""
    return (
        item.responsible.person.user_id == user.pk
        or item.closing_requested_by_id == user.pk
        or item.extensions.filter(status="pending", asked_by=user).exists()
    )


def offered_to(access: Access, item: Item, user) -> list[ItemAction]:
    """The buttons: actions on offer for the item's status that the user may take; an
    approval is not offered to the item's own people (the domain would refuse it)."""
    return [
        action
        for action in ACTIONS.values()
        if action.is_offered(item)
        and action.who(access, item)
        and not (action.judges and _own(item, user))
    ]


# Who hears of an action (the reminders app); registered from AppConfig.ready().
ACTION_TAKEN: list[Callable[[ItemAction, Item, object, str], None]] = []


def on_action_taken(hook: Callable[[ItemAction, Item, object, str], None]) -> None:
    if hook not in ACTION_TAKEN:
        ACTION_TAKEN.append(hook)


def take_action(action: ItemAction, item: Item, reason: str, *, user, new_deadline=None) -> Item:
    """The one door for the item page's buttons: the domain function, then the people
    the table names are told (in the same transaction)."""
    extra = {"new_deadline": new_deadline} if action.needs_date else {}
    with transaction.atomic():
        done = action.perform(item, reason, user=user, **extra)
        for hook in ACTION_TAKEN:
            hook(action, done, user, reason.strip())
    return done
