from django.urls import path

from dlm.reporting import views

app_name = "reporting"

urlpatterns = [
    path("meetings/<int:pk>/reports/", views.meeting_reports, name="meeting_reports"),
    path("meetings/<int:pk>/reports/<slug:kind>/", views.draft_edit, name="draft_edit"),
    path(
        "meetings/<int:pk>/reports/<slug:kind>/redraft/",
        views.draft_redraft,
        name="draft_redraft",
    ),
    path("meetings/<int:pk>/reports/<slug:kind>/docx/", views.draft_docx, name="draft_docx"),
    path("meetings/<int:pk>/package/send/", views.package_send, name="package_send"),
    path(
        "meetings/<int:pk>/package/<int:package_pk>/answer/",
        views.package_answer,
        name="package_answer",
    ),
    path("meetings/<int:pk>/package/<int:package_pk>/zip/", views.package_zip, name="package_zip"),
]
