"""Test-only URLs: the site's own, plus a page that shows the report-reply advice the way the
reporting app will (its own <h1>, then the include), so the browser test can check it with axe."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from upstander.config.urls import urlpatterns as site_urlpatterns
from upstander.guidance.selectors import advice_context

REPLY_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Report received{% endblock %}{% block content %}'
    "<h1>Thank you: we have your report</h1>"
    '{% include "guidance/includes/advice.html" %}{% endblock %}'
)


def reply_view(request: HttpRequest, role: str, platform: str) -> HttpResponse:
    topics = [topic for topic in request.GET.get("topics", "").split(",") if topic]
    return HttpResponse(
        REPLY_PAGE.render(advice_context(reporter_role=role, platform_code=platform, topics=topics), request)
    )


urlpatterns = [
    *site_urlpatterns,
    path("test-reply/<str:role>/<str:platform>/", reply_view),
]
