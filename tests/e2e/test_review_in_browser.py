"""Review as the principal does it in Chromium (issue 19): select a passage of the draft and it
becomes the quote of the comment; the review form stands beside the text under review."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dlm.preparation import domain as preparation
from dlm.preparation.models import MaterialComment

pytestmark = pytest.mark.e2e


def test_selecting_a_passage_fills_the_quote_and_the_comment_lands_on_it(
    page_as, live_server, live_world
):
    material = live_world.material
    preparation.submit_material(material, user=live_world.users["member"])
    page = page_as("principal")
    page.goto(live_server.url + reverse("preparation:material_comment", args=[material.pk]))
    passage = material.versions.get().text.splitlines()[2][:12]

    page.evaluate(
        """(passage) => {
            const box = document.querySelector("[data-quote-source]");
            const node = box.firstChild;
            const start = node.textContent.indexOf(passage);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + passage.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        passage,
    )
    expect(page.locator("#id_quote")).to_have_value(passage)
    expect(page.locator("#quote-hint")).to_contain_text(f"已选中 {len(passage)} 字")
    page.fill("#id_text", "这一段要举出具体事例")
    page.get_by_role("button", name="加批注").click()

    expect(page.locator(".messages")).to_contain_text("批注已加到正文")
    comment = MaterialComment.objects.get()
    assert comment.quote == passage and comment.text == "这一段要举出具体事例"

    page.goto(live_server.url + reverse("preparation:material_review", args=[material.pk]))
    expect(page.locator(".review-grid .doc-text")).to_contain_text(passage)
    expect(page.locator(".review-side")).to_contain_text("这一段要举出具体事例")
