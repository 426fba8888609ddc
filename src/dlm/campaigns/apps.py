from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "dlm.campaigns"
    label = "campaigns"
    verbose_name = "通知与会议"

    def ready(self) -> None:
        from dlm.campaigns import tasks
        from dlm.core.tasks import register_tasks

        register_tasks(tasks.office_tasks)
        register_tasks(tasks.superior_tasks)
