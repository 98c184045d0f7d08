"""Search case work (results limited to what the searcher may open; see selectors.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.cases import permissions
from upstander.core.auth import actor_of, require
from upstander.search import selectors

MAX_QUERY = 200


@require_GET
@require(permissions.can_view_cases)
def search_view(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    actor = actor_of(request)
    words = selectors.query_words(query)
    results = selectors.search_cases(actor=actor, query=query) if words else []
    context = {
        "query": query,
        "searched": bool(query),
        "usable": bool(words),
        "results": results,
        "for_authority": actor.authority_id is not None,
    }
    return render(request, "search/results.html", context)
