from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upstander.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"
