from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.dataprotection"
    verbose_name = "Data protection: retention, legal holds, subject access and erasure"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from upstander.dataprotection.hooks import register_with_cases

        register_with_cases()  # anonymised or deleted records leave the records review's list
