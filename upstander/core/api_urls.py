from django.urls import path

from upstander.core.openapi import openapi_view
from upstander.reports import api as reports_api

app_name = "api"

urlpatterns = [
    path("openapi.json", openapi_view, name="openapi"),
    path("reports", reports_api.reports_collection, name="reports"),
    path("reports/<str:reference>", reports_api.report_status, name="report"),
]
