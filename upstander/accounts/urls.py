from django.contrib.auth import views as auth_views
from django.urls import path

from upstander.accounts import views, views_account, views_sso

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("sso/start/", views_sso.SSOStartView.as_view(), name="sso_start"),
    path("sso/callback/", views_sso.SSOCallbackView.as_view(), name="sso_callback"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup_view, name="two_factor_setup"),
    path("two-factor/recovery-codes/", views_account.recovery_codes_view, name="recovery_codes"),
    path("two-factor/recovery-codes/new/", views_account.recovery_codes_new_view, name="recovery_codes_new"),
    path("me/", views_account.account_view, name="account"),
    path("me/password/", views_account.password_change_view, name="password_change"),
    path("invitations/<int:invitation_id>/", views_account.invitation_answer_view, name="invitation_answer"),
    path("unlock/<str:token>/", views_account.unlock_view, name="unlock"),
    path("switch/", views.switch_context_view, name="switch"),
    path("members/", views.members_view, name="members"),
    path("members/<int:membership_id>/revoke/", views.member_revoke_view, name="member_revoke"),
    path("members/<int:membership_id>/reset-two-factor/", views.member_reset_two_factor_view, name="member_reset_2fa"),
    path("api-keys/", views.api_keys_view, name="api_keys"),
    path("api-keys/<int:key_id>/revoke/", views.api_key_revoke_view, name="api_key_revoke"),
    path("organisation/", views.organisation_settings_view, name="organisation_settings"),
    path(
        "password/reset/",
        views_account.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views_account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
