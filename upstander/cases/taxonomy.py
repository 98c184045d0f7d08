"""Plain-words labels for DESIGN.md's taxonomy names: kept with the names in `upstander.taxonomy`, the one
place of human names; re-exported here for the case forms and pages."""

from __future__ import annotations

from upstander.taxonomy import BEHAVIOUR_LABELS, BEHAVIOURS, PREJUDICE_LABELS, PREJUDICE_STRANDS, label, labels_in_words

__all__ = ["BEHAVIOUR_CHOICES", "BEHAVIOUR_LABELS", "PREJUDICE_CHOICES", "PREJUDICE_LABELS", "label", "labels_in_words"]

# Every name has a label (a test checks), in the taxonomy's order.
BEHAVIOUR_CHOICES = [(name, BEHAVIOUR_LABELS[name]) for name in BEHAVIOURS]
PREJUDICE_CHOICES = [(name, PREJUDICE_LABELS[name]) for name in PREJUDICE_STRANDS]
