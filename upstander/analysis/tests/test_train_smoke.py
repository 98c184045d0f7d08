"""The training code path runs end to end on a tiny sample and writes a model that loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from upstander.analysis import Classifier
from upstander.analysis._datasets import default_data_dir
from upstander.analysis.train import train


@pytest.mark.skipif(not default_data_dir().is_dir(), reason="shared training data not present")
def test_training_on_a_small_sample_writes_a_loadable_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs the `train` extra (scikit-learn, scipy)")
    report = train(out_dir=tmp_path, sample=400, per_frame=1, log=lambda _m: None)
    assert (tmp_path / "model.npz").exists() and (tmp_path / "vocab.txt").exists()
    assert report["examples"]["train"] > report["examples"]["test"] > 0  # type: ignore[index]
    clf = Classifier.load(tmp_path / "model.npz")
    result = clf.classify("I will kill you")
    assert set(result["categories"]) >= {"hate", "threat"}  # type: ignore[arg-type]
    for p in result["categories"].values():  # type: ignore[attr-defined]
        assert 0.0 <= p <= 1.0


def test_training_is_reproducible_in_how_it_splits() -> None:
    from upstander.analysis._templates import generate
    from upstander.analysis.train import _split

    first = [_split(e) for e in generate(seed=13, per_frame=1)]
    second = [_split(e) for e in generate(seed=13, per_frame=1)]
    assert first == second and {"train", "val", "test"} <= set(first)
