"""Throughput of `upstander classify`, measured through the whole process as other tools run it.

    .venv/bin/python bench/classify_throughput.py                 # 20,000 generated short messages
    .venv/bin/python bench/classify_throughput.py -n 50000
    .venv/bin/python bench/classify_throughput.py --input messages.jsonl
    .venv/bin/python bench/classify_throughput.py --direct        # python -m upstander.analysis.cli (no Django)
    .venv/bin/python bench/classify_throughput.py --reports       # reporter accounts (the templates' fills, repeated)
    .venv/bin/python bench/classify_throughput.py --shared-data -n 5000   # distinct real messages (../shared/data test)
    .venv/bin/python bench/classify_throughput.py --encoder       # with the sentence encoder (`classify --encoder`)

Generated messages are short chat lines, mostly ordinary with about one in five harmful, built from
the phrases below (random with a fixed seed). Prints messages per second (wall clock, including
start-up), the start-up time alone (one message) and the peak resident memory of the child process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ORDINARY = [
    "what time is practice tomorrow",
    "lol that video was so funny",
    "can someone send the maths homework",
    "omg did you see the match last night",
    "happy birthday!! have the best day",
    "anyone want to play fortnite later",
    "the bus was late again",
    "i love this song",
    "see you at lunch",
    "did you finish the english essay",
    "my mum says i can come to the party",
    "that test was so hard",
    "good luck in your exam tomorrow",
    "where are you",
    "brb dinner",
    "this weather is rubbish",
    "thanks for helping me today",
    "ok see you at 4",
    "who's coming to the cinema on saturday",
    "i got a new phone",
    "the new teacher seems nice",
]
HARMFUL = [
    "you're such a loser nobody likes you",
    "kys",
    "i'm going to batter you after school",
    "send me nudes or i'll tell everyone",
    "her number is 07700 900461 spam her",
    "f*ck off you fr3ak",
    "nobody wants you in the group",
    "go back to your own country",
    "i want to end it all",
    "you're so ugly lol",
    "i made a fake account pretending to be her",
    "everyone knows she's a slag",
]
NAMES = ["Jake", "Chloe", "Aisha", "Tom", "Mia", "Ryan", "Sophie", "Kai"]


def generate(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = rng.choice(HARMFUL) if rng.random() < 0.2 else rng.choice(ORDINARY)
        if rng.random() < 0.3:
            base = f"{rng.choice(NAMES)} {base}"
        if rng.random() < 0.2:
            base += rng.choice([" 😂", " !!", " lol", " x", " 🙄"])
        out.append({"id": str(i), "text": base})
    return out


def generate_reports(n: int) -> list[dict[str, str]]:
    """n reporter accounts: the fills of upstander/analysis/_reporter_templates.py, repeated (all slow path)."""
    sys.path.insert(0, str(ROOT))
    from upstander.analysis._reporter_templates import generate_reports as fills

    texts = [c.text for c in fills(per_frame=4)]
    return [{"id": str(i), "text": texts[i % len(texts)]} for i in range(n)]


def shared_messages(n: int) -> list[dict[str, str]]:
    """Up to n distinct messages of the final-test split of ../shared/data (tweets, posts, comments)."""
    sys.path.insert(0, str(ROOT))
    from upstander.analysis._datasets import load_all
    from upstander.analysis.train import _split

    seen: set[str] = set()
    out = []
    for e in load_all():
        key = e.text.strip().lower()
        if key and key not in seen and _split(e) == "test":
            seen.add(key)
            out.append({"id": str(len(out)), "text": e.text})
    random.Random(7).shuffle(out)
    return out[:n]


def run(cmd: list[str], path: Path) -> tuple[float, int, int]:
    """(seconds, lines out, exit code) for one run reading `path` on standard input."""
    with path.open("rb") as stdin:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdin=stdin, capture_output=True, cwd=ROOT)
        elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
    return elapsed, proc.stdout.count(b"\n"), proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20_000, help="number of generated messages (default 20000)")
    parser.add_argument("--input", type=Path, help="JSON lines file to classify instead of generated messages")
    parser.add_argument(
        "--reports", action="store_true", help="reporter accounts from the templates instead of chat lines"
    )
    parser.add_argument("--direct", action="store_true", help="run python -m upstander.analysis.cli (no Django)")
    parser.add_argument("--fast", action="store_true", help="pass --fast (no sentence encoder; the default)")
    parser.add_argument("--encoder", action="store_true", help="pass --encoder (with the sentence encoder)")
    parser.add_argument(
        "--shared-data",
        action="store_true",
        help="n distinct real messages: the final-test split of ../shared/data (no repeats, so nothing is cached)",
    )
    args = parser.parse_args()
    if args.direct:
        cmd = [str(ROOT / ".venv" / "bin" / "python"), "-m", "upstander.analysis.cli"]
    else:
        cmd = [str(ROOT / ".venv" / "bin" / "upstander"), "classify"]
    if args.fast:
        cmd.append("--fast")
    if args.encoder:
        cmd.append("--encoder")
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps({"id": "0", "text": "hello"}) + "\n", encoding="utf-8")
        startup, _, code = run(cmd, one)
        if code:
            return code
        if args.input:
            path = args.input
            n = sum(1 for line in path.open(encoding="utf-8") if line.strip())
        else:
            path = Path(tmp) / "messages.jsonl"
            msgs = (
                generate_reports(args.n)
                if args.reports
                else shared_messages(args.n)
                if args.shared_data
                else generate(args.n)
            )
            path.write_text("".join(json.dumps(m) + "\n" for m in msgs), encoding="utf-8")
            n = len(msgs)
        elapsed, lines, code = run(cmd, path)
        if code:
            return code
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"command      {' '.join(cmd)}")
    print(f"messages     {n:,} in, {lines:,} out")
    print(f"wall time    {elapsed:.2f} s (start-up alone {startup:.2f} s)")
    print(f"throughput   {n / elapsed:,.0f} messages/s")
    print(f"peak RSS     {peak_kb / 1024:.0f} MB")
    return 0 if lines == n else 1


if __name__ == "__main__":
    raise SystemExit(main())
