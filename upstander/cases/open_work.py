"""What is still open on a case, for closing to list (cases.services.case_close asks for a reason
when anything is). Other apps add their own open work (takedown: removal requests not answered)
with `cases.hooks.register_open_work` in their AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from upstander.cases import hooks
from upstander.cases.facts import case_proposals
from upstander.cases.models import Case, CaseReport, PlaybookItem, Referral
from upstander.reports.models import ReportMessage


@dataclass(frozen=True)
class OpenWork:
    text: str
    anchor: str  # where on the case page it is


def case_open_work(*, case: Case) -> list[OpenWork]:
    """What is still open on a case, for closing to list: undecided duties, playbook steps not done,
    referrals with no outcome, a reporter's last message unanswered, a suggestion of urgency no one
    has decided. Empty when nothing is open."""
    work: list[OpenWork] = []
    if case.urgent_suggested:
        work.append(
            OpenWork("analysis's suggestion that this case may be urgent is not confirmed or dismissed", "urgency")
        )
    for proposed in case_proposals(case=case).undecided:
        work.append(OpenWork(f"escalation not decided: {proposed.title}", f"duty-{proposed.code}"))
    steps = list(PlaybookItem.objects.filter(case=case, done_at__isnull=True).values_list("text", flat=True))
    if steps:
        first = steps[0] if len(steps[0]) <= 80 else steps[0][:77].rstrip() + "…"
        more = f" and {len(steps) - 1} more" if len(steps) > 1 else ""
        work.append(
            OpenWork(f"{len(steps)} playbook step{'s' if len(steps) != 1 else ''} not done ({first}{more})", "playbook")
        )
    for agency in Referral.objects.filter(case=case, outcome="").values_list("agency", flat=True):
        work.append(OpenWork(f"referral to {agency} has no outcome recorded", "referrals"))
    work.extend(OpenWork(text, anchor) for text, anchor in hooks.open_work(case=case))
    report_ids = CaseReport.objects.filter(case=case).values("report_id")
    last: dict[int, ReportMessage] = {}
    for message in (
        ReportMessage.objects.filter(report_id__in=report_ids).select_related("report").order_by("created_at", "pk")
    ):
        last[message.report_id] = message
    for message in last.values():
        if message.author_kind == ReportMessage.Author.REPORTER:
            work.append(
                OpenWork(f"the last message from the reporter of {message.report.reference} is not answered", "reports")
            )
    return work
