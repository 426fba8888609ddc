"""Browser tests drive Debian's Chromium through Playwright; no browser is downloaded.

They skip when /usr/bin/chromium is missing, unless DLM_REQUIRE_BROWSER is set (CI sets
it, so a missing browser fails there instead of passing silently).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DLM_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are ordinary synchronous calls and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("DLM_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and DLM_REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def live_world(transactional_db):
    from tests.conftest import build_world

    return build_world()


@pytest.fixture
def page_as(browser, live_server, live_world):
    contexts = []

    def open_as(persona: str, width: int = 1366, height: int = 768):
        from tests.factories import PASSWORD

        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", live_world.users[persona].username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def close_pages_before_the_database_is_flushed(request, transactional_db):
    """A page left open (the recorder refreshes itself every few seconds, a script or a
    stylesheet still loading) sends requests to the live server while the test database is
    flushed, which SQLite answers "database table is locked". Requesting the database here
    makes this teardown run before the flush: every page the test opened is closed first, and
    then the requests already in the live server's hands are waited for — closing a page does
    not stop a request the server is still answering."""
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()
    wait_for_requests_in_flight()


def wait_for_requests_in_flight(timeout: float = 10.0) -> None:
    """Join the live server's request threads (socketserver names each one after its target,
    process_request_thread); a keep-alive thread ends once its browser has closed the socket."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
