from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "dlm.campaigns"
    label = "campaigns"
    verbose_name = "通知与会议"

    def ready(self) -> None:
        from dlm.campaigns.links import MeetingLink, register_meeting_link
        from dlm.campaigns.rules import can_view_meeting

        register_meeting_link(
            MeetingLink("指导组", "campaigns:meeting_guides", can_view_meeting, 80)
        )
        from dlm.campaigns import tasks
        from dlm.core.tasks import register_tasks

        register_tasks(tasks.office_tasks)
        register_tasks(tasks.superior_tasks)
