"""Demo history for the insights: about a year of closed and open cases (so at least three terms)
for the demo organisations, made directly (bulk inserts), so every chart has something to show.
Called by `upstander demo` (demo/data.py); running it again adds nothing (the history's reports
carry references starting HIST-)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import (
    Case,
    CaseEntry,
    CaseParty,
    CaseReport,
    CaseSettings,
    CaseStatus,
    DutyDecision,
    EntryKind,
    Outcome,
    PartyRole,
    Risk,
    Tagged,
)
from upstander.cases.services import REVIEW_QUESTIONS
from upstander.people.models import Person
from upstander.reports.models import ProcessingState, Report, ReportStatus
from upstander.taxonomy import PREJUDICE_STRANDS

PREFIX = "HIST-"
WHERE = [
    ("messaging", "whatsapp"), ("messaging", "snapchat"), ("social_media", "instagram"), ("social_media", "tiktok"),
    ("gaming", "roblox"), ("forum", "discord"), ("messaging", "text_message"), ("social_media", "youtube"),
]  # fmt: skip
BEHAVIOUR_WEIGHTS = {"insult": 9, "harassment": 6, "exclusion": 5, "threat": 3, "vilification": 3, "impersonation": 2,
                     "personal_information": 2, "trolling": 2, "sexual": 1, "manipulation": 1, "self_harm": 1}  # fmt: skip
ACCOUNTS = [
    "Messages calling them names in a group chat, most evenings for a week.",
    "Left out of a game group on purpose and mocked when they asked why.",
    "A fake account using their photos was following classmates.",
    "Comments under a video making fun of how they look.",
    "Repeated messages from an older pupil after being asked to stop.",
]
POLICY_CHANGES = [
    "Add group chats to the anti-bullying policy's examples of online bullying.",
    "Make the out-of-hours route for reporting clearer to parents.",
    "Review how quickly fake-account reports go to the platform.",
]
EDUCATION_CHANGES = [
    "Year 8 PSHE lesson on group chats and bystanders.",
    "Staff briefing on recognising prejudice-related language online.",
    "Assembly on reporting and blocking in games.",
]


def load_demo_history(*, organisations: list[tuple[Organisation, int]], now_days: int = 330) -> int:
    """`organisations`: (organisation, number of cases); returns the cases made now (0 if already there)."""
    made = 0
    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    for index, (organisation, count) in enumerate(organisations):
        if Report.objects.filter(organisation=organisation, reference__startswith=PREFIX).exists():
            continue
        made += _history(organisation, count, random.Random(1000 + index), now_days, dsl)
    return made


def _history(organisation: Organisation, count: int, rng: random.Random, span_days: int, dsl: User | None) -> int:
    now = timezone.now()
    pupils = list(Person.objects.filter(organisation=organisation).order_by("pk"))
    settings_row, _ = CaseSettings.objects.get_or_create(organisation=organisation)
    first_number = CaseSettings.objects.get(pk=settings_row.pk).next_case_number
    CaseSettings.objects.filter(pk=settings_row.pk).update(next_case_number=F("next_case_number") + count)
    behaviours, weights = list(BEHAVIOUR_WEIGHTS), list(BEHAVIOUR_WEIGHTS.values())
    reports, cases = [], []
    for i in range(count):
        days = rng.randint(12, span_days)
        opened = now - timedelta(days=days, hours=rng.randint(0, 9))
        channel, platform = rng.choice(WHERE)
        categories = set(rng.choices(behaviours, weights=weights, k=rng.choice((1, 1, 2))))
        prejudice = {rng.choice(PREJUDICE_STRANDS)} if rng.random() < 0.3 else set()
        risk = rng.choices([Risk.LOW, Risk.MEDIUM, Risk.HIGH, Risk.URGENT], weights=[5, 8, 3, 1])[0]
        triaged = opened + timedelta(minutes=rng.choice((25, 50, 120, 300, 900, 1500, 2800, 4300)))
        finished = days > 30 or rng.random() < 0.3
        closed = opened + timedelta(days=rng.randint(2, 20)) if finished else None
        reviewed = closed + timedelta(days=3) if closed and rng.random() < 0.4 else None
        status = (
            CaseStatus.REVIEWED
            if reviewed
            else CaseStatus.CLOSED
            if closed
            else rng.choice([CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.WAITING])
        )
        escalate = organisation.authority_id is not None and rng.random() < 0.08
        review = {}
        if reviewed:
            review = dict.fromkeys(REVIEW_QUESTIONS, "")
            review["what_worked"] = "Quick contact with the family; the platform removed the posts."
            if rng.random() < 0.5:
                review["policies"] = rng.choice(POLICY_CHANGES)
            if rng.random() < 0.5:
                review["education"] = rng.choice(EDUCATION_CHANGES)
        reports.append(
            Report(
                organisation=organisation,
                reference=f"{PREFIX}{organisation.pk}-{i:04d}",
                passphrase_hash="!",  # noqa: S106 - unusable: demo history has no receipt
                source="web",
                reporter_role=rng.choice(["target", "bystander", "parent"]),
                account=rng.choice(ACCOUNTS),
                channel=channel,
                platform=platform,
                status=ReportStatus.CLOSED if closed else ReportStatus.IN_PROGRESS,
                processing=ProcessingState.DONE,
                created_at=opened,
            )
        )
        cases.append(
            Case(
                organisation=organisation,
                number=first_number + i,
                summary=rng.choice(ACCOUNTS)[:80],
                status=status,
                risk=risk,
                urgent=risk == Risk.URGENT and not closed,
                categories=Tagged.pack(categories),
                prejudice=Tagged.pack(prejudice),
                channel=channel,
                platform=platform,
                assignee=dsl if organisation.slug == "northbridge" else None,
                opened_at=opened,
                triaged_at=triaged,
                due_at=None if closed else now + timedelta(days=rng.randint(-3, 7)),
                closed_at=closed,
                outcome=rng.choice([o for o in Outcome.values if o != Outcome.MERGED]) if closed else "",
                outcome_reason="Resolved after meetings with both families." if closed else "",
                review=review,
                reviewed_at=reviewed,
                escalated_authority=organisation.authority if escalate else None,
                escalated_at=opened + timedelta(days=1) if escalate else None,
            )
        )
    Report.objects.bulk_create(reports)
    Case.objects.bulk_create(cases)
    reports = list(Report.objects.filter(organisation=organisation, reference__startswith=PREFIX).order_by("reference"))
    made = list(Case.objects.filter(organisation=organisation, number__gte=first_number).order_by("number"))
    CaseReport.objects.bulk_create(
        [CaseReport(case=case, report=report, reason="The report opened this case.", added_at=case.opened_at)
         for case, report in zip(made, reports, strict=True)]
    )  # fmt: skip
    CaseEntry.objects.bulk_create(
        [CaseEntry(case=case, kind=EntryKind.OPENED, occurred_at=case.opened_at, author_label="Upstander",
                   text=f"Case opened from report {report.reference} (demo history).")
         for case, report in zip(made, reports, strict=True)]
    )  # fmt: skip
    parties, decisions = [], []
    for case in made:
        if pupils:
            target = rng.choice(pupils[: max(1, len(pupils) // 2)])
            parties.append(CaseParty(case=case, organisation=organisation, role=PartyRole.TARGET, kind=target.kind,
                                     person=target, added_at=case.opened_at))  # fmt: skip
            if rng.random() < 0.6:
                other = rng.choice(pupils)
                if other != target:
                    parties.append(CaseParty(case=case, organisation=organisation, role=PartyRole.ALLEGED_PERPETRATOR,
                                             kind=other.kind, person=other, added_at=case.opened_at))  # fmt: skip
        for duty, chance in (("inform_parents", 0.6), ("report_to_platform", 0.5), ("police_101", 0.1)):
            if rng.random() < chance:
                decisions.append(
                    DutyDecision(case=case, duty=duty, accepted=rng.random() < 0.8, reason="Decided at triage (demo).",
                                 proposed=True, rules_version="demo", decided_at=case.triaged_at or case.opened_at)
                )  # fmt: skip
    CaseParty.objects.bulk_create(parties)
    DutyDecision.objects.bulk_create(decisions)
    return len(made)
