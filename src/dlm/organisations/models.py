"""Organisations (a tree), people, leadership teams and the roles that grant access."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from dlm.organisations.enums import TEAM_KINDS, OrganisationKind, RoleKind

PATH_STEP = 8  # digits per level in Organisation.path


class OrganisationQuerySet(models.QuerySet):
    def teams(self) -> OrganisationQuerySet:
        return self.filter(kind__in=TEAM_KINDS)

    def within(self, path: str) -> OrganisationQuerySet:
        return self.filter(path__startswith=path)


class Organisation(models.Model):
    name = models.CharField("名称", max_length=120)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类别", max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级组织",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path ("00000001.00000004.") so a supervisor's whole subtree is one
    # indexed prefix query. Set once on creation; moving a unit is not supported yet.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "组织"
        verbose_name_plural = "组织"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            path = f"{self.parent.path if self.parent_id else ''}{self.pk:0{PATH_STEP}d}."
            if path != self.path:
                self.path = path
                Organisation.objects.filter(pk=self.pk).update(path=path)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def depth(self) -> int:
        return self.path.count(".") - 1

    @property
    def has_team(self) -> bool:
        return self.kind in TEAM_KINDS

    def subtree(self) -> OrganisationQuerySet:
        return Organisation.objects.within(self.path)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split(".")[:-2] if part]

    def is_within(self, other: Organisation) -> bool:
        return self.path.startswith(other.path)


class Person(models.Model):
    name = models.CharField("姓名", max_length=50)
    organisation = models.ForeignKey(
        Organisation, verbose_name="所在单位", on_delete=models.PROTECT, related_name="people"
    )
    title = models.CharField("职务", max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["organisation__path", "name"]
        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.name


class TeamMemberQuerySet(models.QuerySet):
    def active(self) -> TeamMemberQuerySet:
        return self.filter(active=True)


class TeamMember(models.Model):
    """A seat in an organisation's leadership team (领导班子成员)."""

    team = models.ForeignKey(
        Organisation, verbose_name="班子", on_delete=models.PROTECT, related_name="team_members"
    )
    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.PROTECT, related_name="seats"
    )
    position = models.CharField("班子职务", max_length=100)
    is_principal = models.BooleanField("主要负责同志", default=False)
    areas_overseen = models.TextField("分管工作及单位", blank=True)
    own_branch = models.ForeignKey(
        Organisation,
        verbose_name="所在党支部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branch_members",
    )
    precedence = models.PositiveSmallIntegerField("排序（班子位次）", default=10)
    active = models.BooleanField("在任", default=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["team", "precedence", "id"]
        verbose_name = "班子成员"
        verbose_name_plural = "班子成员"
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="one_seat_per_person"),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(is_principal=True, active=True),
                name="one_active_principal_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.position}）"


class Role(models.Model):
    """What a user account may do for an organisation, beyond seats in a team."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dlm_roles"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.PROTECT, related_name="roles"
    )
    kind = models.CharField("角色", max_length=20, choices=RoleKind.choices)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "kind"], name="unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_kind_display()}"
