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

# Kinds of person (people records, case parties, who a reporter says they are, the escalation rules'
# `kind` facts). `service_user` is a kind, never a reporter role: an adult learner who reports what
# happened to them is role `target`, kind `service_user` (issue 12).
PERSON_KINDS: tuple[str, ...] = ("pupil", "staff", "parent", "service_user", "external_adult", "unknown")
# What a reporter may say they are (`reports.ReporterKind`): the person kinds a reporter can be.
REPORTER_KINDS: tuple[str, ...] = ("pupil", "service_user", "staff", "parent")

# How the reporter knows of what happened, as a report stores it. `unknown` is for email reports,
# whose senders did not say; no form offers it.
REPORTER_ROLES: tuple[str, ...] = ("target", "bystander", "parent", "staff", "unknown")

# DESIGN.md's channels (seed 003).
CHANNELS: tuple[str, ...] = ("social_media", "messaging", "direct_message", "forum", "email", "gaming", "other")

# Where something happened: the platform directory's slugs (`upstander/platforms.py` holds each
# service's details). Reports, cases, evidence and the escalation rules' `platform` fact use these.
PLATFORMS: tuple[str, ...] = PLATFORM_SLUGS

# The duties the escalation rules can propose, in the order that breaks ties between duties of equal
# priority (`escalation.rules`), each with its title and, for a duty carried out by another body, the
# agency an accepted one is referred to (which makes it a tracked `cases.Referral`). The other duties
# (not viewing an image, telling parents, the meeting with an adult, asking the poster) are actions the
# case records on its chronology.
DUTIES: tuple[tuple[str, str, str], ...] = (
    # (code, title, agency or "")
    ("call_999", "Call 999", "Police (999)"),
    ("do_not_view_image", "Do not view the image", ""),
    ("police_101", "Contact the police on 101", "Police (101)"),
    ("ceop", "Report to CEOP", "CEOP (National Crime Agency)"),
    ("local_authority_child", "Refer to children's social care", "Local authority children's social care"),
    ("local_authority_adult", "Refer to adult safeguarding", "Local authority adult safeguarding"),
    ("lado", "Refer to the LADO", "LADO"),
    ("employer_procedures", "Use the employer's procedures", ""),
    ("prevent", "Make a Prevent referral", "Prevent"),
    ("harassment_first_warning", "Ask the police for a first harassment warning", "Police (101)"),
    ("inform_parents", "Tell the parents or carers", ""),
    ("meeting_with_adult", "Meet the adult responsible", ""),
    ("ask_poster_to_remove", "Ask the poster to take it down", ""),
    ("report_to_platform", "Report to the platform", "The platform"),
    ("mobile_network", "Contact the mobile network", "Mobile network provider"),
    ("report_harmful_content", "Report Harmful Content", "Report Harmful Content (SWGfL)"),
    ("professionals_helpline", "Professionals Online Safety Helpline", "Professionals Online Safety Helpline"),
)
DUTY_CODES: tuple[str, ...] = tuple(code for code, _, _ in DUTIES)
DUTY_TITLES: dict[str, str] = {code: title for code, title, _ in DUTIES}
DUTY_AGENCIES: dict[str, str] = {code: agency for code, _, agency in DUTIES if agency}

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


# How a third person reads a reporter role ("A parent or carer"); the form's own choices
# (`reports.models.ReporterRole`) speak as the reporter ("I am a parent or carer").
REPORTER_ROLE_LABELS: dict[str, str] = {
    "target": "The person it happened to",
    "bystander": "Someone who saw it happen",
    "parent": "A parent or carer",
    "staff": "A member of staff",
    "unknown": "Not said",
}
CHANNEL_LABELS: dict[str, str] = {
    "social_media": "Social media",
    "messaging": "Text or messaging app",
    "direct_message": "Private or direct messages",
    "forum": "Forum or chat room",
    "email": "Email",
    "gaming": "Online game",
    "other": "Somewhere else",
}


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
