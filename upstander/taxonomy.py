"""DESIGN.md's taxonomy: these exact names are used in code, the API and exports.

Pure data with no Django import, so the classifier (`analysis`), the escalation rules and the
apps all read the one list.
"""

from __future__ import annotations

from upstander.platforms import PLATFORM_SLUGS

BEHAVIOURS: tuple[str, ...] = (
    "threat",
    "harassment",
    "insult",
    "vilification",
    "exclusion",
    "impersonation",
    "personal_information",
    "sexual",
    "manipulation",
    "trolling",
    "self_harm",
)
PREJUDICE_STRANDS: tuple[str, ...] = ("sexist", "racist", "faith", "homophobic", "transphobic", "disability")
HATE = "hate"  # any prejudice strand implies it
URGENT = "urgent"  # a risk to someone's life or safety now (seed 001: call 999)

# Where something happened: the platform directory's slugs (`upstander/platforms.py` holds each
# service's details). Reports, cases, evidence and the escalation rules' `platform` fact use these.
PLATFORMS: tuple[str, ...] = PLATFORM_SLUGS

# --- The words a person reads for each name (every page, email, export and PDF uses these) --------

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
OTHER_LABELS: dict[str, str] = {HATE: "Hate (prejudice of any kind)", URGENT: "Urgent: someone may be in danger now"}


def label(name: str) -> str:
    """The plain words for a taxonomy name; an unknown name reads as words, never as a code."""
    return (
        BEHAVIOUR_LABELS.get(name)
        or PREJUDICE_LABELS.get(name)
        or OTHER_LABELS.get(name)
        or name.replace("_", " ").capitalize()
    )


def labels_in_words(names: list[str] | tuple[str, ...], *, none: str = "nothing") -> str:
    """'Insults or name-calling; self-harm: encouraged, or someone at risk' for a list of names."""
    words = [label(n) for n in names]
    return "; ".join([words[0], *(w[0].lower() + w[1:] for w in words[1:])]) if words else none
