"""Turn a text and the classifier's spans into segments a template can show with <mark>."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    labels: tuple[str, ...]


def segments(text: str, spans: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Split `text` where highlights start or end; overlapping spans give a segment both labels."""
    marks: list[set[str]] = [set() for _ in text]
    for span in spans:
        start, end = max(0, int(span["start"])), min(len(text), int(span["end"]))
        for index in range(start, end):
            marks[index].add(str(span.get("label") or span.get("type") or "flag"))
    out: list[Segment] = []
    for index, char in enumerate(text):
        labels = tuple(sorted(marks[index]))
        if out and out[-1].labels == labels:
            out[-1] = Segment(out[-1].text + char, labels)
        else:
            out.append(Segment(char, labels))
    return out
