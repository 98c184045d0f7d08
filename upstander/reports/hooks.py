"""What the reports app announces to the layers above it (upstander.core.hooks), which register in
their AppConfig.ready(). The intake pipeline (upstander.intake) registers for both; each handler is
called inside the transaction that stored the row, and queues its work for after the commit."""

from __future__ import annotations

from upstander.core.hooks import Hook

# report_received(report_id=..., urgent=...): a report was stored (web form, email, API, staff
# recording it); `urgent`: the reporter said someone is in danger now.
report_received = Hook("report received", required=True)
# reporter_replied(report_id=...): the reporter sent the safeguarding lead a message.
reporter_replied = Hook("reporter replied", required=True)
