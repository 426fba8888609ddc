from django.urls import path

from dlm.supervision import views, views_urging

app_name = "supervision"

urlpatterns = [
    path("campaigns/<int:pk>/overview/", views.campaign_overview, name="campaign_overview"),
    path(
        "campaigns/<int:pk>/overview.xlsx",
        views.campaign_overview_xlsx,
        name="campaign_overview_xlsx",
    ),
    path(
        "campaigns/<int:pk>/overview/report.docx",
        views.combined_report_docx,
        name="combined_report_docx",
    ),
    path("campaigns/<int:pk>/copies/", views.campaign_copies, name="campaign_copies"),
    path("meetings/<int:pk>/urgings/", views_urging.meeting_urgings, name="meeting_urgings"),
    path(
        "meetings/<int:pk>/urgings/<int:urging_pk>/answer/",
        views_urging.urging_answer,
        name="urging_answer",
    ),
    path(
        "meetings/<int:pk>/urgings/<int:urging_pk>.docx",
        views_urging.urging_docx,
        name="urging_docx",
    ),
]
