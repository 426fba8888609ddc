from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "dlm.organisations"
    label = "organisations"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from dlm.core.access import use_access
        from dlm.organisations.rules import access_for

        use_access(access_for)
