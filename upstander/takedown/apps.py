from django.apps import AppConfig


class TakedownConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "upstander.takedown"
    verbose_name = "Takedown and referrals"
