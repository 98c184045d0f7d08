from django.apps import AppConfig


class TakedownConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.takedown"
    verbose_name = "Takedown and referrals"

    def ready(self) -> None:
        from upstander.takedown.insights import register_with_insights

        register_with_insights()  # removal rate and time to removal on insights' dashboards and report
