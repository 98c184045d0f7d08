"""The shipped model: stage-1 hashed n-gram linear heads and stage-2 calibrated fusion with the rules.

Stored as plain arrays in `data/model.npz` (no pickle) with a JSON header. For each head h:

    z1[h] = b1[h] + sum_i W1[i, h] / sqrt(n)           (i over the text's n hashed features)
    x     = ([z1 of every head, rule signals] - mean) / scale
    z2[h] = lin[h] . x + lin_b[h] + out[h] . relu(hid[h]^T x + hid_b[h])
    p[h]  = sigmoid(z2[h])                             (fitted on a held-out split: calibrated)

Heads with little data use only the linear part over a few inputs; heads with real data also use a
small hidden layer, which lets them learn how the rules combine (for example, a slur inside
counter-speech). Prejudice strands are conditional heads: p(strand) = p(hate) * p(strand | hate).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from upstander.analysis.features import N_FEATURES

__all__ = ["DEFAULT_MODEL_PATH", "LinearModel"]

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"
_ARRAYS = ("w1", "b1", "mean", "scale", "lin", "lin_b", "hid", "hid_b", "out")


@dataclass
class LinearModel:
    version: str
    heads: list[str]
    signal_names: list[str]
    w1: np.ndarray  # (N_FEATURES, H) stage-1 weights (float16 on disk)
    b1: np.ndarray  # (H,)
    mean: np.ndarray  # (D,) D = H + S stage-2 inputs
    scale: np.ndarray  # (D,)
    lin: np.ndarray  # (H, D)
    lin_b: np.ndarray  # (H,)
    hid: np.ndarray  # (H, D, K)
    hid_b: np.ndarray  # (H, K)
    out: np.ndarray  # (H, K)
    thresholds: dict[str, float]
    meta: dict[str, object]
    # Stage 3: per head, the stage-2 logit shifted by hand-set rule weights, then Platt scaling:
    # {head: {"inputs": [signal names], "coef": [logit weight, *signal weights], "intercept": c,
    #         "platt": [a, b]}}; heads not listed stop at stage 2.
    stage3: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str = DEFAULT_MODEL_PATH) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode("utf-8"))
            arrays = {name: data[name] for name in _ARRAYS}
        if arrays["w1"].shape[0] != N_FEATURES:
            raise ValueError(f"{path}: model has {arrays['w1'].shape[0]} features, this code hashes to {N_FEATURES}.")
        return cls(
            version=header["version"],
            heads=list(header["heads"]),
            signal_names=list(header["signal_names"]),
            thresholds={k: float(v) for k, v in header["thresholds"].items()},
            meta=dict(header.get("meta", {})),
            stage3=dict(header.get("stage3", {})),
            w1=arrays["w1"],
            **{k: arrays[k].astype(np.float32) for k in _ARRAYS if k != "w1"},
        )

    def save(self, path: Path | str) -> None:
        header = {
            "version": self.version,
            "heads": self.heads,
            "signal_names": self.signal_names,
            "thresholds": self.thresholds,
            "meta": self.meta,
            "stage3": self.stage3,
        }
        arrays = {k: getattr(self, k).astype(np.float32) for k in _ARRAYS if k != "w1"}
        np.savez_compressed(
            path,
            header=np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8),
            w1=self.w1.astype(np.float16),
            **arrays,
        )

    def stage1(self, idx: np.ndarray, offsets: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Stage-1 logits, shape (n_docs, H)."""
        n_docs = len(offsets) - 1
        if n_docs == 0:
            return np.zeros((0, len(self.heads)), dtype=np.float32)
        rows = self.w1[idx].astype(np.float32)
        sums = np.add.reduceat(rows, offsets[:-1], axis=0)
        return sums * values[:, None].astype(np.float32) + self.b1

    def stage2(self, z1: np.ndarray, signals: np.ndarray) -> np.ndarray:
        """Calibrated probabilities, shape (n_docs, H)."""
        x = (np.hstack([z1, signals]).astype(np.float32) - self.mean) / self.scale
        z = x @ self.lin.T + self.lin_b
        hidden = np.maximum(np.einsum("nd,hdk->nhk", x, self.hid) + self.hid_b, 0.0)
        z = z + np.einsum("nhk,hk->nh", hidden, self.out)
        for head, spec in self.stage3.items():
            j = self.heads.index(head)
            z[:, j] = self.stage3_logit(spec, z[:, j], signals)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def stage3_logit(self, spec: dict[str, object], z2: np.ndarray, signals: np.ndarray) -> np.ndarray:
        """Stage-3 logit of one head from its stage-2 logit and the rule signals."""
        cols = [self.signal_names.index(str(n)) for n in spec["inputs"]]  # type: ignore[attr-defined]
        coef = np.asarray(spec["coef"], dtype=np.float32)
        z3 = coef[0] * z2 + signals[:, cols] @ coef[1:] + float(spec["intercept"])  # type: ignore[arg-type]
        a, b = (float(v) for v in spec["platt"])  # type: ignore[attr-defined]
        return float(a) * z3 + float(b)

    def word_contributions(self, features: list[int], head: int) -> float:
        return float(self.w1[features, head].astype(np.float32).sum())
