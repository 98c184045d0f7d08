from django.apps import AppConfig


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.insights"
    label = "insights"
    verbose_name = "Insights"
