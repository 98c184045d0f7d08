from django.contrib import admin
from django.urls import include, path

from upstander.core.metrics import metrics_view
from upstander.core.views import healthz_view

admin.site.site_header = "Upstander installation admin"
admin.site.site_title = "Upstander admin"

urlpatterns = [
    path("", include("upstander.core.urls")),
    path("accounts/", include("upstander.accounts.urls")),
    path("people/", include("upstander.people.urls")),
    path("audit/", include("upstander.audit.urls")),
    path("help/", include("upstander.guidance.urls")),
    path("o/", include("upstander.routes.urls")),
    path("", include("upstander.prevention.urls_public")),
    path("prevention/", include("upstander.prevention.urls")),
    path("", include("upstander.reports.urls")),
    path("evidence/", include("upstander.evidence.urls")),
    path("cases/", include("upstander.cases.urls")),
    path("takedown/", include("upstander.takedown.urls")),
    path("data-protection/", include("upstander.dataprotection.urls")),
    path("search/", include("upstander.search.urls")),
    path("insights/", include("upstander.insights.urls")),
    path("api/v1/", include("upstander.reports.api_urls")),
    path("healthz", healthz_view, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
]
