from django.urls import path

from dlm.preparation import views

app_name = "preparation"

urlpatterns = [
    path("meetings/<int:pk>/materials/", views.meeting_materials, name="meeting_materials"),
    path("materials/<int:pk>/", views.material_detail, name="material_detail"),
    path("materials/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("materials/<int:pk>/compare/<int:doc>/", views.material_compare, name="material_compare"),
    path("templates/", views.template_list, name="template_list"),
]
