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
