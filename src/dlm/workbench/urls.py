from django.urls import path

from dlm.workbench import views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("done/", views.done, name="done"),
]
