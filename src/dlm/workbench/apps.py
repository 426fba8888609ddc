from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "dlm.workbench"
    label = "workbench"
    verbose_name = "工作台"
