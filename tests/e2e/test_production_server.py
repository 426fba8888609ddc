"""The production server (issue 20): ``dlm serve`` (gunicorn) with debugging off, on the
database the suite runs on (PostgreSQL in CI's second run), loaded in Chromium: the pages have
their stylesheet, the recorder its script, no Content Security Policy violation, Chinese error
pages, a request id on every response; a login that keeps guessing is stopped."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from dlm.demo.world import PASSWORD
from tests.servers import DLM, a_secret, dlm, environment, free_port, fresh_database

pytestmark = pytest.mark.e2e


@pytest.fixture
def production(tmp_path, browser):
    url, drop = fresh_database(f"dlm_serve_{os.getpid()}")
    port = free_port()
    env = environment(tmp_path, url, DLM_SECRET_KEY=a_secret())
    for command in (["migrate", "--noinput"], ["demo"]):
        dlm(env, *command)
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [*DLM, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=10)
                break
            except (urllib.error.URLError, OSError):  # not listening yet, or still loading
                time.sleep(0.3)
        yield base, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        drop()


def test_the_production_server_serves_styled_pages_and_the_recorder(browser, production):
    base, var = production
    context = browser.new_context()
    page = context.new_page()
    violations, statics = [], {}
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on(
        "response",
        lambda r: (
            statics.__setitem__(r.url.split("/static/")[1], r.status)
            if "/static/" in r.url
            else None
        ),
    )

    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "wanghu_office")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    # styled: the stylesheet applies (the top bar is laid out by app.css, not the default)
    assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).display") == "flex"
    meeting = page.locator("a", has_text="望湖").first.get_attribute("href")
    page.goto(base + meeting.rstrip("/") + "/record/")
    page.wait_for_load_state("networkidle")

    assert statics.get("dlm/app.css") == 200, statics
    assert statics.get("dlm/recorder.js") == 200, statics
    assert statics.get("dlm/forms.js") == 200, statics
    assert violations == []

    missing = page.goto(base + "/no-such-page/")
    assert missing.status == 404 and "页面不存在" in page.content()
    assert missing.headers.get("x-request-id")
    assert "content-security-policy" in missing.headers
    context.close()


def test_guessing_a_password_is_stopped_and_the_right_one_then_waits(browser, production):
    base, _ = production
    context = browser.new_context()
    page = context.new_page()
    for attempt in range(6):
        page.goto(base + "/accounts/login/")
        page.fill("#id_username", "qu_zzb")
        page.fill("#id_password", f"guess-{attempt}")
        page.click("button[type=submit]")
    assert "登录已暂停" in page.content()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "qu_zzb")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert "登录已暂停" in page.content()  # the right password waits out the pause too
    context.close()
