from django.contrib import admin

from upstander.takedown.models import PlatformProfile


@admin.register(PlatformProfile)
class PlatformProfileAdmin(admin.ModelAdmin):
    """The installation admin (superuser) corrects the directory here; the slug is fixed."""

    list_display = ("name", "slug", "third_party_reports", "minimum_age", "response_hours", "checked")
    readonly_fields = ("slug",)
    search_fields = ("name", "slug")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
