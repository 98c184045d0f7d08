from django.urls import path

from upstander.prevention import views_staff as views

app_name = "prevention"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("policies/new/", views.policy_new_view, name="policy_new"),
    path("policies/<int:pk>/", views.policy_view, name="policy"),
    path("policies/<int:pk>/review/", views.review_view, name="review"),
    path("policies/<int:pk>/settings/", views.policy_settings_view, name="policy_settings"),
    path("policies/<int:pk>/versions/new/", views.version_new_view, name="version_new"),
    path("policies/<int:pk>/v<int:number>/", views.version_view, name="version"),
    path("policies/<int:pk>/v<int:number>/policy.pdf", views.version_pdf_view, name="version_pdf"),
    path("policies/<int:pk>/v<int:number>/approve/", views.version_approve_view, name="version_approve"),
    path("policies/<int:pk>/v<int:number>/send/", views.send_view, name="send"),
    path("policies/<int:pk>/v<int:number>/send-again/", views.send_again_view, name="send_again"),
    path("policies/<int:pk>/v<int:number>/outstanding/", views.outstanding_view, name="outstanding"),
    path("policies/<int:pk>/v<int:number>/remind/", views.remind_view, name="remind"),
    path("review-request/", views.review_request_view, name="review_request"),
    path("acknowledge/", views.my_acknowledgements_view, name="my_acknowledgements"),
    path("acknowledge/<int:pk>/", views.acknowledge_mine_view, name="acknowledge_mine"),
    path("training/", views.training_view, name="training"),
    path("training/new/", views.training_new_view, name="training_new"),
    path("awareness/", views.awareness_view, name="awareness"),
    path("surveys/", views.surveys_view, name="surveys"),
    path("surveys/new/", views.survey_new_view, name="survey_new"),
    path("surveys/<int:pk>/", views.survey_view, name="survey"),
    path("surveys/<int:pk>/repeat/", views.survey_repeat_view, name="survey_repeat"),
]
