from __future__ import annotations

from django.db import models


class RateLimit(models.Model):
    """A fixed-window counter. Keys are keyed hashes (see core.ratelimit), never raw addresses; rows
    are deleted when their window ends."""

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()  # the window's start, aligned to the clock: never a request's time
    expires_at = models.DateTimeField(db_index=True)  # the row is deleted from then on
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:12]}…: {self.count}"
