from django.urls import path

from upstander.dataprotection import views

app_name = "dataprotection"

urlpatterns = [
    path("records/", views.records_view, name="records"),
    path("cases/<int:case_id>/", views.case_view, name="case"),
    path("cases/<int:case_id>/hold/", views.hold_set_view, name="hold_set"),
    path("cases/<int:case_id>/hold/lift/", views.hold_lift_view, name="hold_lift"),
    path("cases/<int:case_id>/decide/", views.decide_view, name="decide"),
    path("cases/<int:case_id>/decisions/<int:decision_id>/carry-out/", views.carry_out_view, name="carry_out"),
    path("cases/<int:case_id>/decisions/<int:decision_id>/withdraw/", views.withdraw_view, name="withdraw"),
    path("people/<int:person_id>/access/", views.access_view, name="access"),
    path("people/<int:person_id>/erase/", views.erase_view, name="erase"),
]
