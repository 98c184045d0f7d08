"""Finding a person record while recording a concern: search as you type (JSON for the page's script;
the form itself works without it). Anyone who may record a concern may look up their own
organisation's people, and sees only a name and a year group or class."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from upstander.accounts import permissions
from upstander.accounts.auth import actor_of, require
from upstander.people import selectors


@require_GET
@require(permissions.can_record_report)
def person_lookup_view(request: HttpRequest) -> JsonResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    query = " ".join(request.GET.get("q", "").split())[:100]
    people = selectors.people_to_pick(organisation_id=actor.organisation_id, query=query)
    response = JsonResponse({"results": [{"id": p.pk, "label": selectors.pick_label(p)} for p in people]})
    response["Cache-Control"] = "no-store"
    return response
