"""Reading accounts data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from upstander.accounts.actor import Context
from upstander.accounts.models import Membership, Organisation, User
from upstander.accounts.permissions import requires_two_factor


def user_contexts(*, user: User) -> tuple[Context, ...]:
    """Every organisation or authority the user can act in, with their roles there."""
    roles: dict[tuple[str, int], set[str]] = defaultdict(set)
    names: dict[tuple[str, int], str] = {}
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("organisation", "authority")
    for membership in memberships:
        if membership.organisation is not None:
            key = ("org", membership.organisation.pk)
            names[key] = membership.organisation.name
        elif membership.authority is not None:
            key = ("authority", membership.authority.pk)
            names[key] = membership.authority.name
        else:  # pragma: no cover - forbidden by a check constraint
            continue
        roles[key].add(membership.role)
    contexts = [Context(kind=k[0], id=k[1], name=names[k], roles=frozenset(v)) for k, v in roles.items()]
    contexts.sort(key=lambda c: (c.kind != "org", c.name))
    return tuple(contexts)


def user_needs_two_factor(*, user: User) -> bool:
    if user.is_superuser or user.is_staff:
        return True
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("organisation")
    for membership in memberships:
        staff_2fa = membership.organisation.require_2fa_for_staff if membership.organisation else False
        if requires_two_factor(roles={membership.role}, staff_2fa_required=staff_2fa):
            return True
    return False


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name", "role")
    )
