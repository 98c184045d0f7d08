"""Subject access (UK GDPR Article 15): what Upstander holds about one person, for the DSL to hand over.

`subject_access_data` gathers, read only: the person's record; each case they are in with their role
in it, its dates, status, categories and outcome; the reports of those cases (the account, with who
reported withheld); the chronology (notes, actions, decisions with reasons); the duty decisions; the
evidence items by kind, description and SHA-256, never their content (a sealed image is never copied,
and whether an unsealed image shows other people is not something software can decide, so no image,
file or text is included: the DSL can add what is safe by hand); legal holds and records-review
decisions. Every text passes through a Redactor holding every other person of the organisation, every
other party, every reporter and every member of staff, and sweeps out email addresses, phone numbers
and @usernames that are not the person's own. `subject_access_zip` packs it as an HTML page to print
and a JSON file, and `subject_access_export` (services-style, audited) is what the page and the command
call.
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases.models import Case, CaseEntry, CaseParty, DutyDecision
from upstander.dataprotection.models import LegalHold, RetentionDecision
from upstander.dataprotection.redaction import Redactor, name_parts
from upstander.dataprotection.selectors import person_parties
from upstander.evidence.models import EvidenceItem
from upstander.people.models import Person
from upstander.reports.models import Report, ReportMessage

OTHER_PERSON = "[another person]"
STAFF = "[member of staff]"
REPORTER = "[reporter: identity withheld]"


def _redactor(person: Person, case_ids: list[int]) -> Redactor:
    own = [person.first_name, person.last_name, person.display_name, person.external_id, person.description]
    own += [p.identifier for p in CaseParty.objects.filter(person=person)]
    redactor = Redactor(keep={text.strip().lower() for text in own if text and text.strip()}, sweep=True)
    for other in Person.objects.filter(organisation_id=person.organisation_id).exclude(pk=person.pk):
        redactor.add_all(name_parts(other.first_name, other.last_name), OTHER_PERSON)
        redactor.add_all([other.external_id, other.description], OTHER_PERSON)
    for party in CaseParty.objects.filter(case_id__in=case_ids).exclude(person=person):
        redactor.add_all([party.description, party.identifier], OTHER_PERSON)
    for report in Report.objects.filter(case_link__case_id__in=case_ids):
        redactor.add_all([report.reporter_name, report.reporter_email], REPORTER)
    staff = User.objects.filter(memberships__organisation_id=person.organisation_id).distinct()
    authors = User.objects.filter(pk__in=CaseEntry.objects.filter(case_id__in=case_ids).values("author_id"))
    for user in [*staff, *authors]:
        redactor.add_all([user.full_name, user.email, *user.full_name.split()], STAFF)
    return redactor


def _day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def subject_access_data(*, person: Person) -> dict[str, Any]:
    parties = list(person_parties(person=person))
    case_ids = sorted({party.case_id for party in parties})
    clean = _redactor(person, case_ids)
    roles: dict[int, list[str]] = {}
    for party in parties:
        roles.setdefault(party.case_id, []).append(party.get_role_display())
    cases = []
    for case in Case.objects.filter(pk__in=case_ids).order_by("number"):
        reports = list(Report.objects.filter(case_link__case=case).order_by("created_at"))
        report_ids = [r.pk for r in reports]
        cases.append(
            {
                "case": case.number,
                "your_role": roles[case.pk],
                "opened": _day(case.opened_at),
                "closed": _day(case.closed_at),
                "status": case.get_status_display(),
                "summary": clean(case.summary),
                "what_happened": case.category_list + case.prejudice_list,
                "outcome": case.get_outcome_display() if case.outcome else None,
                "outcome_reason": clean(case.outcome_reason),
                "records_review": _day(case.records_review_on),
                "reports": [
                    {
                        "reference": report.reference,
                        "received": _day(report.created_at),
                        "reported_by": f"{report.reporter_label}; identity withheld",
                        "where": report.get_platform_display() or report.get_channel_display() or None,
                        "account": clean(report.account),
                        "people_involved_as_given": clean(report.people_involved),
                        "messages": [
                            {"at": _day(m.created_at), "from": m.get_author_kind_display(), "text": clean(m.body)}
                            for m in ReportMessage.objects.filter(report=report).order_by("created_at")
                        ],
                    }
                    for report in reports
                ],
                "chronology": [
                    {
                        "at": _day(entry.happened_at or entry.occurred_at),
                        "kind": entry.get_kind_display(),
                        "by": STAFF,
                        "text": clean(entry.text),
                        "reason": clean(entry.reason),
                    }
                    for entry in CaseEntry.objects.filter(case=case).order_by("occurred_at", "pk")
                ],
                "decisions_on_duties": [
                    {"at": _day(d.decided_at), "duty": d.duty, "accepted": d.accepted, "reason": clean(d.reason)}
                    for d in DutyDecision.objects.filter(case=case).order_by("decided_at", "pk")
                ],
                "evidence": [
                    {
                        "item": item.pk,
                        "kind": item.get_kind_display(),
                        "added": _day(item.added_at),
                        "description": clean(item.description),
                        "sha256": item.sha256,
                        "sealed": item.sealed,
                        "content": "not included (see the note)",
                    }
                    for item in EvidenceItem.objects.filter(report_id__in=report_ids).order_by("added_at", "pk")
                ],
                "legal_holds": [
                    {"set": _day(h.set_at), "reason": clean(h.reason), "lifted": _day(h.lifted_at)}
                    for h in LegalHold.objects.filter(case=case).order_by("set_at")
                ],
                "records_review_decisions": [
                    {
                        "at": _day(d.decided_at),
                        "decision": d.get_kind_display(),
                        "reason": clean(d.reason),
                        "state": d.get_state_display(),
                    }
                    for d in RetentionDecision.objects.filter(case=case).order_by("decided_at")
                ],
            }
        )
    return {
        "made": _day(timezone.now()),
        "organisation": person.organisation.name,
        "person": {
            "name": person.display_name,
            "kind": person.get_kind_display(),
            "mis_identifier": person.external_id or None,
            "year_group": person.year_group or None,
            "class_or_group": person.class_name or None,
            "date_of_birth": _day(person.date_of_birth),
            "flags": person.flags,
            "archived": person.is_archived,
        },
        "cases": cases,
        "note": (
            "Other people's names and details are replaced by [another person], [member of staff] or "
            "[reporter: identity withheld]. Evidence is listed by kind, description and fingerprint (SHA-256); "
            "its content (screenshots, files, messages) is not included, because it may show other people. "
            "Purposes: safeguarding (Keeping Children Safe in Education; Working Together to Safeguard Children). "
            "Kept until the records review date shown for each case. Source: reports to the organisation and "
            "its staff's records."
        ),
    }


def _html(data: dict[str, Any]) -> str:
    e = html.escape
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Subject access: "
        f"{e(data['person']['name'])}</title><style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;"
        "line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25em .5em;"
        "text-align:left;vertical-align:top}</style></head><body>",
        f"<h1>What {e(data['organisation'])} holds about {e(data['person']['name'])}</h1>",
        f"<p>Made {e(data['made'])}. {e(data['note'])}</p><h2>The record</h2><table>",
    ]
    for key, value in data["person"].items():
        shown = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        out.append(f"<tr><th scope='row'>{e(key.replace('_', ' '))}</th><td>{e(shown) or '-'}</td></tr>")
    out.append("</table>")
    if not data["cases"]:
        out.append("<p>No case records involve this person.</p>")
    for case in data["cases"]:
        out.append(f"<h2>Case {case['case']}</h2><p>Your role: {e(', '.join(case['your_role']))}. Opened "
                   f"{e(case['opened'] or '')}; {e(case['status'])}.</p>")  # fmt: skip
        for name in ("summary", "outcome", "outcome_reason", "records_review"):
            if case[name]:
                out.append(f"<p><strong>{e(name.replace('_', ' ').capitalize())}:</strong> {e(str(case[name]))}</p>")
        for report in case["reports"]:
            out.append(f"<h3>Report {e(report['reference'])} ({e(report['received'] or '')})</h3>"
                       f"<p>{e(report['reported_by'])}</p><p>{e(report['account'])}</p>")  # fmt: skip
            for message in report["messages"]:
                out.append(f"<p><em>{e(message['from'])}, {e(message['at'] or '')}:</em> {e(message['text'])}</p>")
        out.append("<h3>Chronology</h3><ul>")
        for entry in case["chronology"]:
            why = f" Reason: {e(entry['reason'])}" if entry["reason"] else ""
            out.append(f"<li>{e(entry['at'] or '')}, {e(entry['kind'])}: {e(entry['text'])}{why}</li>")
        out.append("</ul>")
        if case["evidence"]:
            out.append("<h3>Evidence held (content not included)</h3><ul>")
            for item in case["evidence"]:
                sealed = " (sealed)" if item["sealed"] else ""
                out.append(f"<li>{e(item['kind'])}{sealed}, added {e(item['added'] or '')}: "
                           f"{e(item['description']) or 'no description'}. SHA-256 {e(item['sha256'])}</li>")  # fmt: skip
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def subject_access_zip(*, data: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("subject-access.html", _html(data))
        archive.writestr("subject-access.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr(
            "README.txt",
            "Subject access export made by Upstander. Open subject-access.html to read or print it; "
            "subject-access.json holds the same in a machine-readable form.\n" + data["note"] + "\n",
        )
    return buffer.getvalue()


@transaction.atomic
def subject_access_export(
    *, person: Person, by: User | None, by_label: str = "", request: HttpRequest | None = None
) -> tuple[str, bytes]:
    """(file name, ZIP bytes), recorded in the audit trail (which cases it covered; never its content)."""
    data = subject_access_data(person=person)
    archive = subject_access_zip(data=data)
    audit_record(
        action=AuditAction.EXPORTED, actor=by, actor_label=by_label, organisation_id=person.organisation_id,
        obj=person, request=request, detail={"subject_access": True, "cases": [c["case"] for c in data["cases"]]},
    )  # fmt: skip
    return f"subject-access-person-{person.pk}-{timezone.localdate():%Y%m%d}.zip", archive
