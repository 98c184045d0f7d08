"""The words of in-app notifications and alert emails about cases: what happened and how urgent.

In-app notifications are read signed in, so they may say what a case is about in a word or two
("possible self-harm"). Emails never carry names, report text or categories: only the case number,
how urgent it is, when it is due and a link (an email can be read over a shoulder or forwarded).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from upstander.cases import taxonomy

# A word or two per category, for a notification line (the full labels are for pages).
SHORT: dict[str, str] = {
    "threat": "threats",
    "harassment": "harassment",
    "insult": "insults",
    "vilification": "false or damaging claims",
    "exclusion": "being left out",
    "impersonation": "a fake account",
    "personal_information": "private information shared",
    "sexual": "sexual messages or images",
    "manipulation": "coercion or pressure",
    "trolling": "trolling",
    "self_harm": "self-harm",
}
# Most pressing first: the one a notification names when several apply.
PRESSING = ("self_harm", "threat", "sexual", "manipulation", "personal_information", "harassment", "impersonation")


def about(names: list[str] | tuple[str, ...] | set[str]) -> str:
    """'possible self-harm', 'possible threats and insults', or '' when nothing is known."""
    known = [n for n in PRESSING if n in names] + sorted(n for n in names if n in SHORT and n not in PRESSING)
    if not known:
        return ""
    words = [SHORT.get(n) or taxonomy.label(n).lower() for n in known[:2]]
    return "possible " + " and ".join(words)


def due_words(due: datetime | None, *, now: datetime | None = None) -> str:
    """'due by 14:00', 'due by 17:00 tomorrow', 'due by 17:00 on Thursday 3 December', 'overdue since 17:00 yesterday'."""
    if due is None:
        return ""
    now = now or timezone.now()
    local, today = timezone.localtime(due), timezone.localdate(now)
    clock = f"{local:%H:%M}"
    days = (local.date() - today).days
    when = {0: clock, 1: f"{clock} tomorrow", -1: f"{clock} yesterday"}.get(days, f"{clock} on {local:%A} {local.day} {local:%B}")
    return f"overdue since {when}" if due < now else f"due by {when}"


def sentence(*parts: str) -> str:
    """Join the non-empty parts with commas and capitalise the first letter."""
    text = ", ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


def new_case(*, number: int, urgent: bool, reporter_danger: bool, categories: list[str], due: datetime | None) -> str:
    """'Urgent: new case 16 about possible self-harm, the reporter says someone may be in danger now, due by 14:00'."""
    head = f"{'Urgent: new' if urgent else 'New'} case {number}"
    topic = about(categories)
    if topic:
        head += f" about {topic}"
    danger = "the reporter says someone may be in danger now" if reporter_danger else ""
    return sentence(head, danger, due_words(due))


def report_joined(*, number: int, urgent: bool, due: datetime | None) -> str:
    head = f"{'Urgent: new' if urgent else 'New'} report on case {number} (the same people again)"
    danger = "the reporter says someone may be in danger now" if urgent else ""
    return sentence(head, danger, due_words(due))


def suggested_urgent(*, number: int, flags: list[str], source: str, due: datetime | None) -> str:
    """'Possibly urgent: case 16, possible self-harm in text read from a screenshot (evidence 3). Confirm or
    dismiss it, due by 14:00'."""
    topic = about(flags) or "words that may mean a risk to life or safety"
    found = f"{topic} in {source[:1].lower() + source[1:]}" if source else topic
    return f"{sentence(f'Possibly urgent: case {number}', found)}. {sentence('confirm or dismiss it', due_words(due))}"
