from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "dlm.preparation"
    label = "preparation"
    verbose_name = "会前准备"

    def ready(self) -> None:
        from dlm.core.tasks import register_tasks
        from dlm.preparation import tasks

        register_tasks(tasks.review_tasks)
        register_tasks(tasks.author_tasks)
        from dlm.campaigns.process import (
            register_step_check,
            register_step_effect,
            register_step_note,
        )
        from dlm.organisations.leaving import on_leaving
        from dlm.preparation import domain, plans

        on_leaving(domain.waiting_on)

        for step in ("submit_plan", "approve_plan_offline"):
            register_step_check(step, plans.check_plan_saved)
        register_step_effect("submit_plan", plans.record_submitted_version)
        for step in ("approve_plan", "approve_plan_offline"):
            register_step_effect(step, plans.record_approved_version)
        for step in ("submit_plan", "approve_plan", "return_plan", "approve_plan_offline"):
            register_step_note(step, plans.date_mismatch)
            register_step_note(step, plans.note_changes_since_approval)
