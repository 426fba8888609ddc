"""The process table (campaigns/process.py) is the only door: every step has one page, is
taken only from the states it names, and only by the role it names."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

import dlm
from dlm.campaigns import domain
from dlm.campaigns.enums import Actor, MeetingState
from dlm.campaigns.models import Meeting, local_today
from dlm.campaigns.process import STEP_PAGE, STEPS
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from tests.steps import OFFLINE, write_plan

TODAY = local_today()
SRC = Path(dlm.__file__).parent


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def test_every_step_names_a_page_that_exists():
    for step in STEPS.values():
        kwargs = {"pk": 1, "step": step.name} if step.page == STEP_PAGE else {"pk": 1}
        if step.page == "reporting:package_answer":
            kwargs["package_pk"] = 1
        try:
            reverse(step.page, kwargs=kwargs)
        except NoReverseMatch:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{step.name}: no page {step.page}")


def named_steps_taken_in_code() -> dict[str, set[str]]:
    """Where the code takes a step by its name: ``take_step(meeting, "name", ...)``."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if "demo" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "take_step"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                found.setdefault(node.args[1].value, set()).add(str(path.relative_to(SRC)))
    return found


def test_every_step_has_exactly_one_way_in():
    """A step of the generic page is taken there only (by the name in its URL); every other
    step is taken by name in exactly one module, the one behind its own page."""
    taken = named_steps_taken_in_code()
    owners = {
        "reporting:package_send": "reporting/domain.py",
        "reporting:package_answer": "reporting/domain.py",
        "campaigns:meeting_edit": "campaigns/domain.py",
    }

    for step in STEPS.values():
        if step.page == STEP_PAGE:
            assert step.name not in taken, f"{step.name} is also taken by name in {taken}"
        else:
            assert taken.get(step.name) == {owners[step.page]}, step.name
    assert set(taken) <= set(STEPS)


@pytest.mark.parametrize("name", [s.name for s in STEPS.values() if s.page != STEP_PAGE])
def test_the_generic_step_page_does_not_take_a_step_that_has_its_own_page(world, as_persona, name):
    step = STEPS[name]
    persona = "office" if step.actor == Actor.OFFICE else "supervisor"
    url = reverse(STEP_PAGE, args=[world.meeting.pk, name])
    client = as_persona(persona)
    entries = AuditEntry.objects.for_object(world.meeting).count()

    assert client.get(url).status_code == 404
    assert client.post(url, {"on": TODAY.isoformat()}).status_code == 404
    assert AuditEntry.objects.for_object(world.meeting).count() == entries


def put_in(meeting: Meeting, state: str) -> None:
    """Force the meeting into ``state`` with every earlier milestone met, so that only
    the state decides whether a step may be taken."""
    reached = list(MeetingState.values).index(state)
    at = list(MeetingState.values).index
    Meeting.objects.filter(pk=meeting.pk).update(
        state=state,
        date=days(-20) if reached >= at(MeetingState.HELD) else days(20),
        plan_submitted_on=days(-40) if reached >= at(MeetingState.PLAN_SUBMITTED) else None,
        plan_approved_on=days(-35) if reached >= at(MeetingState.PREPARING) else None,
        plan_approved_offline=reached >= at(MeetingState.PREPARING),
        plan_approval_confirmed_on=None,
        held_on=days(-20) if reached >= at(MeetingState.HELD) else None,
        reported_on=days(-10) if reached >= at(MeetingState.REPORTED) else None,
        report_received_on=None,
        briefed_on=None,
        rectification_plan_on=days(-5) if reached >= at(MeetingState.RECTIFYING) else None,
    )


class Undo(Exception):
    pass


@pytest.mark.parametrize("name", list(STEPS))
def test_a_step_is_taken_from_the_states_it_names_and_refused_from_every_other(world, name):
    step = STEPS[name]
    actor = world.users["office" if step.actor == Actor.OFFICE else "supervisor"]
    write_plan(world.meeting, world.users["office"])
    outcomes = {}
    for state in MeetingState.values:
        try:
            with transaction.atomic():
                put_in(world.meeting, state)
                try:
                    done = domain.take_step(
                        world.meeting, name, user=actor, note="理由", evidence=OFFLINE
                    )
                    outcomes[state] = done.state
                except Refused as refused:
                    outcomes[state] = refused.message
                raise Undo
        except Undo:
            pass

    assert set(outcomes) == set(MeetingState.values)
    for state, outcome in outcomes.items():
        if state in step.sources:
            assert outcome in MeetingState.values, f"{name} from {state}: {outcome}"
            assert outcome == (step.target or state)
        else:
            assert outcome.startswith("当前阶段为"), f"{name} from {state}: {outcome}"


PERSONAS = ["office", "principal", "member", "supervisor", "sibling", "anonymous", "guide"]


def expected_status(step, persona: str) -> int:
    if persona == "anonymous":
        return 302
    if persona == "sibling":
        return 404
    taker = "office" if step.actor == Actor.OFFICE else "supervisor"
    return 200 if persona == taker else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", [s.name for s in STEPS.values() if s.page == STEP_PAGE])
def test_a_step_page_opens_for_the_role_the_table_names_and_no_other(
    world, as_persona, name, persona
):
    step = STEPS[name]
    put_in(world.meeting, next(iter(step.sources)))
    url = reverse(STEP_PAGE, args=[world.meeting.pk, name])
    client = as_persona(persona)
    before = Meeting.objects.get(pk=world.meeting.pk).state
    entries = AuditEntry.objects.for_object(world.meeting).count()

    assert client.get(url).status_code == expected_status(step, persona)
    if expected_status(step, persona) != 200:
        client.post(url, {"on": TODAY.isoformat(), "note": "x", "approver": "x"})
        assert Meeting.objects.get(pk=world.meeting.pk).state == before
        assert AuditEntry.objects.for_object(world.meeting).count() == entries


def test_a_step_posted_twice_is_taken_once_and_the_second_is_told_so(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    url = reverse(STEP_PAGE, args=[world.meeting.pk, "submit_plan"])
    office = as_persona("office")

    first = office.post(url)
    second = office.post(url, follow=True)

    assert first.status_code == 302
    assert "已报送方案（重复提交，未再次办理）" in second.content.decode()
    entries = AuditEntry.objects.for_object(world.meeting).filter(action="campaigns.plan.submitted")
    assert entries.count() == 1


def test_a_step_can_be_added_by_registering_a_check(world):
    """Apps above campaigns add checks to steps; the hold step carries the quorum."""
    checks = [check.__qualname__ for check in STEPS["hold"].checks]
    assert "check_quorum_for_holding" in checks
    assert "check_plan_saved" in [c.__qualname__ for c in STEPS["submit_plan"].checks]
    assert all(STEPS[s].checks for s in STEPS if STEPS[s].document)
