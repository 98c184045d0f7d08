"""The vault key: wrong keys fail loudly, and `upstander evidence rotate-keys` re-encrypts everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from upstander.accounts.models import User
from upstander.audit.models import AuditEvent
from upstander.evidence import conf
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.bundles import evidence_signing_key
from upstander.evidence.custody import PREVIEW
from upstander.evidence.derived import evidence_derive
from upstander.evidence.models import EvidenceItem, OrganisationSigningKey
from upstander.evidence.tests.factories import png_bytes
from upstander.evidence.tests.helpers import run_command
from upstander.evidence.vault import bundle, crypto
from upstander.evidence.vault.crypto import CryptoError, KeyRing
from upstander.evidence.viewing import evidence_open
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(settings: Any, report: Report) -> list[EvidenceItem]:
    settings.EVIDENCE_TESSERACT = "no-such-tesseract"
    image = evidence_add_file(report=report, data=png_bytes(colour="olive"), filename="a.png")
    evidence_derive(item_id=image.pk)
    evidence_signing_key(organisation=report.organisation)
    return [image, evidence_add_text(report=report, text="a message", kind="message")]


def _key_file() -> Path:
    return Path(django_settings.VAR_DIR) / "evidence.keys"


def test_rotate_keys_re_encrypts_everything_under_a_new_key(items: list[EvidenceItem], users: dict[str, User]) -> None:
    old = conf.keyring()
    code, out, err = run_command("rotate-keys")
    assert code == 0, err
    new = conf.keyring()
    assert new.active_key_id != old.active_key_id and old.active_key_id in new.keys
    assert "Re-encrypted 3 object(s)" in out and "1 signing key(s) re-sealed" in out
    assert {i.key_id for i in EvidenceItem.objects.all()} == {new.active_key_id}
    store = conf.store()
    assert crypto.envelope_key_id(store.read_raw(items[0].sha256)) == new.active_key_id
    # The old key can now leave the ring: everything opens with the new key alone.
    only_new = KeyRing(keys={new.active_key_id: new.active_key}, active_key_id=new.active_key_id)
    _key_file().write_text(only_new.to_string() + "\n")
    assert run_command("verify")[0] == 0
    assert evidence_open(item=items[0], by=users["dsl"]).data == png_bytes(colour="olive")
    assert conf.store().get_derived(kind=PREVIEW, sha256=items[0].sha256).startswith(b"\xff\xd8")
    row = OrganisationSigningKey.objects.get()
    assert (
        bundle.SigningKey.unseal(envelope=bytes(row.sealed_private_key), keyring=only_new).fingerprint
        == row.fingerprint
    )
    assert AuditEvent.objects.filter(object_type="evidence.keyring", object_id=new.active_key_id).exists()


def test_a_wrong_key_fails_loudly(settings: Any, items: list[EvidenceItem], users: dict[str, User]) -> None:
    used = conf.keyring().active_key_id
    settings.EVIDENCE_KEY = KeyRing.generate(key_id="someone-elses").to_string()
    code, _, err = run_command("verify")
    assert code == 1 and f"encrypted with key '{used}', which is not in the vault key ring" in err
    settings.EVIDENCE_KEY = KeyRing.generate(key_id=used).to_string()  # right id, wrong value
    code, _, err = run_command("verify")
    assert code == 1 and "has the wrong value" in err and "signing key of organisation" in err
    with pytest.raises(CryptoError):
        evidence_open(item=items[1], by=users["dsl"])


def test_a_malformed_key_stops_with_a_plain_message(settings: Any, report: Report) -> None:
    from django.core.exceptions import ImproperlyConfigured

    settings.EVIDENCE_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured, match=r"not valid base64|must be exactly 32 bytes|44 characters"):
        evidence_add_text(report=report, text="x", kind="message")


def test_with_keys_from_the_environment_rotation_follows_the_operators_new_first_key(
    settings: Any, items: list[EvidenceItem]
) -> None:
    embedded = conf.keyring()
    settings.EVIDENCE_KEY = embedded.to_string()
    code, _, err = run_command("rotate-keys")
    assert code == 1 and "--generate-key" in err and "put its output first" in err
    code, line, _ = run_command("rotate-keys", "--generate-key")
    assert code == 0
    fresh = KeyRing.from_string(line)
    settings.EVIDENCE_KEY = f"{line.strip()},{embedded.to_string()}"
    code, out, err = run_command("rotate-keys")
    assert code == 0, err
    assert "Re-encrypted 3 object(s)" in out
    assert {i.key_id for i in EvidenceItem.objects.all()} == {fresh.active_key_id}
    assert run_command("verify")[0] == 0
