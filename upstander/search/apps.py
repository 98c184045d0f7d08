from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "upstander.search"
    label = "search"
    verbose_name = "Search"
