from django.urls import path

from dlm.reminders import views

app_name = "reminders"

urlpatterns = [path("reminders/read/", views.reminders_read, name="reminders_read")]
