"""What the evidence app announces to the layers above it (upstander.core.hooks), which register in
their AppConfig.ready(): the intake pipeline (upstander.intake) runs the classifier on new text."""

from __future__ import annotations

from upstander.core.hooks import Hook

# evidence_text_ready(report_id=...): a report has new text to read (OCR of a screenshot, an email's
# words, a pasted message). Called inside the transaction that stored it, or after the derive task.
evidence_text_ready = Hook("evidence text ready", required=True)

# evidence_text_withdrawn(item_ids=[...]): these items' text must no longer be read or shown (an item
# sealed, which drops the text of every item with the same bytes; or erased). Copies kept above (the
# classifier's analyses) go too. Called inside the transaction that sealed or erased.
evidence_text_withdrawn = Hook("evidence text withdrawn")
