from django.urls import path

from upstander.insights.views import area, dashboard, export, log, report

app_name = "insights"

urlpatterns = [
    path("", dashboard.dashboard_view, name="home"),
    path("log/", log.log_view, name="log"),
    path("log/export/", export.export_view, name="export"),
    path("area/", area.area_view, name="area"),
    path("report.pdf", report.report_view, name="report"),
]
