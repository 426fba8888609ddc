from django.db import models


class OrganisationKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", "党委"
    PARTY_GROUP = "party_group", "党组"
    WORKING_COMMITTEE = "working_committee", "党工委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    DISCIPLINE_COMMISSION = "discipline_commission", "纪委"
    ORGANISATION_DEPARTMENT = "organisation_department", "组织部"


# Kinds that have a leadership team (领导班子) and so hold a 民主生活会 of their own.
# 纪委 and 组织部 appear in the tree as supervising bodies; their own meetings, when any, are
# organised under the party committee they belong to. A 党支部 holds 组织生活会, not 民主生活会,
# so it is a member's own branch here, never a receiving team.
TEAM_KINDS = frozenset(
    {
        OrganisationKind.PARTY_COMMITTEE,
        OrganisationKind.PARTY_GROUP,
        OrganisationKind.WORKING_COMMITTEE,
        OrganisationKind.GENERAL_BRANCH,
    }
)


class RoleKind(models.TextChoices):
    # 党办 / 局办公室 / 机关党委: organises the meetings of the organisation.
    OFFICE = "office", "办公室（党办）"
    # 组织部 / 纪委 / 督导组: reads the whole subtree, acts where the process gives it a step.
    SUPERVISOR = "supervisor", "上级督导（组织部/纪委/督导组）"
