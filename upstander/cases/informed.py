"""Staff kept informed: the DSL names a member of staff (a form tutor, a head of year) to be kept
informed about a case. They see only the updates the DSL writes for them (`SharedUpdate`), on a
minimal page, never the case, its reports, people or chronology. Each change is on the chronology
and the audit trail; removing someone ends their access at once.

Their notifications and emails say that there is an update and where to read it, never what it says.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Membership, User
from upstander.audit.models import AuditAction
from upstander.cases import services
from upstander.cases.models import Case, CaseWatcher, EntryKind, Notification, SharedUpdate
from upstander.cases.services import CaseError


def staff_who_can_be_informed(*, case: Case) -> QuerySet[User]:
    """Active members of the case's organisation, whatever their role, not kept informed already."""
    members = Membership.objects.filter(organisation_id=case.organisation_id, is_active=True).values("user_id")
    current = CaseWatcher.objects.filter(case=case, removed_at__isnull=True).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).exclude(pk__in=current).order_by("full_name", "email")


def current_watchers(*, case: Case) -> QuerySet[CaseWatcher]:
    return CaseWatcher.objects.filter(case=case, removed_at__isnull=True).select_related("user", "added_by")


def is_kept_informed(*, case: Case, user_id: int) -> bool:
    return CaseWatcher.objects.filter(case=case, user_id=user_id, removed_at__isnull=True).exists()


def shared_updates(*, case: Case) -> QuerySet[SharedUpdate]:
    return SharedUpdate.objects.filter(case=case).select_related("author")


def _updates_url(case: Case) -> str:
    return reverse("cases:shared", args=[case.pk])


def _tell(*, users: list[User], case: Case, message: str, subject: str, body: str) -> None:
    """An in-app notification linking to the shared updates page, and an email with the link only."""
    Notification.objects.bulk_create(
        [Notification(user=user, case=case, message=message[:200], url=_updates_url(case)) for user in users]
    )
    recipients = [user.email for user in users if user.email]
    if recipients:
        link = settings.SITE_URL + _updates_url(case)
        text = f"{body}\n\nRead it in Upstander: {link}\n\nFor privacy, this email does not contain the details.\n"
        transaction.on_commit(lambda: send_mail(subject, text, None, recipients, fail_silently=True))


@transaction.atomic
def case_watcher_add(*, case: Case, user: User, why: str, by: User, request: HttpRequest | None) -> CaseWatcher:
    why = services._require(why, "Say why they are kept informed, for example 'form tutor'.")[:200]
    if not staff_who_can_be_informed(case=case).filter(pk=user.pk).exists():
        raise CaseError("Choose a member of staff of your organisation who is not kept informed already.")
    watcher = CaseWatcher.objects.create(case=case, user=user, why=why, added_by=by)
    services._entry(
        case=case,
        kind=EntryKind.PEOPLE,
        text=f"{user.full_name} ({why}) is kept informed: they see only the updates shared with them.",
        by=by,
        detail={"watcher": watcher.pk},
    )
    services._audit(case=case, by=by, request=request, kept_informed_added=user.pk)
    organisation = case.organisation.name
    _tell(
        users=[user],
        case=case,
        message=f"The safeguarding lead asked that you be kept informed about case {case.number} ({why})",
        subject=f"You are kept informed about a case at {organisation}",
        body=f"The safeguarding lead at {organisation} asked that you be kept informed about case {case.number} "
        f"({why}). You will see the updates they share with you.",
    )
    return watcher


@transaction.atomic
def case_watcher_remove(*, watcher: CaseWatcher, by: User, request: HttpRequest | None) -> CaseWatcher:
    if watcher.removed_at is not None:
        raise CaseError("They are no longer kept informed.")
    watcher.removed_at, watcher.removed_by = timezone.now(), by
    watcher.save(update_fields=["removed_at", "removed_by"])
    services._entry(
        case=watcher.case,
        kind=EntryKind.PEOPLE,
        text=f"{watcher.user.full_name} ({watcher.why}) is no longer kept informed.",
        by=by,
        detail={"watcher": watcher.pk},
    )
    services._audit(case=watcher.case, by=by, request=request, kept_informed_removed=watcher.user_id)
    return watcher


@transaction.atomic
def case_share_update(*, case: Case, text: str, by: User, request: HttpRequest | None) -> SharedUpdate:
    text = services._require(text, "Write the update to share.")
    watchers = list(current_watchers(case=case))
    if not watchers:
        raise CaseError("Nobody is kept informed about this case: add a member of staff first.")
    update = SharedUpdate.objects.create(case=case, text=text, author=by)
    names = ", ".join(w.user.full_name for w in watchers)
    services._entry(
        case=case, kind=EntryKind.SHARED, text=f"Shared with {names}: {text}", by=by, detail={"update": update.pk}
    )
    services._audit(case=case, by=by, request=request, action=AuditAction.CREATED, shared_update=update.pk)
    organisation = case.organisation.name
    _tell(
        users=[w.user for w in watchers],
        case=case,
        message=f"New update from the safeguarding lead on case {case.number}",
        subject=f"A new update on a case at {organisation}",
        body=f"The safeguarding lead at {organisation} shared a new update on case {case.number} with you.",
    )
    return update
