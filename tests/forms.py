"""Posting edit forms as a browser does: with the revision the page was shown at."""

from __future__ import annotations

import re


def shown_revision(client, url: str, name: str = "revision") -> str:
    """The revision in the hidden field of the form at ``url`` (as the browser sends it)."""
    page = client.get(url).content.decode()
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no {name} field on {url}"
    return found.group(1)


def post_edit(client, url: str, data: dict, name: str = "revision"):
    """Open the edit page, then post ``data`` with the revision it showed."""
    return client.post(url, {**data, name: shown_revision(client, url, name)})
