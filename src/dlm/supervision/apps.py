from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "dlm.supervision"
    verbose_name = "督导"

    def ready(self) -> None:
        from dlm.campaigns.links import MeetingLink, register_meeting_link
        from dlm.core.tasks import register_tasks
        from dlm.supervision import rules, tasks

        register_tasks(tasks.office_tasks)
        from dlm.core.jobs import register_job
        from dlm.supervision import combined

        register_job("combined_report", "综合报告", combined.build)
        register_meeting_link(
            MeetingLink("督办", "supervision:meeting_urgings", rules.can_read, 120)
        )
