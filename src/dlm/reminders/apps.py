from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "dlm.reminders"
    verbose_name = "提醒"
