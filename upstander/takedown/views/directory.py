from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import require
from upstander.takedown import permissions, selectors
from upstander.taxonomy import BEHAVIOURS, HATE


@require_GET
@require(permissions.can_view_directory)
def directory_view(request: HttpRequest) -> HttpResponse:
    """The platform directory as the organisation sees it (the installation admin edits it in admin)."""
    harms = (*BEHAVIOURS, HATE)
    return render(request, "takedown/directory.html", {"profiles": selectors.directory(), "harms": harms})
