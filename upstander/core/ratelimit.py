"""Throttling shared by every web process (a database row per key, so it holds across workers).

Keys are HMACs of what is limited (an address, a reference), so the table never stores a raw IP
address. Anonymous reporters keep their anonymity even here: a row lives only as long as its
window, then it is deleted (on the next hit anywhere, and by `upstander serve` once a minute), and
its times are whole windows aligned to the clock (an hourly limit's row says "some time in the
14:00 hour"), never the moment of a request, so no row can be matched to a report's time.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from upstander.core.models import RateLimit

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def limit_key(*parts: str) -> str:
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def window_bounds(now: datetime, window: timedelta) -> tuple[datetime, datetime]:
    """The fixed window holding `now`, aligned to the clock: (start, end)."""
    count = (now - EPOCH) // window
    start = EPOCH + count * window
    return start, start + window


def hit(key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt against `key`; False once more than `limit` were made in the window."""
    now = timezone.now()
    start, end = window_bounds(now, window)
    for _ in range(3):
        try:
            with transaction.atomic():
                RateLimit.objects.filter(expires_at__lte=now).delete()
                bucket = RateLimit.objects.select_for_update().filter(key=key).first()
                if bucket is None:
                    RateLimit.objects.create(key=key, window_start=start, expires_at=end, count=1)
                    return limit >= 1
                if bucket.window_start != start:
                    bucket.window_start, bucket.expires_at, bucket.count = start, end, 1
                else:
                    bucket.count += 1
                bucket.save(update_fields=["window_start", "expires_at", "count"])
                return bucket.count <= limit
        except IntegrityError:  # two first attempts at once: the row exists now, count again
            continue
    return False


def is_limited(key: str, *, limit: int, window: timedelta) -> bool:
    """Whether `key` is over its limit, without counting an attempt."""
    now = timezone.now()
    start, _ = window_bounds(now, window)
    bucket = RateLimit.objects.filter(key=key, expires_at__gt=now).first()
    return bucket is not None and bucket.window_start == start and bucket.count >= limit


def reset(key: str) -> None:
    RateLimit.objects.filter(key=key).delete()


def purge_expired() -> int:
    """Delete every row whose window has passed; returns how many."""
    deleted, _ = RateLimit.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
