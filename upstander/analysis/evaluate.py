"""Run the hand-written functional test suite and report accuracy per functionality.

    .venv/bin/python -m upstander.analysis.evaluate            # table on standard output
    .venv/bin/python -m upstander.analysis.evaluate --json     # the same as JSON
    .venv/bin/python -m upstander.analysis.evaluate --failures # also list failing cases
    .venv/bin/python -m upstander.analysis.evaluate --heldout  # the held-out suite

A case passes when the `hate` flag matches its gold label (hateful / non-hateful; '-' means the case
tests other labels only) and every expectation holds: `label` must be flagged, `!label` must not be.
The target strand of hateful cases is scored separately (strand accuracy).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from upstander.analysis.classifier import Classifier, Result

SUITE_PATH = Path(__file__).resolve().parent / "data" / "functional_suite.tsv"
HELDOUT_PATH = Path(__file__).resolve().parent / "data" / "heldout_suite.tsv"

__all__ = ["Case", "evaluate", "load_suite"]


@dataclass(frozen=True)
class Case:
    functionality: str
    gold: str
    strand: str
    expect: tuple[str, ...]
    text: str


def load_suite(path: Path = SUITE_PATH) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    return [
        Case(r["functionality"], r["gold"], r["strand"], tuple(x for x in r["expect"].split(",") if x), r["text"])
        for r in reader
    ]


def _passes(case: Case, result: Result) -> tuple[bool, bool | None]:
    flags = set(result["flags"])
    if result.get("urgent"):
        flags.add("urgent")
    ok = True
    if case.gold == "hateful":
        ok = "hate" in flags
    elif case.gold == "non-hateful":
        ok = "hate" not in flags
    for e in case.expect:
        ok = ok and (e[1:] not in flags if e.startswith("!") else e in flags)
    strand_ok: bool | None = None
    if case.gold == "hateful" and case.strand != "-":
        prejudice = result["prejudice"]
        strand_ok = max(prejudice, key=lambda s: prejudice[s]) == case.strand
    return ok, strand_ok


def evaluate(clf: Classifier, cases: list[Case]) -> dict[str, object]:
    results = clf.classify_many([c.text for c in cases])
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    strand = [0, 0]
    failures = []
    for case, res in zip(cases, results, strict=True):
        ok, strand_ok = _passes(case, res)
        per[case.functionality][0] += int(ok)
        per[case.functionality][1] += 1
        if case.gold in ("hateful", "non-hateful"):
            by_gold[case.gold][0] += int(ok)
            by_gold[case.gold][1] += 1
        if strand_ok is not None:
            strand[0] += int(strand_ok)
            strand[1] += 1
        if not ok or strand_ok is False:
            failures.append(
                {
                    "functionality": case.functionality,
                    "text": case.text,
                    "flags": res["flags"],
                    "hate": res["categories"]["hate"],
                    "prejudice": res["prejudice"],
                }
            )
    hate_correct = sum(v[0] for v in by_gold.values())
    hate_total = sum(v[1] for v in by_gold.values())
    return {
        "model": clf.version,
        "cases": len(cases),
        "functionalities": {
            k: {"correct": v[0], "total": v[1], "accuracy": round(v[0] / v[1], 3)} for k, v in per.items()
        },
        "hate_overall": round(hate_correct / hate_total, 3) if hate_total else None,
        "hate_hateful": round(by_gold["hateful"][0] / by_gold["hateful"][1], 3) if by_gold["hateful"][1] else None,
        "hate_non_hateful": (
            round(by_gold["non-hateful"][0] / by_gold["non-hateful"][1], 3) if by_gold["non-hateful"][1] else None
        ),
        "strand_accuracy": round(strand[0] / strand[1], 3) if strand[1] else None,
        "all_cases": round(sum(v[0] for v in per.values()) / max(1, len(cases)), 3),
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Upstander's functional test suite.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--heldout", action="store_true", help="the held-out suite (written after development, run once)"
    )
    args = parser.parse_args(argv)
    clf = Classifier.load(args.model) if args.model else Classifier.load()
    report = evaluate(clf, load_suite(HELDOUT_PATH if args.heldout else SUITE_PATH))
    if args.json:
        if not args.failures:
            report.pop("failures")
        print(json.dumps(report, indent=1))
        return 0
    print(f"model {report['model']}, {report['cases']} cases")
    print(f"{'functionality':34} {'correct':>8} {'accuracy':>9}")
    funcs: dict[str, dict[str, float]] = report["functionalities"]  # type: ignore[assignment]
    for name, row in funcs.items():
        print(f"{name:34} {int(row['correct']):>4}/{int(row['total']):<4} {row['accuracy']:>8.1%}")
    for key in ("hate_overall", "hate_hateful", "hate_non_hateful", "strand_accuracy", "all_cases"):
        print(f"{key:34} {float(report[key]):>14.1%}")  # type: ignore[arg-type]
    if args.failures:
        for f in report["failures"]:  # type: ignore[attr-defined]
            print(json.dumps(f, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
