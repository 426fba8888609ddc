from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "dlm.reporting"
    verbose_name = "报告与通报"

    def ready(self) -> None:
        from dlm.core.tasks import register_tasks
        from dlm.reporting import tasks

        register_tasks(tasks.office_tasks)
        register_tasks(tasks.superior_tasks)
