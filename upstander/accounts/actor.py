"""Who is acting, and in which organisation: built once per request from the user's memberships.

The permission functions take an `Actor` (plain data) rather than a request or a user, so they
are pure and can be tested as a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Context:
    """One place a user can act in: an organisation, or (for authority leads) an authority."""

    kind: str  # "org" or "authority"
    id: int
    name: str
    roles: frozenset[str]

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Actor:
    user_id: int
    context: Context | None
    contexts: tuple[Context, ...] = field(default=())

    @property
    def organisation_id(self) -> int | None:
        return self.context.id if self.context and self.context.kind == "org" else None

    @property
    def authority_id(self) -> int | None:
        return self.context.id if self.context and self.context.kind == "authority" else None

    @property
    def roles(self) -> frozenset[str]:
        return self.context.roles if self.context else frozenset()

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))
