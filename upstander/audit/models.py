"""The append-only, hash-chained audit trail.

Rows keep plain ids (not foreign keys) for the actor and organisation: deleting a user must never
cascade into, or rewrite, the record of what they did. The database refuses UPDATE and DELETE on
this table by trigger (migrations 0002 and 0004); the model refuses them in Python too. The chain
heads are signed into checkpoints outside the database (upstander/audit/checkpoints.py).

There is one chain per organisation (`audit:org:<id>`, the events with that organisation_id) and one
for the installation (`audit`, the events of no organisation), so an append locks only its own
chain's head: two schools never wait for each other. The installation chain also holds, frozen, every
row written before the split (migration 0005: one global chain then, all rows in `audit`). A new
organisation chain starts from a recorded genesis that links it to the installation chain's head at
that moment (`chain.chain_genesis`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPORTED = "exported", "Exported"
    IMPORTED = "imported", "Imported"
    LOGGED_IN = "logged_in", "Logged in"
    LOGGED_OUT = "logged_out", "Logged out"
    LOGIN_FAILED = "login_failed", "Failed login"
    LOCKED_OUT = "locked_out", "Locked out"
    TWO_FACTOR_ENABLED = "two_factor_enabled", "Two-factor authentication set up"
    TWO_FACTOR_FAILED = "two_factor_failed", "Wrong two-factor code"
    SWITCHED_ORGANISATION = "switched_organisation", "Switched organisation"


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


INSTALLATION_CHAIN = "audit"


def chain_for(organisation_id: int | None) -> str:
    """The chain an event of this organisation (None: the installation) is appended to."""
    return INSTALLATION_CHAIN if organisation_id is None else f"{INSTALLATION_CHAIN}:org:{int(organisation_id)}"


class AuditEvent(models.Model):
    chain = models.CharField(max_length=40, default=INSTALLATION_CHAIN)
    seq = models.BigIntegerField()  # the position in its chain, from 1
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    objects: ClassVar[models.Manager[AuditEvent]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]  # the order rows were written in; `seq` counts within one chain
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq")]
        indexes = [
            models.Index(fields=["organisation_id", "object_type", "object_id"]),
            models.Index(fields=["organisation_id", "-seq"]),
        ]

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor_label or '-'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def chain_payload(self) -> dict[str, Any]:
        """What the row hash covers: every stored field except the hashes themselves. Rows of the
        installation chain (and every row from before the split) leave the chain id out, as they
        always did; every other row covers it, so no row can be moved into another chain."""
        from datetime import UTC

        return {
            **({} if self.chain == INSTALLATION_CHAIN else {"chain": self.chain}),
            "seq": self.seq,
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "organisation_id": self.organisation_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "ip_address": self.ip_address,
            "detail": self.detail,
        }


class AuditHead(models.Model):
    """One row per chain: the number and hash of its newest event (serialises appends to that chain
    only), and where the chain starts: `genesis` is the hash its first row links to (GENESIS for the
    installation chain; for an organisation's chain, `chain.chain_genesis` of the installation
    chain's row `anchor_seq`)."""

    chain = models.CharField(max_length=40, unique=True, default=INSTALLATION_CHAIN)
    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    genesis = models.CharField(max_length=64, default="0" * 64)
    anchor_seq = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.chain} head at #{self.seq}"
