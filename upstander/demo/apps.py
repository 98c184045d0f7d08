from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`upstander demo`): above every other app, since it fills them all."""

    name = "upstander.demo"
    label = "demo"
    verbose_name = "Demo data"
