from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "upstander.guidance"
    label = "guidance"
