"""Rotating the vault's keys: every stored object, derived file and signing key re-encrypted under
the active key (`upstander evidence rotate-keys`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.core.progress import Progress, no_progress
from upstander.evidence import conf
from upstander.evidence.models import (
    EvidenceItem,
    OrganisationSigningKey,
)
from upstander.evidence.vault import bundle, crypto, storage


@dataclass
class RotationSummary:
    active_key_id: str
    new_key_made: bool
    reencrypted: int
    already_current: int
    items_updated: int
    signing_keys_resealed: int
    problems: list[str]


def evidence_rotate_keys(*, make_new_key: bool, progress: Progress = no_progress) -> RotationSummary:
    """Re-encrypt every stored object, derived file and signing key under the active vault key.

    `make_new_key` (embedded mode only): first put a fresh key at the top of the key file under
    var/. With EVIDENCE_KEY from the environment the operator puts the new key first there, and
    this re-encrypts to it. Each original is hash-checked before it is rewritten (the vault's
    rotation never launders a damaged blob); those it cannot read are listed in `problems` and
    keep their old key id."""
    if make_new_key:
        if conf.key_from_environment():
            raise ValueError("The vault keys come from EVIDENCE_KEY: put the new key first there instead.")
        ring = crypto.rotate_key_file(path=conf.key_file_path())
    else:
        ring = conf.keyring()
    result = storage.rotate_store_keys(store=conf.store(ring=ring), progress=progress)
    failed = {p.digest for p in result.problems if p.location == "original"}
    resealed = 0
    with transaction.atomic():
        items_updated = (
            EvidenceItem.objects.exclude(key_id=ring.active_key_id)
            .exclude(sha256__in=failed)
            .update(key_id=ring.active_key_id)
        )
        for row in OrganisationSigningKey.objects.select_for_update().order_by("pk"):
            envelope = bytes(row.sealed_private_key)
            fresh = crypto.reencrypt(envelope=envelope, keyring=ring, context=bundle.SIGNING_KEY_CONTEXT)
            if fresh != envelope:
                row.sealed_private_key = fresh
                row.save(update_fields=["sealed_private_key"])
                resealed += 1
        audit_record(
            action=AuditAction.CHANGED, actor_label="upstander evidence rotate-keys", object_type="evidence.keyring",
            object_id=ring.active_key_id,
            detail={"reencrypted": result.reencrypted, "problems": len(result.problems), "new_key": make_new_key},
        )  # fmt: skip
    return RotationSummary(
        active_key_id=ring.active_key_id,
        new_key_made=make_new_key,
        reencrypted=result.reencrypted,
        already_current=result.already_current,
        items_updated=items_updated,
        signing_keys_resealed=resealed,
        problems=[str(p) for p in result.problems],
    )
