"""Demo data: an authority, a secondary school and an adult-learning provider, a user for every
role, and a few dozen people. Idempotent: running it again changes nothing.

Demo accounts use the reserved `.example` domain, so they can never be real addresses; only those
accounts can have their two-factor code printed by `upstander demo --code EMAIL`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pyotp
from django.db import transaction
from django.utils import timezone

from upstander.accounts.models import Authority, Invitation, Membership, Organisation, Role, User
from upstander.people.models import Person, PersonKind
from upstander.prevention.demo import load_demo_prevention
from upstander.routes.demo import load_demo_routes

DEMO_PASSWORD = "upstander-demo"  # noqa: S105 - printed on purpose: demo accounts only
DEMO_DOMAIN_SUFFIX = ".example"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    roles: tuple[tuple[str, str], ...]  # (role, organisation or authority slug)
    two_factor: bool


DEMO_USERS = (
    DemoUser("dsl@northbridge.example", "Dana Okafor", (("dsl", "northbridge"),), True),
    DemoUser("deputy@northbridge.example", "Sam Whitfield", (("deputy_dsl", "northbridge"),), True),
    DemoUser("head@northbridge.example", "Priya Raman", (("senior_leader", "northbridge"),), True),
    DemoUser("teacher@northbridge.example", "Tom Ellis", (("staff", "northbridge"),), False),
    DemoUser(
        "admin@riverside.example",
        "Alex Morgan",
        (("org_admin", "northbridge"), ("org_admin", "riverside-adult-learning")),
        True,
    ),
    DemoUser("dsl@riverside-learning.example", "Grace Nwosu", (("dsl", "riverside-adult-learning"),), True),
    DemoUser("tutor@riverside-learning.example", "Ben Carter", (("staff", "riverside-adult-learning"),), False),
    DemoUser("lead@riverside-council.example", "Helen Price", (("authority_lead", "riverside"),), True),
)

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Finn",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Kai",
    "Lily",
    "Mohammed",
    "Nia",
    "Oscar",
    "Poppy",
    "Quinn",
    "Ruby",
    "Sami",
    "Tia",
    "Umar",
    "Violet",
    "Wiktor",
    "Yasmin",
    "Zain",
    "Amelia",
    "Noah",
    "Freya",
    "Leo",
    "Maya",
]
LAST_NAMES = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
]


def _pupils() -> list[dict[str, object]]:
    people = []
    for index in range(30):
        year = 7 + index % 5
        people.append(
            {
                "external_id": f"NB{1000 + index}",
                "first_name": FIRST_NAMES[index],
                "last_name": LAST_NAMES[(index * 7) % len(LAST_NAMES)],
                "kind": PersonKind.PUPIL,
                "year_group": f"Year {year}",
                "class_name": f"{year}{'ABC'[index % 3]}",
                "date_of_birth": date(2026 - year - 5 - (1 if index % 4 == 0 else 0), 1 + index % 12, 1 + index % 27),
                "special_educational_needs": index % 6 == 0,
                "looked_after": index % 13 == 0,
            }
        )
    people += [
        {"external_id": "NB-S1", "first_name": "Tom", "last_name": "Ellis", "kind": PersonKind.STAFF},
        {"external_id": "NB-S2", "first_name": "Rachel", "last_name": "Adeyemi", "kind": PersonKind.STAFF},
        {"external_id": "NB-P1", "first_name": "Karen", "last_name": "Davies", "kind": PersonKind.PARENT},
        {"external_id": "NB-P2", "first_name": "Imran", "last_name": "Iqbal", "kind": PersonKind.PARENT},
    ]
    return people


def _service_users() -> list[dict[str, object]]:
    people = []
    for index in range(10):
        people.append(
            {
                "external_id": f"RAL{200 + index}",
                "first_name": FIRST_NAMES[(index * 3 + 5) % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(index * 3 + 2) % len(LAST_NAMES)],
                "kind": PersonKind.SERVICE_USER,
                "class_name": ["ESOL Entry 3", "Digital skills", "Maths L2"][index % 3],
                "adult_at_risk": index % 4 == 0,
            }
        )
    return people


@transaction.atomic
def load_demo() -> dict[str, int]:
    authority, _ = Authority.objects.get_or_create(
        slug="riverside",
        defaults={
            "name": "Riverside Borough Council",
            "safeguarding_contact": "Adult and children's safeguarding hub, 0300 000 0000 (demo)",
        },
    )
    school, _ = Organisation.objects.get_or_create(
        slug="northbridge",
        defaults={
            "name": "Northbridge Academy",
            "kind": Organisation.Kind.SECONDARY_SCHOOL,
            "authority": authority,
            "reporting_email": "report@northbridge.example",
        },
    )
    college, _ = Organisation.objects.get_or_create(
        slug="riverside-adult-learning",
        defaults={
            "name": "Riverside Adult Learning",
            "kind": Organisation.Kind.ADULT_LEARNING,
            "authority": authority,
            "reporting_email": "report@riverside-learning.example",
        },
    )
    places = {"northbridge": school, "riverside-adult-learning": college}
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User.objects.create_user(email=demo.email, password=DEMO_PASSWORD, full_name=demo.full_name)
            if demo.two_factor:
                user.totp_secret = pyotp.random_base32()
                user.totp_confirmed_at = user.date_joined
                user.save(update_fields=["totp_secret", "totp_confirmed_at"])
        for role, slug in demo.roles:
            if role == Role.AUTHORITY_LEAD:
                Membership.objects.get_or_create(user=user, role=role, authority=authority, organisation=None)
            else:
                Membership.objects.get_or_create(user=user, role=role, organisation=places[slug], authority=None)
    _load_demo_invitation(school=school)
    for organisation, rows in ((school, _pupils()), (college, _service_users())):
        for row in rows:
            external_id = row.pop("external_id")
            Person.objects.get_or_create(organisation=organisation, external_id=external_id, defaults=row)
    reports = _load_demo_reports(school=school, college=college)
    load_demo_routes(organisations=[school, college])
    from upstander.insights.demo import load_demo_history

    load_demo_history(organisations=[(school, 260), (college, 45)])  # a year of cases for the insights
    load_demo_prevention(school=school, college=college)
    from upstander.dataprotection.demo import load_demo_dataprotection

    load_demo_dataprotection(school=school)  # records review, a legal hold, a pupil for subject access
    return {
        "users": len(DEMO_USERS),
        "people": Person.objects.filter(organisation__in=[school, college]).count(),
        "reports": reports,
    }


# (days ago, answer to "Who are you?" (reports.forms.WHO_OPTIONS), channel, platform, in danger, anonymous,
#  account, people, status, staff reply)
DEMO_REPORTS = [
    (
        3,
        "staff_target",
        "social_media",
        "facebook",
        False,
        False,
        "A parent keeps posting in the Northbridge parents' Facebook group that I am a useless teacher who picks on "
        "his son, with my photo. Other parents are joining in.",
        "",
        "received",
        "",
    ),
    (
        0,
        "target",
        "social_media",
        "instagram",
        False,
        True,
        "Someone made an account with my name and my photos and is following everyone in my year. They posted that I "
        "fancy a teacher. It isn't me.",
        "@not_the_real_amelia",
        "received",
        "",
    ),
    (
        0,
        "bystander",
        "messaging",
        "whatsapp",
        True,
        True,
        "In the year 9 group chat people are telling Kai to kill himself and he said he might. I'm scared he means it.",
        "Year 9 group chat",
        "received",
        "",
    ),
    (
        1,
        "parent",
        "messaging",
        "snapchat",
        False,
        False,
        "My daughter has been sent horrible messages every night this week calling her fat and ugly. She doesn't want to "
        "come to school. I have screenshots. Most come from an account called jay_k_2011.",
        "Two girls in 8B",
        "in_progress",
        "Thank you for telling us. Could you "
        "bring the screenshots in, or add them here? We will speak to your daughter today.",
    ),
    (
        2,
        "target",
        "gaming",
        "roblox",
        False,
        True,
        "People in my Roblox group keep kicking me out and saying nobody wants me there. It happens every day.",
        "jay_k_2011 and his friends",
        "waiting_for_reporter",
        "Thank you for telling us. Do you know the usernames of the people doing this?",
    ),
    (
        3,
        "staff",
        "social_media",
        "facebook",
        False,
        False,
        "A parent has posted on the village Facebook group that I am useless and should be sacked, with my photo. "
        "Other parents are joining in.",
        "Parent of a Year 7 pupil",
        "in_progress",
        "",
    ),
    (
        4,
        "bystander",
        "social_media",
        "tiktok",
        False,
        True,
        "There's a TikTok making fun of Zain's religion with a filter on his face. Loads of people have shared it.",
        "@nb_banter_page",
        "received",
        "",
    ),
    (
        6,
        "target",
        "direct_message",
        "instagram",
        False,
        True,
        "An older boy I don't know keeps asking me to send pictures and says he'll tell everyone my secrets if I don't.",
        "@jay_2007_x",
        "in_progress",
        "You did exactly the right thing. Please don't send anything. We are dealing with "
        "this now and someone will speak to you privately today.",
    ),
    (
        9,
        "target",
        "messaging",
        "text_message",
        False,
        False,
        "I keep getting texts from a number I don't know calling me names. Seven so far.",
        "07700 900123",
        "closed",
        "The texts have stopped and we helped you block the number. Tell us if it starts again.",
    ),
    (
        14,
        "bystander",
        "forum",
        "discord",
        False,
        True,
        "On the school Discord server people are posting homophobic memes about a boy in year 10.",
        "",
        "closed",
        "",
    ),
]
# Reported without saying anyone is in danger, but analysis finds a possible risk to life: the case is
# "possibly urgent (suggested)" at the top of the queue until the DSL confirms or dismisses it.
DEMO_SUGGESTED_URGENT = (
    "People in a Snapchat group keep messaging me. Last night one wrote: nobody would care if you killed "
    "yourself, just do it."
)
# The parent's report (above) whose case keeps the form tutor informed.
DEMO_KEPT_INFORMED = DEMO_REPORTS[2][6]
DEMO_SHARED_UPDATE = (
    "We are supporting her and have spoken to the pupils involved. Please keep an eye on her in form time this "
    "week and tell me if anything worries you."
)

DEMO_COLLEGE_REPORTS = [
    (
        1,
        "service_user",
        "messaging",
        "whatsapp",
        False,
        False,
        "Another learner on my course keeps messaging me late at night and says he knows where I live.",
        "Learner on the ESOL course",
        "in_progress",
        "",
    ),
    (
        5,
        "staff",
        "email",
        "email",
        False,
        False,
        "A learner's ex-partner has emailed me threats about the learner and says he will come to the centre.",
        "",
        "received",
        "",
    ),
]


def _load_demo_reports(*, school: Organisation, college: Organisation) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from upstander.reports.forms import who_option
    from upstander.reports.models import Report, ReportMessage
    from upstander.reports.services import ReportInput, report_submit

    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    made = 0
    for organisation, rows in ((school, DEMO_REPORTS), (college, DEMO_COLLEGE_REPORTS)):
        for days, role, channel, platform, danger, anonymous, account, people, status, reply in rows:
            if Report.objects.filter(organisation=organisation, account=account).exists():
                continue
            when = timezone.now() - timedelta(days=days, hours=2)
            who = who_option(organisation.kind, role)
            data = ReportInput(
                reporter_role=who.role,
                reporter_kind=who.kind,
                account=account,
                anonymous=anonymous,
                channel=channel,
                platform=platform,
                in_danger=danger,
                people_involved=people,
                happened_at=when - timedelta(hours=3),
                reporter_name="" if anonymous else "Demo Reporter",
                reporter_email="" if anonymous else "reporter@demo.example",
            )
            report = report_submit(organisation=organisation, data=data).report
            Report.objects.filter(pk=report.pk).update(created_at=when, status=status)
            if reply and dsl is not None:
                ReportMessage.objects.create(
                    report=report,
                    author_kind=ReportMessage.Author.STAFF,
                    author=dsl,
                    body=reply,
                    created_at=when + timedelta(hours=1),
                )
            made += 1
    _load_demo_recorded_concern(school=school)
    _load_demo_follow_through(school=school)
    _load_demo_case_work(school=school)
    from upstander.takedown.demo import load_demo_takedown

    load_demo_takedown(school=school)
    return Report.objects.filter(organisation__in=[school, college]).count()


DEMO_FOLLOW_THROUGH_ACCOUNT = "homophobic memes about a boy in year 10"


def _load_demo_follow_through(*, school: Organisation) -> None:
    """A closed case with actions for the person responsible (a sanction under the behaviour policy and
    education), whose follow-up with the target and post-incident review are still to do (seed 001)."""
    from django.utils import timezone

    from upstander.cases.follow_through import case_record_responsible_action
    from upstander.cases.models import ResponsibleAction
    from upstander.cases.services import case_close, case_open_for_report, case_party_add
    from upstander.reports.models import Report

    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    report = Report.objects.filter(organisation=school, account__contains=DEMO_FOLLOW_THROUGH_ACCOUNT).first()
    if dsl is None or report is None:
        return
    case = case_open_for_report(report=report)
    if ResponsibleAction.objects.filter(case=case).exists() or not case.is_active:
        return
    pupil = case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", age=15,
                           description="Year 10 pupil who ran the Discord server")  # fmt: skip
    case_record_responsible_action(case=case, party=pupil, kind="sanction", policy="the behaviour policy",
                                   detail="Removed from the school Discord; two after-school detentions", by=dsl,
                                   request=None)  # fmt: skip
    case_record_responsible_action(case=case, party=pupil, kind="education",
                                   detail="Session with the PSHE lead on homophobic language", by=dsl,
                                   request=None)  # fmt: skip
    case_close(case=case, outcome="sanctions", reason="Memes removed; sanctions and education given.",
               follow_up_on=timezone.localdate(), by=dsl, request=None,
               open_work_reason="Parents told by phone and the steps done in person; noted here.")  # fmt: skip



def _load_demo_case_work(*, school: Organisation) -> None:
    """A case analysis suggests may be urgent, and a case whose form tutor is kept informed. Their
    background work is run here (not left to the worker) so that the demo shows them at once."""
    from upstander.cases.informed import case_share_update, case_watcher_add
    from upstander.cases.models import CaseReport, CaseWatcher
    from upstander.reports.models import Report
    from upstander.reports.services import ReportInput, report_submit
    from upstander.reports.tasks import process_report

    if not Report.objects.filter(organisation=school, account=DEMO_SUGGESTED_URGENT).exists():
        data = ReportInput(reporter_role="target", account=DEMO_SUGGESTED_URGENT, channel="messaging",
                           platform="snapchat", people_involved="@yr10_chat_admin")  # fmt: skip
        report_submit(organisation=school, data=data)
    for account in (DEMO_SUGGESTED_URGENT, DEMO_KEPT_INFORMED):
        report = Report.objects.filter(organisation=school, account=account).first()
        if report is not None and not CaseReport.objects.filter(report=report).exists():
            process_report.call(report.pk)
    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    tutor = User.objects.filter(email="teacher@northbridge.example").first()
    link = CaseReport.objects.filter(report__organisation=school, report__account=DEMO_KEPT_INFORMED).first()
    if dsl is None or tutor is None or link is None or CaseWatcher.objects.filter(case_id=link.case_id).exists():
        return
    case = link.case
    case_watcher_add(case=case, user=tutor, why="form tutor of 8B", by=dsl, request=None)
    case_share_update(case=case, text=DEMO_SHARED_UPDATE, by=dsl, request=None)


DEMO_RECORDED_CONCERN = (
    "Mia (8C) came to me at break, upset. She showed me a Snapchat group called '8C losers' where others post "
    "photos of her with comments about her weight. She says it has gone on since half term."
)


def _load_demo_recorded_concern(*, school: Organisation) -> None:
    """A concern a teacher recorded after a pupil told them (staff on behalf)."""
    from datetime import timedelta

    from django.utils import timezone

    from upstander.reports.models import Report, ReportSource
    from upstander.reports.services import ReportInput, report_submit

    teacher = User.objects.filter(email="teacher@northbridge.example").first()
    if teacher is None or Report.objects.filter(organisation=school, account=DEMO_RECORDED_CONCERN).exists():
        return
    when = timezone.now() - timedelta(days=2, hours=5)
    data = ReportInput(
        reporter_role="target",
        account=DEMO_RECORDED_CONCERN,
        anonymous=False,
        reporter_name="Mia Hughes, 8C",
        channel="messaging",
        platform="snapchat",
        happened_when="since half term",
        people_involved="8C losers (Snapchat group)",
    )
    report = report_submit(organisation=school, data=data, source=ReportSource.STAFF, recorded_by=teacher).report
    Report.objects.filter(pk=report.pk).update(created_at=when)


def _load_demo_invitation(*, school: Organisation) -> None:
    """An existing account joins another organisation only when its owner accepts (issue 10): Riverside's
    tutor has an invitation from Northbridge waiting on his account page, which grants nothing yet."""
    tutor = User.objects.get(email="tutor@riverside-learning.example")
    if not Invitation.objects.filter(user=tutor, organisation=school).exists():
        Invitation.objects.create(
            organisation=school,
            user=tutor,
            role=Role.STAFF,
            invited_by=User.objects.filter(email="admin@riverside.example").first(),
            expires_at=timezone.now() + timedelta(days=14),
        )


def demo_totp_code(email: str) -> str:
    user = User.objects.filter(email__iexact=email).first()
    if user is None or not user.email.endswith(DEMO_DOMAIN_SUFFIX) or not user.has_totp:
        raise LookupError(f"{email} is not a demo account with two-factor authentication.")
    return pyotp.TOTP(user.totp_secret).now()


def demo_logins() -> list[tuple[str, str]]:
    return [(demo.email, ", ".join(f"{role} ({slug})" for role, slug in demo.roles)) for demo in DEMO_USERS]
