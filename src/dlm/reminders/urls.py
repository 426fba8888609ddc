from django.urls import path

from dlm.reminders import views

app_name = "reminders"

urlpatterns = [
    path("reminders/", views.reminder_list, name="reminder_list"),
    path("reminders/read/", views.reminders_read, name="reminders_read"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
