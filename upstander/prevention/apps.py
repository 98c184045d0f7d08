from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "upstander.prevention"
    label = "prevention"
    verbose_name = "Prevention and pupil voice"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from upstander.prevention.hooks import register_with_cases
        from upstander.prevention.insights import register_with_insights

        register_with_insights()  # pupil-voice and prevention figures on insights' charts and termly report
        register_with_cases()  # policies and training due in the daily digest
