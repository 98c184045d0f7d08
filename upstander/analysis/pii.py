"""Personal information in a message: UK phone numbers, e-mail and home addresses, postcodes,
"lives at" statements and a school named together with a person's full name.

Runs on the ORIGINAL text (numbers and capitals matter), so offsets are the caller's offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PiiItem", "find_pii"]


@dataclass(frozen=True)
class PiiItem:
    type: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"type": self.type, "start": self.start, "end": self.end}


_PHONE = re.compile(
    r"(?<![\w+])(?:\+44[\s-]?\(?0?\)?[\s-]?|0044[\s-]?|\(?0)"
    r"(?:7\d{3}\)?[\s-]?\d{3}[\s-]?\d{3}"  # mobiles: 07xxx xxx xxx
    r"|[1-3]\d{1,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}"  # landlines: 01xxx, 020, 03xx
    r"|800[\s-]?\d{3}[\s-]?\d{3,4})(?![\d])"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+(?![\w-])")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|gardens|gdns|"
    "grove|terrace|hill|park|square|sq|mews|row|view|walk|rise|green|parade|vale|boulevard|estate|flats|"
    "house|towers|tower"
)
_ADDRESS = re.compile(
    r"\b(?:(?:flat|apartment|apt|unit) \d+[a-z]?,? )?\d{1,4}[a-z]?,? (?:[A-Za-z][a-z']+ ){1,3}"
    rf"(?:{_STREET_WORDS})\b\.?(?-i:(?:,? [A-Z][a-z]+(?: [A-Z][a-z]+)?\b)?)",
    re.IGNORECASE,
)
_LIVES_AT = re.compile(
    r"\b(?:lives?|living|stays?|staying|resides?) (?:at|on|in|round|near|next to|opposite|above|by)"
    r"(?: number \d+| no\.? ?\d+| the)?(?: [A-Za-z0-9'-]+){1,5}",
    re.IGNORECASE,
)
_SCHOOL = re.compile(
    r"\b(?:[A-Z][a-zA-Z'.-]+ ){1,4}(?:School|Academy|College|High|Grammar|Primary|Comprehensive|Sixth Form)\b"
)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]{1,15} (?:[A-Z]['a-z]?[a-z]{1,20}(?:-[A-Z][a-z]+)?)\b")
_NOT_NAMES = frozenset(
    [
        "I",
        "Im",
        "The",
        "A",
        "An",
        "And",
        "But",
        "So",
        "He",
        "She",
        "They",
        "We",
        "You",
        "It",
        "My",
        "Your",
        "Her",
        "His",
        "Their",
        "Our",
        "This",
        "That",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "School",
        "Academy",
        "College",
        "High",
        "Grammar",
        "Primary",
        "Year",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Sir",
        "Road",
        "Street",
        "Lane",
        "Avenue",
        "Snapchat",
        "Instagram",
        "Tiktok",
        "TikTok",
        "Discord",
        "Whatsapp",
        "WhatsApp",
        "Xbox",
        "Fifa",
        "Roblox",
        "Minecraft",
        "Fortnite",
        "Google",
        "Youtube",
        "YouTube",
        "Facebook",
        "Twitter",
        "London",
        "England",
        "Britain",
        "UK",
    ]
)


def _names(text: str, school_spans: list[tuple[int, int]]) -> list[PiiItem]:
    out: list[PiiItem] = []
    for m in _FULL_NAME.finditer(text):
        first, _, last = m.group().partition(" ")
        if first in _NOT_NAMES or last in _NOT_NAMES:
            continue
        if any(s <= m.start() < e for s, e in school_spans):
            continue
        out.append(PiiItem("full_name", m.start(), m.end()))
    return out


def find_pii(text: str) -> list[PiiItem]:
    """Personal information found in `text`, in order of position, with no overlapping items."""
    items: list[PiiItem] = []
    items += [PiiItem("phone", m.start(), m.end()) for m in _PHONE.finditer(text)]
    items += [PiiItem("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    items += [PiiItem("address", m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    items += [PiiItem("postcode", m.start(), m.end()) for m in _POSTCODE.finditer(text) if _has_digit(m.group())]
    items += [PiiItem("lives_at", m.start(), m.end()) for m in _LIVES_AT.finditer(text)]
    schools = [(m.start(), m.end()) for m in _SCHOOL.finditer(text)]
    if schools:
        names = _names(text, schools)
        if names:
            items += [PiiItem("school", s, e) for s, e in schools]
            items += names
    items.sort(key=lambda it: (it.start, -(it.end - it.start)))
    kept: list[PiiItem] = []
    for it in items:
        if kept and it.start < kept[-1].end:
            prev = kept[-1]
            if prev.type == "lives_at" and it.start > prev.start:
                # "lives at 14 Acacia Avenue": the phrase, then the address itself.
                kept[-1] = PiiItem("lives_at", prev.start, prev.start + len(text[prev.start : it.start].rstrip()))
                kept.append(it)
            elif it.type in ("phone", "email", "postcode") and prev.type == "address":
                kept.append(it)
            continue
        kept.append(it)
    return kept


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)
