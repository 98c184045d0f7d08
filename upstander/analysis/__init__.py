"""Upstander's harmful-content classifier: plain Python and numpy, no Django.

    from upstander.analysis import Classifier
    Classifier.load().classify("text")

See MODEL_CARD.md at the repository root for the data, method, evaluation and limits.
"""

from upstander.analysis.classifier import BEHAVIOURS, CATEGORY_LABELS, STRANDS, Classifier

__all__ = ["BEHAVIOURS", "CATEGORY_LABELS", "STRANDS", "Classifier"]
