"""What data protection adds to the cases app, registered by DataProtectionConfig.ready() (cases.hooks):
a case whose records were anonymised or deleted has had its records review, and does not come up for
one again (the DSL can still record a later decision from the case page)."""

from __future__ import annotations

from django.db.models import QuerySet

from upstander.cases import hooks
from upstander.cases.models import Case
from upstander.dataprotection.models import DecisionKind, DecisionState, RetentionDecision


def _not_yet_finished(cases: QuerySet[Case]) -> QuerySet[Case]:
    finished = RetentionDecision.objects.filter(
        state=DecisionState.CARRIED_OUT, kind__in=[DecisionKind.ANONYMISE, DecisionKind.DELETE]
    ).values("case_id")
    return cases.exclude(pk__in=finished)


def register_with_cases() -> None:
    hooks.register_review_filter("dataprotection", _not_yet_finished)
