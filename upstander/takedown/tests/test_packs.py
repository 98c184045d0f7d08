"""Case-level signed referral packs: verified signature, sealed items never inside, each agency gets only
the people details it needs, and the referral records the pack's hash."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry, Referral
from upstander.cases.services import case_decide_duty, case_party_add
from upstander.evidence.vault.bundle import verify_bundle
from upstander.takedown import packs
from upstander.takedown.models import PackAgency, ReferralPack
from upstander.takedown.tests.conftest import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_case(triaged: Case, dsl: User, add_evidence: Callable[..., object]) -> Case:
    case_party_add(case=triaged, by=dsl, request=None, role="target", kind="pupil", description="Amira Khan", age=14)
    case_party_add(
        case=triaged, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", description="Jay Boyd", age=15
    )
    add_evidence(triaged)
    add_evidence(triaged, sealed=True)
    return triaged


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


@pytest.mark.parametrize("agency", PackAgency.values)
def test_a_pack_never_contains_a_sealed_item(full_case: Case, dsl: User, agency: str) -> None:
    pack, exported = packs.referral_pack_make(case=full_case, agency=agency, by=dsl, request=None)
    archive = _zip(exported.data)
    contents = [archive.read(name) for name in archive.namelist()]
    assert PNG not in contents  # the sealed image's bytes are nowhere in the ZIP
    assert not any(PNG in blob for blob in contents)
    manifest = json.loads(archive.read("manifest.json"))
    assert all(not e["original_name"].startswith("sealed-item") for e in manifest["evidence"])
    assert verify_bundle(exported.data).ok
    assert set(pack.withheld).isdisjoint(pack.included)
    if agency in packs.WHOLE_CHRONOLOGY:  # listed by hash only, so the agency knows it exists
        assert len(pack.withheld) == 1 and len(pack.included) == 1


def test_police_get_names_and_the_platform_gets_no_names(full_case: Case, dsl: User) -> None:
    from upstander.takedown.packs import _people

    assert any("Amira Khan" in line for line in _people(full_case, PackAgency.POLICE))
    assert not any("Amira Khan" in line or "Jay Boyd" in line for line in _people(full_case, PackAgency.PLATFORM))
    assert not any("Amira Khan" in line for line in _people(full_case, PackAgency.CEOP))
    assert any("aged 14" in line for line in _people(full_case, PackAgency.PLATFORM))


def test_the_referral_records_the_bundle_hash_and_duties_with_reasons_are_inside(full_case: Case, dsl: User) -> None:
    decision = case_decide_duty(
        case=full_case, duty="police_101", accepted=True, reason="Repeated threats", by=dsl, request=None
    )
    referral = Referral.objects.get(decision=decision)
    pack, exported = packs.referral_pack_make(
        case=full_case, agency=PackAgency.POLICE, by=dsl, request=None, referral=referral
    )
    assert referral.packs.get() == pack and pack.sha256 == exported.sha256
    entry = CaseEntry.objects.filter(case=full_case, detail__referral_pack=pack.pk).get()
    assert exported.sha256 in entry.text
    summary_pdf = _zip(exported.data).read("summary.pdf")
    assert summary_pdf.startswith(b"%PDF")


def test_another_cases_referral_cannot_be_named(full_case: Case, dsl: User, open_case: Callable[..., Case]) -> None:
    other = open_case()
    d = case_decide_duty(case=other, duty="police_101", accepted=True, reason="x", by=dsl, request=None)
    with pytest.raises(ValueError):
        packs.referral_pack_make(
            case=full_case, agency="police", by=dsl, request=None, referral=Referral.objects.get(decision=d)
        )


def test_the_pack_view_downloads_a_signed_zip_for_the_lead(
    full_case: Case, dsl: User, login_as: Callable[[User], Client]
) -> None:
    response = login_as(dsl).post(reverse("takedown:pack", args=[full_case.pk]), {"pack-agency": "lado"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert ReferralPack.objects.get(case=full_case).sha256 == response["X-Bundle-SHA256"]
    assert verify_bundle(response.content).ok
