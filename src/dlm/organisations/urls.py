from django.urls import path

from dlm.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/children/new/", views.suborganisation_create, name="suborganisation_create"),
    path("<int:pk>/members/new/", views.member_create, name="member_create"),
    path("<int:pk>/members/<int:member_pk>/edit/", views.member_edit, name="member_edit"),
]
