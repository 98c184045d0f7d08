"""A password validator for what Django's list misses: `aaaaaaaaaaaa`, `abcabcabcabc`, `123456789012`.

Django's CommonPasswordValidator knows 20,000 leaked passwords, but a long run of one character, a
short pattern repeated, or a straight run along the alphabet or the digits is just as easy to guess
and is not in that list.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.core.exceptions import ValidationError

MIN_DISTINCT = 5


def _is_repeated_unit(password: str) -> bool:
    for size in range(1, len(password) // 2 + 1):
        unit = password[:size]
        if (unit * (len(password) // size + 1))[: len(password)] == password:
            return True
    return False


def _is_straight_run(password: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(password)}
    return len(steps) == 1 and abs(next(iter(steps))) <= 1


class PatternPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        if len(set(lowered)) < MIN_DISTINCT or _is_repeated_unit(lowered) or _is_straight_run(lowered):
            raise ValidationError(
                "This password is a repeated or straight run of characters, which is easy to guess. "
                "Try a few unrelated words instead.",
                code="password_pattern",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be one character or short pattern repeated, or a run like abcdef or 123456."
