"""Named points where a lower layer hands work to a layer above it, without importing it.

The arrows between apps point down (DESIGN.md, "Which way the arrows point"): reports and evidence
know nothing of cases or of the intake pipeline above them. When they need to start work above
(a report arrived, evidence text is ready), they call a `Hook`; the app above registers its handler
in its `AppConfig.ready()`. This is the pattern of `upstander.insights.providers`, kept small.

A hook marked `required` refuses to be called with no handler: a report must never be stored with
nobody told (that would be a missing `INSTALLED_APPS` entry, not something to carry on past).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class HookNotRegistered(RuntimeError):
    pass


class Hook:
    def __init__(self, name: str, *, required: bool = False) -> None:
        self.name = name
        self.required = required
        self._handlers: dict[str, Callable[..., Any]] = {}

    def register(self, key: str, handler: Callable[..., Any]) -> None:
        """Add (or replace: `ready()` may run twice in tests) the handler called `key`."""
        self._handlers[key] = handler

    def unregister(self, key: str) -> None:
        self._handlers.pop(key, None)

    def handlers(self) -> list[Callable[..., Any]]:
        return [self._handlers[key] for key in sorted(self._handlers)]

    def __call__(self, **kwargs: Any) -> list[Any]:
        """Call every handler (in the order of their keys) with these keyword arguments."""
        if self.required and not self._handlers:
            raise HookNotRegistered(f"nothing is registered for {self.name!r}: is its app in INSTALLED_APPS?")
        return [handler(**kwargs) for handler in self.handlers()]

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, handlers={sorted(self._handlers)})"
