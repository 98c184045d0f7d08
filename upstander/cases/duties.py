"""How the cases app presents and tracks the escalation app's duty codes: a short title for each
and, for the duties carried out by another body, the agency an accepted duty is referred to, which
makes it a tracked `Referral` (the table is `upstander.taxonomy.DUTIES`, beside the codes)."""

from __future__ import annotations

from upstander.taxonomy import DUTY_AGENCIES, DUTY_TITLES

__all__ = ["AGENCIES", "LOCAL_AUTHORITY_DUTIES", "TITLES", "duty_title"]

# The titles and agencies live with the duty codes, in one table (`upstander.taxonomy.DUTIES`).
TITLES: dict[str, str] = DUTY_TITLES
AGENCIES: dict[str, str] = DUTY_AGENCIES

# Accepting one of these suggests escalating the case to the local authority (an explicit action).
LOCAL_AUTHORITY_DUTIES = frozenset({"local_authority_child", "local_authority_adult", "lado"})


def duty_title(code: str) -> str:
    return TITLES.get(code, code.replace("_", " ").capitalize())
