"""No dead links: every page each persona reaches from the home page offers only links that
open for that persona (no 403, no 404). Pages are followed breadth first, as a person clicking
around would; downloads are opened too (they are links like any other)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest

LINK = re.compile(r'href="([^"#]+)(?:#[^"]*)?"')
SKIP = ("/static/", "/accounts/logout")
PERSONAS = ["office", "principal", "member", "supervisor", "sibling", "guide"]
LIMIT = 250  # pages per persona: the world is small, this is a guard against loops


def crawl(client) -> dict[str, tuple[int, str]]:
    """url -> (status, the page that linked to it)."""
    seen: dict[str, tuple[int, str]] = {}
    queue = deque([("/", "")])
    while queue and len(seen) < LIMIT:
        url, source = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = (response.status_code, source)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for href in LINK.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            if not href.startswith("/") or href.startswith(SKIP):
                continue
            if urlsplit(href).path == urlsplit(url).path and "page=" in href:
                continue  # paging through one list: its first page is enough
            if href not in seen:
                queue.append((href, url))
    return seen


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_opens_for_the_persona_who_sees_it(world, as_persona, persona):
    seen = crawl(as_persona(persona))

    dead = {url: found for url, found in seen.items() if found[0] in (403, 404, 500)}
    assert dead == {}, f"{persona}: dead links (url: status, linked from)"
    assert len(seen) > 5


DEMO_LOGINS = [
    "wanghu_office",
    "wanghu_shuji",
    "wanghu_member",
    "health_office",
    "health_shuji",
    "qu_zzb",
    "qu_guide",
    "shi_zzb",
]


def test_every_link_of_the_demo_opens_for_its_users(db):
    """The demo has what the small world has not: held and reported meetings, ledgers with
    carried items, a guidance group, forwards. Built once, crawled as each of its users."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from dlm.demo import world as demo

    demo.build()
    dead = {}
    for username in DEMO_LOGINS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for url, found in crawl(client).items():
            if found[0] in (403, 404, 500):
                dead[(username, url)] = found
    assert dead == {}, "dead links: (user, url): (status, linked from)"
