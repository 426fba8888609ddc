from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "dlm.campaigns"
    label = "campaigns"
    verbose_name = "通知与会议"
