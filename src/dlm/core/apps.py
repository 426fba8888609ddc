from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dlm.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from dlm.core import audit, signals  # noqa: F401 - connects the login log

        audit.collect_actions()
