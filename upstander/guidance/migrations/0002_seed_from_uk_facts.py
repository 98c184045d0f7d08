"""Seeds helplines, platforms and mobile networks from `reference/uk-facts.md` (checked 2026-11).

Each row's `source` names the page the facts were read from. Where uk-facts marks a detail
UNCONFIRMED, it is left blank and the row's notes say so; `confirmed` is off when a detail that
is shown has no source (The Mix), and such rows appear only in the helplines directory, marked. Websites that uk-facts does not list were checked against the stored
page named in the source; where none was found the website is left blank.

Admins edit these rows afterwards; reversing the migration deletes only the seeded rows.
"""

from django.db import migrations

FACTS = "reference/uk-facts.md, 2026-11"
ALL = ["young_people", "parents", "staff", "adults"]

HELPLINES = [
    {
        "slug": "police-emergency",
        "name": "Police, ambulance or fire: emergency",
        "phone": "999",
        "who_for": "Anyone, when someone is in danger, hurt, or their life is at risk right now.",
        "notes": "112 also works. Text relay: 18000.",
        "audiences": ALL,
        "topics": ["emergency"],
        "source": f"warwickshire.police.uk/article/44060 ({FACTS})",
        "confirmed": True,
        "order": 10,
    },
    {
        "slug": "professionals-online-safety-helpline",
        "name": "Professionals Online Safety Helpline (UK Safer Internet Centre)",
        "phone": "0344 381 4772",
        "email": "helpline@saferinternet.org.uk",
        "hours": "Monday to Friday 10am to 4pm",
        "who_for": "People who work or volunteer with children and young people, including when they are "
        "targeted themselves.",
        "notes": "Report to the platform first and allow 48 hours for an answer, unless there is a safeguarding "
        "concern: then contact the helpline straight away.",
        "audiences": ["staff"],
        "topics": ["bullying", "hate", "sexual_images", "general"],
        "source": "swgfl.org.uk/magazine/getting-support-from-the-professionals-online-safety-helpline-what-you-"
        f"need-to-know/ ({FACTS})",
        "confirmed": True,
        "order": 25,
    },
    {
        "slug": "childline",
        "name": "Childline",
        "phone": "0800 1111",
        "website": "https://www.childline.org.uk/",
        "hours": "24 hours, every day",
        "who_for": "Children and young people up to 19. Free and confidential.",
        "notes": "Call, chat online 1-2-1 with a counsellor, or send an email from the website.",
        "audiences": ["young_people"],
        "topics": ["bullying", "hate", "sexual_images", "grooming", "self_harm", "general"],
        "source": f"learning.nspcc.org.uk/services/childline ({FACTS}); website: childline.org.uk/pages/about.aspx",
        "confirmed": True,
        "order": 30,
    },
    {
        "slug": "nspcc-helpline",
        "name": "NSPCC Helpline",
        "phone": "0808 800 5000",
        "email": "help@nspcc.org.uk",
        "hours": "Monday to Friday 8am to 10pm; weekends 9am to 6pm",
        "who_for": "Adults who are worried about a child.",
        "audiences": ["parents", "staff", "adults"],
        "topics": ["bullying", "sexual_images", "grooming", "general"],
        "source": f"safeguardingtool.nspcc.org.uk/what-you-can-do/report-abuse/ ({FACTS})",
        "confirmed": True,
        "order": 35,
    },
    {
        "slug": "kidscape",
        "name": "Kidscape",
        "phone": "020 7823 5430",
        "who_for": "Parents and carers of a child who is being bullied.",
        "audiences": ["parents"],
        "topics": ["bullying"],
        "source": f"bristolsafeguardingineducation.org ({FACTS})",
        "confirmed": True,
        "order": 36,
    },
    {
        "slug": "bullying-uk",
        "name": "Bullying UK (Family Lives)",
        "phone": "0808 800 2222",
        "website": "https://www.familylives.org.uk/",
        "who_for": "Parents and families dealing with bullying.",
        "notes": "Opening hours are UNCONFIRMED: check them on the website before relying on this line.",
        "audiences": ["parents"],
        "topics": ["bullying"],
        "source": f"itv.com/news/westcountry/2018-11-16/are-you-being-bullied ({FACTS}); hours unconfirmed, "
        "so not shown; website: st-josephs.slough.sch.uk/home/parents-and-carers/help-and-support-2",
        "confirmed": True,
        "order": 37,
    },
    {
        "slug": "report-harmful-content",
        "name": "Report Harmful Content (SWGfL)",
        "website": "https://reportharmfulcontent.com/",
        "who_for": "Anyone aged 13 or over in the UK, after reporting to the platform.",
        "notes": "Helps with online abuse, bullying or harassment, threats, impersonation, unwanted sexual advances "
        "(not images), violent content, self-harm or suicide content, and pornographic content. Report to the "
        "platform first; they may help if it has not answered after more than a week. Removal is not guaranteed.",
        "audiences": ALL,
        "topics": ["bullying", "hate"],
        "source": f"swgfl.org.uk/helplines/report-harmful-content/ ; "
        f"reportharmfulcontent.com/advice/what-to-remember-when-reporting-to-us/ ({FACTS})",
        "confirmed": True,
        "order": 40,
    },
    {
        "slug": "report-remove",
        "name": "Report Remove (Childline and the Internet Watch Foundation)",
        "website": "https://www.childline.org.uk/",
        "who_for": "Under-18s who want a nude or sexual image or video of themselves taken off the internet.",
        "notes": "Find Report Remove on the Childline website and sign in with a Childline account. The image is "
        "given a digital fingerprint so websites can block it. Never send the image to anyone, not even an adult "
        "who is helping.",
        "audiences": ["young_people", "parents", "staff"],
        "topics": ["sexual_images"],
        "source": f"iwf.org.uk/what-we-do/why-we-exist/report-remove ({FACTS}); "
        "learning.nspcc.org.uk/research-resources/report-remove",
        "confirmed": True,
        "order": 50,
    },
    {
        "slug": "ceop",
        "name": "CEOP Safety Centre (National Crime Agency)",
        "website": "https://www.ceop.police.uk/Safety-Centre/",
        "who_for": "Anyone worried that a child is being groomed or sexually abused online.",
        "notes": "An online form that goes to the police, so it is not anonymous. Not for ordinary bullying. "
        "If a child is in danger now, call 999.",
        "audiences": ALL,
        "topics": ["grooming", "sexual_images"],
        "source": f"ceopeducation.co.uk/parents/get-help/reporting-an-incident/ ({FACTS}); "
        "website: ceop.police.uk/Safety-Centre/",
        "confirmed": True,
        "order": 55,
    },
    {
        "slug": "revenge-porn-helpline",
        "name": "Revenge Porn Helpline",
        "phone": "0345 6000 459",
        "website": "https://revengepornhelpline.org.uk/",
        "hours": "Monday to Friday 10am to 4pm",
        "who_for": "Adults (18 and over) whose intimate images have been shared without consent, or who are "
        "threatened with it.",
        "audiences": ["adults", "staff"],
        "topics": ["sexual_images"],
        "source": f"swgfl.org.uk/helplines/revenge-porn-helpline/ ({FACTS}); website: revengepornhelpline.org.uk/faq/",
        "confirmed": True,
        "order": 60,
    },
    {
        "slug": "samaritans",
        "name": "Samaritans",
        "phone": "116 123",
        "email": "jo@samaritans.org",
        "website": "https://www.samaritans.org/",
        "hours": "Any time, day or night",
        "who_for": "Anyone who is struggling to cope. Free to call.",
        "notes": "Samaritans has no text service (it ended in February 2020).",
        "audiences": ALL,
        "topics": ["self_harm", "general"],
        "source": f"fullfact.org/health/samaritans-text-number/ ({FACTS}); "
        "website: samaritans.org/how-we-can-help/contact-samaritan/",
        "confirmed": True,
        "order": 100,
    },
    {
        "slug": "shout",
        "name": "Shout",
        "text_number": "85258",
        "text_keyword": "SHOUT",
        "website": "https://giveusashout.org/",
        "hours": "24 hours, every day",
        "who_for": "Anyone in the UK who needs support now, by text. Free.",
        "audiences": ALL,
        "topics": ["self_harm", "general"],
        "source": f"fullfact.org/online/samaritans-text-message-service/ ({FACTS}); "
        "website: giveusashout.org/about-us/faq/",
        "confirmed": True,
        "order": 110,
    },
    {
        "slug": "kooth",
        "name": "Kooth",
        "website": "https://www.kooth.com/",
        "who_for": "Young people aged about 10 to 25 (it depends on the area): free online mental-health support.",
        "audiences": ["young_people"],
        "topics": ["self_harm", "bullying", "general"],
        "source": f"koothplc.com/article/the-kooth-faq ({FACTS})",
        "confirmed": True,
        "order": 120,
    },
    {
        "slug": "stop-hate-uk",
        "name": "Stop Hate UK",
        "phone": "0800 138 1625",
        "text_number": "07717 989 025",
        "email": "talk@stophateuk.org",
        "website": "https://www.stophateuk.org/",
        "hours": "24 hours, every day",
        "who_for": "Anyone targeted by hate, or who sees it. You can stay anonymous.",
        "notes": "Councils pay for it area by area, so check that it covers yours.",
        "audiences": ALL,
        "topics": ["hate"],
        "source": f"insidecroydon.com/2020/08/06/charity-launches-helpline-to-help-those-affected-by-hate-crime/ "
        f"({FACTS})",
        "confirmed": True,
        "order": 130,
    },
    {
        "slug": "true-vision",
        "name": "True Vision (report hate crime to the police online)",
        "website": "https://www.report-it.org.uk/",
        "who_for": "Anyone reporting a hate crime in England, Wales or Northern Ireland, including anonymously or "
        "for someone else.",
        "audiences": ALL,
        "topics": ["hate", "crime"],
        "source": f"safercolchester.co.uk/hate-crime/ ({FACTS})",
        "confirmed": True,
        "order": 140,
    },
    {
        "slug": "the-mix",
        "name": "The Mix",
        "website": "https://www.themix.org.uk/",
        "who_for": "Under-25s, about anything.",
        "notes": "UNCONFIRMED: no source was found for these details, and the phone number is left out. "
        "Check the website.",
        "audiences": ["young_people"],
        "topics": ["general"],
        "source": f"No source ({FACTS} lists it as unconfirmed)",
        "confirmed": False,
        "order": 170,
    },
    {
        "slug": "police-non-emergency",
        "name": "Police: non-emergency",
        "phone": "101",
        "who_for": "Reporting a crime that is not an emergency, such as threats, harassment, hate crime "
        "or sharing intimate images.",
        "audiences": ALL,
        "topics": ["crime", "hate"],
        "source": f"warwickshire.police.uk/article/44060 ({FACTS})",
        "confirmed": True,
        "order": 175,
    },
    {
        "slug": "action-fraud",
        "name": "Action Fraud",
        "phone": "0300 123 2040",
        "who_for": "Fraud and scams only.",
        "notes": "Bullying, harassment and hate crime are reported to the police instead.",
        "audiences": ["parents", "staff", "adults"],
        "topics": ["fraud"],
        "source": f"bexleywatch.blogspot.com/2023/09/ ({FACTS})",
        "confirmed": True,
        "order": 180,
    },
]

MENU = "the three dots (…)"
PLATFORMS = [
    {
        "code": "instagram",
        "name": "Instagram",
        "report_url": "https://help.instagram.com/165828726894770",
        "how_to_report": f"On the post, comment, message or profile, tap {MENU} or press and hold, then choose "
        "Report and follow the steps.",
        "how_to_block": f"Open their profile, tap {MENU} and choose Block.",
        "minimum_age": 13,
        "source": f"help.instagram.com/165828726894770 ({FACTS})",
        "order": 10,
    },
    {
        "code": "tiktok",
        "name": "TikTok",
        "report_url": "https://support.tiktok.com/",
        "how_to_report": "In the app, press and hold the video, comment or message, or open the account's profile "
        "and tap the menu, then choose Report and follow the steps.",
        "how_to_block": "Open their profile, tap the menu and choose Block.",
        "minimum_age": 13,
        "notes": "Reports are made in the app; TikTok's support site explains the steps.",
        "source": f"in-app Report, support.tiktok.com ({FACTS})",
        "order": 20,
    },
    {
        "code": "snapchat",
        "name": "Snapchat",
        "report_url": "https://values.snap.com/safety/safety-reporting",
        "how_to_report": "In the app, press and hold the Snap, Story or chat message and choose Report. You can "
        "also use Snapchat's online reporting form.",
        "how_to_block": "Press and hold their name, open the menu and choose Block.",
        "minimum_age": 13,
        "third_party_reports": True,
        "notes": "The online reporting form can be used without giving your name.",
        "source": f"values.snap.com/safety/safety-reporting ({FACTS})",
        "order": 30,
    },
    {
        "code": "whatsapp",
        "name": "WhatsApp",
        "how_to_report": "Open the chat, tap the person's or group's name at the top, scroll down and tap Report. "
        "You can also press and hold a message and choose Report.",
        "how_to_block": "Open the chat, tap their name at the top, then tap Block.",
        "minimum_age": 13,
        "notes": "Reporting and blocking are done in the app. The minimum age in the UK has been 13 since April 2024.",
        "source": f"in-app report and block ({FACTS})",
        "order": 40,
    },
    {
        "code": "discord",
        "name": "Discord",
        "report_url": "https://discord.com/safety/360044103651-reporting-abusive-behavior-to-discord",
        "how_to_report": "Press and hold the message on a phone, or right-click it on a computer, and choose Report "
        "Message. If it happened in a server, you can also tell the server's moderators.",
        "how_to_block": f"Tap or click their name, open {MENU} and choose Block.",
        "minimum_age": 13,
        "third_party_reports": True,
        "notes": "People without a Discord account, and parents, can report with the form described on Discord's "
        "reporting page.",
        "source": f"Discord report form ({FACTS}); discord.com/safety/360044103651-reporting-abusive-behavior-to-discord",
        "order": 50,
    },
    {
        "code": "roblox",
        "name": "Roblox",
        "report_url": "https://en.help.roblox.com/hc/articles/203312410",
        "how_to_report": "In the game, open the Roblox menu and choose Report, pick the player and say what "
        "happened. You can also report from a player's profile.",
        "how_to_block": f"Open their profile, tap {MENU} and choose Block.",
        "source": f"en.help.roblox.com/hc/articles/203312410 ({FACTS}); minimum age not recorded",
        "order": 60,
    },
    {
        "code": "youtube",
        "name": "YouTube",
        "report_url": "https://support.google.com/youtube/answer/2801920",
        "how_to_report": f"Under the video, tap {MENU} and choose Report. For a comment, tap {MENU} next to it "
        "and choose Report.",
        "how_to_block": f"If they comment on your videos, tap {MENU} next to their comment and choose to hide them "
        "from your channel.",
        "minimum_age": 13,
        "source": f"support.google.com/youtube/answer/2801920 ({FACTS})",
        "order": 70,
    },
    {
        "code": "x",
        "name": "X (Twitter)",
        "report_url": "https://help.twitter.com/en/safety-and-security/report-abusive-behavior",
        "how_to_report": f"Tap {MENU} on the post or on the profile, choose Report and follow the steps.",
        "how_to_block": f"Open their profile, tap {MENU} and choose Block.",
        "minimum_age": 13,
        "third_party_reports": True,
        "notes": "You can choose 'someone else' when the abuse is aimed at another person.",
        "source": f"help.twitter.com/en/safety-and-security/report-abusive-behavior ({FACTS})",
        "order": 80,
    },
    {
        "code": "facebook",
        "name": "Facebook",
        "report_url": "https://www.facebook.com/help/359033794168099",
        "how_to_report": f"Tap {MENU} next to the post or comment, or on the profile, choose Report and follow "
        "the steps.",
        "how_to_block": f"Open their profile, tap {MENU} and choose Block.",
        "minimum_age": 13,
        "third_party_reports": True,
        "notes": "People without a Facebook account can report with Facebook's online form, and you can report "
        "something aimed at someone else.",
        "source": f"facebook.com/help/359033794168099 ({FACTS})",
        "order": 90,
    },
    {
        "code": "reddit",
        "name": "Reddit",
        "report_url": "https://www.reddit.com/report",
        "how_to_report": f"Tap {MENU} by the post or comment and choose Report, or use Reddit's reporting page.",
        "how_to_block": f"Open their profile, tap {MENU} and choose Block.",
        "minimum_age": 13,
        "source": f"reddit.com/report ({FACTS})",
        "order": 100,
    },
    {
        "code": "twitch",
        "name": "Twitch",
        "how_to_report": f"Tap or click {MENU} by the chat message, on the channel or on their profile, and choose "
        "Report.",
        "how_to_block": "Tap or click their name in chat and choose Block.",
        "minimum_age": 13,
        "notes": "Under-13s are not allowed on Twitch. Reports are made in Twitch itself.",
        "source": f"Twitch reporting tool ({FACTS})",
        "order": 110,
    },
    {
        "code": "text_message",
        "name": "Text messages and calls",
        "how_to_report": "Keep the messages, and write down the number, date and time of each call. Tell your mobile "
        "network: each has a team for nuisance and malicious calls and texts, and can help you change your number. "
        "The person who pays for the phone usually has to make that report. If the messages threaten anyone, tell "
        "the police.",
        "how_to_block": "Most phones can block a number: open the message or the call list, tap the number and "
        "choose Block.",
        "notes": "Each network's route is listed under 'Mobile networks'.",
        "source": f"Ofcom advice and mobile networks ({FACTS}); seed 002 (September 2016)",
        "order": 120,
    },
    {
        "code": "email",
        "name": "Email",
        "how_to_report": "Keep the emails: do not delete them. Report the sender to your email provider (most have "
        "a Report or Junk option). If it came to a work or school address, tell the IT team or your manager.",
        "how_to_block": "Open the email, open the menu and choose Block sender (the words differ between apps).",
        "source": "Seed 002 (work email addresses) and seed 001",
        "order": 130,
    },
    {
        "code": "online_game",
        "name": "Online games",
        "how_to_report": "Use the game's own Report option, often in the menu or on the player's name. Consoles and "
        "game stores usually have a report option on the player's profile too.",
        "how_to_block": "Block or mute the player from their name or profile, and check the game's settings for who "
        "can chat to you.",
        "source": "Seed 001 and seed 003 (gaming sites and communities)",
        "order": 140,
    },
    {
        "code": "other",
        "name": "Another app or website",
        "how_to_report": f"Look for Report on the post, message or profile, often under {MENU} or by pressing and "
        "holding. Or search the site's help pages for 'report'.",
        "how_to_block": "Look for Block on their profile or in the chat.",
        "source": "Seed 000 (social media help sections)",
        "order": 150,
    },
]

DATED = "From a council table published in September 2016: they may have changed, so check with your network."
SEED_002 = "Seed 002 table (Dudley, September 2016)"
MOBILE_NETWORKS = [
    {
        "name": "Any network",
        "how_to_report": "Ask your provider's nuisance or malicious calls team for help. If a threat is immediate, "
        "call 999. Forward spam texts to 7726.",
        "source": f"Ofcom ({FACTS})",
        "order": 10,
    },
    {
        "name": "O2",
        "how_to_report": "Email O2's nuisance calls team.",
        "contact": "nuisance@telefonica.com",
        "from_mobile": "4445 or 202",
        "pay_as_you_go": "08705 678 678",
        "pay_monthly": "0870 241 0202",
        "dated_note": DATED,
        "source": f"{SEED_002}; newer note: {FACTS}",
        "order": 20,
    },
    {
        "name": "Vodafone",
        "how_to_report": "Vodafone's Nuisance Call Bureau: give details of at least 3 calls and your call log, and "
        "fill in a disclosure form.",
        "from_mobile": "191",
        "pay_as_you_go": "03333 040 191",
        "pay_monthly": "03333 048 069",
        "dated_note": DATED,
        "source": f"{SEED_002}; newer note: {FACTS}",
        "order": 30,
    },
    {
        "name": "Three",
        "how_to_report": "Report to the police first; Three's Malicious Communications Bureau then contacts you "
        "within 7 days.",
        "from_mobile": "333",
        "pay_as_you_go": "08433 733 333",
        "pay_monthly": "08433 733 333",
        "dated_note": DATED,
        "source": f"{SEED_002}; newer note: {FACTS}",
        "order": 40,
    },
    {
        "name": "EE",
        "from_mobile": "150",
        "pay_as_you_go": "0800 956 6000",
        "pay_monthly": "0800 956 6000",
        "dated_note": DATED,
        "source": SEED_002,
        "order": 50,
    },
    {
        "name": "Virgin",
        "from_mobile": "789",
        "pay_as_you_go": "0345 6000 789",
        "pay_monthly": "0345 6000 789",
        "dated_note": DATED,
        "source": SEED_002,
        "order": 60,
    },
    {
        "name": "BT",
        "pay_as_you_go": "08000 328 751",
        "pay_monthly": "08000 328 751",
        "dated_note": DATED,
        "source": SEED_002,
        "order": 70,
    },
]


def seed(apps, schema_editor):
    Helpline = apps.get_model("guidance", "Helpline")
    Platform = apps.get_model("guidance", "Platform")
    MobileNetwork = apps.get_model("guidance", "MobileNetwork")
    for row in HELPLINES:
        Helpline.objects.update_or_create(slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"})
    for row in PLATFORMS:
        Platform.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    for row in MOBILE_NETWORKS:
        MobileNetwork.objects.update_or_create(
            name=row["name"], defaults={k: v for k, v in row.items() if k != "name"}
        )


def unseed(apps, schema_editor):
    apps.get_model("guidance", "Helpline").objects.filter(slug__in=[row["slug"] for row in HELPLINES]).delete()
    apps.get_model("guidance", "Platform").objects.filter(code__in=[row["code"] for row in PLATFORMS]).delete()
    apps.get_model("guidance", "MobileNetwork").objects.filter(
        name__in=[row["name"] for row in MOBILE_NETWORKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
