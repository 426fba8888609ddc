from urllib.parse import quote

from dlm.core.http import attachment


def test_attachment_keeps_a_chinese_file_name_and_is_never_shown_inline():
    response = attachment("征求意见表.docx", "application/octet-stream", b"PK")

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert quote("征求意见表.docx") in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"PK"


def test_attachment_name_cannot_break_the_header():
    response = attachment('a"; filename="evil.html\r\n.docx', "text/plain", b"")

    assert "\r" not in response["Content-Disposition"]
    assert "\n" not in response["Content-Disposition"]


def test_password_guessing_is_paused_and_audited(world):
    """Issue 20: 40 wrong passwords at ~0.3 s each, then the right one logged in."""
    from django.test import Client

    from dlm.core.models import AuditEntry
    from tests.factories import PASSWORD

    client = Client()
    username = world.users["office"].username
    for attempt in range(5):
        client.post("/accounts/login/", {"username": username, "password": f"guess{attempt}"})
    paused = client.post("/accounts/login/", {"username": username, "password": PASSWORD})

    assert "登录已暂停" in paused.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="core.session.locked_out").exists()
    # another account from the same address is not paused
    other = Client().post(
        "/accounts/login/", {"username": world.users["member"].username, "password": PASSWORD}
    )
    assert other.status_code == 302


def test_error_pages_speak_chinese_and_carry_a_request_id(world, as_persona):
    response = as_persona("office").get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    assert response["X-Request-ID"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_an_expired_form_says_what_to_do(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode() and "DLM_HTTPS" in response.content.decode()


def test_error_reports_mask_the_database_address(settings):
    from django.views.debug import get_default_exception_reporter_filter

    safe = get_default_exception_reporter_filter().get_safe_settings()
    assert safe["DATABASES"] == "********************"  # the password hides in it


def test_an_unlisted_host_name_is_told_plainly(world):
    """Walk finding (issue 20): an address missing from DLM_ALLOWED_HOSTS answered "提交的内容
    不完整" and logged a full traceback for every request."""
    from django.test import Client

    response = Client().get("/accounts/login/", HTTP_HOST="10.9.9.9")
    assert response.status_code == 400
    body = response.content.decode()
    assert "DLM_ALLOWED_HOSTS" in body and "10.9.9.9" in body
