from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "upstander.people"
    label = "people"
    verbose_name = "People"
