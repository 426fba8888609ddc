"""Who may see and do what, decided from a user's roles and seats.

Every view asks these predicates through the access helpers in ``dlm.core.access``; nothing
else in the code base inspects roles. ``Access`` is computed once per request (three queries)
and answers every question after that without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Role, TeamMember


@dataclass
class Access:
    user_id: int | None = None
    office_org_ids: frozenset[int] = frozenset()
    # Paths of the organisations whose subtree the user supervises.
    supervised_paths: tuple[str, ...] = ()
    supervised_orgs: tuple[Organisation, ...] = ()
    seats: dict[int, TeamMember] = field(default_factory=dict)  # team id -> seat
    # Meetings the user was sent to as a member of the guidance group (指导组/督导组).
    guided_meeting_ids: frozenset[int] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    # -- organisations -------------------------------------------------------------------
    def is_office_of(self, org: Organisation) -> bool:
        return org.pk in self.office_org_ids

    def supervises(self, org: Organisation) -> bool:
        """Reads ``org``: it lies in a subtree the user supervises (the root included)."""
        return any(org.path.startswith(path) for path in self.supervised_paths)

    def supervises_from_above(self, org: Organisation) -> bool:
        """May take the superior's steps for ``org``: a strict ancestor is supervised.

        The 区委组织部 reads the 区委's own meeting but does not approve its plan; that is
        the step of the 市委组织部 above it.
        """
        return any(org.path.startswith(path) and org.path != path for path in self.supervised_paths)

    def guides(self, meeting) -> bool:
        """Sent to ``meeting`` by a superior as a member of its guidance group."""
        return meeting.pk in self.guided_meeting_ids

    def seat_in(self, org: Organisation) -> TeamMember | None:
        return self.seats.get(org.pk)

    def can_view_organisation(self, org: Organisation) -> bool:
        return self.is_office_of(org) or self.supervises(org) or org.pk in self.seats

    def can_manage_team(self, org: Organisation) -> bool:
        """The unit's office keeps its team; a supervisor above staffs it (a new unit has
        no office yet)."""
        return self.is_office_of(org) or self.supervises(org)

    def can_manage_accounts(self, org: Organisation) -> bool:
        """Logins and roles of a unit: kept by the supervisors whose subtree holds it."""
        return self.supervises(org)

    def can_add_suborganisation(self, org: Organisation) -> bool:
        return self.supervises(org)

    def supervised_filter(self, prefix: str = "") -> Q:
        """A filter for the organisations in the subtrees this user supervises."""
        query = Q(**{f"{prefix}pk__in": []})
        for path in self.supervised_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query

    def organisation_filter(self, prefix: str = "") -> Q:
        """A filter for the organisations this user may see (``prefix`` for a relation)."""
        query = Q(**{f"{prefix}pk__in": [*self.office_org_ids, *self.seats]})
        for path in self.supervised_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query


def access_for(user) -> Access:
    """The user's access, memoised on the user object for the rest of the request."""
    cached = getattr(user, "_dlm_access", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        return Access()
    roles = list(Role.objects.filter(user=user).select_related("organisation"))
    seats = list(
        TeamMember.objects.active().filter(person__user=user).select_related("team", "person")
    )
    # Guidance seats live with the meetings (a higher layer); fetched by name to keep the
    # organisations app free of imports from above.
    guide_model = apps.get_model("campaigns", "MeetingGuide")
    guided = guide_model.objects.filter(person__user=user).values_list("meeting_id", flat=True)
    offices = tuple(r.organisation for r in roles if r.kind == RoleKind.OFFICE)
    supervised = tuple(r.organisation for r in roles if r.kind == RoleKind.SUPERVISOR)
    access = Access(
        user_id=user.pk,
        office_org_ids=frozenset(o.pk for o in offices),
        supervised_paths=tuple(o.path for o in supervised),
        supervised_orgs=supervised,
        seats={seat.team_id: seat for seat in seats},
        guided_meeting_ids=frozenset(guided),
    )
    user._dlm_access = access
    return access


def supervising_paths(access: Access | None = None) -> dict[str, Organisation]:
    """Every organisation that has a supervisor (组织部 staff with the supervisor role), by
    path: one query, for lists that find each team's nearest superior; kept on ``access``
    for the rest of the request when given (the home page asks several times)."""
    if access is not None:
        cached = access.__dict__.get("_supervising_paths")
        if cached is None:
            cached = access.__dict__["_supervising_paths"] = supervising_paths()
        return cached
    return {
        role.organisation.path: role.organisation
        for role in Role.objects.filter(kind=RoleKind.SUPERVISOR).select_related("organisation")
    }


def nearest_superior(team: Organisation, paths: dict[str, Organisation]) -> Organisation | None:
    """The closest organisation above ``team`` that has a supervisor: the one that approves
    its plan and receives its report. Those higher up read and may step in, but the work
    is the nearest one's."""
    above = [p for p in paths if team.path.startswith(p) and p != team.path]
    return paths[max(above, key=len)] if above else None
