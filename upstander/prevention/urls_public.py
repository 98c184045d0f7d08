"""No sign-in. Survey addresses start with SURVEY_PREFIX, so the access log can leave them out."""

from django.urls import path

from upstander.prevention import views_public as views

app_name = "prevention_public"
SURVEY_PREFIX = "/pupil-voice/"
ACK_PREFIX = "/acknowledge/"

urlpatterns = [
    path("o/<slug:slug>/policies/", views.policies_view, name="policies"),
    path("o/<slug:slug>/policies/<slug:kind>.pdf", views.policy_pdf_view, name="policy_pdf"),
    path("acknowledge/", views.acknowledge_code_view, name="acknowledge_code"),
    path("acknowledge/<str:token>/", views.acknowledge_view, name="acknowledge"),
    path("pupil-voice/<slug:slug>/<str:token>/", views.survey_start_view, name="survey_start"),
    path("pupil-voice/<slug:slug>/<str:token>/thank-you/", views.survey_done_view, name="survey_done"),
]
