"""What takedown adds to `upstander/platforms.py` for each service, as seed data (no Django import).

The sections of each service's rules that cover a harm come from reference/uk-facts.md's "Platform
rules by harm" table (stored pages checked 2026-12); a harm not listed there is absent here and
shown as "not confirmed", never guessed. Usual response times are not given by any source we hold:
they are left empty (the clock then assumes 48 hours, the Professionals Online Safety Helpline's
wait) for the installation admin to fill in. Keys are DESIGN.md's harm names (`taxonomy.BEHAVIOURS`
plus `hate`).
"""

from __future__ import annotations

from typing import Any

from upstander.platforms import DIRECTORY

SOURCE = "reference/uk-facts.md, 'Platform rules by harm' (stored pages 2026-12)"

_META = {
    "harassment": "Bullying and Harassment", "threat": "Bullying and Harassment",
    "insult": "Bullying and Harassment", "personal_information": "Bullying and Harassment",
    "self_harm": "Suicide, Self-Injury, and Eating Disorders",
}  # fmt: skip

TERMS: dict[str, dict[str, str]] = {
    "instagram": _META,
    "facebook": _META,
    "tiktok": {
        "harassment": "Harassment and bullying (Community Guidelines)", "insult": "Harassment and bullying",
        "threat": "Threats", "personal_information": "Doxxing", "self_harm": "Mental and behavioural health",
    },
    "snapchat": {
        "harassment": "Harassment and bullying", "insult": "Harassment and bullying",
        "threat": "Threats, violence and harm", "self_harm": "Threats, violence and harm (glorifying self-harm)",
        "personal_information": "Private information and images shared without consent",
    },
    "youtube": {
        "harassment": "Harassment and cyberbullying", "insult": "Harassment and cyberbullying",
        "threat": "Harassment and cyberbullying (threats)", "personal_information": "Harassment and cyberbullying (doxxing)",
        "hate": "Hate speech", "impersonation": "Impersonation", "self_harm": "Suicide and self-harm",
    },
    "x": {
        "harassment": "Abuse and Harassment", "insult": "Abuse and Harassment", "threat": "Abuse and Harassment",
        "hate": "Hateful Conduct", "impersonation": "Misleading and deceptive identities",
        "personal_information": "Private information", "self_harm": "Suicide and self-harm",
    },
    "discord": {
        "harassment": "Bullying, Harassment, and Threats", "insult": "Bullying, Harassment, and Threats",
        "threat": "Bullying, Harassment, and Threats",
    },
    "pinterest": {"harassment": "Harassment and criticism", "hate": "Hate speech", "threat": "Threats"},
    "linkedin": {
        "harassment": "Harassment and abusive content", "insult": "Harassment and abusive content",
        "hate": "Hateful and derogatory content", "impersonation": "Fake accounts",
    },
    "tumblr": {
        "harassment": "Harassment", "hate": "Hate speech", "threat": "Violent threats",
        "self_harm": "Self-harm promotion",
    },
}  # fmt: skip

METHODS: dict[str, str] = {
    "instagram": "in-app", "facebook": "in-app", "tiktok": "in-app, web form", "snapchat": "in-app, web form",
    "youtube": "flag, reporting centre", "x": "in-app, web form", "discord": "in-app, web form",
    "pinterest": "in-app, web form", "linkedin": "in-app", "tumblr": "web forms", "roblox": "in-app",
    "whatsapp": "in-app", "reddit": "in-app, web form", "twitch": "in-app",
    "text_message": "the network's nuisance calls team", "email": "the email provider",
}  # fmt: skip


def seed_rows() -> list[dict[str, Any]]:
    """One PlatformProfile's fields per directory entry."""
    rows = []
    for entry in DIRECTORY:
        service = entry.is_service
        rows.append(
            {
                "slug": entry.slug,
                "name": entry.name,
                "how_to_report": entry.how_to_report,
                "report_methods": METHODS.get(entry.slug, ""),
                "report_url": entry.report_url,
                "third_party_reports": entry.third_party_reports,
                "who_may_report": entry.who_may_report,
                "minimum_age": entry.minimum_age,
                "rules_document": entry.rules_document,
                "terms_by_harm": TERMS.get(entry.slug, {}),
                "asks_for": "URL, username, screenshot showing the URL"
                if service
                else "number or address, dates, call log",
                "response_hours": None,
                "escalation_routes": "professionals_helpline,report_harmful_content" if service else "",
                "source": "; ".join(x for x in (entry.source, SOURCE if entry.slug in TERMS else "") if x),
                "checked": entry.checked,
            }
        )
    return rows
