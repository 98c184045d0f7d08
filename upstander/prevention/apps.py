from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "upstander.prevention"
    label = "prevention"
    verbose_name = "Prevention and pupil voice"

    def ready(self) -> None:
        from upstander.prevention.insights import register_with_insights

        register_with_insights()  # pupil-voice and prevention figures on insights' charts and termly report
