from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "upstander.core"
    label = "core"
    verbose_name = "Upstander"
