from django.urls import path

from upstander.evidence import views

app_name = "evidence"

urlpatterns = [
    path("report/<int:report_id>/", views.report_evidence_view, name="report"),
    path("report/<int:report_id>/add/<str:kind>/", views.add_evidence_view, name="add"),
    path("report/<int:report_id>/export/", views.export_view, name="export"),
    path("item/<int:item_id>/", views.item_view, name="item"),
    path("item/<int:item_id>/download/", views.item_download_view, name="download"),
    path("item/<int:item_id>/preview/", views.item_preview_view, name="preview"),
    path("item/<int:item_id>/redacted/", views.item_redacted_view, name="redacted"),
    path("item/<int:item_id>/seal/", views.item_seal_view, name="seal"),
    path("item/<int:item_id>/unseal/", views.item_unseal_view, name="unseal"),
    path("item/<int:item_id>/redact/", views.item_redact_view, name="redact"),
]
