"""The words a person reads where the code has a name: record types in the audit trail, evidence
details in exports, counts. One place, so every page, PDF and message says the same thing.
(Taxonomy names have theirs beside the names, in `upstander.taxonomy`.)

Pure data with no Django import, like `upstander.taxonomy`, so the framework-free evidence vault
(its PDF) reads it too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from upstander.taxonomy import REPORTER_ROLE_LABELS

# Record types as the audit trail stores them (`app_label.model`): the words for each. A type not
# listed reads as its model's verbose name, so a new model never shows as a code.
OBJECT_TYPES: dict[str, str] = {
    "cases.case": "Case",
    "cases.caseentry": "Chronology entry",
    "cases.caseparty": "Person involved in a case",
    "cases.casesettings": "Case settings",
    "reports.report": "Report",
    "reports.reportmessage": "Message with a reporter",
    "evidence.evidenceitem": "Evidence item",
    "people.person": "Person record",
    "accounts.user": "User account",
    "accounts.organisation": "Organisation",
    "accounts.membership": "Role",
    "accounts.apikey": "API key",
}

# Evidence details (file metadata and what was recorded about an item), as exports show them.
METADATA_LABELS: dict[str, str] = {
    "item_id": "Item number",
    "kind": "Kind",
    "added_by": "Added by",
    "added_at": "Added",
    "captured_at": "Captured",
    "captured_at_source": "Capture time from",
    "captured_by": "Captured by",
    "posted_at": "Posted",
    "platform": "Platform",
    "channel": "Where",
    "url": "Web address",
    "handles": "Usernames or handles",
    "location": "Location",
    "description": "Description",
    "custody_events": "Custody events",
    "custody_head_sha256": "Custody chain head (SHA-256)",
    "width": "Width (pixels)",
    "height": "Height (pixels)",
    "image_format": "Image format",
    "capture_time_source": "Capture time read from",
    "capture_offset_recorded": "Camera recorded its time zone",
    "camera": "Camera",
    "has_gps": "Location (GPS) recorded in the file",
    "has_exif": "Photo data (EXIF) in the file",
    "sealed_item_included_because": "Sealed item included because",
    "email_from": "From",
    "email_to": "To",
    "email_cc": "Cc",
    "email_subject": "Subject",
    "email_date": "Date",
    "email_message_id": "Message-ID",
    "email_attachments": "Attachments",
    "page_count": "Pages",
    "pages": "Pages",
}


def object_type(label_lower: str, verbose_name: str = "") -> str:
    """'cases.case' -> 'Case'; a type not listed reads as its model's verbose name (given by the caller)."""
    if label_lower in OBJECT_TYPES:
        return OBJECT_TYPES[label_lower]
    name = verbose_name or label_lower.rsplit(".", 1)[-1].replace("_", " ")
    return name[:1].upper() + name[1:]


def metadata_label(key: str) -> str:
    return METADATA_LABELS.get(key) or (key.replace("_", " ").capitalize())


def metadata_value(value: Any) -> str:
    """True/False as yes/no, lists joined, times as a person writes them."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M %Z").strip()
    return str(value)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 file', '3 files', 'no files'."""
    many = plural or f"{singular}s"
    if number == 0:
        return f"no {many}"
    return f"{number} {singular if number == 1 else many}"


# Who a report came from, as a third person reads it: the words are kept with the codes, in
# `upstander.taxonomy.REPORTER_ROLE_LABELS` (the form's own choices speak as the reporter).
REPORTER_ROLES: dict[str, str] = REPORTER_ROLE_LABELS


def reporter_role(code: str) -> str:
    return REPORTER_ROLES.get(code) or code.replace("_", " ").capitalize()
