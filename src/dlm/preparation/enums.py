from django.db import models


class MaterialKind(models.TextChoices):
    PERSONAL = "personal", "个人发言提纲"
    TEAM = "team", "班子对照检查材料"


class CopyRelation(models.TextChoices):
    """Where a copied passage came from: the four kinds the notices forbid, and the rest."""

    TEAMMATE = "teammate", "与同班子成员雷同（左右一个样）"
    SUPERIOR = "superior", "与上级班子材料雷同（上下一般粗）"
    LAST_YEAR = "last_year", "与本人往年材料雷同"
    TEMPLATE = "template", "与网上模板雷同"
    GENERATED = "generated", "与写作工具生成的文本雷同"
    OTHER = "other", "与其他单位材料雷同"


class TemplateKind(models.TextChoices):
    """What a supervisor loads into the library: a template found online, a text a writing
    tool produced for this year's theme (found like a template), or stock phrases (套话, one a
    line: counted apart, never as copying)."""

    TEMPLATE = "template", "网上模板"
    GENERATED = "generated", "写作工具生成的文本"
    STOCK = "stock", "常用套话（每行一条）"


class OpinionSource(models.TextChoices):
    FORM = "form", "征求意见表"
    FORUM = "forum", "座谈会"
    INTERVIEW = "interview", "个别访谈"
    BOX = "box", "实体意见箱（纸质）"
    ONLINE = "online", "网上匿名意见箱"
    OTHER = "other", "其他"


class TalkKind(models.TextChoices):
    """The 四必谈: the four kinds of one-on-one talk every member must have."""

    PRINCIPAL_MEMBER = "principal_member", "主要负责同志与班子成员"
    MEMBER_MEMBER = "member_member", "班子成员之间"
    UNIT_HEAD = "unit_head", "班子成员与分管单位负责人"
    BRANCH = "branch", "班子成员与所在支部党员代表"


TALK_TOPICS = [
    ("covered_team", "班子存在的问题"),
    ("covered_own", "自身存在的问题和努力方向"),
    ("covered_other", "对方的缺点和不足"),
    ("covered_criticism", "会上准备提出的批评意见"),
]


class StudyForm(models.TextChoices):
    CENTRAL_GROUP = "central_group", "中心组集中学习"
    SELF = "self", "个人自学"
    SEMINAR = "seminar", "专题研讨"


class MaterialStatus(models.TextChoices):
    DRAFTING = "drafting", "撰写中"
    SUBMITTED = "submitted", "待审阅"
    RETURNED = "returned", "已退回修改"
    APPROVED = "approved", "审阅通过"


class ReviewDecision(models.TextChoices):
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审阅通过"
