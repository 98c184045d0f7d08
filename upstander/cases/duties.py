"""How the cases app presents and tracks the escalation app's duty codes.

The escalation app proposes duties (codes, reasons, references); this table adds a short title for
each and, for the duties carried out by another body, the agency an accepted duty is referred to,
which makes it a tracked `Referral`. The other duties (not viewing an image, telling parents, the
meeting with an adult, asking the poster) are actions the case records on its chronology.
"""

from __future__ import annotations

__all__ = ["AGENCIES", "LOCAL_AUTHORITY_DUTIES", "TITLES", "duty_title"]

# tests/test_escalation.py checks that every code in escalation.DUTY_CODES has a title here.

TITLES: dict[str, str] = {
    "call_999": "Call 999",
    "do_not_view_image": "Do not view the image",
    "police_101": "Contact the police on 101",
    "ceop": "Report to CEOP",
    "local_authority_child": "Refer to children's social care",
    "local_authority_adult": "Refer to adult safeguarding",
    "lado": "Refer to the LADO",
    "employer_procedures": "Use the employer's procedures",
    "prevent": "Make a Prevent referral",
    "harassment_first_warning": "Ask the police for a first harassment warning",
    "inform_parents": "Tell the parents or carers",
    "meeting_with_adult": "Meet the adult responsible",
    "ask_poster_to_remove": "Ask the poster to take it down",
    "report_to_platform": "Report to the platform",
    "mobile_network": "Contact the mobile network",
    "report_harmful_content": "Report Harmful Content",
    "professionals_helpline": "Professionals Online Safety Helpline",
}

AGENCIES: dict[str, str] = {
    "call_999": "Police (999)",
    "police_101": "Police (101)",
    "harassment_first_warning": "Police (101)",
    "ceop": "CEOP (National Crime Agency)",
    "local_authority_child": "Local authority children's social care",
    "local_authority_adult": "Local authority adult safeguarding",
    "lado": "LADO",
    "prevent": "Prevent",
    "report_to_platform": "The platform",
    "report_harmful_content": "Report Harmful Content (SWGfL)",
    "professionals_helpline": "Professionals Online Safety Helpline",
    "mobile_network": "Mobile network provider",
}

# Accepting one of these suggests escalating the case to the local authority (an explicit action).
LOCAL_AUTHORITY_DUTIES = frozenset({"local_authority_child", "local_authority_adult", "lado"})


def duty_title(code: str) -> str:
    return TITLES.get(code, code.replace("_", " ").capitalize())
