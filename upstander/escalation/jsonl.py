"""The `upstander escalate` line protocol, kept free of Django so it can be tested and reused alone.

Input: one JSON object of facts per line (see `facts.py`); blank lines are skipped.
Output, one line per non-blank input line, in input order:
  {"id": ..., "rules_version": "...", "duties": [{"duty": code, "reason": "...", "legal": ["...", ...]}, ...]}
with duties most pressing first, or, for a line that cannot be read,
  {"id": <the line's id, or null>, "error": "line N: <what is wrong and how to fix it>"}
An error line from an earlier step ({"id", "error"} only, e.g. from `upstander facts`) is passed on
as an error line, so a pipeline keeps one line per input.
Other tools depend on this shape: change it only with a new RULES_VERSION and a note to them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from upstander.escalation.facts import FactsError, parse_facts
from upstander.escalation.rules import recommend

__all__ = ["escalate_line", "escalate_lines"]


def _line_id(obj: Any) -> str | int | None:
    """The id to echo on an error line: only a well-formed one, so the output is always valid."""
    if isinstance(obj, dict):
        ident = obj.get("id")
        if isinstance(ident, (str, int)) and not isinstance(ident, bool):
            return ident
    return None


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def escalate_line(line: str, *, number: int) -> str | None:
    """The output line for one input line (without its newline), or None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "nested too deeply"
        return _dumps(
            {"id": None, "error": f"line {number}: not valid JSON ({detail}); write one JSON object per line"}
        )
    if isinstance(obj, dict) and "error" in obj and set(obj) <= {"id", "error"}:
        # An error line from an earlier step of a pipeline (`upstander facts`) stays an error line.
        return _dumps({"id": _line_id(obj), "error": f"line {number}: earlier step: {obj['error']}"})
    try:
        recommendation = recommend(facts=parse_facts(obj))
    except FactsError as exc:
        return _dumps({"id": _line_id(obj), "error": f"line {number}: {exc}"})
    return _dumps(recommendation.as_dict())


def escalate_lines(*, lines: Iterable[str]) -> Iterator[str]:
    """Output lines for the input lines, skipping blanks; every non-blank line gets exactly one."""
    for number, line in enumerate(lines, start=1):
        out = escalate_line(line, number=number)
        if out is not None:
            yield out
