"""Case-level signed referral packs, one per agency, written by the evidence app's bundle code.

Each pack holds: the chronology extract that agency needs, the case's evidence (sealed items are
never included: listed by hash only), the duties decided with their reasons, and the people involved
with only the details that agency needs (`PEOPLE_FIELDS`). The referral (or removal request) it goes
with records the bundle's SHA-256.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from upstander.accounts.models import User
from upstander.cases import duties
from upstander.cases import facts as cases_facts
from upstander.cases import selectors as case_selectors
from upstander.cases.models import Case, CaseEntry, DutyDecision, EntryKind, Referral
from upstander.evidence.bundles import ExportedBundle, evidence_export_items_bundle
from upstander.evidence.vault import bundle
from upstander.takedown.models import PackAgency, ReferralPack, RemovalRequest

# What each agency is told about each person: name, role, kind of person, age, adult at risk.
PEOPLE_FIELDS: dict[str, tuple[str, ...]] = {
    PackAgency.POLICE: ("name", "role", "kind", "age", "adult_at_risk"),
    PackAgency.LA_CHILDREN: ("name", "role", "kind", "age"),
    PackAgency.LA_ADULTS: ("name", "role", "kind", "age", "adult_at_risk"),
    PackAgency.LADO: ("name", "role", "kind", "age"),
    PackAgency.CEOP: ("role", "kind", "age"),
    PackAgency.PLATFORM: ("role", "age"),
    PackAgency.RHC: ("role", "age"),
}
# Agencies that see the whole chronology; the others only the takedown steps.
WHOLE_CHRONOLOGY = frozenset({PackAgency.POLICE, PackAgency.LA_CHILDREN, PackAgency.LA_ADULTS, PackAgency.LADO,
                              PackAgency.CEOP})  # fmt: skip
DUTY_AGENCY = {
    "police_101": PackAgency.POLICE, "call_999": PackAgency.POLICE, "harassment_first_warning": PackAgency.POLICE,
    "local_authority_child": PackAgency.LA_CHILDREN, "local_authority_adult": PackAgency.LA_ADULTS,
    "lado": PackAgency.LADO, "ceop": PackAgency.CEOP,
}  # fmt: skip


def _people(case: Case, agency: str) -> list[str]:
    fields = PEOPLE_FIELDS[agency]
    lines = []
    for party in case.parties.select_related("person").order_by("role", "pk"):
        facts = cases_facts.facts_person(party)
        parts = []
        if "name" in fields:
            parts.append(party.display_name)
        if "role" in fields:
            parts.append(party.get_role_display().lower())
        if "kind" in fields:
            parts.append(party.get_kind_display().lower())
        if "age" in fields and facts.age is not None:
            parts.append(f"aged {facts.age}")
        if "adult_at_risk" in fields and facts.adult_at_risk:
            parts.append("adult at risk")
        lines.append(", ".join(p for p in parts if p))
    return lines


def _duties(case: Case) -> list[str]:
    latest = cases_facts.latest_decisions(case=case)
    return [f"{duties.duty_title(d.duty)}: {'accepted' if d.accepted else 'declined'} ({d.reason})"
            for d in latest.values()]  # fmt: skip


def _chronology(case: Case, agency: str) -> list[bundle.ChronologyEntry]:
    entries = CaseEntry.objects.filter(case=case).order_by("occurred_at", "pk")
    out = []
    for entry in entries:
        if agency not in WHOLE_CHRONOLOGY and "removal_request" not in (entry.detail or {}):
            continue
        text = entry.text + (f"\nReason: {entry.reason}" if entry.reason else "")
        out.append(
            bundle.ChronologyEntry(time=entry.happened_at or entry.occurred_at, author=entry.author_label, text=text)
        )
    for decision in DutyDecision.objects.filter(case=case).order_by("decided_at", "pk"):
        verb = "accepted" if decision.accepted else "declined"
        out.append(bundle.ChronologyEntry(time=decision.decided_at, author=decision.decided_by.email if decision.decided_by else "",
                                          text=f"Duty {verb}: {duties.duty_title(decision.duty)}. Reason: {decision.reason}"))  # fmt: skip
    return out


def _items(case: Case, agency: str, removal: RemovalRequest | None) -> list[Any]:
    items = list(case_selectors.case_evidence(case=case))
    if agency in (PackAgency.PLATFORM, PackAgency.RHC):
        # The platform and Report Harmful Content get the content reported, not the whole file.
        chosen = {r.evidence_item_id for r in case.removal_requests.all() if r.evidence_item_id}
        if removal is not None and removal.evidence_item_id:
            chosen = {removal.evidence_item_id}
        items = [item for item in items if item.pk in chosen]
    return items


@transaction.atomic
def referral_pack_make(
    *, case: Case, agency: str, by: User, request: HttpRequest | None, referral: Referral | None = None,
    removal: RemovalRequest | None = None,
) -> tuple[ReferralPack, ExportedBundle]:  # fmt: skip
    if agency not in PackAgency.values:
        raise ValueError(f"Choose an agency: {', '.join(PackAgency.values)}.")
    if referral is not None and referral.case_id != case.pk:
        raise ValueError("That referral is not part of this case.")
    if removal is not None and removal.case_id != case.pk:
        raise ValueError("That removal request is not part of this case.")
    summary = {
        "Case": f"Case {case.number}",
        "For": PackAgency(agency).label,
        "Summary": case.summary or "Not written",
        "Where": case.get_platform_display() if case.platform else "Not said",
        "People involved": "; ".join(_people(case, agency)) or "None recorded",
        "Duties decided": "; ".join(_duties(case)) or "None yet",
    }
    exported = evidence_export_items_bundle(
        organisation=case.organisation, items=_items(case, agency, removal), chronology=_chronology(case, agency),
        reference=f"case-{case.number}", summary=summary, by=by, audit_obj=case, purpose=f"referral-{agency}",
        request=request,
    )  # fmt: skip
    pack = ReferralPack.objects.create(
        case=case, agency=agency, referral=referral, request=removal, sha256=exported.sha256,
        filename=exported.filename, included=list(exported.included), withheld=list(exported.withheld), made_by=by,
    )  # fmt: skip
    to = referral.agency if referral else PackAgency(agency).label
    CaseEntry.objects.create(
        case=case, kind=EntryKind.REFERRAL, author=by, author_label=by.email,
        text=f"Signed referral pack made for {to}: {len(exported.included)} evidence item(s), "
             f"{len(exported.withheld)} sealed item(s) withheld. SHA-256 {exported.sha256}.",
        detail={"referral_pack": pack.pk, **({"removal_request": removal.pk} if removal else {}),
                **({"referral": referral.pk} if referral else {})},
    )  # fmt: skip
    return pack, exported
