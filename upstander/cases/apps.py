from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "upstander.cases"
    label = "cases"
