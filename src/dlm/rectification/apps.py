from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "dlm.rectification"
    verbose_name = "整改落实"

    def ready(self) -> None:
        from dlm.campaigns.domain import on_meeting_created
        from dlm.preparation.domain import SKELETON_PREVIOUS
        from dlm.rectification.domain import carry_over, skeleton_lines

        on_meeting_created(carry_over)
        if skeleton_lines not in SKELETON_PREVIOUS:
            SKELETON_PREVIOUS.append(skeleton_lines)
