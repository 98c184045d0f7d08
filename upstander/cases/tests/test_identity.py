"""Usernames and phone numbers that name the same account compare equal."""

from __future__ import annotations

from upstander.cases.identity import extract_identifiers, identifier_key


def test_handles_compare_without_the_at_sign_or_case() -> None:
    assert identifier_key("@Mean_Account") == identifier_key("mean_account ") == "user:mean_account"


def test_uk_phone_numbers_compare_in_any_spelling() -> None:
    assert identifier_key("+44 7700 900123") == identifier_key("07700-900-123") == "tel:07700900123"


def test_email_addresses_are_their_own_kind() -> None:
    assert identifier_key("Ada@Example.org") == "email:ada@example.org"


def test_handles_and_numbers_are_found_in_free_text_but_names_and_emails_are_not() -> None:
    text = "It was @mean_account_123 and Ben, and texts from 07700 900123. My email is me@example.org"
    assert extract_identifiers(text) == ["@mean_account_123", "07700 900123"]


def test_each_account_is_found_once() -> None:
    assert extract_identifiers("@Bob then @bob again") == ["@Bob"]
