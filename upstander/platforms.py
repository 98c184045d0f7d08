"""The platform directory: every app, site and channel a report can name, and how to report on it.

One list for the whole project. The report form's "where did it happen?" choices, the codes that
reports, cases and evidence store (`reports.models.Platform`), the help pages (the guidance app's
`Platform` rows are synced from here by migration, and an installation admin may then correct a
detail there) and the escalation rules (`taxonomy.PLATFORMS`) all come from `DIRECTORY`;
`guidance/tests/test_platform_directory.py` fails if any of them disagrees with it.

Pure data with no Django import, so the escalation rules can read it, and so that a future
`takedown/` app can take it over as it is. Facts come from `reference/uk-facts.md` (the
"Platforms" and "Platform rules by harm" sections) with the month they were checked; a detail
uk-facts does not confirm is None (shown as "Not confirmed"), never guessed. Seed 000 also names
Google+, which closed in 2019: it is not listed.

A slug is stored in reports: never rename or remove one (add a new entry instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["DIRECTORY", "PLATFORM_SLUGS", "PlatformEntry", "choices", "entry"]

FACTS = "reference/uk-facts.md"
MENU = "the three dots (…)"
NOV = "2026-11"
DEC = "2026-12"


@dataclass(frozen=True, slots=True)
class PlatformEntry:
    slug: str
    name: str
    # "service": one company's app or site (it has its own rules and age limit); "channel": a kind of
    # channel (texts, email, games, anything else), reported to whoever runs it.
    kind: Literal["service", "channel"]
    how_to_report: str
    how_to_block: str = ""
    report_url: str = ""  # only where uk-facts.md gives it
    third_party_reports: bool | None = None  # can someone else (or someone without an account) report?
    who_may_report: str = ""  # the detail behind third_party_reports, from uk-facts' rules table
    rules_document: str = ""  # the platform's own rules, to say which one the content breaks
    minimum_age: int | None = None
    notes: str = ""
    source: str = ""
    checked: str = NOV  # year-month the facts were last checked against the source

    @property
    def is_service(self) -> bool:
        return self.kind == "service"


DIRECTORY: tuple[PlatformEntry, ...] = (
    PlatformEntry(
        slug="instagram",
        name="Instagram",
        kind="service",
        how_to_report=f"On the post, comment, message or profile, tap {MENU} or press and hold, then choose Report "
        "and follow the steps.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://help.instagram.com/165828726894770",
        third_party_reports=True,
        who_may_report="A report option on every post, comment, story and message. Instagram said in 2018 that people "
        "without an account can report; impersonation of your own child is accepted, of a friend reportedly not.",
        rules_document="Meta Community Standards",
        minimum_age=13,
        source=f"help.instagram.com/165828726894770 ({FACTS}); transparency.meta.com/policies/community-standards",
        checked=DEC,
    ),
    PlatformEntry(
        slug="tiktok",
        name="TikTok",
        kind="service",
        how_to_report="In the app, press and hold the video, comment or message, or open the account's profile and "
        "tap the menu, then choose Report and follow the steps.",
        how_to_block="Open their profile, tap the menu and choose Block.",
        report_url="https://support.tiktok.com/",
        who_may_report="In the app; a web form for bullying of under-18s, with updates by text or email. In-app "
        "impersonation reports offer only 'Me' or 'Celebrity': others use the web form.",
        rules_document="TikTok Community Guidelines",
        minimum_age=13,
        notes="Reports are made in the app; TikTok's support site explains the steps.",
        source=f"in-app Report, support.tiktok.com ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="snapchat",
        name="Snapchat",
        kind="service",
        how_to_report="In the app, press and hold the Snap, Story or chat message and choose Report. You can also use "
        "Snapchat's online reporting form.",
        how_to_block="Press and hold their name, open the menu and choose Block.",
        report_url="https://values.snap.com/safety/safety-reporting",
        third_party_reports=True,
        who_may_report="In the app (press and hold, Report) or the support-site form, which can be anonymous.",
        rules_document="Snapchat Community Guidelines",
        minimum_age=13,
        notes="The online reporting form can be used without giving your name.",
        source=f"values.snap.com/safety/safety-reporting ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="whatsapp",
        name="WhatsApp",
        kind="service",
        how_to_report="Open the chat, tap the person's or group's name at the top, scroll down and tap Report. You can "
        "also press and hold a message and choose Report.",
        how_to_block="Open the chat, tap their name at the top, then tap Block.",
        rules_document="WhatsApp Terms of Service",
        minimum_age=None,
        notes="Reporting and blocking are done in the app. The minimum age in the UK is not confirmed: one source "
        "says 13 since April 2024, others say 16.",
        source=f"in-app report and block ({FACTS}: UK minimum age UNCONFIRMED)",
        checked=DEC,
    ),
    PlatformEntry(
        slug="discord",
        name="Discord",
        kind="service",
        how_to_report="Press and hold the message on a phone, or right-click it on a computer, and choose Report "
        "Message. If it happened in a server, you can also tell the server's moderators.",
        how_to_block=f"Tap or click their name, open {MENU} and choose Block.",
        report_url="https://discord.com/safety/360044103651-reporting-abusive-behavior-to-discord",
        third_party_reports=True,
        who_may_report="Any user; parents and people without an account can report with Discord's form.",
        rules_document="Discord Community Guidelines",
        minimum_age=13,
        notes="People without a Discord account, and parents, can report with the form described on Discord's "
        "reporting page.",
        source=f"discord.com/safety/360044103651-reporting-abusive-behavior-to-discord ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="roblox",
        name="Roblox",
        kind="service",
        how_to_report="In the game, open the Roblox menu and choose Report, pick the player and say what happened. "
        "You can also report from a player's profile.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://en.help.roblox.com/hc/articles/203312410",
        who_may_report="'Report Abuse' in the app.",
        rules_document="Roblox Community Standards",
        source=f"en.help.roblox.com/hc/articles/203312410 ({FACTS}); minimum age not recorded",
        checked=DEC,
    ),
    PlatformEntry(
        slug="youtube",
        name="YouTube",
        kind="service",
        how_to_report=f"Under the video, tap {MENU} and choose Report. For a comment, tap {MENU} next to it and "
        "choose Report.",
        how_to_block=f"If they comment on your videos, tap {MENU} next to their comment and choose to hide them from "
        "your channel.",
        report_url="https://support.google.com/youtube/answer/2801920",
        who_may_report="Flag the item; the reporting centre for several videos, comments or an account.",
        rules_document="YouTube Community Guidelines",
        minimum_age=13,
        source=f"support.google.com/youtube/answer/2801920 ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="x",
        name="X (Twitter)",
        kind="service",
        how_to_report=f"Tap {MENU} on the post or on the profile, choose Report and follow the steps.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://help.twitter.com/en/safety-and-security/report-abusive-behavior",
        third_party_reports=True,
        who_may_report="You can choose 'someone else', but X sometimes needs the targeted person's own report; "
        "impersonation only from the person or an authorised representative (bystanders can only flag it).",
        rules_document="The X Rules",
        minimum_age=13,
        notes="You can choose 'someone else' when the abuse is aimed at another person, but X may ask the person "
        "targeted to report it themselves.",
        source=f"help.twitter.com/en/safety-and-security/report-abusive-behavior ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="facebook",
        name="Facebook",
        kind="service",
        how_to_report=f"Tap {MENU} next to the post or comment, or on the profile, choose Report and follow the steps.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://www.facebook.com/help/359033794168099",
        third_party_reports=True,
        who_may_report="A report option on every post, comment, story and message; people without an account use "
        "the online form; third parties can report.",
        rules_document="Meta Community Standards",
        minimum_age=13,
        notes="People without a Facebook account can report with Facebook's online form, and you can report "
        "something aimed at someone else.",
        source=f"facebook.com/help/359033794168099 ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="reddit",
        name="Reddit",
        kind="service",
        how_to_report=f"Tap {MENU} by the post or comment and choose Report, or use Reddit's reporting page.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://www.reddit.com/report",
        rules_document="Reddit Content Policy",
        minimum_age=13,
        source=f"reddit.com/report ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="twitch",
        name="Twitch",
        kind="service",
        how_to_report=f"Tap or click {MENU} by the chat message, on the channel or on their profile, and choose "
        "Report.",
        how_to_block="Tap or click their name in chat and choose Block.",
        who_may_report="Twitch's reporting tool; Twitch acts on serious conduct off Twitch even if the person "
        "targeted does not use it.",
        rules_document="Twitch Community Guidelines",
        minimum_age=13,
        notes="Under-13s are not allowed on Twitch. Reports are made in Twitch itself.",
        source=f"Twitch reporting tool ({FACTS})",
        checked=DEC,
    ),
    PlatformEntry(
        slug="linkedin",
        name="LinkedIn",
        kind="service",
        how_to_report="On the profile, post or message, tap More, then Report, and follow the steps.",
        how_to_block="On their profile, tap More, then Report or block, and choose Block.",
        who_may_report="More, then Report, on a profile, post or message; the member reported is not told who "
        "reported them.",
        rules_document="LinkedIn Professional Community Policies and User Agreement",
        notes="LinkedIn does not tell the member you report who reported them. Fake accounts are not allowed.",
        source=f"{FACTS} (platform rules by harm); named in seed 000; minimum age not recorded",
        checked=DEC,
    ),
    PlatformEntry(
        slug="pinterest",
        name="Pinterest",
        kind="service",
        how_to_report=f"On the Pin, comment or profile, tap {MENU} and choose Report. If the abuse is aimed at someone "
        "else, ask them to report it from their own account or to write to Pinterest.",
        how_to_block=f"Open their profile, tap {MENU} and choose Block.",
        report_url="https://help.pinterest.com/en/articles/harassment-and-cyberbullying",
        third_party_reports=False,
        who_may_report="Bystanders are asked to have the person targeted write in or report from their own account; "
        "removal needs a private person who can be identified.",
        rules_document="Pinterest Community Guidelines",
        notes="Pinterest usually acts on a report from the person targeted, not from bystanders.",
        source=f"help.pinterest.com/en/articles/harassment-and-cyberbullying ({FACTS}); named in seed 000; "
        "minimum age not recorded",
        checked=DEC,
    ),
    PlatformEntry(
        slug="tumblr",
        name="Tumblr",
        kind="service",
        how_to_report="Use Tumblr's online report forms (one for each kind of problem), or the Report option on the "
        "post or blog.",
        how_to_block="Open their blog's menu and choose Block.",
        third_party_reports=True,
        who_may_report="Online forms for each kind of problem; friends and family are encouraged to report harassment.",
        rules_document="Tumblr Community Guidelines",
        notes="Friends and family can report harassment of someone else.",
        source=f"{FACTS} (platform rules by harm); named in seed 000; minimum age not recorded",
        checked=DEC,
    ),
    PlatformEntry(
        slug="text_message",
        name="Text messages and calls",
        kind="channel",
        how_to_report="Keep the messages, and write down the number, date and time of each call. Tell your mobile "
        "network: each has a team for nuisance and malicious calls and texts, and can help you change your number. "
        "The person who pays for the phone usually has to make that report. If the messages threaten anyone, tell "
        "the police.",
        how_to_block="Most phones can block a number: open the message or the call list, tap the number and choose "
        "Block.",
        third_party_reports=False,
        who_may_report="The account holder (seed 002).",
        notes="Each network's route is listed under 'Mobile networks'.",
        source=f"Ofcom advice and mobile networks ({FACTS}); seed 002 (September 2016)",
    ),
    PlatformEntry(
        slug="email",
        name="Email",
        kind="channel",
        how_to_report="Keep the emails: do not delete them. Report the sender to your email provider (most have a "
        "Report or Junk option). If it came to a work or school address, tell the IT team or your manager.",
        how_to_block="Open the email, open the menu and choose Block sender (the words differ between apps).",
        source="Seed 002 (work email addresses) and seed 001",
    ),
    PlatformEntry(
        slug="online_game",
        name="Online games",
        kind="channel",
        how_to_report="Use the game's own Report option, often in the menu or on the player's name. Consoles and game "
        "stores usually have a report option on the player's profile too.",
        how_to_block="Block or mute the player from their name or profile, and check the game's settings for who can "
        "chat to you.",
        source="Seed 001 and seed 003 (gaming sites and communities)",
    ),
    PlatformEntry(
        slug="other",
        name="Another app or website",
        kind="channel",
        how_to_report=f"Look for Report on the post, message or profile, often under {MENU} or by pressing and "
        "holding. Or search the site's help pages for 'report'.",
        how_to_block="Look for Block on their profile or in the chat.",
        source="Seed 000 (social media help sections)",
    ),
)

PLATFORM_SLUGS: tuple[str, ...] = tuple(item.slug for item in DIRECTORY)
_BY_SLUG = {item.slug: item for item in DIRECTORY}


def entry(slug: str) -> PlatformEntry | None:
    return _BY_SLUG.get(slug)


def choices() -> list[tuple[str, str]]:
    """(slug, name) in directory order, for forms and model fields."""
    return [(item.slug, item.name) for item in DIRECTORY]
