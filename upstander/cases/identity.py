"""Telling whether two mentions of someone are the same account: usernames and phone numbers.

Pure functions, no Django. Course of conduct (Protection from Harassment Act 1997 s.7: conduct on
at least two occasions) is found by comparing these keys, so "@Mean_Account", "mean_account" and
"MEAN_ACCOUNT " are one account, and "+44 7700 900123" and "07700 900123" one number.
"""

from __future__ import annotations

import re

__all__ = ["extract_identifiers", "identifier_key"]

_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")
_HANDLE = re.compile(r"(?<![\w.])@([A-Za-z0-9_.]{2,64})")
# A UK-style phone number in running text: 10-13 digits with optional spaces, dashes or a +44.
_PHONE_IN_TEXT = re.compile(r"(?<!\w)(\+?\d[\d\s-]{8,16}\d)(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _phone_key(value: str) -> str | None:
    if not _PHONE_CHARS.match(value):
        return None
    digits = re.sub(r"\D", "", value)
    if not 7 <= len(digits) <= 15:
        return None
    if digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return f"tel:{digits}"


def identifier_key(value: str) -> str:
    """The comparable form of a handle, email address or phone number ('' for nothing usable)."""
    value = value.strip()
    if not value:
        return ""
    phone = _phone_key(value)
    if phone:
        return phone
    if _EMAIL.fullmatch(value):
        return f"email:{value.lower()}"
    handle = re.sub(r"\s+", " ", value.lstrip("@").strip().lower())
    return f"user:{handle}" if handle else ""


def extract_identifiers(text: str) -> list[str]:
    """The @handles and phone numbers in a reporter's free text, in order, each once.

    Plain names are left alone: "Ben" could be anyone, while "@ben_k" names one account.
    """
    found: list[str] = []
    without_emails = _EMAIL.sub(" ", text)
    for match in _HANDLE.finditer(without_emails):
        found.append("@" + match.group(1).rstrip("."))
    for match in _PHONE_IN_TEXT.finditer(without_emails):
        if _phone_key(match.group(1)):
            found.append(match.group(1).strip())
    unique: dict[str, str] = {}
    for item in found:
        unique.setdefault(identifier_key(item), item)
    return list(unique.values())
