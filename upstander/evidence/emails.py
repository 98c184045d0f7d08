"""Reading a saved e-mail (.eml) kept as evidence: its headers for the record, its text for analysis.

Plain Python (no Django), like the vault. The original bytes are what is kept and exported; what is
read here only fills the record and the analysis text, so a strange message is read leniently and
never refused for its content.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import html
import re
from datetime import datetime
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any

_HEADER_CHARS = 500
_MAX_TEXT_CHARS = 200_000


def _parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # guaranteed by policy.default
    return message


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, AttributeError):  # malformed headers the parser cannot model
        value = ""
    return " ".join(str(value or "").split())[:_HEADER_CHARS]


def email_sent_at(raw: bytes) -> datetime | None:
    """The Date header as an aware datetime, or None when absent or unreadable."""
    value = _header(_parse(raw), "date")
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.utcoffset() is not None else None


def email_summary(raw: bytes) -> dict[str, Any]:
    """From, To, Cc, Subject, Date and Message-ID, as plain strings for the evidence record."""
    message = _parse(raw)
    summary: dict[str, Any] = {}
    for name in ("from", "to", "cc", "subject", "date", "message-id"):
        value = _header(message, name)
        if value:
            summary[f"email_{name.replace('-', '_')}"] = value
    attachments = [part.get_filename() or "unnamed" for part in message.iter_attachments()]
    if attachments:
        summary["email_attachments"] = [str(name)[:200] for name in attachments[:50]]
    return summary


def email_addresses(raw: bytes) -> list[str]:
    """Every address in From, To, Cc and Reply-To: the 'handles involved' of an e-mail."""
    message = _parse(raw)
    found: list[str] = []
    for name in ("from", "to", "cc", "reply-to"):
        for _display, address in email.utils.getaddresses([_header(message, name)]):
            if address and address not in found:
                found.append(address)
    return found


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_to_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    return re.sub(r"\n\s*\n+", "\n\n", text)


def email_text(raw: bytes) -> str:
    """The message's own words: Subject, then the plain-text body (or the HTML body as text)."""
    message = _parse(raw)
    subject = _header(message, "subject")
    body = ""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is not None:
            content = part.get_content()
            if isinstance(content, str):
                body = _html_to_text(content) if part.get_content_subtype() == "html" else content
    except (LookupError, ValueError, AssertionError, KeyError):
        # An unknown charset or broken MIME structure: keep what we have; the original is intact.
        body = ""
    text = f"Subject: {subject}\n\n{body.strip()}" if subject else body.strip()
    return text[:_MAX_TEXT_CHARS]
