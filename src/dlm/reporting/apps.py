from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "dlm.reporting"
    verbose_name = "报告与通报"

    def ready(self) -> None:
        from dlm.campaigns.links import MeetingLink, register_meeting_link
        from dlm.campaigns.rules import can_view_meeting

        register_meeting_link(
            MeetingLink("报告与通报", "reporting:meeting_reports", can_view_meeting, 100)
        )
        from dlm.core.tasks import register_tasks
        from dlm.reporting import tasks

        register_tasks(tasks.office_tasks)
        register_tasks(tasks.superior_tasks)
