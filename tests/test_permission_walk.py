"""Every URL pattern, every persona: the status each must get.

A new URL pattern that is not listed in ``EXPECTED`` fails this test, so no view reaches
CI without someone deciding who may open it. Statuses: 200 shown, 302 sent to log in,
403 too few rights on one's own organisation, 404 another organisation's object,
405 method not allowed.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dlm.core.models import AuditEntry

# guide: a member of the guidance group sent to the street's meeting; it reads that meeting
# (and its campaign) but not the street's organisation pages.
PERSONAS = ["office", "principal", "member", "supervisor", "sibling", "anonymous", "guide"]


def S(office, principal, member, supervisor, sibling, anonymous, guide):
    return dict(
        zip(
            PERSONAS,
            [office, principal, member, supervisor, sibling, anonymous, guide],
            strict=True,
        )
    )


ALL_LOGGED_IN = S(200, 200, 200, 200, 200, 302, 200)
OWN_TEAM_READ = S(200, 200, 200, 200, 404, 302, 200)
OFFICE_ONLY = S(200, 403, 403, 403, 404, 302, 403)
SUPERVISOR_ONLY = S(403, 403, 403, 200, 404, 302, 403)
# the organisation's own pages: the guide of one meeting has no business there
ORG_READ = S(200, 200, 200, 200, 404, 302, 404)
ORG_OFFICE_ONLY = S(200, 403, 403, 403, 404, 302, 404)
ORG_SUPERVISOR_ONLY = S(403, 403, 403, 200, 404, 302, 404)
ORG_TEAM_KEEPERS = S(200, 403, 403, 200, 404, 302, 404)


def compare_doc(w) -> int:
    from dlm.preparation.copyindex import MATERIAL, encode

    return encode(MATERIAL, w.principal_material.versions.get().pk)


def a_turn(w) -> int:
    from dlm.proceedings.models import Turn

    turn, _ = Turn.objects.get_or_create(
        meeting=w.meeting,
        client_id="walk",
        defaults={"kind": "host", "speaker_name": "主持人", "text": "现在开会。"},
    )
    return turn.pk


def an_import(w) -> int:
    from dlm.proceedings.models import MinutesImport

    upload, _ = MinutesImport.objects.get_or_create(
        meeting=w.meeting, file_name="会议记录.txt", defaults={"content": b"", "proposal": []}
    )
    return upload.pk


RECORDER_ONLY = S(200, 403, 403, 403, 404, 302, 403)


def a_calendar(w) -> str:
    from dlm.reminders.calendar import renew

    return renew(w.users["office"]).token


def a_package(w) -> int:
    from dlm.reporting.models import Package

    package, _ = Package.objects.get_or_create(
        meeting=w.meeting, defaults={"sent_on": "2026-11-20", "content": b"PK", "files": []}
    )
    return package.pk


def an_item(w, seat=None) -> int:
    """A ledger item of the street's meeting, the member's own unless ``seat`` is given."""
    from dlm.rectification.models import Item

    seat = seat or w.member_seat
    item, _ = Item.objects.get_or_create(
        meeting=w.meeting,
        number=1 if seat == w.member_seat else 2,
        defaults={
            "member": seat,
            "responsible": seat,
            "problem": "调研不够深入",
            "measures": "每月到社区调研不少于两次",
            "kind": "long_term",
        },
    )
    return item.pk


def a_study(w) -> int:
    from dlm.preparation.models import StudySession

    row, _ = StudySession.objects.get_or_create(
        meeting=w.meeting, topic="专题学习", defaults={"held_on": "2026-10-20", "form": "seminar"}
    )
    return row.pk


def a_talk(w) -> int:
    """The member's talk with a branch representative: his to correct, and the office's."""
    from dlm.preparation.models import Talk

    row, _ = Talk.objects.get_or_create(
        meeting=w.meeting,
        member=w.member_seat,
        kind="branch",
        partner_name="支部党员代表",
        defaults={"held_on": "2026-10-21"},
    )
    return row.pk


def an_evidence(w) -> int:
    from dlm.rectification.models import Evidence, Item, Progress

    item = Item.objects.get(pk=an_item(w))
    progress = Progress.objects.create(item=item, on="2026-11-01", text="已调研两次")
    return Evidence.objects.create(progress=progress, name="调研记录.docx", content=b"x").pk


def a_ledger_import(w) -> int:
    from dlm.rectification.models import LedgerImport

    upload, _ = LedgerImport.objects.get_or_create(
        meeting=w.meeting, file_name="整改清单.xlsx", defaults={"content": b""}
    )
    return upload.pk


def an_offline_approval(w) -> int:
    from dlm.campaigns.models import OfflineApproval

    approval, _ = OfflineApproval.objects.get_or_create(
        meeting=w.meeting,
        defaults={
            "approver": "区委组织部",
            "approved_on": "2026-11-01",
            "scan_name": "审定单.pdf",
            "scan": b"%PDF",
        },
    )
    return approval.pk


def an_urging(w) -> int:
    from dlm.supervision.models import Urging

    urging, _ = Urging.objects.get_or_create(
        meeting=w.meeting,
        defaults={
            "level": "remind",
            "text": "请抓紧报送方案",
            "sender": "测试区委",
            "sent_on": "2026-11-20",
        },
    )
    return urging.pk


def a_job(w) -> int:
    """A finished combined report of the supervisor's."""
    from dlm.core.models import Job, JobState

    job, _ = Job.objects.get_or_create(
        kind="combined_report",
        requested_by=w.users["supervisor"],
        defaults={"title": "综合报告", "state": JobState.DONE, "file_name": "综合报告.docx"},
    )
    return job.pk


# name -> list of (kwargs builder, expected statuses)
EXPECTED = {
    "login": [(lambda w: {}, S(200, 200, 200, 200, 200, 200, 200))],
    "logout": [(lambda w: {}, S(405, 405, 405, 405, 405, 405, 405))],
    "password_change": [(lambda w: {}, ALL_LOGGED_IN)],
    "workbench:home": [(lambda w: {}, ALL_LOGGED_IN)],
    "workbench:done": [(lambda w: {}, ALL_LOGGED_IN)],
    "reminders:reminder_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "core:healthz": [(lambda w: {}, S(200, 200, 200, 200, 200, 200, 200))],
    "organisations:organisation_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "organisations:organisation_detail": [(lambda w: {"pk": w.street.pk}, ORG_READ)],
    "organisations:suborganisation_create": [(lambda w: {"pk": w.street.pk}, ORG_SUPERVISOR_ONLY)],
    # the unit's office keeps its team; the supervisor above staffs it (a new unit has none)
    "organisations:member_create": [(lambda w: {"pk": w.street.pk}, ORG_TEAM_KEEPERS)],
    "organisations:member_edit": [
        (lambda w: {"pk": w.street.pk, "member_pk": w.member_seat.pk}, ORG_TEAM_KEEPERS),
        # a seat of another team through our own organisation's URL: not found for anyone
        (
            lambda w: {"pk": w.street.pk, "member_pk": w.sibling.team_members.first().pk},
            S(404, 403, 403, 404, 404, 302, 404),
        ),
    ],
    "organisations:member_leave": [
        (lambda w: {"pk": w.street.pk, "member_pk": w.member_seat.pk}, ORG_TEAM_KEEPERS),
    ],
    # logins and roles: the supervisors above keep them
    "organisations:organisation_accounts": [(lambda w: {"pk": w.street.pk}, ORG_SUPERVISOR_ONLY)],
    "organisations:person_account_action": [
        (
            lambda w: {"pk": w.street.pk, "person_pk": w.member_seat.person_id, "action": "reset"},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    "organisations:role_withdraw": [
        (
            lambda w: {"pk": w.street.pk, "role_pk": w.users["office"].dlm_roles.first().pk},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    "campaigns:campaign_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "campaigns:campaign_create": [(lambda w: {}, S(403, 403, 403, 200, 403, 302, 403))],
    "campaigns:campaign_detail": [(lambda w: {"pk": w.campaign.pk}, OWN_TEAM_READ)],
    "campaigns:campaign_edit": [
        (lambda w: {"pk": w.campaign.pk}, S(403, 403, 403, 403, 404, 302, 403))
    ],
    "campaigns:campaign_issue": [
        (lambda w: {"pk": w.campaign.pk}, S(403, 403, 403, 403, 404, 302, 403))
    ],
    "campaigns:campaign_reissue": [(lambda w: {"pk": w.campaign.pk}, SUPERVISOR_ONLY)],
    # POST only; deleting a draft is tested in tests/test_setting_up_the_year.py
    "campaigns:campaign_delete": [
        (lambda w: {"pk": w.campaign.pk}, S(405, 405, 405, 405, 405, 302, 405))
    ],
    "campaigns:meeting_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "campaigns:meeting_detail": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "campaigns:meeting_history": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "campaigns:meeting_guides": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # POST only; who may post is in tests/test_guides.py
    "campaigns:meeting_guide_remove": [
        (
            lambda w: {"pk": w.meeting.pk, "guide_pk": w.guide.pk},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    "campaigns:meeting_edit": [(lambda w: {"pk": w.meeting.pk}, OFFICE_ONLY)],
    "campaigns:meeting_step": [
        (lambda w: {"pk": w.meeting.pk, "step": "submit_plan"}, OFFICE_ONLY),
        (lambda w: {"pk": w.meeting.pk, "step": "approve_plan"}, SUPERVISOR_ONLY),
        (
            lambda w: {"pk": w.meeting.pk, "step": "no_such_step"},
            S(404, 404, 404, 404, 404, 302, 404),
        ),
        # the district's own meeting: its supervisor reads it but the city approves it
        (
            lambda w: {"pk": w.district_meeting.pk, "step": "approve_plan"},
            S(404, 404, 404, 403, 404, 302, 404),
        ),
    ],
    # the superior above lets one team meet after the notice's latest date
    "campaigns:meeting_allow_later": [(lambda w: {"pk": w.meeting.pk}, SUPERVISOR_ONLY)],
    "campaigns:offline_scan": [
        (lambda w: {"pk": w.meeting.pk, "approval_pk": an_offline_approval(w)}, OWN_TEAM_READ),
        # a scan of another meeting's approval through this meeting's URL is not found
        (
            lambda w: {"pk": w.district_meeting.pk, "approval_pk": an_offline_approval(w)},
            S(404, 404, 404, 404, 404, 302, 404),
        ),
    ],
    "preparation:meeting_materials": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:material_detail": [
        (lambda w: {"pk": w.material.pk}, OWN_TEAM_READ),
        # another member's outline is private to its author, the principal and the office
        (lambda w: {"pk": w.principal_material.pk}, S(200, 200, 404, 200, 404, 302, 200)),
    ],
    "preparation:version_create": [
        (lambda w: {"pk": w.material.pk}, S(200, 403, 200, 403, 404, 302, 403)),
    ],
    "preparation:material_compare": [
        (lambda w: {"pk": w.material.pk, "doc": compare_doc(w)}, OWN_TEAM_READ),
        (lambda w: {"pk": w.material.pk, "doc": 999_999}, S(404, 404, 404, 404, 404, 302, 404)),
    ],
    "preparation:template_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "preparation:meeting_opinions": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # POST only; who may post is in tests/test_opinions.py
    "preparation:box_settings": [
        (lambda w: {"pk": w.meeting.pk}, S(405, 405, 405, 405, 405, 302, 405)),
    ],
    "preparation:opinion_form_docx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:opinion_summary_docx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:meeting_talks": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:unreadable_download": [
        (
            lambda w: {"pk": w.material.pk, "upload_pk": w.unreadable.pk},
            S(200, 403, 200, 403, 404, 302, 403),
        ),
        # an upload of another material through this one's URL is not found
        (
            lambda w: {"pk": w.principal_material.pk, "upload_pk": w.unreadable.pk},
            S(404, 404, 404, 403, 404, 302, 403),
        ),
    ],
    "preparation:material_submit": [
        (lambda w: {"pk": w.material.pk}, S(405, 405, 405, 405, 405, 302, 405)),
    ],
    # the principal reviews a member's outline; the district's supervisor reviews from above
    "preparation:material_review": [
        (lambda w: {"pk": w.material.pk}, S(403, 200, 403, 200, 404, 302, 200)),
        (lambda w: {"pk": w.principal_material.pk}, S(403, 403, 404, 200, 404, 302, 200)),
    ],
    "preparation:meeting_plan": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # before any plan is saved the export sends the reader back to the plan page
    "preparation:plan_docx": [
        (lambda w: {"pk": w.meeting.pk}, S(302, 302, 302, 302, 404, 302, 302))
    ],
    "preparation:material_comment": [
        (lambda w: {"pk": w.material.pk}, S(403, 200, 403, 200, 404, 302, 200)),
    ],
    "preparation:meeting_study": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:meeting_forums": [(lambda w: {"pk": w.meeting.pk}, OFFICE_ONLY)],
    "preparation:talk_record_form": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # a talk's record filled in: the two who talked only (here the member and an outsider)
    "preparation:talk_record_docx": [
        (lambda w: {"pk": a_talk(w)}, S(403, 403, 200, 403, 404, 302, 403)),
    ],
    "preparation:material_docx": [
        (lambda w: {"pk": w.material.pk}, S(200, 200, 200, 200, 404, 302, 200)),
    ],
    "preparation:consultation_edit": [(lambda w: {"pk": w.meeting.pk}, OFFICE_ONLY)],
    # a row of a register: the office corrects it; a talk also either of the two who talked
    "preparation:register_edit": [
        (lambda w: {"name": "study", "pk": a_study(w)}, OFFICE_ONLY),
        (lambda w: {"name": "talk", "pk": a_talk(w)}, S(200, 403, 200, 403, 404, 302, 403)),
        (lambda w: {"name": "nothing", "pk": a_study(w)}, S(404, 404, 404, 404, 404, 302, 404)),
        (lambda w: {"name": "study", "pk": 999_999}, S(404, 404, 404, 404, 404, 302, 404)),
    ],
    # POST only; who may void is tested in tests/test_registers.py
    "preparation:register_void": [
        (lambda w: {"name": "study", "pk": a_study(w)}, S(405, 405, 405, 405, 405, 302, 405)),
    ],
    "preparation:meeting_cases": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "preparation:meeting_preparation": [
        (lambda w: {"pk": w.meeting.pk}, S(200, 403, 403, 200, 404, 302, 200))
    ],
    # the meeting's record: read by all who read the meeting, written by the office/recorder
    "proceedings:meeting_record": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "proceedings:record_feed": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "proceedings:turn_edit": [
        (lambda w: {"pk": w.meeting.pk, "turn_pk": a_turn(w)}, RECORDER_ONLY),
        # a turn of this meeting through another meeting's URL is not found
        (
            lambda w: {"pk": w.district_meeting.pk, "turn_pk": a_turn(w)},
            S(404, 404, 404, 403, 404, 302, 404),
        ),
    ],
    "proceedings:turn_delete": [
        (
            lambda w: {"pk": w.meeting.pk, "turn_pk": a_turn(w)},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    # POST only; who may move a turn is in tests/proceedings/test_recording.py
    "proceedings:turn_move": [
        (
            lambda w: {"pk": w.meeting.pk, "turn_pk": a_turn(w)},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    "proceedings:meeting_agenda": [(lambda w: {"pk": w.meeting.pk}, RECORDER_ONLY)],
    "proceedings:meeting_attendance": [(lambda w: {"pk": w.meeting.pk}, RECORDER_ONLY)],
    "proceedings:minutes_import": [(lambda w: {"pk": w.meeting.pk}, RECORDER_ONLY)],
    "proceedings:minutes_import_review": [
        (lambda w: {"pk": w.meeting.pk, "import_pk": an_import(w)}, RECORDER_ONLY)
    ],
    "proceedings:minutes_record_docx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "proceedings:minutes_summary_docx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "proceedings:criticisms_docx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # the rectification ledger: read by the meeting's readers, kept by the office
    "rectification:meeting_ledger": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    "rectification:item_create": [(lambda w: {"pk": w.meeting.pk}, OFFICE_ONLY)],
    "rectification:ledger_xlsx": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # the full version carries internal notes: not for plain members
    "rectification:ledger_docx": [
        (lambda w: {"pk": w.meeting.pk, "version": "full"}, S(200, 200, 403, 200, 404, 302, 200)),
        (lambda w: {"pk": w.meeting.pk, "version": "public"}, OWN_TEAM_READ),
        (lambda w: {"pk": w.meeting.pk, "version": "other"}, S(404, 404, 404, 404, 404, 302, 404)),
    ],
    "rectification:ledger_import": [(lambda w: {"pk": w.meeting.pk}, OFFICE_ONLY)],
    "rectification:ledger_import_review": [
        (lambda w: {"pk": w.meeting.pk, "import_pk": a_ledger_import(w)}, OFFICE_ONLY)
    ],
    "rectification:item_detail": [
        (lambda w: {"pk": an_item(w)}, OWN_TEAM_READ),
        # the principal's own item is not the member's business
        (lambda w: {"pk": an_item(w, w.principal_seat)}, S(200, 200, 404, 200, 404, 302, 200)),
    ],
    "rectification:item_edit": [(lambda w: {"pk": an_item(w)}, OFFICE_ONLY)],
    # POST only; who may post which action is in tests/test_rectification.py
    "rectification:item_action": [
        (lambda w: {"pk": an_item(w), "action": "request"}, S(405, 405, 405, 405, 405, 302, 405))
    ],
    "rectification:evidence_download": [
        (lambda w: {"pk": an_item(w), "evidence_pk": an_evidence(w)}, OWN_TEAM_READ),
        # evidence of one item through another's URL is not found
        (
            lambda w: {"pk": an_item(w, w.principal_seat), "evidence_pk": an_evidence(w)},
            S(404, 404, 404, 404, 404, 302, 404),
        ),
    ],
    # report, briefing and the package sent upward
    "reporting:meeting_reports": [(lambda w: {"pk": w.meeting.pk}, OWN_TEAM_READ)],
    # before the meeting is held the office is sent back with a message; nobody else has a draft
    "reporting:draft_edit": [
        (lambda w: {"pk": w.meeting.pk, "kind": "report"}, S(302, 404, 404, 404, 404, 302, 404)),
        (lambda w: {"pk": w.meeting.pk, "kind": "nonsense"}, S(404, 404, 404, 404, 404, 302, 404)),
    ],
    "reporting:draft_redraft": [
        (lambda w: {"pk": w.meeting.pk, "kind": "report"}, S(405, 405, 405, 405, 405, 302, 405))
    ],
    "reporting:draft_docx": [
        (lambda w: {"pk": w.meeting.pk, "kind": "briefing"}, S(404, 404, 404, 404, 404, 302, 404))
    ],
    "reporting:package_send": [
        (lambda w: {"pk": w.meeting.pk}, S(405, 405, 405, 405, 405, 302, 405))
    ],
    "reporting:package_answer": [
        (
            lambda w: {"pk": w.meeting.pk, "package_pk": a_package(w)},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    # the package holds every member's outline: not for the members
    "reporting:package_zip": [
        (
            lambda w: {"pk": w.meeting.pk, "package_pk": a_package(w)},
            S(200, 200, 403, 200, 404, 302, 200),
        )
    ],
    # POST only, and only ever the user's own reminders
    "reminders:reminders_read": [(lambda w: {}, S(405, 405, 405, 405, 405, 302, 405))],
    # the superior's overview: supervisors only; the others who read the campaign get 403
    "supervision:campaign_overview": [(lambda w: {"pk": w.campaign.pk}, SUPERVISOR_ONLY)],
    "supervision:campaign_overview_xlsx": [(lambda w: {"pk": w.campaign.pk}, SUPERVISOR_ONLY)],
    # POST starts a background job (who may ask: tests/test_jobs.py); GET shows the button
    "supervision:combined_report_docx": [
        (lambda w: {"pk": w.campaign.pk}, S(403, 403, 403, 200, 404, 302, 403))
    ],
    # one's own background jobs: another's job is not found, whoever asks
    "core:job_list": [(lambda w: {}, ALL_LOGGED_IN)],
    "core:job_detail": [(lambda w: {"pk": a_job(w)}, S(404, 404, 404, 200, 404, 302, 404))],
    "core:job_download": [(lambda w: {"pk": a_job(w)}, S(404, 404, 404, 200, 404, 302, 404))],
    "supervision:campaign_copies": [(lambda w: {"pk": w.campaign.pk}, SUPERVISOR_ONLY)],
    # 提醒/督办/预警: sent from above, answered by the office, read by the principal too
    "supervision:meeting_urgings": [
        (lambda w: {"pk": w.meeting.pk}, S(200, 200, 403, 200, 404, 302, 403))
    ],
    "supervision:urging_answer": [
        (
            lambda w: {"pk": w.meeting.pk, "urging_pk": an_urging(w)},
            S(405, 405, 405, 405, 405, 302, 405),
        )
    ],
    "supervision:urging_docx": [
        (
            lambda w: {"pk": w.meeting.pk, "urging_pk": an_urging(w)},
            S(200, 200, 403, 200, 404, 302, 403),
        ),
        # another meeting's letter through this meeting's URL is not found
        (
            lambda w: {"pk": w.district_meeting.pk, "urging_pk": an_urging(w)},
            S(404, 404, 404, 404, 404, 302, 404),
        ),
    ],
    "reminders:calendar_settings": [(lambda w: {}, ALL_LOGGED_IN)],
    # calendar programs cannot log in: the secret address is the credential
    "reminders:calendar_feed": [
        (lambda w: {"token": a_calendar(w)}, S(200, 200, 200, 200, 200, 200, 200)),
        (lambda w: {"token": "guessed"}, S(404, 404, 404, 404, 404, 404, 404)),
    ],
    # the public box needs no login: everyone, strangers included, may open it
    "preparation:opinion_box": [
        (lambda w: {"token": w.box.token}, S(200, 200, 200, 200, 200, 200, 200)),
        (lambda w: {"token": "no-such-box"}, S(404, 404, 404, 404, 404, 404, 404)),
    ],
}


def all_url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= all_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_has_expectations():
    assert all_url_names() == set(EXPECTED)


CASES = [
    (name, index, persona)
    for name, cases in EXPECTED.items()
    for index in range(len(cases))
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "index", "persona"), CASES)
def test_get_status(world, as_persona, name, index, persona):
    kwargs, expected = EXPECTED[name][index]
    url = reverse(name, kwargs=kwargs(world))

    response = as_persona(persona).get(url)

    assert response.status_code == expected[persona], url
    if expected[persona] == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


REFUSED_CASES = [
    (name, index, persona)
    for name, index, persona in CASES
    if EXPECTED[name][index][1][persona] in (302, 403, 404)
]


@pytest.mark.parametrize(("name", "index", "persona"), REFUSED_CASES)
def test_post_refused_where_get_is(world, as_persona, name, index, persona):
    """Whoever may not open a page may not post to it either, and nothing is changed."""
    kwargs, expected = EXPECTED[name][index]
    url = reverse(name, kwargs=kwargs(world))
    client = as_persona(persona)
    entries = AuditEntry.objects.count()

    response = client.post(url, {"on": "2026-11-01", "note": "x", "name": "x"})

    # read-only pages answer 405 to any POST, before looking at who asks
    assert response.status_code in (expected[persona], 405), url
    assert AuditEntry.objects.count() == entries
