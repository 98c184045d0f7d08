from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "upstander.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        import upstander.audit.checkpoints  # noqa: F401  registers its chains for signed checkpoints
