"""Writes for takedown: open a removal request, send it, record what came back, escalate it, and make
a case's signed referral pack. Each is one transaction, keyword-only, audited, and leaves its step on
the case's chronology. The guard rails are enforced HERE, so no URL, form or API call can pass them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import facts as cases_facts
from upstander.cases import selectors as case_selectors
from upstander.cases.models import Case, CaseEntry, DutyDecision, EntryKind, PartyRole, Referral
from upstander.cases.services import CaseError
from upstander.evidence.models import EvidenceItem
from upstander.takedown import drafts, rules
from upstander.takedown.directory import seed_rows
from upstander.takedown.models import (
    DUTY_ROUTES,
    OUTCOMES,
    EventKind,
    MadeBy,
    PlatformProfile,
    RemovalRequest,
    RequestEvent,
    Route,
    Status,
)


class TakedownError(CaseError):
    """A takedown change that cannot be made, with a message saying what to do instead."""


def _entry(
    *, case: Case, text: str, by: User | None, removal: RemovalRequest | None = None, kind: str = EntryKind.ACTION,
    reason: str = "", happened_at: datetime | None = None, extra: dict[str, Any] | None = None,
) -> CaseEntry:  # fmt: skip
    detail: dict[str, Any] = {"removal_request": removal.pk} if removal else {}
    detail.update(extra or {})
    return CaseEntry.objects.create(
        case=case, kind=kind, text=text, author=by, author_label=by.email if by else "Upstander", reason=reason,
        detail=detail, happened_at=happened_at,
    )  # fmt: skip


def _audit(
    *, removal: RemovalRequest, by: User | None, request: HttpRequest | None, action: str, **detail: Any
) -> None:
    audit_record(
        action=action, actor=by, actor_label="" if by else "Upstander", organisation_id=removal.organisation_id,
        obj=removal, request=request, detail=detail,
    )  # fmt: skip


def profile_for(slug: str) -> PlatformProfile | None:
    """The installation's profile of a platform; for a slug with no row yet (added to platforms.py after
    the seed migration ran), an unsaved profile made from the seed data, so drafts never lose the rules."""
    if not slug:
        return None
    found = PlatformProfile.objects.filter(slug=slug).first()
    if found is None:
        row = next((r for r in seed_rows() if r["slug"] == slug), None)
        found = PlatformProfile(**row) if row else None
    return found


def guard(*, case: Case, route: str) -> None:
    """Refuse a platform, poster, network, helpline or Report Harmful Content request on a case that
    involves an under-18's sexual image, grooming or an adult's sexual contact."""
    if route in rules.BLOCKED_ROUTES:
        why = rules.blocked_because(cases_facts.case_facts(case=case))
        if why:
            raise TakedownError(why)


def _target_age(case: Case) -> int | None:
    ages = [
        cases_facts.facts_person(p).age for p in case.parties.filter(role=PartyRole.TARGET).select_related("person")
    ]
    return next((age for age in ages if age is not None), None)


def _history(removal: RemovalRequest) -> str:
    lines = []
    chain: list[RemovalRequest] = []
    current: RemovalRequest | None = removal
    while current is not None:
        chain.insert(0, current)
        current = current.escalated_from
    for step in chain:
        when = f"{timezone.localtime(step.requested_at):%d %b %Y}" if step.requested_at else "not sent"
        lines.append(f"- {step.get_route_display()} ({when}): {step.get_status_display()}"
                     + (f", reference {step.reference}" if step.reference else "")
                     + (f". Reason given: {step.outcome_reason}" if step.outcome_reason else ""))  # fmt: skip
        for event in step.events.all():
            if event.kind in (EventKind.REPLY, EventKind.CHECK):
                lines.append(f"  {timezone.localtime(event.at):%d %b %Y}: {event.get_kind_display()}: {event.text}")
    return "\n".join(lines)


def _last_reply(removal: RemovalRequest | None) -> str:
    while removal is not None:
        reply = removal.events.filter(kind=EventKind.REPLY).order_by("-at", "-pk").first()
        if reply is not None:
            return reply.text or f"(attached as evidence item {reply.evidence_item_id})"
        removal = removal.escalated_from
    return ""


def draft_for(removal: RemovalRequest) -> drafts.Draft:
    """The text to copy for this request (made fresh from what is recorded now)."""
    case = removal.case
    org = case.organisation.name
    profile = profile_for(removal.platform)
    platform_name = profile.name if profile else (removal.platform or "the platform")
    attach = (f"evidence item {removal.evidence_item_id} (screenshot)",) if removal.evidence_item_id else ()
    source = removal.escalated_from
    if removal.route == Route.PLATFORM:
        section = (profile.terms_by_harm or {}).get(removal.harm, "") if profile else ""
        return drafts.platform_report(
            platform=platform_name, rules_document=profile.rules_document if profile else "", section=section,
            url=removal.url, username=removal.username, content=removal.content, harm=removal.harm,
            age=_target_age(case), made_by=removal.made_by, organisation=org, attach=attach,
            asks_for=profile.asks_for if profile else "URL, username, screenshot",
        )  # fmt: skip
    if removal.route == Route.POSTER:
        return drafts.poster_letter(poster_kind=removal.poster_kind, url=removal.url, content=removal.content,
                                    organisation=org)  # fmt: skip
    reported_on = ""
    reference = ""
    if source is not None:
        reported_on = f"{timezone.localtime(source.requested_at):%d %B %Y}" if source.requested_at else ""
        reference = source.reference
    if removal.route == Route.RHC:
        return drafts.rhc_pack(
            platform=platform_name, url=removal.url, username=removal.username, content=removal.content,
            harm=removal.harm, reported_on=reported_on, reference=reference, platform_reply=_last_reply(source),
            attach=attach,
        )  # fmt: skip
    if removal.route == Route.HELPLINE:
        return drafts.helpline_note(platform=platform_name, url=removal.url, reported_on=reported_on,
                                    reference=reference, history=_history(source) if source else "")  # fmt: skip
    if removal.route == Route.MOBILE:
        return drafts.mobile_note(content=removal.content, history=_history(source) if source else "")
    return drafts.Draft(title="Police", body=f"Tell the police: {removal.content}\n\n{_history(removal)}".strip())


@transaction.atomic
def takedown_open(
    *,
    case: Case,
    route: str,
    by: User,
    request: HttpRequest | None,
    platform: str = "",
    evidence_item: EvidenceItem | None = None,
    url: str = "",
    username: str = "",
    content: str = "",
    harm: str = "",
    made_by: str = MadeBy.ORGANISATION,
    poster_kind: str = "",
    decision: DutyDecision | None = None,
    escalated_from: RemovalRequest | None = None,
) -> RemovalRequest:
    """A removal request for one piece of content, by one route, as a draft to send."""
    if route not in Route.values:
        raise TakedownError(f"Choose a route: {', '.join(Route.labels)}.")
    if made_by not in MadeBy.values:
        raise TakedownError("Say who makes the request: the organisation, or the target supported by staff.")
    guard(case=case, route=route)
    if route == Route.HELPLINE and any(f.adult_only for f in cases_facts.case_facts(case=case)):
        raise TakedownError(
            "The Professionals Online Safety Helpline is for the children's workforce, not adult-only services: "
            "use Report Harmful Content after the platform has answered (or a week without an answer)."
        )
    if evidence_item is not None:
        if not case_selectors.case_evidence(case=case).filter(pk=evidence_item.pk).exists():
            raise TakedownError("That evidence item is not part of this case.")
        if evidence_item.sealed:
            raise TakedownError("That evidence item is sealed: it is never sent to anyone by us (police first).")
        url = url or evidence_item.url
        username = username or ", ".join(evidence_item.handle_list)
        platform = platform or evidence_item.platform
    if route in (Route.PLATFORM, Route.RHC, Route.HELPLINE):
        platform = platform or case.platform
    if route == Route.PLATFORM and not platform:
        raise TakedownError("Choose the platform the content is on.")
    if not (evidence_item or url.strip() or content.strip()):
        raise TakedownError("Say which content: choose an evidence item, or give its URL or describe it.")
    if not harm:
        harm = next(iter(case.category_list), "")
    removal = RemovalRequest.objects.create(
        organisation_id=case.organisation_id, case=case, route=route, platform=platform, evidence_item=evidence_item,
        url=url.strip(), username=username.strip(), content=content.strip(), harm=harm, made_by=made_by,
        poster_kind=poster_kind, decision=decision, escalated_from=escalated_from, created_by=by,
    )  # fmt: skip
    removal.draft = draft_for(removal).body
    removal.save(update_fields=["draft"])
    via = (
        f" after {escalated_from.get_route_display().lower()} ({escalated_from.get_status_display().lower()})"
        if escalated_from
        else ""
    )
    _entry(case=case, removal=removal, by=by,
           text=f"Removal request opened: {removal.get_route_display()}{via}, for {removal.target_label}.")  # fmt: skip
    _audit(removal=removal, by=by, request=request, action=AuditAction.CREATED, route=route)
    return removal


def _changeable(removal: RemovalRequest) -> None:
    if removal.status in OUTCOMES:
        raise TakedownError(
            f"This request is closed ({removal.get_status_display().lower()}): open a new one if needed."
        )


@transaction.atomic
def takedown_mark_sent(
    *, removal: RemovalRequest, by: User, request: HttpRequest | None, text: str = "", sent_at: datetime | None = None
) -> RemovalRequest:
    """The request was sent (by us or by the target with our support): the text sent goes on the chronology
    and the clock starts."""
    if removal.status != Status.DRAFT:
        raise TakedownError("This request was already sent.")
    guard(case=removal.case, route=removal.route)  # the facts may have changed since it was opened
    now = timezone.now()
    sent_at = sent_at or now
    if sent_at > now:
        raise TakedownError("It cannot have been sent in the future: check the date and time.")
    profile = profile_for(removal.platform)
    removal.draft = (text or removal.draft).strip()
    removal.status = Status.SENT
    removal.requested_at = sent_at
    removal.due_at = rules.due_at(route=removal.route, sent_at=sent_at,
                                  response_hours=profile.response_hours if profile else None)  # fmt: skip
    removal.save(update_fields=["draft", "status", "requested_at", "due_at"])
    RequestEvent.objects.create(request=removal, kind=EventKind.SENT, text=removal.draft, by=by, at=sent_at)
    _entry(case=removal.case, removal=removal, by=by, happened_at=sent_at if sent_at < now else None,
           text=f"{removal.get_route_display()}: request sent ({removal.get_made_by_display().lower()}). "
                f"Answer due {timezone.localtime(removal.due_at):%d %b %Y %H:%M}.\n\n{removal.draft}")  # fmt: skip
    _audit(removal=removal, by=by, request=request, action=AuditAction.CHANGED, sent=True)
    return removal


@transaction.atomic
def takedown_record_reference(
    *, removal: RemovalRequest, reference: str, by: User, request: HttpRequest | None
) -> RemovalRequest:
    reference = reference.strip()
    if not reference:
        raise TakedownError("Write the reference the platform gave.")
    removal.reference = reference[:120]
    removal.save(update_fields=["reference"])
    RequestEvent.objects.create(request=removal, kind=EventKind.REFERENCE, text=removal.reference, by=by)
    _entry(case=removal.case, removal=removal, by=by,
           text=f"{removal.get_route_display()}: reference {removal.reference} recorded.")  # fmt: skip
    _audit(removal=removal, by=by, request=request, action=AuditAction.CHANGED, reference=True)
    return removal


@transaction.atomic
def takedown_record_reply(
    *,
    removal: RemovalRequest,
    text: str,
    by: User,
    request: HttpRequest | None,
    evidence_item: EvidenceItem | None = None,
) -> RequestEvent:
    """A reply received: pasted, or attached as an evidence item of the case."""
    if (
        evidence_item is not None
        and not case_selectors.case_evidence(case=removal.case).filter(pk=evidence_item.pk).exists()
    ):
        raise TakedownError("That evidence item is not part of this case.")
    if not text.strip() and evidence_item is None:
        raise TakedownError("Paste the reply, or choose the evidence item it was saved as.")
    event = RequestEvent.objects.create(request=removal, kind=EventKind.REPLY, text=text.strip(),
                                        evidence_item=evidence_item, by=by)  # fmt: skip
    body = text.strip() or f"Saved as evidence item {evidence_item.pk if evidence_item else ''}."
    _entry(case=removal.case, removal=removal, by=by, text=f"{removal.get_route_display()}: reply received.\n\n{body}")
    _audit(removal=removal, by=by, request=request, action=AuditAction.CHANGED, reply=event.pk)
    return event


@transaction.atomic
def takedown_record_check(
    *, removal: RemovalRequest, still_live: bool, note: str, by: User, request: HttpRequest | None
) -> RequestEvent:
    """A person looked: is the content still live? (Upstander never fetches the URL.)"""
    text = note.strip() or ("Still live." if still_live else "No longer live.")
    event = RequestEvent.objects.create(request=removal, kind=EventKind.CHECK, still_live=still_live, text=text, by=by)
    _entry(case=removal.case, removal=removal, by=by,
           text=f"Checked {removal.target_label}: {'still live' if still_live else 'no longer live'}. {note.strip()}".strip())  # fmt: skip
    _audit(removal=removal, by=by, request=request, action=AuditAction.CHANGED, check=still_live)
    return event


@transaction.atomic
def takedown_record_outcome(
    *, removal: RemovalRequest, status: str, reason: str, by: User, request: HttpRequest | None
) -> RemovalRequest:
    """Removed, restricted, refused (with the platform's reason), no response, or withdrawn."""
    if status not in [s.value for s in OUTCOMES]:
        raise TakedownError("Choose an outcome: removed, restricted, refused, no response or withdrawn.")
    _changeable(removal)
    reason = reason.strip()
    if status == Status.REFUSED and not reason:
        raise TakedownError("Write the reason the platform (or poster) gave for refusing.")
    if status == Status.WITHDRAWN and not reason:
        raise TakedownError("Say why the request is withdrawn.")
    if status != Status.WITHDRAWN and removal.status == Status.DRAFT:
        raise TakedownError("Mark the request as sent first.")
    removal.status = status
    removal.outcome_reason = reason
    removal.outcome_at = timezone.now()
    removal.save(update_fields=["status", "outcome_reason", "outcome_at"])
    RequestEvent.objects.create(request=removal, kind=EventKind.OUTCOME, text=reason, by=by, detail={"status": status})
    _entry(case=removal.case, removal=removal, by=by, kind=EntryKind.ACTION, reason=reason,
           text=f"{removal.get_route_display()}: {removal.get_status_display().lower()}"
                f"{f' ({reason})' if reason else ''}.")  # fmt: skip
    _audit(removal=removal, by=by, request=request, action=AuditAction.CHANGED, outcome=status)
    return removal


def next_step(removal: RemovalRequest, *, now: datetime | None = None) -> str:
    """The escalation route open now for this request ('' for none)."""
    if removal.escalations.exists():
        return ""
    facts = cases_facts.case_facts(case=removal.case)
    children = not any(f.adult_only for f in facts)
    return rules.next_route(route=removal.route, status=removal.status, sent_at=removal.requested_at,
                            now=now or timezone.now(), children_workforce=children)  # fmt: skip


@transaction.atomic
def takedown_escalate(*, removal: RemovalRequest, by: User, request: HttpRequest | None) -> RemovalRequest:
    """The one-click next step: open the escalation request with this request's history attached."""
    route = next_step(removal)
    if not route:
        raise TakedownError("No escalation is open yet: wait for the answer, or record the outcome first.")
    if removal.status == Status.SENT:
        # Stalled: the wait is over, so it is recorded as no response (a later answer can be a reply).
        removal.status = Status.NO_RESPONSE
        removal.outcome_at = timezone.now()
        removal.save(update_fields=["status", "outcome_at"])
        RequestEvent.objects.create(
            request=removal, kind=EventKind.OUTCOME, by=by, detail={"status": Status.NO_RESPONSE}
        )
    return takedown_open(
        case=removal.case, route=route, by=by, request=request, platform=removal.platform,
        evidence_item=removal.evidence_item, url=removal.url, username=removal.username, content=removal.content,
        harm=removal.harm, made_by=removal.made_by, escalated_from=removal,
    )  # fmt: skip


def open_for_duty(*, decision: DutyDecision, by: User, request: HttpRequest | None) -> RemovalRequest:
    """Accepting a takedown duty opens its request (a draft), from the case's own facts and evidence."""
    case = decision.case
    route = DUTY_ROUTES[decision.duty]
    item = case_selectors.case_evidence(case=case).filter(sealed=False).exclude(url="").first()
    content = case.summary or "content about a person we support"
    source = None
    if route in (Route.RHC, Route.HELPLINE):
        source = case.removal_requests.filter(route=Route.PLATFORM).order_by("-created_at", "-pk").first()
    return takedown_open(
        case=case, route=route, by=by, request=request, evidence_item=item, content=content, decision=decision,
        escalated_from=source,
    )  # fmt: skip


__all__ = [
    "Referral",
    "TakedownError",
    "draft_for",
    "guard",
    "next_step",
    "open_for_duty",
    "takedown_escalate",
    "takedown_mark_sent",
    "takedown_open",
    "takedown_record_check",
    "takedown_record_outcome",
    "takedown_record_reference",
    "takedown_record_reply",
]
