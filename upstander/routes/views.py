"""Each organisation's public page and poster (no sign-in), and its administrator's edit page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from upstander.accounts.auth import actor_of, user_of
from upstander.accounts.models import Organisation
from upstander.routes import permissions, poster, selectors, services
from upstander.routes.forms import HoursForm, LeadsForm, LocalContactForm, OwnHelplineFormSet, PartnersForm
from upstander.routes.models import LocalContact, OrganisationHelpline


@require_GET
def page_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    routes = selectors.public_routes(organisation)
    editable = request.user.is_authenticated and permissions.can_edit_routes(actor_of(request), organisation.pk)
    return render(request, "routes/page.html", {"organisation": organisation, "public": routes, "editable": editable})


@require_GET
def poster_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    pdf = poster.render_poster(selectors.public_routes(organisation), today=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-report-poster.pdf"'
    return response


def _forms(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    routes = selectors.routes_of(organisation)
    contacts = selectors.local_contacts(organisation)
    return {
        "leads": LeadsForm(data, instance=routes, prefix="leads"),
        "hours": HoursForm(data, instance=routes, prefix="hours"),
        "partners": PartnersForm(data, initial={"partner_links": routes.partner_links}, prefix="partners"),
        "contacts": [
            (
                LocalContact.Kind(kind).label,
                LocalContactForm(data, instance=contacts.get(kind) or LocalContact(kind=kind), prefix=kind),
            )
            for kind in selectors.contact_kinds(organisation)
        ],
        "helplines": OwnHelplineFormSet(
            data, queryset=OrganisationHelpline.objects.filter(organisation=organisation), prefix="helplines"
        ),
    }


@require_http_methods(["GET", "POST"])
def edit_view(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = actor_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if actor.organisation_id != organisation.pk:
        raise Http404  # another organisation's settings do not exist for this actor
    if not permissions.can_edit_routes(actor, organisation.pk):
        raise PermissionDenied("Only this organisation's administrator changes its routes.")
    forms = _forms(request, organisation)
    every = [forms["leads"], forms["hours"], forms["partners"], *(f for _, f in forms["contacts"]), forms["helplines"]]
    # A list, not a generator: every form is validated, so every error is shown at once.
    if request.method == "POST" and all([form.is_valid() for form in every]):  # noqa: C419
        routes = {**forms["leads"].cleaned_data, **forms["hours"].cleaned_data}
        routes["partner_links"] = forms["partners"].cleaned_data["partner_links"]
        services.routes_update(
            organisation=organisation,
            routes=routes,
            contacts={form.prefix: form.cleaned_data for _, form in forms["contacts"] if form.prefix},
            helplines=[
                form.cleaned_data
                for form in forms["helplines"].forms
                if form.cleaned_data and form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")
            ],
            changed_by=user_of(request),
            request=request,
        )
        messages.success(request, "Saved. Your page and poster now show these routes.")
        return redirect("routes:edit", slug=organisation.slug)
    invalid = request.method == "POST"
    return render(request, "routes/edit.html", {"organisation": organisation, "invalid": invalid, **forms})
