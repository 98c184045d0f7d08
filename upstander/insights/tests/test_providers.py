from collections.abc import Iterator
from datetime import date

from upstander.insights import providers
from upstander.insights.providers import Figure


def test_a_registered_provider_gives_figures_for_the_organisations_and_dates_asked() -> None:
    asked = {}

    def takedown(*, organisation_ids: list[int], start: date, end: date) -> list[Figure]:
        asked.update(ids=organisation_ids, start=start, end=end)
        return [Figure("removal_rate", "Removed", 75, "%")]

    # A key of its own, so the apps' real providers (prevention, takedown) stay registered.
    providers.register("example_takedown", "Takedown requests", takedown)
    try:
        found = providers.sections(organisation_ids=[3], start=date(2026, 9, 1), end=date(2026, 12, 31))
    finally:
        providers.unregister("example_takedown")
    assert [(s.title, s.figures[0].value) for s in found if s.key == "example_takedown"] == [("Takedown requests", 75)]
    assert asked == {"ids": [3], "start": date(2026, 9, 1), "end": date(2026, 12, 31)}


def test_a_failing_provider_is_left_out_with_a_message_and_breaks_nothing() -> None:
    def broken(**_: object) -> Iterator[Figure]:
        raise RuntimeError("table missing")

    providers.register("example_broken", "Prevention", broken)
    try:
        found = [
            s
            for s in providers.sections(organisation_ids=[1], start=date(2026, 1, 1), end=date(2026, 1, 2))
            if s.key == "example_broken"
        ]
    finally:
        providers.unregister("example_broken")
    assert found[0].error and found[0].figures == []
