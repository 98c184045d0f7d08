from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "upstander.evidence"
    label = "evidence"
    verbose_name = "Evidence vault"

    def ready(self) -> None:
        import upstander.evidence.checkpoints  # noqa: F401  registers its chains for signed checkpoints
