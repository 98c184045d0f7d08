"""Evidence items, their custody trail, and each organisation's bundle-signing key.

The bytes live in the vault (`vault.storage`), content-addressed by SHA-256 and encrypted; a row
here says which report the bytes belong to, what they are and what happened to them. Identical
bytes are stored once: two items (in two reports, even two organisations) may point at one stored
object, and within one report the same file added twice is one item (a unique constraint), whose
custody trail records that it was sent again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.reports.models import Channel, Platform, Report


class EvidenceKind(models.TextChoices):
    IMAGE = "image", "Screenshot or photo"
    VIDEO = "video", "Video"
    DOCUMENT = "document", "Document"
    MESSAGE = "message", "Pasted message"
    EMAIL = "email", "Email"
    WEB_PAGE = "web_page", "Record of a web page"


class OcrState(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "Not an image"
    PENDING = "pending", "Waiting to be read"
    DONE = "done", "Text read"
    UNAVAILABLE = "unavailable", "Text reading is not installed"
    FAILED = "failed", "Text could not be read"
    WITHHELD = "withheld", "Not read: sealed"


class DeriveState(models.TextChoices):
    """Background work on an item (preview, text reading)."""

    NOT_NEEDED = "not_needed", "Nothing to do"
    PENDING = "pending", "Waiting"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class CapturedAtSource(models.TextChoices):
    NONE = "", "Unknown"
    GIVEN = "given", "As told by the person who added it"
    EXIF = "exif", "From the photo's own data (EXIF)"


class EvidenceItem(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="evidence_items")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence_items")
    # Cases arrive in a later issue. This column becomes `case = models.ForeignKey("cases.Case", ...)`
    # then: a ForeignKey named `case` uses this same `case_id` column, so that migration only adds
    # the constraint. Until then it stays empty.
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)

    # The stored object: vault key `objects/<sha256>`, encrypted with the key `key_id` names.
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    key_id = models.CharField(max_length=64, help_text="Vault key the stored object is encrypted with.")
    file_type = models.CharField(max_length=16, help_text="vault.filetypes key, decided from the content.")
    mime_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255, blank=True, help_text="The file's name as sent, for the record.")
    safe_name = models.CharField(max_length=255, help_text="The name used for downloads and exports.")

    # What the seeds ask to record about a piece of evidence.
    platform = models.CharField(max_length=20, choices=Platform.choices, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    handles = models.TextField(blank=True, help_text="Usernames, handles or phone numbers involved, one a line.")
    posted_at = models.DateTimeField(null=True, blank=True, help_text="When the original content was posted.")
    captured_at = models.DateTimeField(null=True, blank=True, help_text="When the screenshot or copy was made.")
    captured_at_source = models.CharField(max_length=10, choices=CapturedAtSource.choices, blank=True)
    captured_by = models.CharField(max_length=200, blank=True, help_text="Who made the screenshot or copy.")
    location = models.CharField(max_length=300, blank=True, help_text="Where it happened or was captured, if known.")
    description = models.TextField(blank=True)
    file_metadata = models.JSONField(default=dict, blank=True, help_text="Read from the file: size, EXIF, headers.")

    added_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_by_label = models.CharField(max_length=254)
    added_at = models.DateTimeField(default=timezone.now)

    # Sealed: a nude or sexual image (UKCIS). No preview, no OCR, no download, not exported, not
    # shown, until the DSL unseals it with a reason; see upstander/evidence/permissions.py.
    sealed = models.BooleanField(default=False)
    sealed_reason = models.TextField(blank=True)

    derive_state = models.CharField(max_length=12, choices=DeriveState.choices, default=DeriveState.NOT_NEEDED)
    derive_attempts = models.PositiveSmallIntegerField(default=0)
    derive_error = models.CharField(max_length=500, blank=True)
    ocr_state = models.CharField(max_length=16, choices=OcrState.choices, default=OcrState.NOT_APPLICABLE)
    ocr_message = models.CharField(max_length=500, blank=True)
    has_preview = models.BooleanField(default=False)
    has_text = models.BooleanField(default=False, help_text="An extracted text (OCR or email body) is stored.")
    has_redacted_preview = models.BooleanField(default=False)

    # The custody chain head: the newest event's number and hash. Deleting the newest events
    # leaves a shorter chain that is valid in itself; disagreeing with this head reveals it.
    custody_seq = models.PositiveIntegerField(default=0)
    custody_head = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sha256"], name="evidence_once_per_report"),
        ]
        indexes = [models.Index(fields=["organisation", "report"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sha256[:12]} ({self.safe_name})"

    @property
    def is_image(self) -> bool:
        return self.kind == EvidenceKind.IMAGE

    @property
    def is_text(self) -> bool:
        return self.kind in (EvidenceKind.MESSAGE, EvidenceKind.WEB_PAGE)

    @property
    def handle_list(self) -> list[str]:
        return [line.strip() for line in self.handles.splitlines() if line.strip()]


class CustodyAction(models.TextChoices):
    ADDED = "added", "Added"
    ADDED_AGAIN = "added_again", "Sent again (same file)"
    VIEWED = "viewed", "Viewed"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPORTED = "exported", "Exported"
    SEALED = "sealed", "Sealed"
    UNSEALED = "unsealed", "Unsealed"
    REDACTED = "redacted", "Redacted preview made"
    # A tombstone: the stored object (if no other item used it) and the item's details were removed
    # by an erasure or a records-review decision (upstander/evidence/erasure.py).
    ERASED = "erased", "Erased"


class AppendOnlyQuerySet(models.QuerySet["CustodyEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Custody events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Custody events cannot be deleted.")


class CustodyEvent(models.Model):
    """One link of an item's custody chain (vault/custody.py hashing). Append-only: the model
    refuses changes, and the database refuses UPDATE and DELETE (migrations 0002 and 0004)."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody_events")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=20, choices=CustodyAction.choices)
    occurred_at = models.DateTimeField()
    # Plain ids, as in the audit trail: removing a user must never rewrite what they did.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The item's SHA-256 when the event happened: a hash changed in the database later disagrees.
    sha256 = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    objects: ClassVar[models.Manager[CustodyEvent]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="custody_seq_once_per_item")]

    def __str__(self) -> str:
        return f"item {self.item_id} #{self.seq} {self.action} by {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Custody events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Custody events cannot be deleted.")

    def chain_payload(self) -> dict[str, Any]:
        """What the row hash covers: every stored field except the hashes."""
        from datetime import UTC

        return {
            "item": self.item_id,
            "seq": self.seq,
            "action": self.action,
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "reason": self.reason,
            "detail": self.detail,
            "sha256": self.sha256,
        }


class OrganisationSigningKey(models.Model):
    """An organisation's Ed25519 key for export bundles, the private half sealed with the vault key
    ring (vault/bundle.py explains why). Made on the first export; re-sealed by `rotate-keys`."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="evidence_signing_key")
    sealed_private_key = models.BinaryField()
    public_key_pem = models.TextField()
    key_id = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.key_id}"
