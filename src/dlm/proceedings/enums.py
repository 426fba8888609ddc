from django.db import models


class AgendaKind(models.TextChoices):
    OPENING = "opening", "主持人宣布开会"
    REPORT = "report", "通报上年度整改和本次征求意见情况"
    TEAM_MATERIAL = "team_material", "代表班子作对照检查"
    MEMBER = "member", "个人对照检查、相互批评、表态"
    GUIDANCE = "guidance", "指导组点评"
    SUMMARY = "summary", "主要负责同志总结讲话"
    OTHER = "other", "其他"


class Presence(models.TextChoices):
    PRESENT = "present", "出席"
    ABSENT = "absent", "缺席"
    ATTENDING = "attending", "列席"
    GUIDING = "guiding", "指导"


class TurnKind(models.TextChoices):
    # Values are the roles `dlm analyse` gives the turns of a minutes file, so an imported
    # record and a live one have the same structure.
    HOST = "host", "主持"
    REPORT = "report", "通报"
    TEAM_MATERIAL = "team_material", "班子对照检查"
    SELF_CRITICISM = "self_criticism", "自我批评"
    CRITICISM = "criticism", "批评"
    RESPONSE = "response", "表态"
    GUIDANCE = "guidance", "点评"
    SUMMARY = "summary", "总结"
    OTHER = "other", "其他"


class TurnSource(models.TextChoices):
    LIVE = "live", "会上记录"
    IMPORT = "import", "导入"
