"""Plain-words labels for DESIGN.md's taxonomy names (the names themselves come from the escalation
app, which holds the one list the rules read)."""

from __future__ import annotations

from upstander.escalation.facts import BEHAVIOURS, PREJUDICE_STRANDS

__all__ = ["BEHAVIOUR_LABELS", "PREJUDICE_LABELS", "label"]

BEHAVIOUR_LABELS: dict[str, str] = {
    "threat": "Threats or intimidation",
    "harassment": "Harassment or stalking (repeated unwanted contact)",
    "insult": "Insults or name-calling",
    "vilification": "Spreading false or damaging claims",
    "exclusion": "Leaving someone out on purpose",
    "impersonation": "Impersonation or a fake account",
    "personal_information": "Sharing someone's private information or images",
    "sexual": "Sexual messages or images, unwanted sexual advances",
    "manipulation": "Coercion, blackmail or grooming-like pressure",
    "trolling": "Trolling",
    "self_harm": "Self-harm: encouraged, or someone at risk",
}
PREJUDICE_LABELS: dict[str, str] = {
    "sexist": "Sexist",
    "racist": "Racist",
    "faith": "Religion or belief",
    "homophobic": "Homophobic or biphobic",
    "transphobic": "Transphobic",
    "disability": "Disability",
}
# Every name the rules know has a label, in the rules' order.
BEHAVIOUR_CHOICES = [(name, BEHAVIOUR_LABELS.get(name, name)) for name in BEHAVIOURS]
PREJUDICE_CHOICES = [(name, PREJUDICE_LABELS.get(name, name)) for name in PREJUDICE_STRANDS]


def label(name: str) -> str:
    return BEHAVIOUR_LABELS.get(name) or PREJUDICE_LABELS.get(name) or name.replace("_", " ").capitalize()
