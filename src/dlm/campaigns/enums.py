"""Campaign kinds, meeting states, who takes a step, and the quorum.

The steps that move a meeting between the states are in ``dlm.campaigns.process.STEPS``.
"""

from __future__ import annotations

import math
from fractions import Fraction

from django.db import models


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", "年度民主生活会"
    SPECIAL = "special", "专题民主生活会"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已下发"


class MeetingState(models.TextChoices):
    PLANNING = "planning", "制定方案"
    PLAN_SUBMITTED = "plan_submitted", "方案待审定"
    PREPARING = "preparing", "会前准备"
    HELD = "held", "已召开"
    REPORTED = "reported", "已报告"
    RECTIFYING = "rectifying", "整改落实"
    CLOSED = "closed", "已结束"


class Actor(models.TextChoices):
    OFFICE = "office", "办公室"
    SUPERVISOR = "supervisor", "上级"


class Quorum(models.TextChoices):
    """Share of the team's members who must attend (应到会人数) for the meeting to count."""

    HALF = "1/2", "过半数"
    TWO_THIRDS = "2/3", "三分之二以上"
    THREE_QUARTERS = "3/4", "四分之三以上"
    FOUR_FIFTHS = "4/5", "五分之四以上"
    ALL = "1/1", "全体"


def quorum_share(quorum: str) -> Fraction:
    numerator, denominator = quorum.split("/")
    return Fraction(int(numerator), int(denominator))


def quorum_needed(quorum: str, members: int) -> int:
    """How many of ``members`` must attend. 过半数 is strictly more than half; the others
    are "at least" (三分之二以上 of 9 is 6)."""
    share = quorum_share(quorum)
    if share == Fraction(1, 2):
        return members // 2 + 1
    return math.ceil(members * share)
