"""What takedown adds to the cases app, registered by TakedownConfig.ready() (cases.hooks): cases
never imports takedown. An accepted takedown duty opens a removal request; removal requests give
the escalation rules facts, count as open work on a case, and appear in the daily digest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from upstander.cases import hooks
from upstander.cases.models import Case, DutyDecision
from upstander.takedown import selectors, services
from upstander.takedown.models import DUTY_ROUTES, OPEN_STATUSES, RemovalRequest, RequestEvent


def _guard(*, case: Case, duty: str) -> None:
    services.guard(case=case, route=DUTY_ROUTES[duty])


def _opened(*, decision: DutyDecision) -> int | None:
    return RemovalRequest.objects.filter(decision=decision).values_list("pk", flat=True).first()


def open_work(*, case: Case) -> Iterator[tuple[str, str]]:
    for removal in RemovalRequest.objects.filter(case=case, status__in=OPEN_STATUSES):
        state = "not sent" if removal.status == "draft" else "waiting for an answer"
        yield f"removal request ({removal.get_route_display()}) {state}", "takedown"


def _digest_organisations() -> QuerySet[Any]:
    return selectors.overdue_requests().values_list("organisation_id", flat=True)


def _digest_part(*, organisation_id: int) -> hooks.DigestPart:
    count = selectors.overdue_requests(organisation_id=organisation_id).count()
    line = f"- {count} removal {'request is' if count == 1 else 'requests are'} overdue for an answer."
    return hooks.DigestPart(lines=[line] if count else [])


def register_with_cases() -> None:
    work = hooks.DutyWork(
        guard=_guard, open=services.open_for_duty, opened=_opened, note="Removal request opened to draft and track."
    )
    for duty in DUTY_ROUTES:
        hooks.register_duty_work(duty, work)
    hooks.register_removal_facts(selectors.facts_from_requests)
    hooks.register_open_work("takedown", open_work)
    hooks.register_digest_part("takedown", organisations=_digest_organisations, part=_digest_part)
    # What the requests say about the content and the poster goes with the case's own texts at the
    # records review; the platform's ticket reference and the route stay (no one's details).
    hooks.register_case_texts(
        "takedown",
        [
            hooks.CaseTexts(RemovalRequest, "case", ("url", "username", "content", "draft", "outcome_reason")),
            hooks.CaseTexts(RequestEvent, "request__case", ("text",)),
        ],
    )
