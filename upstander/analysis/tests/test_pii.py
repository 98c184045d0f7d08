"""Personal information: UK phone numbers, e-mail and home addresses, postcodes, school plus name."""

from __future__ import annotations

import pytest

from upstander.analysis.pii import find_pii


def found(text: str) -> list[tuple[str, str]]:
    return [(i.type, text[i.start : i.end]) for i in find_pii(text)]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("ring her on 07700 900461", ("phone", "07700 900461")),
        ("his number +44 7700 900 123 lol", ("phone", "+44 7700 900 123")),
        ("landline 0113 496 0000", ("phone", "0113 496 0000")),
        ("020 7946 0018 is the number", ("phone", "020 7946 0018")),
        ("email jo.bloggs@example.co.uk now", ("email", "jo.bloggs@example.co.uk")),
        ("postcode LS6 2AB", ("postcode", "LS6 2AB")),
        ("she's at 14 Acacia Avenue tonight", ("address", "14 Acacia Avenue")),
        ("he lives on Park Road by the chippy", ("lives_at", "lives on Park Road by the chippy")),
    ],
)
def test_it_finds_personal_information(text: str, item: tuple[str, str]) -> None:
    assert item in found(text)


def test_it_finds_a_school_named_with_a_full_name() -> None:
    assert found("Tom Smith goes to Oakwood Academy") == [("full_name", "Tom Smith"), ("school", "Oakwood Academy")]


def test_a_school_alone_is_not_personal_information() -> None:
    assert found("I love Oakwood Academy") == []


@pytest.mark.parametrize(
    "text", ["I got 42 in the test", "see you at 3pm in room B12", "year 9 trip on the 12th", "call me later"]
)
def test_it_ignores_ordinary_numbers(text: str) -> None:
    assert found(text) == []


def test_lives_at_stops_where_the_address_starts() -> None:
    assert found("she lives at 14 Acacia Avenue") == [("lives_at", "lives at"), ("address", "14 Acacia Avenue")]
