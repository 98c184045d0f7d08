"""The offline classifier (`upstander.analysis`, pure Python) as loaded once per process, for the
reports app (advice on the receipt page) and the intake pipeline (upstander.intake.analysing)."""

from __future__ import annotations

import functools

from upstander.analysis.classifier import Classifier


@functools.cache
def classifier() -> Classifier:
    """Loaded once per process (the worker keeps it; loading takes well under two seconds)."""
    return Classifier.load()
