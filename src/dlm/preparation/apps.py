from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "dlm.preparation"
    label = "preparation"
    verbose_name = "会前准备"

    def ready(self) -> None:
        from dlm.campaigns.links import (
            MeetingLink,
            objects_of,
            register_history_part,
            register_meeting_link,
        )
        from dlm.campaigns.rules import can_view_meeting
        from dlm.preparation import rules
        from dlm.preparation.models import Material

        for order, label, url_name, may in [
            (10, "实施方案", "preparation:meeting_plan", can_view_meeting),
            (20, "会前准备", "preparation:meeting_preparation", rules.can_see_overview),
            (30, "材料", "preparation:meeting_materials", can_view_meeting),
            (40, "征求意见", "preparation:meeting_opinions", can_view_meeting),
            (50, "学习研讨", "preparation:meeting_study", can_view_meeting),
            (60, "谈心谈话", "preparation:meeting_talks", can_view_meeting),
            (70, "典型事例", "preparation:meeting_cases", can_view_meeting),
        ]:
            register_meeting_link(MeetingLink(label, url_name, may, order))
        register_history_part(
            lambda meeting: objects_of(Material, meeting.materials.values_list("pk", flat=True))
        )
        from django.db.models.signals import post_delete

        from dlm.preparation import copyindex
        from dlm.preparation.models import MaterialVersion, TemplateDocument

        # a deleted text leaves the copy index however it is deleted (a cascade included)
        post_delete.connect(copyindex.version_deleted, sender=MaterialVersion)
        post_delete.connect(copyindex.template_deleted, sender=TemplateDocument)
        from dlm.core.tasks import register_tasks
        from dlm.preparation import tasks

        register_tasks(tasks.review_tasks)
        register_tasks(tasks.author_tasks)
        register_tasks(tasks.office_tasks)
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
