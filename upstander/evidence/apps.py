from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "upstander.evidence"
    label = "evidence"
    verbose_name = "Evidence vault"
