from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.dataprotection"
    verbose_name = "Data protection: retention, legal holds, subject access and erasure"
