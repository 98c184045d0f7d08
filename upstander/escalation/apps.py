from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "upstander.escalation"
    label = "escalation"
