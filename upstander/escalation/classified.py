"""From what `upstander classify` emits to the facts `upstander escalate` reads (the `upstander facts` step).

The classifier suggests and people decide: this turns one classifier line into the facts it can
support on its own (behaviours, `hate`, prejudice strands, and `urgent` as `danger_now`), plus any
case context the caller adds (`setting`, the people, what the platform said), so that
`upstander classify | upstander facts | upstander escalate` runs without hand edits.

Input lines may be the classifier's output (`flags`, or `categories`/`prejudice` as label: probability
maps, read at 0.5 when there are no flags) or facts already (lists), which pass through. The
classifier's other fields (model, spans, personal_information, text) are dropped; an error line from
the classifier stays an error line. No Django import (DESIGN.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from upstander.escalation.facts import CATEGORY_NAMES, FACT_FIELDS, PREJUDICE_STRANDS, FactsError, parse_facts
from upstander.taxonomy import URGENT

__all__ = ["facts_from_classification", "facts_lines"]

THRESHOLD = 0.5  # the classifier's own default threshold, used only when a line carries no `flags`
CLASSIFIER_FIELDS = frozenset({"model", "flags", "urgent", "spans", "personal_information", "text"})


def _labels(value: object, known: tuple[str, ...], name: str) -> list[str]:
    """Labels from a list of names, or from a label: probability map (at THRESHOLD)."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item for item in value if item in known]
    if isinstance(value, Mapping):
        out = []
        for label, p in value.items():
            if isinstance(p, bool) or not isinstance(p, (int, float)):
                raise FactsError(name, f'must map labels to probabilities such as {{"insult": 0.9}}, not {p!r}')
            if label in known and p >= THRESHOLD:
                out.append(label)
        return out
    raise FactsError(name, f"must be a list of names or a map of label to probability, not {type(value).__name__}")


def facts_from_classification(line: Mapping[str, Any], *, context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The facts (in `parse_facts`'s shape) that one classifier line supports, merged with `context`.

    Raises `FactsError` (a ValueError) naming the field when the line or the context cannot be read.
    """
    if not isinstance(line, Mapping):
        raise FactsError("line", "must be a JSON object, as `upstander classify` writes")
    flags = line.get("flags")
    if flags is not None and not (isinstance(flags, list) and all(isinstance(f, str) for f in flags)):
        raise FactsError("flags", 'must be a list of labels such as ["insult", "hate"]')
    if flags is not None:
        categories = [f for f in flags if f in CATEGORY_NAMES]
        prejudice = [f for f in flags if f in PREJUDICE_STRANDS]
        urgent = URGENT in flags or line.get("urgent") is True
    else:
        categories = _labels(line.get("categories"), CATEGORY_NAMES, "categories")
        prejudice = _labels(line.get("prejudice"), PREJUDICE_STRANDS, "prejudice")
        urgent = line.get("urgent") is True
    facts: dict[str, Any] = {
        key: value for key, value in line.items() if key in FACT_FIELDS and key not in ("categories", "prejudice")
    }
    # Only known fact names go on; the classifier's own fields are dropped, anything else is refused
    # (a typo must not silently vanish).
    for key in line:
        if key not in FACT_FIELDS and key not in CLASSIFIER_FIELDS:
            raise FactsError(str(key), "is neither a classifier field nor a known fact")
    if urgent:
        facts["danger_now"] = True
    for key, value in (context or {}).items():
        if key in ("categories", "prejudice") and isinstance(value, list):
            continue  # merged below
        facts.setdefault(key, value)
    extra = context or {}
    facts["categories"] = list(dict.fromkeys([*categories, *(extra.get("categories") or [])]))
    facts["prejudice"] = list(dict.fromkeys([*prejudice, *(extra.get("prejudice") or [])]))
    parse_facts(facts)  # refuse here, naming the field, rather than one step later
    return facts


def _error(ident: object, number: int, message: str) -> str:
    ok = isinstance(ident, (str, int)) and not isinstance(ident, bool)
    return json.dumps({"id": ident if ok else None, "error": f"line {number}: {message}"}, ensure_ascii=False)


def facts_lines(*, lines: Iterable[str], context: Mapping[str, Any] | None = None) -> Iterator[str]:
    """One facts line per non-blank classifier line, in order; an unreadable line gives an error line."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            yield _error(None, number, "not valid JSON; write one JSON object per line, as `upstander classify` does")
            continue
        ident = obj.get("id") if isinstance(obj, dict) else None
        if isinstance(obj, dict) and "error" in obj and set(obj) <= {"id", "error"}:
            yield _error(ident, number, f"the classifier could not read it: {obj['error']}")
            continue
        try:
            yield json.dumps(facts_from_classification(obj, context=context), ensure_ascii=False)
        except FactsError as exc:
            yield _error(ident, number, str(exc))
