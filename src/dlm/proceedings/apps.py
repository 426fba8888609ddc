from django.apps import AppConfig


class ProceedingsConfig(AppConfig):
    name = "dlm.proceedings"
    verbose_name = "会议召开"

    def ready(self) -> None:
        from dlm.campaigns.links import MeetingLink, register_meeting_link
        from dlm.campaigns.rules import can_view_meeting

        register_meeting_link(
            MeetingLink("会议记录", "proceedings:meeting_record", can_view_meeting, 90)
        )
        from dlm.campaigns.process import register_step_check
        from dlm.proceedings.attendance import check_quorum_for_holding

        register_step_check("hold", check_quorum_for_holding)
