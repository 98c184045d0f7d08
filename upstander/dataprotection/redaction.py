"""Finding other people's details in free text and replacing them: pure Python, no Django.

Used by the subject access export (everyone but the subject is replaced) and by anonymisation and
erasure (the people being removed are replaced). Terms are matched whole-word and ignoring case,
longest first, so "Sam Patel" becomes one label rather than two. Besides the names it is given, a
redactor can also replace every email address, phone number and @handle it finds (`sweep=True`),
except those it is told belong to the subject: free text is where other people's details hide.

What it cannot do: find a person nobody recorded anywhere (a nickname only the pupil uses), or a
name spelt differently. The person handing over an export reads it first (README: data protection).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_TERM = 3  # shorter terms ("Al", "Jo") would redact parts of ordinary words' neighbours too often
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<!\w)(?:\+44\s?|0)\d(?:[\s-]?\d){8,10}(?!\w)")
HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,30}")


@dataclass
class Redactor:
    """`terms` maps each text to find to the label that replaces it."""

    terms: dict[str, str] = field(default_factory=dict)
    keep: set[str] = field(default_factory=set)  # lower-cased terms never replaced (the subject's own)
    sweep: bool = False
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    def add(self, text: str | None, label: str) -> None:
        value = " ".join((text or "").split())
        if len(value) >= MIN_TERM and value.lower() not in self.keep:
            self.terms.setdefault(value, label)
        self._pattern = None

    def add_all(self, texts: Iterable[str | None], label: str) -> None:
        for text in texts:
            self.add(text, label)

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.terms:
            ordered = sorted(self.terms, key=len, reverse=True)
            parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in ordered]
            self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
        return self._pattern

    def _label_for(self, found: str) -> str:
        squashed = " ".join(found.split()).lower()
        for term, label in self.terms.items():
            if term.lower() == squashed:
                return label
        return "[redacted]"

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        pattern = self._compiled()
        out = pattern.sub(lambda m: self._label_for(m.group(0)), text) if pattern is not None else text
        if self.sweep:
            out = EMAIL_RE.sub(lambda m: self._kept(m.group(0), "[email address redacted]"), out)
            out = PHONE_RE.sub(lambda m: self._kept(m.group(0), "[phone number redacted]"), out)
            out = HANDLE_RE.sub(lambda m: self._kept(m.group(0), "[username redacted]"), out)
        return out

    def _kept(self, found: str, label: str) -> str:
        return found if found.lower() in self.keep else label


def name_parts(first: str, last: str) -> list[str]:
    """The full name, then each part: "Sam Patel" is found as well as "Patel" and "Sam"."""
    full = " ".join(part for part in (first.strip(), last.strip()) if part)
    return [full, first.strip(), last.strip()]
