"""A case summary for the file and for meetings: facts, people, reports, decisions with their reasons,
duties and referrals, the playbook, the evidence list and the chronology. Read by the printable page
and the PDF (summary_pdf.py), so both say the same thing.

Marked OFFICIAL-SENSITIVE (Government Security Classifications: personal data about children's
safety). Evidence is listed, never shown: a sealed item is named as sealed and nothing more, and only
the safeguarding leads see an item's file name and description (as on the evidence pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from upstander.accounts.actor import Actor
from upstander.cases import duties, facts, playbooks, selectors
from upstander.cases.models import Case, DutyDecision, PlaybookItem, Referral
from upstander.evidence import permissions as evidence_permissions
from upstander.labels import reporter_role
from upstander.reports.receipts import format_reference
from upstander.taxonomy import labels_in_words

MARKING = "OFFICIAL-SENSITIVE"
HANDLING = "Contains personal data about a safeguarding matter. Keep it with the child's safeguarding file; do not copy or forward it."


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Decision:
    what: str
    outcome: str
    by: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class EvidenceLine:
    number: int
    title: str
    detail: str
    sealed: bool


@dataclass
class CaseSummary:
    case: Case
    produced_at: datetime
    produced_by: str
    facts: list[Line] = field(default_factory=list)
    people: list[Line] = field(default_factory=list)
    reports: list[list[Line]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    open_duties: list[str] = field(default_factory=list)
    referrals: list[list[Line]] = field(default_factory=list)
    playbook: list[Line] = field(default_factory=list)
    evidence: list[EvidenceLine] = field(default_factory=list)
    evidence_note: str = ""
    chronology: list[selectors.ChronologyItem] = field(default_factory=list)
    marking: str = MARKING
    handling: str = HANDLING

    @property
    def title(self) -> str:
        return f"Case {self.case.number}: summary"


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y, %H:%M") if moment else ""


def _facts(case: Case) -> list[Line]:
    playbook = playbooks.PLAYBOOKS.get(case.playbook)
    facts = [
        Line("Organisation", case.organisation.name),
        Line("Case", f"Case {case.number}"),
        Line("Summary", case.summary or "None yet"),
        Line("Status", case.get_status_display()),
        Line("Opened", _when(case.opened_at)),
        Line("Risk", case.get_risk_display()),
        Line("What happened", labels_in_words(case.category_list + case.prejudice_list, none="Not confirmed yet")),
        Line(
            "Where", ", ".join(x for x in (case.get_channel_display(), case.get_platform_display()) if x) or "Not known"
        ),
        Line("Playbook", f"{playbook.title} (version {case.playbook_version})" if playbook else "None yet"),
        Line("Assigned to", case.assignee.full_name if case.assignee else "Nobody"),
    ]
    if case.is_active and case.due_at:
        facts.append(Line("Next step due", _when(case.due_at)))
    if case.escalated_authority:
        facts.append(Line("Escalated", f"To {case.escalated_authority.name}, {_when(case.escalated_at)}"))
    if case.outcome:
        facts.append(Line("Outcome", f"{case.get_outcome_display()}: {case.outcome_reason}"))
    if case.closed_at:
        facts.append(Line("Closed", _when(case.closed_at)))
    if case.records_review_basis:
        facts.append(Line("Records review", case.records_review_basis))
    if case.merged_into:
        facts.append(Line("Merged into", f"Case {case.merged_into.number}"))
    return facts


def _people(case: Case) -> list[Line]:
    lines = []
    for party in case.parties.select_related("person"):
        details = [party.get_kind_display().lower()]
        if party.age is not None:
            details.append(f"aged {party.age}")
        if party.person is not None and party.person.year_group:
            details.append(party.person.year_group)
        if party.adult_at_risk or (party.person is not None and party.person.adult_at_risk):
            details.append("adult at risk")
        lines.append(Line(party.get_role_display(), f"{party.display_name} ({', '.join(details)})"))
    return lines


def _reports(case: Case) -> list[list[Line]]:
    out = []
    for report in selectors.case_reports(case=case):
        if report.recorded_by_id:
            source = report.reporter_description
        else:
            source = reporter_role(report.reporter_role) + (
                " (anonymous)" if report.anonymous else (f": {report.reporter_name}" if report.reporter_name else "")
            )
        out.append(
            [
                Line("Report", format_reference(report.reference)),
                Line("Received", _when(report.created_at)),
                Line("From", source),
                Line("Where", ", ".join(x for x in (report.get_channel_display(), report.get_platform_display()) if x)
                     or "Not said"),
                Line("When", report.happened_when or "Not said"),
                Line("People named", report.people_involved or "None"),
                Line("What happened", report.account),
            ]
        )  # fmt: skip
    return out


def _decisions(case: Case) -> list[Decision]:
    made = [
        Decision(
            what=duties.duty_title(d.duty),
            outcome="Accepted" if d.accepted else "Declined",
            by=d.decided_by.full_name if d.decided_by else "",
            at=d.decided_at,
            reason=d.reason,
        )
        for d in DutyDecision.objects.filter(case=case).select_related("decided_by")
    ]
    for entry in case.entries.filter(kind="decision").select_related("author"):
        made.append(
            Decision(what=entry.text, outcome="Decided", by=entry.author.full_name if entry.author else entry.author_label,
                     at=entry.occurred_at, reason=entry.reason)
        )  # fmt: skip
    return sorted(made, key=lambda d: d.at)


def _referrals(case: Case) -> list[list[Line]]:
    return [
        [
            Line("Agency", f"{r.agency} ({duties.duty_title(r.duty).lower()})"),
            Line("Reference number", r.reference_number or "Not recorded yet"),
            Line("Made on", r.made_on.strftime("%-d %B %Y") if r.made_on else "Not recorded yet"),
            Line("Follow up on", r.follow_up_on.strftime("%-d %B %Y") if r.follow_up_on else "No date"),
            Line("Outcome", r.outcome or "Not known yet"),
        ]
        for r in Referral.objects.filter(case=case)
    ]


def _playbook(case: Case) -> list[Line]:
    lines = []
    for item in PlaybookItem.objects.filter(case=case).select_related("done_by"):
        if item.is_done:
            state = "Not needed" if item.not_needed else "Done"
            who = f" by {item.done_by.full_name}" if item.done_by else ""
            note = f": {item.note}" if item.note else ""
            lines.append(Line(state, f"{item.text} ({_when(item.done_at)}{who}){note}"))
        else:
            lines.append(Line("To do", item.text))
    return lines


def _evidence(case: Case, actor: Actor) -> tuple[list[EvidenceLine], str]:
    """Every item of the case's reports, numbered within the case. Sealed: named as sealed, nothing
    more. Names and descriptions only for those who may open evidence (the safeguarding leads)."""
    leads = evidence_permissions.can_view_evidence(actor)
    lines = []
    for number, item in enumerate(selectors.case_evidence(case=case), start=1):
        added = f"Added {_when(item.added_at)} by {item.added_by_label}; SHA-256 {item.sha256[:16]}…"
        if item.sealed:
            lines.append(EvidenceLine(number, "Sealed item (marked as a nude or sexual image)",
                                      f"Not shown, not printed. {added}", sealed=True))  # fmt: skip
            continue
        kind = item.get_kind_display()
        if leads and evidence_permissions.can_view_item(actor, item):
            title = f"{kind}: {item.safe_name}"
            extra = [item.description, item.get_platform_display() if item.platform else "", item.url,
                     ", ".join(item.handle_list)]  # fmt: skip
            detail = "; ".join(x for x in extra if x)
            lines.append(EvidenceLine(number, title, f"{detail}. {added}" if detail else added,
                                      sealed=False))  # fmt: skip
        else:
            lines.append(EvidenceLine(number, kind, added, sealed=False))
    note = (
        "Evidence is listed, never reproduced here: open it in Upstander, where every look is recorded."
        if leads
        else "Evidence is listed only: its details and content are for the safeguarding leads."
    )
    return lines, note


def case_summary(*, case: Case, actor: Actor, produced_by: str) -> CaseSummary:
    summary = CaseSummary(case=case, produced_at=timezone.now(), produced_by=produced_by)
    summary.facts = _facts(case)
    summary.people = _people(case)
    summary.reports = _reports(case)
    summary.decisions = _decisions(case)
    if actor.organisation_id is not None:
        summary.open_duties = [p.title for p in facts.case_proposals(case=case).undecided]
    summary.referrals = _referrals(case)
    summary.playbook = _playbook(case)
    summary.evidence, summary.evidence_note = _evidence(case, actor)
    summary.chronology = selectors.case_chronology(case=case)
    return summary
