"""Demo data for takedown: one case with removal requests in every state, one overdue, and one refused
by the platform then escalated to Report Harmful Content (with the platform's reply in its pack)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.services import case_open_for_report, case_party_add, case_triage
from upstander.evidence.adding import evidence_add_text
from upstander.reports.models import Report
from upstander.reports.services import ReportInput, report_submit
from upstander.takedown import services
from upstander.takedown.models import RemovalRequest, Route, Status

DEMO_ACCOUNT = (
    "Someone made an Instagram account pretending to be me and posts edited photos of me with horrible captions. "
    "It has been shared on X and TikTok too, and someone keeps texting me from a number I don't know."
)


def load_demo_takedown(*, school: Organisation) -> int:
    dsl = User.objects.filter(email="dsl@northbridge.example").first()
    if dsl is None or RemovalRequest.objects.filter(organisation=school).exists():
        return 0
    report = Report.objects.filter(organisation=school, account=DEMO_ACCOUNT).first()
    if report is None:
        data = ReportInput(reporter_role="target", account=DEMO_ACCOUNT, channel="social_media", platform="instagram",
                           people_involved="@not_really_ellie")  # fmt: skip
        report = report_submit(organisation=school, data=data).report
    case = case_open_for_report(report=report)
    case = case_triage(
        case=case, by=dsl, request=None, reason="Spoke to Ellie; screenshots seen.", summary="Fake account and edited photos",
        risk="medium", categories=["impersonation", "insult"], prejudice=[], channel="social_media", platform="instagram",
        playbook="pupil_on_pupil", assignee=dsl, known_facts=["impersonation"],
    )  # fmt: skip
    case_party_add(case=case, by=dsl, request=None, role="target", kind="pupil", description="Ellie (Year 9)", age=14)
    now = timezone.now()

    def item(url: str, handle: str, platform: str, text: str) -> object:
        return evidence_add_text(report=report, text=text, kind="web_page", url=url, added_by=dsl,
                                 metadata={"platform": platform, "handles": handle})  # fmt: skip

    def opened(route: str, **kw: object) -> RemovalRequest:
        return services.takedown_open(case=case, route=route, by=dsl, request=None, **kw)  # type: ignore[arg-type]

    insta = item("https://www.instagram.com/not_really_ellie/", "not_really_ellie", "instagram",
                 "Profile using Ellie's name and photo; 12 posts of edited photos with captions mocking her.")  # fmt: skip
    xpost = item("https://x.com/yr9banter/status/1860000000000000000", "yr9banter", "x",
                 "Edited photo of Ellie with the caption 'rate this'.")  # fmt: skip
    tiktok = item("https://www.tiktok.com/@yr9banter/video/7400000000000000000", "yr9banter", "tiktok",
                  "Video slideshow of the edited photos.")  # fmt: skip
    # Overdue: reported to Instagram three days ago, no answer (48 hours assumed).
    overdue = opened(
        Route.PLATFORM, evidence_item=insta, harm="impersonation", content="A fake account using Ellie's name and photo"
    )
    services.takedown_mark_sent(removal=overdue, by=dsl, request=None, sent_at=now - timedelta(days=3))
    services.takedown_record_check(
        removal=overdue, still_live=True, note="Still up this morning.", by=dsl, request=None
    )
    # Refused by X, then escalated to Report Harmful Content (sent, waiting).
    refused = opened(
        Route.PLATFORM, evidence_item=xpost, harm="insult", content="An edited photo of Ellie with a mocking caption"
    )
    services.takedown_mark_sent(removal=refused, by=dsl, request=None, sent_at=now - timedelta(days=6))
    services.takedown_record_reference(removal=refused, reference="X-0193-5521", by=dsl, request=None)
    services.takedown_record_reply(removal=refused, by=dsl, request=None,
                                   text="We reviewed the reported content and found no violation of the X Rules.")  # fmt: skip
    services.takedown_record_outcome(removal=refused, status=Status.REFUSED, by=dsl, request=None,
                                     reason="No violation of the X Rules found")  # fmt: skip
    rhc = services.takedown_escalate(removal=refused, by=dsl, request=None)
    services.takedown_mark_sent(removal=rhc, by=dsl, request=None, sent_at=now - timedelta(days=1))
    # Restricted by TikTok.
    restricted = opened(Route.PLATFORM, evidence_item=tiktok, harm="insult", content="A slideshow of the edited photos",
                        made_by="target")  # fmt: skip
    services.takedown_mark_sent(removal=restricted, by=dsl, request=None, sent_at=now - timedelta(days=2))
    services.takedown_record_outcome(removal=restricted, status=Status.RESTRICTED, by=dsl, request=None,
                                     reason="Video made private; account warned")  # fmt: skip
    # Removed by the poster after a meeting with the parents.
    poster = opened(Route.POSTER, url="https://www.tiktok.com/@yr9banter", poster_kind="parent",
                    content="Posts of edited photos of a Year 9 pupil")  # fmt: skip
    services.takedown_mark_sent(removal=poster, by=dsl, request=None, sent_at=now - timedelta(days=4))
    services.takedown_record_outcome(removal=poster, status=Status.REMOVED, reason="", by=dsl, request=None)
    # No response from the mobile network; withdrawn helpline request; one still a draft.
    mobile = opened(Route.MOBILE, content="Texts from an unknown number, 3 and 4 of this month, call log attached")
    services.takedown_mark_sent(removal=mobile, by=dsl, request=None, sent_at=now - timedelta(days=9))
    services.takedown_record_outcome(removal=mobile, status=Status.NO_RESPONSE, reason="", by=dsl, request=None)
    withdrawn = opened(Route.HELPLINE, evidence_item=insta, content="The fake Instagram account")
    services.takedown_record_outcome(removal=withdrawn, status=Status.WITHDRAWN, by=dsl, request=None,
                                     reason="Opened twice by mistake")  # fmt: skip
    opened(Route.PLATFORM, platform="snapchat", url="https://www.snapchat.com/add/yr9banter", harm="insult",
           content="Story reposting the edited photos")  # fmt: skip
    return RemovalRequest.objects.filter(organisation=school).count()
