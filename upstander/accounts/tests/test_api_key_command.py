"""`upstander api-key create`: a key printed once, audited like the API keys page."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory
from django.urls import reverse

from upstander.accounts.models import ApiKey, Organisation, User
from upstander.audit.models import AuditEvent
from upstander.core.api import api_key_from_request


def _create(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_key", "create", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_a_working_key_once_and_audits_it_like_the_page(
    org: Organisation, login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    secret, note = _create("--organisation", "hill", "--name", "MIS sync", "--scope", "reports:write", "reports:read")
    key = ApiKey.objects.get(organisation=org)
    assert secret.startswith("up_") and key.prefix in secret
    assert key.scopes == ["reports:read", "reports:write"]
    assert key.created_by is None
    assert secret not in note and "shown only now" in note
    assert secret not in str(key.secret_hash)
    command_event = AuditEvent.objects.get(action="created", object_type="accounts.apikey", object_id=str(key.pk))
    assert command_event.actor_label == "command line: api-key create"
    assert command_event.organisation_id == org.pk

    # The page makes the same record (action, object, organisation, detail), with the admin as actor.
    login_as(users["org_admin"]).post(
        reverse("accounts:api_keys"), {"name": "MIS sync", "scopes": ["reports:read", "reports:write"]}
    )
    page_key = ApiKey.objects.exclude(pk=key.pk).get()
    page_event = AuditEvent.objects.get(action="created", object_type="accounts.apikey", object_id=str(page_key.pk))
    assert (
        page_event.detail == command_event.detail == {"name": "MIS sync", "scopes": ["reports:read", "reports:write"]}
    )
    assert page_event.organisation_id == command_event.organisation_id


def test_the_key_authenticates_for_its_organisation(org: Organisation) -> None:
    secret, _ = _create("--organisation", "hill", "--name", "monitor", "--scope", "reports:read")
    found = api_key_from_request(RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {secret}"))
    assert found is not None and found.organisation_id == org.pk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "nowhere", "--name", "x", "--scope", "reports:read"], "No organisation 'nowhere'"),
        (["--organisation", "hill", "--name", "x", "--scope", "reports:delete"], "Unknown scope reports:delete"),
        (["--organisation", "hill", "--name", " ", "--scope", "reports:read"], "--name must say"),
    ],
)
def test_bad_arguments_say_what_to_fix_and_make_no_key(org: Organisation, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _create(*args)
    assert not ApiKey.objects.exists()
