"""Who may see and write materials.

A member sees and writes his own outline; the principal reviews every material of his team;
the office manages them all; supervisors read their subtree. Other members' outlines stay
private to them, as the process asks ("自己动手撰写").
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dlm.organisations.rules import Access
from dlm.preparation.models import Material


def _is_author(access: Access, material: Material) -> bool:
    seat = access.seat_in(material.meeting.team)
    return seat is not None and material.author_id == seat.pk


def _is_principal(access: Access, material: Material) -> bool:
    seat = access.seat_in(material.meeting.team)
    return seat is not None and seat.is_principal


def can_view_material(access: Access, material: Material) -> bool:
    team = material.meeting.team
    return (
        access.is_office_of(team)
        or access.supervises(team)
        or access.guides(material.meeting)
        or _is_author(access, material)
        or _is_principal(access, material)
    )


def can_see_overview(access: Access, meeting) -> bool:
    """The preparation overview's counts of talks and opinions are the office's, the
    supervisors' and the guides' business."""
    return (
        access.is_office_of(meeting.team)
        or access.supervises(meeting.team)
        or access.guides(meeting)
    )


def can_write_material(access: Access, material: Material) -> bool:
    return access.is_office_of(material.meeting.team) or _is_author(access, material)


def can_review_material(access: Access, material: Material) -> bool:
    """The principal reviews the members' outlines; the guidance group sent to the meeting
    and the supervisor above may review any material, and are the ones who review the
    principal's own and the team material."""
    if access.guides(material.meeting) or access.supervises_from_above(material.meeting.team):
        return True
    seat = access.seat_in(material.meeting.team)
    return (
        seat is not None
        and seat.is_principal
        and material.author_id is not None
        and material.author_id != seat.pk
    )


def visible_materials(access: Access, meeting) -> QuerySet[Material]:
    materials = Material.objects.filter(meeting=meeting)
    team = meeting.team
    if access.is_office_of(team) or access.supervises(team) or access.guides(meeting):
        return materials
    seat = access.seat_in(team)
    if seat is None:
        return materials.none()
    if seat.is_principal:
        return materials
    return materials.filter(Q(author=seat))


def can_add_template(access: Access) -> bool:
    return bool(access.supervised_orgs)


# -- opinions ------------------------------------------------------------------------------
def visible_opinions(access: Access, meeting):
    """Team opinions go to all members; an opinion about a person to that person and the
    principal only ("原汁原味反馈"). The office, which collects them, supervisors and the
    guidance group see all."""
    from dlm.preparation.models import Opinion

    opinions = Opinion.objects.in_force().filter(meeting=meeting)  # voided ones: the office's list
    team = meeting.team
    if access.is_office_of(team) or access.supervises(team) or access.guides(meeting):
        return opinions
    seat = access.seat_in(team)
    if seat is None:
        return opinions.none()
    if seat.is_principal:
        return opinions
    return opinions.filter(Q(about__isnull=True) | Q(about=seat))
