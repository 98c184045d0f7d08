"""Shared test helpers: Hypothesis strategies for case facts (any mix of known, missing and null facts),
and the words that would suggest handling an image."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

from upstander.escalation.facts import BOOL_FACTS, CATEGORY_NAMES, KINDS, PREJUDICE_STRANDS, SETTINGS

maybe_bool = st.one_of(st.none(), st.booleans())

person = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.one_of(st.none(), st.sampled_from(KINDS)),
        "age": st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
        "adult_at_risk": maybe_bool,
    },
)

facts_data: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.none(), st.text(max_size=8), st.integers()),
        **dict.fromkeys(BOOL_FACTS, maybe_bool),
        "categories": st.one_of(st.none(), st.lists(st.sampled_from(CATEGORY_NAMES), max_size=5)),
        "setting": st.one_of(st.none(), st.sampled_from(SETTINGS)),
        "prejudice": st.one_of(st.none(), st.lists(st.sampled_from(PREJUDICE_STRANDS), max_size=3)),
        "target": st.one_of(st.none(), person),
        "perpetrator": st.one_of(st.none(), person),
        "prior_incidents_same_pair": st.one_of(st.none(), st.integers(min_value=0, max_value=50)),
        "platform_reported_days_ago": st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
        "poster_known_and_refused_removal": maybe_bool,
    },
)

# Anything JSON can hold, to show that reading facts fails only with a clear ValueError.
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)

# Words that would suggest doing something with an image other than leaving it alone.
HANDLING_WORDS = re.compile(
    r"\b(forward\w*|shar(e|es|ed|ing)|sav(e|es|ed|ing)|cop(y|ies|ied|ying)|screen ?(shot|grab|print)\w*|"
    r"download\w*|print\w*|stor(e|es|ed|ing)|upload\w*|send\w*|sent|repost\w*|attach\w*|email\w*)\b",
    re.IGNORECASE,
)
