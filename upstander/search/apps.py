from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "upstander.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Here, not at the top: app modules may be imported only once the app registry is ready.
        from django.db.models.signals import post_migrate

        from upstander.cases import related
        from upstander.search.selectors import related_cases

        related.register(related_cases)  # merging a case offers the cases sharing its people and words
        # A later migration that rebuilds a source table (SQLite does, to alter a column) drops the
        # index's triggers with it: after every migrate, put them back and index again if so.
        post_migrate.connect(_ensure_index, sender=self)


def _ensure_index(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from upstander.search import index  # here: index imports models, and apps.py loads before them

    index.ensure(connections[using])
