from django.urls import path

from dlm.organisations import views, views_accounts

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/children/new/", views.suborganisation_create, name="suborganisation_create"),
    path("<int:pk>/members/new/", views.member_create, name="member_create"),
    path("<int:pk>/members/<int:member_pk>/edit/", views.member_edit, name="member_edit"),
    path("<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("<int:pk>/accounts/", views_accounts.organisation_accounts, name="organisation_accounts"),
    path(
        "<int:pk>/accounts/<int:person_pk>/<slug:action>/",
        views_accounts.person_account_action,
        name="person_account_action",
    ),
    path(
        "<int:pk>/roles/<int:role_pk>/withdraw/",
        views_accounts.role_withdraw,
        name="role_withdraw",
    ),
]
