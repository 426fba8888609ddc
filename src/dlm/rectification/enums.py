from django.db import models


class ItemKind(models.TextChoices):
    IMMEDIATE = "immediate", "立行立改"
    DEADLINE = "deadline", "限期整改"
    LONG_TERM = "long_term", "长期坚持"


class ItemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSING = "closing", "申请销号"
    CLOSED = "closed", "已销号"
    VOID = "void", "已作废"
    CARRIED = "carried", "结转至下年度"


# Items that still count: a voided item (entered twice, entered in error) stays in the
# record with its reason but is in no total, list, document or reminder. A carried item
# counts in its own year's ledger as 结转; its work goes on in the next year's.
IN_FORCE = [ItemStatus.OPEN, ItemStatus.CLOSING, ItemStatus.CLOSED, ItemStatus.CARRIED]
UNFINISHED = [ItemStatus.OPEN, ItemStatus.CLOSING]


class SourceKind(models.TextChoices):
    MATERIAL = "material", "对照检查查摆的问题"
    OPINION = "opinion", "征求的意见建议"
    CRITICISM = "criticism", "会上批评意见"
    GUIDANCE = "guidance", "指导组点评意见"
    INSPECTION = "inspection", "巡视巡察反馈"
    CARRIED_OVER = "carried_over", "上年度未完成事项"
    OTHER = "other", "其他"
