"""Public help pages: no sign-in, GET only, printable. The facts on them come from the database."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.guidance import selectors
from upstander.guidance.models import Audience

# The template for each audience page; each extends guidance/page.html.
AUDIENCE_TEMPLATES: dict[str, str] = {
    Audience.YOUNG_PEOPLE: "guidance/young_people.html",
    Audience.PARENTS: "guidance/parents.html",
    Audience.STAFF: "guidance/staff.html",
    Audience.ADULTS: "guidance/adults.html",
}


@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"emergency": selectors.emergency_contacts()})


@require_GET
def audience_view(request: HttpRequest, *, audience: str) -> HttpResponse:
    context = {
        "audience": audience,
        "audience_label": Audience(audience).label,
        "emergency": selectors.emergency_contacts(),
        # Unconfirmed helplines appear only in the full directory, marked as such.
        "helplines": selectors.helplines_for(audience=audience, confirmed_only=True),
        "by_topic": selectors.helplines_by_topic(audience=audience, confirmed_only=True),
        "platforms": selectors.platform_list(),
    }
    return render(request, AUDIENCE_TEMPLATES[audience], context)


@require_GET
def platforms_view(request: HttpRequest) -> HttpResponse:
    context = {
        "emergency": selectors.emergency_contacts(),
        "platforms": selectors.platform_list(),
        "networks": selectors.mobile_networks(),
        "report_harmful_content": selectors.helpline_by_slug("report-harmful-content"),
    }
    return render(request, "guidance/platforms.html", context)


@require_GET
def helplines_view(request: HttpRequest) -> HttpResponse:
    context = {"emergency": selectors.emergency_contacts(), "helplines": selectors.all_helplines()}
    return render(request, "guidance/helplines.html", context)
