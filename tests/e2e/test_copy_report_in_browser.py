"""The copy report as the principal sees it in Chromium: marks, then both texts side by side."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_principal_sees_copied_passages_side_by_side(page_as, live_world, live_server):
    page = page_as("principal")
    page.goto(f"{live_server.url}/materials/{live_world.principal_material.pk}/")

    assert page.locator("mark.copy-teammate").count() >= 1
    assert "与同班子成员雷同" in page.inner_text("main")

    page.get_by_role("link", name="逐段对照").first.click()

    columns = page.locator(".side-by-side .card")
    assert columns.count() == 2
    assert columns.nth(0).locator("mark").count() >= 1
    assert columns.nth(1).locator("mark").count() >= 1
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
