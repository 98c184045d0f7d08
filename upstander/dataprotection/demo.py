"""Demo data for data protection: a closed case whose records are due for review with a decision to
anonymise waiting for the DSL to carry it out, a case under a legal hold, and a pupil (Lily, in both)
whose subject access export shows what the export holds and what it redacts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.cases.services import case_close, case_open_for_report, case_party_add, case_triage
from upstander.dataprotection import services
from upstander.evidence.adding import evidence_add_text
from upstander.people.models import Person
from upstander.reports.models import Report
from upstander.reports.services import ReportInput, report_submit

DEMO_REVIEW_ACCOUNT = (
    "Two years ago: Kai keeps sending Lily messages on WhatsApp calling her a liar and telling others in 8C "
    "not to sit with her. Nia saw the messages."
)
DEMO_HOLD_ACCOUNT = (
    "An older boy outside school posted a video of Lily and Kai fighting, with their names, on TikTok. "
    "The police have asked us to keep everything."
)
SUBJECT = "NB1011"  # Lily Roberts, the demo's subject access example
OTHERS = ("NB1010", "NB1013")  # Kai Kowalski and Nia Lewis


def _closed_case(
    *, school: Organisation, dsl: User, account: str, platform: str, years_ago: int, summary: str
) -> object:
    people = {p.external_id: p for p in Person.objects.filter(organisation=school, external_id__in=(SUBJECT, *OTHERS))}
    data = ReportInput(reporter_role="parent", account=account, channel="messaging" if platform == "whatsapp" else
                       "social_media", platform=platform, anonymous=False, reporter_name="Demo Parent",
                       reporter_email="parent@demo.example")  # fmt: skip
    report = report_submit(organisation=school, data=data).report
    case = case_open_for_report(report=report)
    case = case_triage(case=case, by=dsl, request=None, reason="Spoke to both pupils and a parent.",
                       summary=summary, risk="low", categories=["exclusion", "insult"],
                       prejudice=[], channel=data.channel, platform=platform, playbook="pupil_on_pupil", assignee=dsl,
                       known_facts=[])  # fmt: skip
    if SUBJECT in people:
        case_party_add(case=case, by=dsl, request=None, role="target", kind="pupil", person=people[SUBJECT])
    if OTHERS[0] in people:
        case_party_add(
            case=case, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", person=people[OTHERS[0]]
        )
    if OTHERS[1] in people:
        case_party_add(case=case, by=dsl, request=None, role="witness", kind="pupil", person=people[OTHERS[1]])
    evidence_add_text(report=report, text=f"{summary}: copied by the DSL on {timezone.localdate():%d/%m/%Y}",
                      kind="message", added_by=dsl,
                      metadata={"platform": platform, "description": f"What Lily showed the DSL ({platform})"})  # fmt: skip
    case_close(case=case, outcome="restorative", reason="Restorative meeting with Kai and Lily; parents told.",
               follow_up_on=timezone.localdate(), by=dsl, request=None,
               open_work_reason="Done in person; noted here.")  # fmt: skip
    # Back-dated as a whole (reported, opened, triaged and closed that long ago), so the dates agree with
    # each other wherever they are read: the insights' time to closure, the incident log, the term.
    closed = timezone.now() - timedelta(days=365 * years_ago)
    opened = closed - timedelta(days=12)
    Report.objects.filter(pk=report.pk).update(created_at=opened)
    Case.objects.filter(pk=case.pk).update(
        opened_at=opened,
        triaged_at=opened + timedelta(hours=20),
        due_at=opened + timedelta(days=1),
        closed_at=closed,
        records_review_on=timezone.localdate() - timedelta(days=7),
    )
    return Case.objects.get(pk=case.pk)


def load_demo_dataprotection(*, school: Organisation) -> None:
    """Idempotent: does nothing once its reports exist."""

    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    if dsl is None or Report.objects.filter(organisation=school, account=DEMO_REVIEW_ACCOUNT).exists():
        return
    # (The demo shortens the review: a real case about a child is kept to the child's 25th birthday.)
    reviewed = _closed_case(
        school=school,
        dsl=dsl,
        account=DEMO_REVIEW_ACCOUNT,
        platform="whatsapp",
        years_ago=2,
        summary="Messages turning a class against a pupil",
    )
    services.retention_decide(case=reviewed, kind="anonymise", by=dsl,  # type: ignore[arg-type]
                              reason="Kept for learning about exclusion in Year 8; names are no longer needed.")  # fmt: skip
    held = _closed_case(
        school=school,
        dsl=dsl,
        account=DEMO_HOLD_ACCOUNT,
        platform="tiktok",
        years_ago=1,
        summary="Video of a fight posted by someone outside school",
    )
    services.hold_set(case=held, by=dsl,  # type: ignore[arg-type]
                      reason="Police investigation (Operation demo): keep every record until the police say so.")  # fmt: skip
