"""Emails to an account's owner whenever its factor, password or memberships change.

If someone else made the change, the owner hears about it at once and can raise the alarm. Sent
when the transaction commits, so a change rolled back sends nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from upstander.accounts.models import User

FOOTER = (
    "If you did not expect this, tell your organisation's safeguarding lead or administrator at once: "
    "someone else may be using your account."
)


def owner_notify(*, user: User, subject: str, lines: list[str]) -> None:
    body = "\n".join([*lines, "", f"Your account: {settings.SITE_URL}{reverse('accounts:account')}", "", FOOTER, ""])
    address = user.email
    transaction.on_commit(lambda: send_mail(f"Upstander: {subject}", body, None, [address], fail_silently=True))
