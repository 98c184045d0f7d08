from django.urls import path, register_converter

from upstander.cases.addresses import CaseConverter
from upstander.cases.views import actions, case, informed, queue, summary, urgency

app_name = "cases"
register_converter(CaseConverter, "case")

urlpatterns = [
    path("", queue.queue_view, name="queue"),
    path("notifications/", queue.notifications_view, name="notifications"),
    path("notifications/read/", queue.notifications_read_view, name="notifications_read"),
    path("settings/", queue.settings_view, name="settings"),
    path("<case:case_id>/", case.case_detail_view, name="detail"),
    path("<case:case_id>/summary/", summary.summary_view, name="summary"),
    path("<case:case_id>/summary.pdf", summary.summary_pdf_view, name="summary_pdf"),
    path("<case:case_id>/triage/", actions.triage_view, name="triage"),
    path("<case:case_id>/urgency/", urgency.urgency_view, name="urgency"),
    path("<case:case_id>/kept-informed/", informed.informed_view, name="informed"),
    path("<case:case_id>/kept-informed/<int:watcher_id>/remove/", informed.informed_remove_view, name="informed_remove"),
    path("<int:case_id>/updates/", informed.shared_updates_view, name="shared"),  # by id: its view looks the case up itself
    path("<case:case_id>/status/", actions.status_view, name="status"),
    path("<case:case_id>/record/", actions.entry_view, name="entry"),
    path("<case:case_id>/record/<int:entry_id>/correct/", actions.correct_view, name="correct"),
    path("<case:case_id>/people/add/", actions.party_add_view, name="party_add"),
    path("<case:case_id>/people/<int:party_id>/", actions.party_change_view, name="party_change"),
    path("<case:case_id>/people/<int:party_id>/remove/", actions.party_remove_view, name="party_remove"),
    path("<case:case_id>/duties/<slug:duty>/", actions.duty_view, name="duty"),
    path("<case:case_id>/referrals/<int:referral_id>/", actions.referral_view, name="referral"),
    path("<case:case_id>/playbook/<int:item_id>/", actions.playbook_item_view, name="playbook_item"),
    path("<case:case_id>/escalate/", actions.escalate_view, name="escalate"),
    path("<case:case_id>/close/", actions.close_view, name="close"),
    path("<case:case_id>/review/", actions.review_view, name="review"),
    path("<case:case_id>/actions/add/", actions.responsible_action_view, name="responsible_action"),
    path("<case:case_id>/follow-up/", actions.follow_up_view, name="follow_up"),
    path("<case:case_id>/reopen/", actions.reopen_view, name="reopen"),
    path("<case:case_id>/merge/", actions.merge_view, name="merge"),
    path("<case:case_id>/split/", actions.split_view, name="split"),
]
