"""The installation admin site: for whoever installs Upstander to set up authorities,
organisations and the first administrators. Day-to-day membership is managed in the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from upstander.accounts import services
from upstander.accounts.models import Authority, Membership, Organisation, User


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin[Authority]):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "kind", "authority"]
    list_filter = ["kind", "authority"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "has_totp"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff"]
    inlines = [MembershipInline]
    readonly_fields = ["last_login", "date_joined", "totp_confirmed_at", "failed_logins", "sso_subject"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "locked_until")}),
        ("Two-factor and single sign-on", {"fields": ("totp_confirmed_at", "sso_subject")}),
        ("Dates", {"fields": ("last_login", "date_joined", "failed_logins")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ()

    actions = ["reset_two_factor", "forget_sso_subject"]

    def _for_each(self, request: HttpRequest, queryset: QuerySet[User], change: Callable[..., None], done: str) -> None:
        """Apply one account service to each selected user, reporting refusals one by one."""
        assert isinstance(request.user, User)
        for user in queryset:
            try:
                change(user=user, reset_by=request.user, request=request)
            except PermissionDenied as refused:
                self.message_user(request, f"{user.email}: {refused}", messages.ERROR)
            else:
                self.message_user(request, f"{user.email} {done}")

    @admin.action(description="Forget the single sign-on link (the owner is emailed)")
    def forget_sso_subject(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._for_each(
            request, queryset, services.sso_subject_forget, "will be linked afresh at the next single sign-on."
        )

    @admin.action(description="Reset two-factor authentication (the owner is emailed)")
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._for_each(request, queryset, services.two_factor_reset, "will set up two-factor authentication again.")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and isinstance(request.user, User):
            user = self.get_object(request, unquote(id))
            if user is not None:
                services.password_changed(user=user, changed_by=request.user, request=request, how="installation admin")
        return response

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Roles given or taken here by the installation admin are announced to the owner too."""
        super().save_formset(request, form, formset, change)
        if formset.model is not Membership or not change or not isinstance(request.user, User):
            return
        changed = [str(m) for m in formset.new_objects] + [str(m) for m, _ in formset.changed_objects]
        changed += [f"removed: {m}" for m in formset.deleted_objects]
        if changed:
            services.memberships_changed_by_installation_admin(
                user=form.instance, changes=changed, changed_by=request.user, request=request
            )

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("reset_two_factor", None)
            actions.pop("forget_sso_subject", None)
        return actions
