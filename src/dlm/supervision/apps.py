from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "dlm.supervision"
    verbose_name = "督导"
