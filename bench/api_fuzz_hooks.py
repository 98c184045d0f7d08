"""Schemathesis hooks for bench/api_fuzz.py: besides what the OpenAPI document allows (and what it
does not), send the inputs that once made the API answer 500 (issue 10, item 8), in any field:
impossible dates and offsets, lone surrogates, NUL, header injection, deep nesting.

Hypothesis never draws a lone surrogate on its own, and a format-less string is almost never a
well-formed but impossible date, so without this the fuzzing would not reach them.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st

FIELDS = [
    "organisation",
    "account",
    "reporter_role",
    "reporter_kind",
    "anonymous",
    "reporter_name",
    "reporter_email",
    "channel",
    "platform",
    "happened_at",
    "people",
    "in_danger",
    "happened_when",
    "concerns",
]  # every field of the API's ReportIn (upstander/reports/tests/test_schema.py checks they agree)
TRICKY = [
    "2026-02-30",
    "2026-01-01T25:00:00",
    "2026-01-01T10:00:00+99:00",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "0000-00-00",
    "\ud800",
    "a\udfffb",
    "\x00",
    "victim@example.com\r\nBcc: everyone@example.com",
    "   ",
    "\u202e\u200b",
]
ODD_TEXT = st.text(alphabet=st.sampled_from(list('aZ9@.-:+T \r\n\t\x00\x7f\ud800\udc00\u202e[{"\\é')), max_size=30)


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@schemathesis.hook
def flatmap_body(context: Any, body: Any) -> st.SearchStrategy[Any]:
    if not isinstance(body, dict):
        return st.just(body)
    tricky_value = st.one_of(
        st.sampled_from(TRICKY),
        ODD_TEXT,
        st.lists(st.one_of(st.sampled_from(TRICKY), ODD_TEXT), max_size=3),
        st.integers(2, 400).map(_nested),  # deep enough to be refused; the client's JSON encoder cannot go far deeper
    )
    changed = st.tuples(st.sampled_from(FIELDS), tricky_value).map(lambda pair: {**body, pair[0]: pair[1]})
    return st.one_of(st.just(body), changed)
