from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from upstander.accounts.models import Organisation
from upstander.evidence.vault.crypto import KeyRing
from upstander.evidence.vault.storage import LocalBlobStore
from upstander.reports.models import Report


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing.generate(key_id="k1")


@pytest.fixture
def store(tmp_path: Path, keyring: KeyRing) -> LocalBlobStore:
    return LocalBlobStore(root=tmp_path / "vault", keyring=keyring)


@pytest.fixture
def make_report(db: None) -> Callable[..., Report]:
    counter = iter(range(1, 10_000))

    def make(organisation: Organisation, *, account: str = "They keep posting about me.", **fields: Any) -> Report:
        number = next(counter)
        return Report.objects.create(
            organisation=organisation, reference=f"TEST{number:04d}{organisation.pk:04d}"[:16], passphrase_hash="x",
            reporter_role="target", account=account, **fields,
        )  # fmt: skip

    return make


@pytest.fixture
def report(org: Organisation, make_report: Callable[..., Report]) -> Report:
    return make_report(org)


@pytest.fixture
def outsider_report(other_org: Organisation, make_report: Callable[..., Report]) -> Report:
    return make_report(other_org, account="Something at another school.")
