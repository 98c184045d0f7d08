"""`upstander classify`: classify messages from JSON lines or CSV, one JSON line out per input.

Input (standard input, or --input FILE):
  JSON lines   {"id": "...", "text": "..."}           (blank lines are skipped; no id: the line number)
  CSV          --format csv --text-column NAME         (id from an `id` column, else the row number)
Output, one line per input in input order:
  {"id", "model", "categories": {behaviour or hate: p}, "prejudice": {strand: p}, "flags": [...],
   "urgent": bool, "spans": [{"start", "end", "label"}], "personal_information": [{"type", "start", "end"}]}
  A span of a label that the sentence encoder added also has "encoder": "sentence" (the sentence that scored
  highest) or "message" (the whole text drove it).
--encoder: add the sentence encoder's labels (as the app does for each report; MODEL_CARD.md). Not the default
here: with it, bulk runs fall under 300 messages/s on reports and long posts. --fast (the default): the n-gram
model and reporter rules only.
A line that cannot be classified gives {"id", "error"} (id null if unknown) and the rest go on.
Exit status: 0 when every input was read (even with error lines), 2 for a usage error, 1 if the
model cannot be loaded.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["main"]

BATCH = 256
PROGRESS_MIN = 1000
MAX_TEXT = 100_000  # characters; longer texts are classified on their first MAX_TEXT characters


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="upstander classify",
        description="Classify messages for harmful content (JSON lines or CSV in, JSON lines out).",
    )
    p.add_argument("--input", "-i", metavar="FILE", help="read from FILE instead of standard input")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="input format (default jsonl)")
    p.add_argument("--text-column", default="text", metavar="NAME", help="CSV column with the text (default text)")
    p.add_argument("--model", metavar="PATH", help="model file (default: the shipped model)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--fast",
        action="store_true",
        help="the n-gram model and reporter rules only (the default: ~3x the throughput of --encoder)",
    )
    mode.add_argument(
        "--encoder",
        action="store_true",
        help="also the sentence encoder's labels, as the app uses for each report (more recall on reports, slower)",
    )
    return p


def _jsonl_items(lines: Iterator[str]) -> Iterator[tuple[Any, str | None, str | None]]:
    """(id, text, error) per non-blank line."""
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield None, None, f"line {n}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})"
            continue
        if not isinstance(obj, dict):
            yield None, None, f'line {n}: expected a JSON object like {{"id": "1", "text": "..."}}'
            continue
        ident = obj.get("id", n)
        if isinstance(ident, (dict, list)):
            yield None, None, f"line {n}: id must be a string or a number"
            continue
        if "text" not in obj:
            yield ident, None, f'line {n}: missing "text"'
            continue
        text = obj["text"]
        if not isinstance(text, str):
            yield ident, None, f'line {n}: "text" must be a string, not {type(text).__name__}'
            continue
        yield ident, text, None


def _csv_items(stream: IO[str], column: str) -> Iterator[tuple[Any, str | None, str | None]]:
    reader = csv.DictReader(stream)
    fields = reader.fieldnames or []
    if column not in fields:
        raise _UsageError(f"CSV has no column {column!r} (columns: {', '.join(fields) or 'none'}); use --text-column")
    has_id = "id" in fields
    for n, row in enumerate(reader, start=1):
        ident: Any = row.get("id") if has_id else n
        text = row.get(column)
        if text is None:
            yield ident, None, f"row {n}: missing value for column {column!r}"
            continue
        yield ident, text, None


class _UsageError(Exception):
    pass


def _decoded_lines(stream: IO[Any]) -> Iterator[str]:
    """Lines as text; undecodable bytes become U+FFFD rather than stopping the run."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        for raw in buffer:
            yield raw.decode("utf-8", errors="replace")
    else:
        yield from stream


class _Progress:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.shown = False

    def update(self, done: int) -> None:
        if not self.enabled or done < PROGRESS_MIN:
            return
        rate = done / max(time.monotonic() - self.start, 1e-6)
        self.stream.write(f"\rclassified {done:,} messages ({rate:,.0f}/s)")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _run(
    items: Iterator[tuple[Any, str | None, str | None]], out: IO[str], err: IO[str], model: str | None, fast: bool
) -> None:
    # Here, not at the top: `--help` and argument errors answer without loading numpy and the model code.
    from upstander.analysis.classifier import Classifier
    from upstander.analysis.encoder import BATCH_THREADS

    threads = None if fast else BATCH_THREADS  # batches of messages: every core helps
    clf = (
        Classifier.load(model, fast=fast, encoder_threads=threads)
        if model
        else Classifier.load(fast=fast, encoder_threads=threads)
    )
    progress = _Progress(err)
    done = 0
    batch: list[tuple[Any, str | None, str | None]] = []

    def flush() -> None:
        nonlocal done
        texts = [t[:MAX_TEXT] for _, t, e in batch if e is None and t is not None]
        results = iter(clf.classify_many(texts))
        lines = []
        for ident, text, error in batch:
            if error is not None or text is None:
                lines.append(json.dumps({"id": ident, "error": error}, ensure_ascii=False))
            else:
                lines.append(json.dumps({"id": ident, **next(results)}, ensure_ascii=False))
        out.write("\n".join(lines) + "\n")
        out.flush()
        done += len(batch)
        batch.clear()
        progress.update(done)

    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    progress.close()


def main(
    argv: list[str] | None = None,
    stdin: IO[Any] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has already printed the reason
        return int(exc.code or 0)
    opened: IO[Any] | None = None
    try:
        if args.input:
            path = Path(args.input)
            if not path.is_file():
                raise _UsageError(f"no such file: {args.input}")
            opened = path.open(encoding="utf-8", errors="replace", newline="" if args.format == "csv" else None)
            source: IO[Any] = opened
        else:
            source = stdin if stdin is not None else sys.stdin
        if args.format == "csv":
            text_stream = (
                source
                if opened is not None or not hasattr(source, "buffer")
                else io.TextIOWrapper(source.buffer, encoding="utf-8", errors="replace", newline="")
            )
            items = _csv_items(text_stream, args.text_column)
        else:
            items = _jsonl_items(_decoded_lines(source) if opened is None else iter(source))
        _run(items, out, err, args.model, not args.encoder)
    except _UsageError as exc:
        err.write(f"upstander classify: {exc}\n")
        return 2
    except (OSError, ValueError, KeyError) as exc:
        if isinstance(exc, BrokenPipeError):
            return 0
        err.write(f"upstander classify: cannot run the classifier: {exc}\n")
        return 1
    finally:
        if opened is not None:
            opened.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
