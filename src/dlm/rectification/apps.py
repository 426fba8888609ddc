from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "dlm.rectification"
    verbose_name = "整改落实"

    def ready(self) -> None:
        from dlm.campaigns.links import (
            MeetingLink,
            objects_of,
            register_history_part,
            register_meeting_link,
        )
        from dlm.campaigns.rules import can_view_meeting
        from dlm.rectification.models import Item

        register_meeting_link(
            MeetingLink("整改台账", "rectification:meeting_ledger", can_view_meeting, 110)
        )
        register_history_part(
            lambda meeting: objects_of(Item, meeting.ledger_items.values_list("pk", flat=True))
        )
        from dlm.core.tasks import register_tasks
        from dlm.rectification import tasks

        register_tasks(tasks.responsible_tasks)
        register_tasks(tasks.approval_tasks)
        register_tasks(tasks.extension_tasks)
        register_tasks(tasks.office_tasks)
        from dlm.campaigns.domain import on_meeting_created
        from dlm.organisations.leaving import on_leaving
        from dlm.preparation.domain import SKELETON_PREVIOUS
        from dlm.rectification.domain import carry_over, skeleton_lines, waiting_on

        on_meeting_created(carry_over)
        on_leaving(waiting_on)
        if skeleton_lines not in SKELETON_PREVIOUS:
            SKELETON_PREVIOUS.append(skeleton_lines)
