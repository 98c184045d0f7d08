from django.contrib import admin

from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes


@admin.register(OrganisationRoutes)
class OrganisationRoutesAdmin(admin.ModelAdmin[OrganisationRoutes]):
    list_display = ["organisation", "dsl_name", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(LocalContact)
class LocalContactAdmin(admin.ModelAdmin[LocalContact]):
    list_display = ["organisation", "kind", "name", "phone"]
    list_filter = ["kind"]


@admin.register(OrganisationHelpline)
class OrganisationHelplineAdmin(admin.ModelAdmin[OrganisationHelpline]):
    list_display = ["organisation", "name", "phone", "order"]
