"""Drafted texts, in our own words, for each route: shown to copy; saved on the chronology when sent."""

from __future__ import annotations

from dataclasses import dataclass

HARM_WORDS = {
    "threat": "threatens", "harassment": "harasses", "insult": "insults and demeans",
    "vilification": "vilifies", "exclusion": "deliberately excludes and targets",
    "impersonation": "impersonates", "personal_information": "publishes the private information of",
    "manipulation": "manipulates", "trolling": "targets", "self_harm": "encourages self-harm by",
    "hate": "attacks, for who they are,", "sexual": "makes sexual remarks about",
}  # fmt: skip


# Report Harmful Content's eight harms (reference/uk-facts.md), for each of ours it covers.
RHC_HARMS = {
    "threat": "Threats", "impersonation": "Impersonation", "self_harm": "Self-harm or suicide content",
    "sexual": "Unwanted sexual advances (not image-based)",
}  # fmt: skip
RHC_DEFAULT = "Online abuse, bullying or harassment"


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    attach: tuple[str, ...] = ()


def _who(made_by: str, organisation: str) -> str:
    if made_by == "target":
        return "I am the person this content is about, and I am reporting it with the support of my school or organisation."
    return f"I am reporting this on behalf of a person we support, as the safeguarding lead at {organisation}."


def platform_report(
    *, platform: str, rules_document: str, section: str, url: str, username: str, content: str, harm: str,
    age: int | None, made_by: str, organisation: str, attach: tuple[str, ...], asks_for: str,
) -> Draft:  # fmt: skip
    term = (
        f"{rules_document}, section '{section}'"
        if section
        else f"{rules_document or 'your rules'} (section not confirmed: check before sending)"
    )
    who_age = f"a {age}-year-old" if age is not None else "a person we support"
    verb = HARM_WORDS.get(harm, "targets")
    body = "\n".join(
        [
            f"Report to {platform}",
            "",
            _who(made_by, organisation),
            "",
            f"Content: {url or '(URL not known: describe where it is)'}",
            f"Posted by: {username or '(username not known)'}",
            f"What it is: {content or '(describe the content)'}",
            "",
            f"This content {verb} {who_age}. It breaks {term}.",
            "Please remove it and tell us what you have done, quoting your reference.",
            "",
            f"You ask for: {asks_for}. Attached: {', '.join(attach) if attach else 'a screenshot that shows the URL'}.",
        ]
    )
    return Draft(title=f"Report to {platform}", body=body, attach=attach)


def poster_letter(*, poster_kind: str, url: str, content: str, organisation: str) -> Draft:
    dear = {"pupil": "Dear pupil", "parent": "Dear parent or carer"}.get(poster_kind, "Dear Sir or Madam")
    about = "your child has posted" if poster_kind == "parent" else "you have posted"
    body = "\n".join(
        [
            dear,
            "",
            f"We have been made aware that {about} something online that is hurting a member of our community:",
            f"{content or 'the content'}{f' ({url})' if url else ''}.",
            "",
            "We are asking for it to be taken down today, and for nothing like it to be posted again. "
            "Removing it now is the quickest way to put this right, and we would like to resolve it with you.",
            "",
            "If it is not removed, we will report it to the service it is on, and we may need to take further steps "
            "under our policies. Please contact us if you would like to talk about this.",
            "",
            f"Yours sincerely,\nThe safeguarding lead, {organisation}",
        ]
    )
    return Draft(title="Letter to the poster", body=body)


def rhc_pack(
    *, platform: str, url: str, username: str, content: str, harm: str, reported_on: str, reference: str,
    platform_reply: str, attach: tuple[str, ...],
) -> Draft:  # fmt: skip
    body = "\n".join(
        [
            "Report Harmful Content (reportharmfulcontent.com)",
            "",
            f"Harm (Report Harmful Content's list): {RHC_HARMS.get(harm, RHC_DEFAULT)}",
            f"Where: {platform}: {url or '(URL)'}; posted by {username or '(username not known)'}",
            f"What it is: {content or '(describe)'}",
            f"Reported to {platform} on {reported_on or '(date)'}; their reference: {reference or 'none given'}.",
            "",
            f"{platform}'s reply:",
            platform_reply or "(no reply received)",
            "",
            f"Attached: {', '.join(attach) if attach else 'screenshots showing the URL'}, and the platform's reply.",
        ]
    )
    return Draft(title="Report Harmful Content pack", body=body, attach=attach)


def helpline_note(*, platform: str, url: str, reported_on: str, reference: str, history: str) -> Draft:
    body = "\n".join(
        [
            "Professionals Online Safety Helpline: 0344 381 4772, helpline@saferinternet.org.uk",
            "",
            f"We reported content on {platform} ({url or 'URL'}) on {reported_on or '(date)'}, reference "
            f"{reference or 'none given'}, and it is still live after 48 hours.",
            "",
            "What has happened so far:",
            history or "(nothing recorded)",
        ]
    )
    return Draft(title="Professionals Online Safety Helpline", body=body)


def mobile_note(*, content: str, history: str) -> Draft:
    body = "\n".join(
        [
            "To the network's nuisance or malicious calls team",
            "",
            f"Calls or texts: {content or '(dates, times and numbers of at least three calls or texts)'}",
            "The account holder will be asked to contact you; we attach the call log.",
            "",
            history,
        ]
    ).strip()
    return Draft(title="Mobile network", body=body)
