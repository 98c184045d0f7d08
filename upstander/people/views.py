"""People pages: list and search, view (audited), add, change."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from upstander.accounts import permissions
from upstander.accounts.auth import actor_of, get_for_actor, require, user_of
from upstander.accounts.models import Organisation
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.people import selectors, services
from upstander.people.forms import PersonForm
from upstander.people.models import Person, PersonKind

PAGE_SIZE = 50


@require_GET
@require(permissions.can_view_people)
def person_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    query = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in PersonKind.values else ""
    year = request.GET.get("year", "")[:30]
    people = selectors.people_search(organisation_id=actor.organisation_id, query=query, kind=kind, year_group=year)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "kind": kind,
        "year": year,
        "kinds": PersonKind.choices,
        "years": selectors.year_groups(organisation_id=actor.organisation_id),
        "can_manage": permissions.can_manage_people(actor),
    }
    return render(request, "people/list.html", context)


@require_GET
@require(permissions.can_view_people)
def person_detail_view(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    person = get_for_actor(Person.objects.all(), actor, pk=person_id)
    if not permissions.can_view_person(actor, person):  # pragma: no cover - implied by the lookup and role
        return render(request, "403.html", status=403)
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        organisation_id=person.organisation_id,
        obj=person,
        request=request,
    )
    context = {
        "person": person,
        "can_change": permissions.can_change_person(actor, person),
        "can_audit": permissions.can_view_audit_trail(actor),
    }
    return render(request, "people/detail.html", context)


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_people)
def person_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    form = PersonForm(request.POST if request.method == "POST" else None, organisation_id=actor.organisation_id)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(
            organisation=Organisation.objects.get(pk=actor.organisation_id),
            created_by=user_of(request),
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, f"{person.display_name} was added.")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/form.html", {"form": form, "title": "Add a person"})


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_people)
def person_change_view(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    person = get_for_actor(Person.objects.all(), actor, pk=person_id)
    # The form validates against a copy: the service compares old and new values to audit the change.
    form = PersonForm(request.POST if request.method == "POST" else None, instance=copy.copy(person), organisation_id=person.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.person_update(person=person, changed_by=user_of(request), request=request, **form.cleaned_data)
        messages.success(request, "Changes saved.")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request, "people/form.html", {"form": form, "title": f"Change {person.display_name}", "person": person}
    )
