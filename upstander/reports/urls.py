from django.urls import path

from upstander.reports import views_public, views_staff

app_name = "reports"

urlpatterns = [
    path("report/", views_public.choose_organisation_view, name="choose"),
    path("report/status/", views_public.status_lookup_view, name="status"),
    path("report/status/<str:reference>/", views_public.status_detail_view, name="status_detail"),
    path("report/<slug:slug>/", views_public.start_view, name="start"),
    path("report/<slug:slug>/danger-now/", views_public.danger_now_view, name="danger_now"),
    path("report/<slug:slug>/check/", views_public.check_view, name="check"),
    path("report/<slug:slug>/sent/", views_public.sent_view, name="sent"),
    path("report/<slug:slug>/<str:step>/", views_public.step_view, name="step"),
    path("reports/", views_staff.inbox_view, name="inbox"),
    path("reports/record/", views_staff.record_view, name="record"),
    path("reports/record/done/", views_staff.recorded_view, name="recorded"),
    path("reports/<int:report_id>/", views_staff.report_detail_view, name="staff_detail"),
    path("reports/<int:report_id>/status/", views_staff.report_status_view, name="staff_status"),
    path(
        "reports/<int:report_id>/analysis/<int:analysis_id>/labels/",
        views_staff.label_decision_view,
        name="label_decision",
    ),
]
