"""Throttling shared by every web process (a database row per key, so it holds across workers).

Keys are HMACs of what is limited (an address, a reference), so the table never stores a raw IP
address: anonymous reporters keep their anonymity even here.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from upstander.core.models import RateLimit


def limit_key(*parts: str) -> str:
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def hit(key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt against `key`; False once more than `limit` were made in the window."""
    now = timezone.now()
    for _ in range(3):
        try:
            with transaction.atomic():
                bucket = RateLimit.objects.select_for_update().filter(key=key).first()
                if bucket is None:
                    RateLimit.objects.create(key=key, window_start=now, count=1)
                    return limit >= 1
                if now - bucket.window_start >= window:
                    bucket.window_start, bucket.count = now, 1
                else:
                    bucket.count += 1
                bucket.save(update_fields=["window_start", "count"])
                return bucket.count <= limit
        except IntegrityError:  # two first attempts at once: the row exists now, count again
            continue
    return False


def is_limited(key: str, *, limit: int, window: timedelta) -> bool:
    """Whether `key` is over its limit, without counting an attempt."""
    bucket = RateLimit.objects.filter(key=key).first()
    return bucket is not None and timezone.now() - bucket.window_start < window and bucket.count >= limit


def reset(key: str) -> None:
    RateLimit.objects.filter(key=key).delete()
