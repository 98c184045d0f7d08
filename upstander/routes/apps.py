from django.apps import AppConfig


class RoutesConfig(AppConfig):
    name = "upstander.routes"
    label = "routes"
    verbose_name = "Routes people can find"
