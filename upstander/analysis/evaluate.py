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
from typing import Any

from upstander.analysis.classifier import STRANDS as STRAND_NAMES
from upstander.analysis.classifier import Classifier, Result

SUITE_PATH = Path(__file__).resolve().parent / "data" / "functional_suite.tsv"
HELDOUT_PATH = Path(__file__).resolve().parent / "data" / "heldout_suite.tsv"
REPORTER_PATH = Path(__file__).resolve().parent / "data" / "reporter_suite.tsv"
REPORTER_B_PATH = REPORTER_PATH.with_name("reporter_suite_b.tsv")
REPORTER_C_PATH = REPORTER_PATH.with_name("reporter_suite_c.tsv")
REPORTER_D_PATH = REPORTER_PATH.with_name("reporter_suite_d.tsv")
REPORTER_E_PATH = REPORTER_PATH.with_name("reporter_suite_e.tsv")

__all__ = ["Case", "ReporterCase", "evaluate", "evaluate_reports", "load_reporter_suite", "load_suite"]


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


@dataclass(frozen=True)
class ReporterCase:
    functionality: str
    expect: frozenset[str]
    allow: frozenset[str]
    text: str


def load_reporter_suite(path: Path = REPORTER_PATH) -> list[ReporterCase]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")

    def labels(cell: str) -> frozenset[str]:
        return frozenset(x.strip() for x in cell.split(",") if x.strip() and x.strip() != "-")

    return [ReporterCase(r["functionality"], labels(r["expect"]), labels(r["allow"]), r["text"]) for r in reader]


def report_passes(expect: frozenset[str], allow: frozenset[str], result: Result) -> tuple[bool, list[str], list[str]]:
    """Fully right: every expected label flagged, nothing flagged outside expect + allow (urgent included)."""
    flags = set(result["flags"])
    if result.get("urgent"):
        flags.add("urgent")
    missing = sorted(expect - flags)
    unwanted = sorted(flags - expect - allow)
    return not missing and not unwanted, missing, unwanted


def evaluate_reports(clf: Classifier, cases: list[ReporterCase]) -> dict[str, object]:
    """Reporter accounts: fully right per case; recall and precision per label over the suite."""
    results = clf.classify_many([c.text for c in cases])
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    label_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    failures = []
    for case, res in zip(cases, results, strict=True):
        ok, missing, unwanted = report_passes(case.expect, case.allow, res)
        per[case.functionality][0] += int(ok)
        per[case.functionality][1] += 1
        flags = set(res["flags"]) | ({"urgent"} if res["urgent"] else set())
        for label in flags | case.expect:
            if label in case.expect and label in flags:
                label_counts[label][0] += 1
            elif label in flags and label not in case.allow:
                label_counts[label][1] += 1
            elif label in case.expect:
                label_counts[label][2] += 1
        if not ok:
            failures.append(
                {
                    "functionality": case.functionality,
                    "text": case.text,
                    "flags": sorted(flags),
                    "missing": missing,
                    "unwanted": unwanted,
                }
            )
    correct = sum(v[0] for v in per.values())
    return {
        "model": clf.version,
        "cases": len(cases),
        "fully_right": correct,
        "accuracy": round(correct / max(1, len(cases)), 3),
        "functionalities": {
            k: {"correct": v[0], "total": v[1], "accuracy": round(v[0] / v[1], 3)} for k, v in per.items()
        },
        "labels": {
            k: {
                "tp": v[0],
                "fp": v[1],
                "fn": v[2],
                "precision": round(v[0] / (v[0] + v[1]), 3) if v[0] + v[1] else None,
                "recall": round(v[0] / (v[0] + v[2]), 3) if v[0] + v[2] else None,
            }
            for k, v in sorted(label_counts.items())
        },
        "failures": failures,
    }


def _print_reports(report: dict[str, Any], failures: bool) -> None:
    print(
        f"model {report['model']}, {report['cases']} reporter accounts, fully right {report['fully_right']} "
        f"({float(report['accuracy']):.1%})"
    )
    funcs = report["functionalities"]
    for name, row in funcs.items():
        print(f"{name:34} {int(row['correct']):>4}/{int(row['total']):<4} {row['accuracy']:>8.1%}")
    print(f"{'label':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    labels = report["labels"]
    for name, row in labels.items():
        pr = "-" if row["precision"] is None else f"{float(row['precision']):.2f}"
        rc = "-" if row["recall"] is None else f"{float(row['recall']):.2f}"
        print(f"{name:24} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} {pr:>10} {rc:>8}")
    if failures:
        for f in report["failures"]:
            print(json.dumps(f, ensure_ascii=False))


def evaluate_datasets(clf: Classifier, split: str, data_dir: Path | None = None) -> dict[str, object]:
    """Per data set and per label precision / recall on one split ('val' = dev, 'test' = final test)
    of ../shared/data, split exactly as training splits it (`train._split`: CRC-32 of the text)."""
    # Here, not at the top: the data sets and the training split need scikit-learn (the train extra).
    from upstander.analysis._datasets import default_data_dir, load_all
    from upstander.analysis.train import _split

    seen: set[str] = set()
    examples = []
    for e in load_all(data_dir or default_data_dir()):
        key = e.text.strip().lower()
        if key and key not in seen:
            seen.add(key)
            if _split(e) == split:
                examples.append(e)
    results = list(clf.iter_classify([e.text for e in examples]))
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for e, res in zip(examples, results, strict=True):
        flags = set(res["flags"]) | ({"urgent"} if res["urgent"] else set())
        gold = dict(e.labels)
        if gold.get("hate") == 1 and e.strands is not None:
            for s in STRAND_NAMES:
                gold[s] = int(s in e.strands)
        for label, y in gold.items():
            pred = False if label in STRAND_NAMES and "hate" not in flags else label in flags
            row = counts[e.source][label]
            row[0] += int(pred and y == 1)
            row[1] += int(pred and y == 0)
            row[2] += int(not pred and y == 1)
            row[3] += 1
    out: dict[str, object] = {"model": clf.version, "split": split, "examples": len(examples), "datasets": {}}
    for source, labels in sorted(counts.items()):
        out["datasets"][source] = {  # type: ignore[index]
            label: {
                "n": n,
                "positives": tp + fn,
                "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                "recall": round(tp / (tp + fn), 3) if tp + fn else None,
                "f1": round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0,
                "false_alarms": fp,
            }
            for label, (tp, fp, fn, n) in sorted(labels.items())
            if tp + fn or fp
        }
    return out


def _print_datasets(report: dict[str, Any]) -> None:
    print(f"model {report['model']}, split {report['split']}, {report['examples']} examples")
    print("strand rows: hateful examples whose target is known; a strand counts only when hate is flagged too")
    print(
        f"{'data set':16} {'label':22} {'n':>6} {'pos':>6} {'precision':>10} {'recall':>8} {'F1':>6} {'false alarms':>13}"
    )
    for source, labels in report["datasets"].items():
        for label, r in labels.items():
            pr = "-" if r["precision"] is None else f"{r['precision']:.3f}"
            rc = "-" if r["recall"] is None else f"{r['recall']:.3f}"
            f1 = f"{r['f1']:.3f}" if r["positives"] else "-"
            print(
                f"{source:16} {label:22} {r['n']:>6} {r['positives']:>6} {pr:>10} {rc:>8} {f1:>6} {r['false_alarms']:>13}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Upstander's functional test suite.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--heldout", action="store_true", help="the held-out suite (written after development, run once)"
    )
    parser.add_argument(
        "--reporter", action="store_true", help="the reporter-account evaluation suite (never tuned against)"
    )
    parser.add_argument(
        "--reporter-b",
        action="store_true",
        help="reporter-account suite B (independent; run on r1 once and on r2 once)",
    )
    parser.add_argument(
        "--reporter-c",
        action="store_true",
        help="reporter-account suite C (the final test split of r3: run on r2 once and on r3 once)",
    )
    parser.add_argument(
        "--reporter-d",
        action="store_true",
        help="reporter-account suite D (the final test split of the encoder release: written before its heads, run once)",
    )
    parser.add_argument(
        "--reporter-e",
        action="store_true",
        help="reporter-account suite E (the final test split of session 6: written before its changes, run before and after)",
    )
    parser.add_argument(
        "--fast", action="store_true", help="the classifier without the sentence encoder (`upstander classify --fast`)"
    )
    parser.add_argument(
        "--reporter-dev", action="store_true", help="the reporter-account templates (development; 'dev' frames)"
    )
    parser.add_argument(
        "--datasets",
        choices=("dev", "test"),
        default=None,
        help="per data set and label precision/recall on the dev (validation) or final-test split of ../shared/data",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="everything MODEL_CARD.md reports: the final-test split of ../shared/data per data set and label, "
        "reporter suites A to E with per-label precision/recall, and both functional suites",
    )
    args = parser.parse_args(argv)
    clf = Classifier.load(args.model, fast=args.fast) if args.model else Classifier.load(fast=args.fast)
    if args.all:
        _print_datasets(evaluate_datasets(clf, "test"))
        for title, path in (
            ("A", REPORTER_PATH),
            ("B", REPORTER_B_PATH),
            ("C (final test of r3)", REPORTER_C_PATH),
            ("D (final test of the encoder release)", REPORTER_D_PATH),
            ("E (final test of session 6)", REPORTER_E_PATH),
        ):
            print(f"\nreporter suite {title}")
            _print_reports(evaluate_reports(clf, load_reporter_suite(path)), False)
        for title, path in (("development", SUITE_PATH), ("held-out", HELDOUT_PATH)):
            rep_f = evaluate(clf, load_suite(path))
            print(
                f"\nfunctional suite ({title}): all cases {rep_f['all_cases']:.1%}, hate overall "
                f"{rep_f['hate_overall']:.1%}, hateful {rep_f['hate_hateful']:.1%}, non-hateful "
                f"{rep_f['hate_non_hateful']:.1%}, strand {rep_f['strand_accuracy']:.1%}"
            )
        return 0
    if args.datasets:
        ds = evaluate_datasets(clf, "val" if args.datasets == "dev" else "test")
        print(json.dumps(ds, indent=1)) if args.json else _print_datasets(ds)
        return 0
    suites = (args.reporter, args.reporter_b, args.reporter_c, args.reporter_d, args.reporter_e)
    if any(suites) or args.reporter_dev:
        if any(suites):
            path = (
                REPORTER_E_PATH
                if args.reporter_e
                else REPORTER_D_PATH
                if args.reporter_d
                else REPORTER_C_PATH
                if args.reporter_c
                else REPORTER_B_PATH
                if args.reporter_b
                else REPORTER_PATH
            )
            rcases = load_reporter_suite(path)
        else:
            # Here, not at the top: the generated reporter suite is only built for --reporter-dev.
            from upstander.analysis._reporter_templates import generate_reports, split_of

            rcases = [
                ReporterCase(c.functionality, c.expect, c.allow, c.text)
                for c in generate_reports()
                if split_of(c.frame) == "dev"
            ]
        rep = evaluate_reports(clf, rcases)
        if args.json:
            if not args.failures:
                rep.pop("failures")
            print(json.dumps(rep, indent=1))
        else:
            _print_reports(rep, args.failures)
        return 0
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
