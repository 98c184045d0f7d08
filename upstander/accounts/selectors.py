"""Reading accounts data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from upstander.accounts.actor import Context
from upstander.accounts.models import Invitation, Membership, Organisation, User
from upstander.accounts.permissions import can_reset_second_factor, requires_two_factor


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


def account_scope(*, user: User) -> dict[str, list[int] | list[str]]:
    """The organisations and authorities an account belongs to now, for audit rows and permission checks."""
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("organisation", "authority")
    organisations = {m.organisation.pk: m.organisation.name for m in memberships if m.organisation is not None}
    authorities = {m.authority.pk: m.authority.name for m in memberships if m.authority is not None}
    return {
        "organisation_ids": sorted(organisations),
        "organisations": sorted(organisations.values()),
        "authority_ids": sorted(authorities),
        "authorities": sorted(authorities.values()),
    }


def administered_organisation_ids(*, user: User) -> frozenset[int]:
    return frozenset(
        Membership.objects.filter(user=user, role="org_admin", is_active=True, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )


def open_invitations(*, user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        user=user, accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation", "invited_by")


def organisation_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations still waiting for their owner's answer."""
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("user")


def second_factors_resettable_by(*, admin: User, user_ids: list[int]) -> set[int]:
    """Which of these accounts `admin` may reset the second factor of (one query for the lot)."""
    administers = administered_organisation_ids(user=admin)
    organisations: dict[int, set[int]] = defaultdict(set)
    authorities: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(user_id__in=user_ids, is_active=True).values_list(
        "user_id", "organisation_id", "authority_id"
    )
    for user_id, organisation_id, authority_id in rows:
        if organisation_id is not None:
            organisations[user_id].add(organisation_id)
        if authority_id is not None:
            authorities[user_id].add(authority_id)
    staff = set(User.objects.filter(pk__in=user_ids).filter(is_staff=True).values_list("pk", flat=True))
    staff |= set(User.objects.filter(pk__in=user_ids, is_superuser=True).values_list("pk", flat=True))
    return {
        user_id
        for user_id in user_ids
        if can_reset_second_factor(
            by_installation_admin=admin.is_superuser,
            administers=administers,
            account_organisations=frozenset(organisations[user_id]),
            account_authorities=frozenset(authorities[user_id]),
            account_is_installation_staff=user_id in staff,
        )
    }
