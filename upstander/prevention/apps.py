from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "upstander.prevention"
    label = "prevention"
    verbose_name = "Prevention and pupil voice"
