"""Emailing the newest signed checkpoints to each organisation's safeguarding leads (optional:
CHECKPOINT_EMAIL_HOURS, 0 = off). A copy in someone's mailbox is an anchor no one with access to
the server can rewrite: pasted into a file, it checks the trails later with `upstander audit verify
--checkpoints FILE --public-key FILE` (and `evidence verify`).

Each organisation gets the newest checkpoint of the installation's audit chain and of its own audit
chain, and those of its own evidence items' custody trails written since the last email: hashes,
counts and times only, no names or content. No organisation is sent another's chains.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail

from upstander.audit import checkpoints
from upstander.audit.models import chain_for
from upstander.checkpointlog import Checkpoint, key_id


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def email_checkpoints(*, since: datetime) -> int:
    """Email every organisation's DSLs; returns the number of emails sent."""
    # Here, not at the top: audit sits below accounts, evidence and reports (only read here; no cycle).
    from upstander.accounts.models import Organisation
    from upstander.evidence.models import EvidenceItem
    from upstander.reports.alerts import safeguarding_lead_emails

    reading = checkpoints.read_checkpoints()
    newest_audit: dict[str, Checkpoint] = {}
    for checkpoint in reading.checkpoints:  # in file order: the last of each chain is its newest
        if checkpoint.chain.split(":", 1)[0] == checkpoints.AUDIT_CHAIN:
            newest_audit[checkpoint.chain] = checkpoint
    recent = [c for c in reading.checkpoints if c.chain.startswith("custody:") and _parse_time(c.time) >= since]
    owner = dict(
        EvidenceItem.objects.filter(pk__in=[int(c.chain.split(":", 1)[1]) for c in recent]).values_list(
            "pk", "organisation_id"
        )
    )
    public_key = checkpoints.public_key_pem()
    fingerprint = key_id(checkpoints.signing_key().public_key())
    sent = 0
    for organisation in Organisation.objects.order_by("pk"):
        recipients = safeguarding_lead_emails(organisation_id=organisation.pk)
        mine = [c for c in recent if owner.get(int(c.chain.split(":", 1)[1])) == organisation.pk]
        audit = [newest_audit[c] for c in (checkpoints.AUDIT_CHAIN, chain_for(organisation.pk)) if c in newest_audit]
        lines: list[Checkpoint] = audit + mine
        if not recipients or not lines:
            continue
        body = "\n".join(
            [
                f"Signed checkpoints of Upstander's trails for {organisation.name} (key {fingerprint}).",
                "",
                "Keep this email. Each line below says a trail had so many entries ending in a given hash at a given",
                "time. If the audit or custody trails are ever rewritten in the database, these lines show it:",
                "save the lines to checkpoints.jsonl and the key to key.pem, then run",
                "  upstander audit verify --checkpoints checkpoints.jsonl --public-key key.pem",
                "  upstander evidence verify --checkpoints checkpoints.jsonl --public-key key.pem",
                "",
                "--- checkpoints.jsonl ---",
                *(c.line().decode("utf-8").rstrip("\n") for c in lines),
                "--- key.pem ---",
                public_key.rstrip("\n"),
                "",
                "No names or report content are in this email: only counts, hashes and times.",
            ]
        )
        send_mail(f"Upstander trail checkpoints for {organisation.name}", body, None, recipients)
        sent += 1
    return sent


def email_due_checkpoints(*, last_sent: datetime | None) -> datetime | None:
    """Send if CHECKPOINT_EMAIL_HOURS is on and that long has passed; the new `last_sent`."""
    hours = int(getattr(settings, "CHECKPOINT_EMAIL_HOURS", 0) or 0)
    now = datetime.now(UTC)
    if hours <= 0:
        return last_sent
    if last_sent is None:
        return now  # the first email one interval after the worker starts, not on every restart
    if now - last_sent < timedelta(hours=hours):
        return last_sent
    email_checkpoints(since=last_sent)
    return now
