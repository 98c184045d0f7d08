"""The installation admin site: for whoever installs Upstander to set up authorities,
organisations and the first administrators. Day-to-day membership is managed in the app."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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
    readonly_fields = ["last_login", "date_joined", "totp_confirmed_at", "failed_logins"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "locked_until")}),
        ("Two-factor", {"fields": ("totp_confirmed_at",)}),
        ("Dates", {"fields": ("last_login", "date_joined", "failed_logins")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ()
