from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "dlm.reminders"
    verbose_name = "提醒"

    def ready(self) -> None:
        from dlm.campaigns.domain import on_meeting_created, on_step_taken
        from dlm.organisations.accounts import on_account_closed
        from dlm.preparation.domain import REVIEWED
        from dlm.rectification.actions import on_action_taken
        from dlm.rectification.domain import ITEM_REASSIGNED
        from dlm.reminders.calendar import end_calendar
        from dlm.reminders.notify import (
            tell_about_item,
            tell_about_step,
            tell_about_urging,
            tell_new_meeting,
            tell_reassigned,
            tell_reviewed,
        )
        from dlm.supervision.urging import URGING_EVENTS

        on_step_taken(tell_about_step)
        on_meeting_created(tell_new_meeting)
        if tell_reassigned not in ITEM_REASSIGNED:
            ITEM_REASSIGNED.append(tell_reassigned)
        on_action_taken(tell_about_item)
        on_account_closed(end_calendar)
        if tell_reviewed not in REVIEWED:
            REVIEWED.append(tell_reviewed)
        if tell_about_urging not in URGING_EVENTS:
            URGING_EVENTS.append(tell_about_urging)
