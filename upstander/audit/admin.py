from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from upstander.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: nobody, superusers included, can add, change or delete audit rows here."""

    list_display = ["seq", "occurred_at", "action", "actor_label", "organisation_id", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
