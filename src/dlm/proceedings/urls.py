from django.urls import path

from dlm.proceedings.views import arrangements, documents, importing, record

app_name = "proceedings"

urlpatterns = [
    path("meetings/<int:pk>/record/", record.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/record/feed/", record.record_feed, name="record_feed"),
    path("meetings/<int:pk>/record/turns/<int:turn_pk>/", record.turn_edit, name="turn_edit"),
    path(
        "meetings/<int:pk>/record/turns/<int:turn_pk>/delete/",
        record.turn_delete,
        name="turn_delete",
    ),
    path(
        "meetings/<int:pk>/record/turns/<int:turn_pk>/move/",
        record.turn_move,
        name="turn_move",
    ),
    path("meetings/<int:pk>/agenda/", arrangements.meeting_agenda, name="meeting_agenda"),
    path(
        "meetings/<int:pk>/attendance/", arrangements.meeting_attendance, name="meeting_attendance"
    ),
    path("meetings/<int:pk>/record/import/", importing.minutes_import, name="minutes_import"),
    path(
        "meetings/<int:pk>/record/import/<int:import_pk>/",
        importing.minutes_import_review,
        name="minutes_import_review",
    ),
    path(
        "meetings/<int:pk>/record/minutes.docx",
        documents.minutes_record_docx,
        name="minutes_record_docx",
    ),
    path(
        "meetings/<int:pk>/record/summary.docx",
        documents.minutes_summary_docx,
        name="minutes_summary_docx",
    ),
    path(
        "meetings/<int:pk>/record/criticisms.docx",
        documents.criticisms_docx,
        name="criticisms_docx",
    ),
]
