"""Normalisation undoes obfuscation and keeps a map back to the words the person wrote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.analysis.normalize import normalize, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I h8 them", "i hate them"),
        ("k1ll", "kill"),
        ("Mu5l1ms", "muslims"),
        ("f*ck off", "fuck off"),
        ("k i l l", "kill"),
        ("f.u.c.k", "fuck"),
        ("muslmis", "muslims"),
        ("imigrants", "immigrants"),
        ("wo men", "women"),
        ("ihatewomen", "i hate women"),
        ("hateeeeee", "hate"),
        ("\uff28\uff21\uff34\uff25", "hate"),
        ("héllo", "hello"),
        ("🐀", "rat"),
    ],
)
def test_it_undoes_common_obfuscation(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_it_leaves_ordinary_words_and_numbers_alone() -> None:
    assert normalize("Gaya scored 42 in the test").text == "gaya scored 42 in the test"


def test_it_does_not_join_chat_shorthand_into_a_word() -> None:
    assert normalize("u r a star").text == "you are a star"


def test_a_dark_skin_tone_is_kept_as_a_word() -> None:
    assert normalize("👨🏿").text == "black man"


def test_spans_map_back_to_the_original_words() -> None:
    text = "you are a f@gg0t!!"
    norm = normalize(text)
    tok = next(t for t in tokens(norm) if t.text == "faggot")
    start, end = norm.span(tok.start, tok.end)
    assert text[start:end] == "f@gg0t"


def test_spans_of_a_repaired_word_cover_the_whole_original_form() -> None:
    text = "all the M u s l i m s"
    norm = normalize(text)
    tok = next(t for t in tokens(norm) if t.text == "muslims")
    assert text[slice(*norm.span(tok.start, tok.end))] == "M u s l i m s"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=80))
def test_every_normalised_span_lies_inside_the_original_text(text: str) -> None:
    norm = normalize(text)
    for tok in tokens(norm):
        start, end = norm.span(tok.start, tok.end)
        assert 0 <= start <= end <= len(text)
