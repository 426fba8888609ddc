from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "dlm.preparation"
    label = "preparation"
    verbose_name = "会前准备"
