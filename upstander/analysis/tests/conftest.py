"""Shared fixtures: one classifier for the whole session (loading it takes a fraction of a second)."""

from __future__ import annotations

import pytest

from upstander.analysis import Classifier


@pytest.fixture(scope="session")
def clf() -> Classifier:
    return Classifier.load()
