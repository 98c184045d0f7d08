"""`/api/v1/`: the URLs come from the API's route table, as its OpenAPI document does."""

from django.urls import path

from upstander.core.api import urlpatterns_for
from upstander.reports import api

app_name = "api"

urlpatterns = [path("openapi.json", api.openapi_view, name="openapi"), *urlpatterns_for(api.ROUTES)]
