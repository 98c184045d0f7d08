from django.urls import path

from upstander.cases.views import actions, case, informed, queue, urgency

app_name = "cases"

urlpatterns = [
    path("", queue.queue_view, name="queue"),
    path("notifications/", queue.notifications_view, name="notifications"),
    path("notifications/read/", queue.notifications_read_view, name="notifications_read"),
    path("settings/", queue.settings_view, name="settings"),
    path("<int:case_id>/", case.case_detail_view, name="detail"),
    path("<int:case_id>/triage/", actions.triage_view, name="triage"),
    path("<int:case_id>/urgency/", urgency.urgency_view, name="urgency"),
    path("<int:case_id>/kept-informed/", informed.informed_view, name="informed"),
    path("<int:case_id>/kept-informed/<int:watcher_id>/remove/", informed.informed_remove_view, name="informed_remove"),
    path("<int:case_id>/updates/", informed.shared_updates_view, name="shared"),
    path("<int:case_id>/status/", actions.status_view, name="status"),
    path("<int:case_id>/record/", actions.entry_view, name="entry"),
    path("<int:case_id>/record/<int:entry_id>/correct/", actions.correct_view, name="correct"),
    path("<int:case_id>/people/add/", actions.party_add_view, name="party_add"),
    path("<int:case_id>/people/<int:party_id>/", actions.party_change_view, name="party_change"),
    path("<int:case_id>/people/<int:party_id>/remove/", actions.party_remove_view, name="party_remove"),
    path("<int:case_id>/duties/<slug:duty>/", actions.duty_view, name="duty"),
    path("<int:case_id>/referrals/<int:referral_id>/", actions.referral_view, name="referral"),
    path("<int:case_id>/playbook/<int:item_id>/", actions.playbook_item_view, name="playbook_item"),
    path("<int:case_id>/escalate/", actions.escalate_view, name="escalate"),
    path("<int:case_id>/close/", actions.close_view, name="close"),
    path("<int:case_id>/review/", actions.review_view, name="review"),
    path("<int:case_id>/actions/add/", actions.responsible_action_view, name="responsible_action"),
    path("<int:case_id>/follow-up/", actions.follow_up_view, name="follow_up"),
    path("<int:case_id>/reopen/", actions.reopen_view, name="reopen"),
    path("<int:case_id>/merge/", actions.merge_view, name="merge"),
    path("<int:case_id>/split/", actions.split_view, name="split"),
]
