from django.apps import AppConfig


class TakedownConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.takedown"
    verbose_name = "Takedown and referrals"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from upstander.takedown.hooks import register_with_cases
        from upstander.takedown.insights import register_with_insights

        register_with_insights()  # removal rate and time to removal on insights' dashboards and report
        register_with_cases()  # removal requests in case work: duties, facts, open work, digest
