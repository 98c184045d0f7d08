"""Latency of one report's text through the classifier as the app calls it (one `classify` call per text).

    .venv/bin/python bench/classify_latency.py              # the reporter templates, each text once, 3 rounds
    .venv/bin/python bench/classify_latency.py --rounds 5
    .venv/bin/python bench/classify_latency.py --fast       # without the sentence encoder

Loads the model once (as the app's worker does), then times `Classifier.classify(text)` for each text
one at a time (no batching) and prints p50 / p95 / max in milliseconds and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from upstander.analysis import Classifier
from upstander.analysis._reporter_templates import generate_reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fast", action="store_true", help="without the sentence encoder")
    args = parser.parse_args()
    t0 = time.perf_counter()
    clf = Classifier.load(fast=args.fast)
    load = time.perf_counter() - t0
    texts = [c.text for c in generate_reports(per_frame=4)]
    # A long report too: several accounts run together, as a parent might write.
    texts.append(" ".join(texts[:40]))
    clf.classify(texts[0])  # warm caches, as a running worker would be
    times = []
    for _ in range(args.rounds):
        for t in texts:
            s = time.perf_counter()
            clf.classify(t)
            times.append((time.perf_counter() - s) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"model        {clf.version}")
    print(f"model load   {load:.2f} s")
    print(f"texts        {len(texts)} x {args.rounds} rounds, one call each")
    print(f"p50          {statistics.median(times):.2f} ms")
    print(f"p95          {p95:.2f} ms")
    print(f"max          {times[-1]:.2f} ms")
    print(f"peak RSS     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
