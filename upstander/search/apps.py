from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "upstander.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from upstander.cases import related
        from upstander.search.selectors import related_cases

        related.register(related_cases)  # merging a case offers the cases sharing its people and words
