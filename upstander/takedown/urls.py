from django.urls import path

from upstander.takedown.views import directory, packs, requests

app_name = "takedown"

urlpatterns = [
    path("platforms/", directory.directory_view, name="directory"),
    path("cases/<int:case_id>/", requests.list_view, name="list"),
    path("cases/<int:case_id>/pack/", packs.pack_view, name="pack"),
    path("cases/<int:case_id>/requests/<int:request_id>/", requests.request_view, name="request"),
    path("cases/<int:case_id>/requests/<int:request_id>/sent/", requests.sent_view, name="sent"),
    path("cases/<int:case_id>/requests/<int:request_id>/reference/", requests.reference_view, name="reference"),
    path("cases/<int:case_id>/requests/<int:request_id>/reply/", requests.reply_view, name="reply"),
    path("cases/<int:case_id>/requests/<int:request_id>/check/", requests.check_view, name="check"),
    path("cases/<int:case_id>/requests/<int:request_id>/outcome/", requests.outcome_view, name="outcome"),
    path("cases/<int:case_id>/requests/<int:request_id>/escalate/", requests.escalate_view, name="escalate"),
]
