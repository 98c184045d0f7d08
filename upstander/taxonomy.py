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
