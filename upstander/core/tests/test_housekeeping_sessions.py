"""The worker's housekeeping deletes expired sessions (drafts and receipts of anonymous reporters)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from upstander.core import housekeeping

pytestmark = pytest.mark.django_db


def _session(**data: object) -> str:
    store = SessionStore()
    for key, value in data.items():
        store[key] = value
    store.create()
    assert store.session_key is not None
    return store.session_key


def test_expired_sessions_holding_a_draft_or_a_receipt_are_deleted_and_live_ones_kept() -> None:
    expired = _session(receipt={"passphrase": "acorn-actor-agent-album-alley-amber"})
    live = _session(draft={"account": "they keep messaging her"})
    Session.objects.filter(session_key=expired).update(expire_date=timezone.now() - timedelta(minutes=1))

    housekeeping.run_once(checkpoint=True)

    assert not Session.objects.filter(session_key=expired).exists()
    assert SessionStore(session_key=live).load() == {"draft": {"account": "they keep messaging her"}}
