"""The ledger's buttons in Chromium, as people press them (issue 18 walk): a double click on
同意延期 granted the extension, and the second request's "没有待审批的延期申请" replaced the
success on screen. One press sends a form once; the answer shown is the one that did it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dlm.demo.world import PASSWORD
from dlm.rectification.models import Extension

pytestmark = pytest.mark.e2e


@pytest.fixture
def asked(transactional_db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Extension.objects.get(status="pending")


def principal_on_the_item(context, live_server, asked):
    """The principal (who decides the extension) logged in, on the item's page."""
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "health_shuji")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + asked.item.get_absolute_url())
    return page


def test_a_double_click_on_grant_shows_that_it_was_granted(browser, live_server, asked):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = principal_on_the_item(context, live_server, asked)

    # two presses before the first answer arrives (a dblclick waits for nothing)
    page.evaluate(
        """() => {
            const button = [...document.querySelectorAll("button")]
                .find((b) => b.textContent.trim() === "同意延期");
            button.click();
            button.click();
        }"""
    )
    page.wait_for_load_state("load")

    expect(page.locator(".messages")).to_contain_text("已同意延期")
    expect(page.locator(".messages")).not_to_contain_text("没有待审批")
    asked.refresh_from_db()
    assert asked.status == "granted"
    assert Extension.objects.filter(item=asked.item).count() == 1
    context.close()


def test_a_form_is_sent_once_until_its_page_comes_back(browser, live_server, asked):
    """The guard itself (a fast local server answers before a second real click lands): the
    second submit of the same form is held back; the recorder's form is left alone."""
    context = browser.new_context()
    page = principal_on_the_item(context, live_server, asked)

    held = page.evaluate(
        """() => {
            const form = [...document.querySelectorAll("button")]
                .find((b) => b.textContent.trim() === "同意延期").form;
            form.addEventListener("submit", (e) => e.preventDefault());  // stay on the page
            const send = () => {
                const event = new Event("submit", {bubbles: true, cancelable: true});
                form.dispatchEvent(event);
                return event.defaultPrevented;
            };
            const first = form.dataset.sending;
            send();
            return [first === undefined || first === "", form.dataset.sending, send()];
        }"""
    )
    assert held == [True, "1", True]
    context.close()
