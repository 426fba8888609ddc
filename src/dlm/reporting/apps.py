from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "dlm.reporting"
    verbose_name = "报告与通报"
