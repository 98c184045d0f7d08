"""Search case work (results limited to what the searcher may open; see selectors.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import actor_of, require, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import permissions
from upstander.search import selectors

MAX_QUERY = 200


@require_GET
@require(permissions.can_view_cases)
def search_view(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    actor = actor_of(request)
    words = selectors.query_words(query)
    results = selectors.search_cases(actor=actor, query=query) if words else []
    # A result shows words from the case: a view of it, audited on each case's own trail.
    for hit in results:
        audit_record(action=AuditAction.VIEWED, actor=user_of(request), organisation_id=hit.case.organisation_id,
                     obj=hit.case, request=request, detail={"page": "search results"})  # fmt: skip
    context = {
        "query": query,
        "searched": bool(query),
        "usable": bool(words),
        "results": results,
        "for_authority": actor.authority_id is not None,
    }
    return render(request, "search/results.html", context)
