from django.urls import path

from dlm.campaigns.views import campaigns, guides, meetings

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/issue/", campaigns.campaign_issue, name="campaign_issue"),
    path("campaigns/<int:pk>/reissue/", campaigns.campaign_reissue, name="campaign_reissue"),
    path("campaigns/<int:pk>/delete/", campaigns.campaign_delete, name="campaign_delete"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/history/", meetings.meeting_history, name="meeting_history"),
    path("meetings/<int:pk>/guides/", guides.meeting_guides, name="meeting_guides"),
    path(
        "meetings/<int:pk>/guides/<int:guide_pk>/remove/",
        guides.meeting_guide_remove,
        name="meeting_guide_remove",
    ),
    path("meetings/<int:pk>/steps/<slug:step>/", meetings.meeting_step, name="meeting_step"),
    path("meetings/<int:pk>/later/", meetings.meeting_allow_later, name="meeting_allow_later"),
    path(
        "meetings/<int:pk>/offline-approvals/<int:approval_pk>/scan/",
        meetings.offline_scan,
        name="offline_scan",
    ),
]
