"""Who may do what with evidence: pure functions of an Actor, in the style of accounts/permissions.py.

Evidence reaches the safeguarding leads only (the DSL and deputies) of the item's own organisation;
views look items up within the actor's organisation first, so another organisation's item is a
404, never a 403.

Sealed items (a nude or sexual image, UKCIS 'Sharing nudes and semi-nudes'): both leads see that a
sealed item exists, its hash, metadata and custody trail, and either may seal an item. Only the
DSL may unseal one (with a recorded reason), or include one in an export bundle (with a reason):
UKCIS puts that decision with the DSL alone. Nobody, the DSL included, reaches a sealed item's
content (download, preview, text, redaction) until it is unsealed. Once the DSL has unsealed an
item, it is evidence like any other for both leads.
"""

from __future__ import annotations

from typing import Protocol

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role
from upstander.accounts.permissions import SAFEGUARDING_LEADS, in_organisation

# An erased item (evidence/erasure.py) is sealed with a reason starting so: its stored object may be
# gone, so it is never unsealed.
ERASED_SEAL_PREFIX = "Erased: "


class EvidenceLike(Protocol):
    organisation_id: int
    sealed: bool


def can_view_evidence(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_add_evidence(actor: Actor) -> bool:
    return can_view_evidence(actor)


def can_export_evidence(actor: Actor) -> bool:
    return can_view_evidence(actor)


def can_view_item(actor: Actor, item: EvidenceLike) -> bool:
    """The item's record: metadata, hash, custody trail (for a sealed item, nothing more)."""
    return in_organisation(actor, item) and can_view_evidence(actor)


def can_view_item_content(actor: Actor, item: EvidenceLike) -> bool:
    """The bytes and anything made from them: download, preview, extracted text."""
    return can_view_item(actor, item) and not item.sealed


def can_redact_item(actor: Actor, item: EvidenceLike) -> bool:
    return can_view_item_content(actor, item)


def can_seal_item(actor: Actor, item: EvidenceLike) -> bool:
    return can_view_item(actor, item) and not item.sealed


def can_unseal_item(actor: Actor, item: EvidenceLike) -> bool:
    erased = str(getattr(item, "sealed_reason", "")).startswith(ERASED_SEAL_PREFIX)
    return in_organisation(actor, item) and actor.has_any(Role.DSL) and item.sealed and not erased


def can_export_sealed(actor: Actor) -> bool:
    """Only the DSL may put a sealed item into an export bundle, with a reason."""
    return actor.organisation_id is not None and actor.has_any(Role.DSL)
