"""Reads for the help pages and for the advice shown after someone reports.

The reporting app merges `advice_context` into its reply page's context and includes the template,
which reads only the `advice` key:

    context.update(advice_context(reporter_role=report.reporter_role, platform_code=report.platform))
    {% include "guidance/includes/advice.html" %}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from upstander.guidance.models import (
    AUDIENCE_FOR_ROLE,
    AdviceReader,
    Audience,
    Helpline,
    MobileNetwork,
    Platform,
    PlatformCode,
    Topic,
)

# The help page for each audience (names in `guidance/urls.py`).
AUDIENCE_URL_NAMES: dict[str, str] = {
    Audience.YOUNG_PEOPLE: "guidance:young_people",
    Audience.PARENTS: "guidance:parents",
    Audience.STAFF: "guidance:staff",
    Audience.ADULTS: "guidance:adults",
}

# DESIGN.md's behaviours and prejudices -> the helpline topics that fit them.
_TOPICS_FOR_CATEGORY: dict[str, tuple[str, ...]] = {
    "threat": (Topic.CRIME, Topic.BULLYING),
    "harassment": (Topic.BULLYING, Topic.CRIME),
    "insult": (Topic.BULLYING,),
    "vilification": (Topic.BULLYING,),
    "exclusion": (Topic.BULLYING,),
    "impersonation": (Topic.BULLYING,),
    "personal_information": (Topic.BULLYING,),
    "sexual": (Topic.SEXUAL_IMAGES,),
    "manipulation": (Topic.GROOMING,),
    "trolling": (Topic.BULLYING,),
    "self_harm": (Topic.SELF_HARM,),
    "hate": (Topic.HATE,),
    "sexist": (Topic.HATE,),
    "racist": (Topic.HATE,),
    "faith": (Topic.HATE,),
    "homophobic": (Topic.HATE,),
    "transphobic": (Topic.HATE,),
    "disability": (Topic.HATE,),
}


# Services for children and young people (uk-facts.md): never an adult's main help after they report
# something done to them. The NSPCC helpline is for adults worried about a child, so it stays for
# parents and for staff reporting about a child, but not for an adult who was harmed.
CHILDRENS_SERVICES: frozenset[str] = frozenset({"childline", "kooth", "the-mix", "report-remove"})
FOR_ADULTS_WORRIED_ABOUT_A_CHILD: frozenset[str] = frozenset({"nspcc-helpline", "kidscape", "bullying-uk"})
# The children's workforce only (uk-facts.md): not for staff of an adult-only provider.
CHILDRENS_WORKFORCE_ONLY: frozenset[str] = frozenset({"professionals-online-safety-helpline"})


def _check_audience(audience: str) -> None:
    if audience not in Audience.values:
        raise ValueError(f"Unknown audience {audience!r}: use one of {', '.join(Audience.values)}.")


def _check_topics(topics: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(topics))
    unknown = [topic for topic in wanted if topic not in Topic.values]
    if unknown:
        raise ValueError(f"Unknown topic(s) {', '.join(unknown)}: use {', '.join(Topic.values)}.")
    return wanted


def _active_helplines() -> list[Helpline]:
    # Filtered in Python: tens of rows, and JSON containment lookups do not work on SQLite.
    return list(Helpline.objects.filter(active=True).order_by("order", "name"))


def helplines_for(*, audience: str, topics: Iterable[str] = (), confirmed_only: bool = False) -> list[Helpline]:
    """Active helplines shown to `audience`, in the admin's order; emergency numbers are left to
    `emergency_contacts`. With `topics`: those that fit any topic first, then general ones."""
    _check_audience(audience)
    wanted = set(_check_topics(topics))
    shown = [
        helpline
        for helpline in _active_helplines()
        if audience in helpline.audiences
        and Topic.EMERGENCY not in helpline.topics
        and (helpline.confirmed or not confirmed_only)
    ]
    if not wanted:
        return shown
    fitting = [helpline for helpline in shown if wanted & set(helpline.topics)]
    general = [helpline for helpline in shown if helpline not in fitting and Topic.GENERAL in helpline.topics]
    return fitting + general


def helplines_by_topic(*, audience: str, confirmed_only: bool = False) -> dict[str, list[Helpline]]:
    """{topic: helplines for `audience` that fit it}, for pages that name a service beside their advice."""
    shown = helplines_for(audience=audience, confirmed_only=confirmed_only)
    return {topic: [h for h in shown if topic in h.topics] for topic in Topic.values if topic != Topic.EMERGENCY}


def all_helplines() -> list[Helpline]:
    """Every active helpline but the emergency numbers, for the directory page."""
    return [helpline for helpline in _active_helplines() if Topic.EMERGENCY not in helpline.topics]


def emergency_contacts() -> list[Helpline]:
    """The 'someone is in danger now' numbers, shown first on every page."""
    return [helpline for helpline in _active_helplines() if Topic.EMERGENCY in helpline.topics]


def helpline_by_slug(slug: str) -> Helpline | None:
    return Helpline.objects.filter(slug=slug, active=True).first()


def platform_by_code(code: str) -> Platform | None:
    return Platform.objects.filter(code=code).first()


def platform_list() -> list[Platform]:
    return list(Platform.objects.order_by("order", "name"))


def mobile_networks() -> list[MobileNetwork]:
    return list(MobileNetwork.objects.filter(active=True).order_by("order", "name"))


def topics_for_categories(categories: Iterable[str]) -> tuple[str, ...]:
    """The helpline topics for a report's categories (DESIGN.md taxonomy); unknown names are ignored."""
    found: dict[str, None] = {}
    for category in categories:
        for topic in _TOPICS_FOR_CATEGORY.get(category, ()):
            found[topic] = None
    return tuple(found)


@dataclass(frozen=True)
class Advice:
    """Everything `guidance/includes/advice.html` shows after someone reports."""

    reporter_role: str
    audience: str
    audience_label: str
    bystander: bool
    platform: Platform | None
    topics: tuple[str, ...]
    helplines: list[Helpline]
    emergency: list[Helpline]
    mobile_networks: list[MobileNetwork] = field(default_factory=list)
    help_url: str = ""
    platforms_url: str = ""

    @property
    def sexual_images(self) -> bool:
        """Nude or sexual images: the evidence advice changes (never screenshot or forward them)."""
        return Topic.SEXUAL_IMAGES in self.topics

    @property
    def self_harm(self) -> bool:
        return Topic.SELF_HARM in self.topics

    @property
    def grooming(self) -> bool:
        return Topic.GROOMING in self.topics


def advice_context(
    *,
    reporter_role: str,
    platform_code: str,
    topics: Iterable[str] = (),
    audience: str | None = None,
    adult_only_setting: bool = False,
    adult_target: bool = False,
) -> dict[str, Advice]:
    """The advice for someone who has just reported, as template context: `{"advice": Advice}`.

    `reporter_role` is an `AdviceReader` value: a report's role, or `service_user` (ValueError
    otherwise); it decides the audience unless `audience` is given (e.g. `Audience.ADULTS` for a target at an adult-learning provider). An
    unknown or empty `platform_code` gets the advice for 'another app or website'. `topics` (see
    `topics_for_categories`) pick the helplines; with none, those for bullying. Helplines not yet
    confirmed are left out: someone who has just reported needs numbers that are sure to work.
    An adult it happened to (`adult_target`, implied by `service_user` and the adults' audience)
    never gets children's services, nor the services for adults worried about a child;
    `adult_only_setting` (an adult-learning provider) leaves out the helpline that serves only the
    children's workforce.
    """
    if reporter_role not in AdviceReader.values:
        raise ValueError(f"Unknown reporter role {reporter_role!r}: use one of {', '.join(AdviceReader.values)}.")
    audience = audience or AUDIENCE_FOR_ROLE[reporter_role]
    _check_audience(audience)
    wanted = _check_topics(topics)
    platform = platform_by_code(platform_code) if platform_code else None
    if platform is None:
        platform = platform_by_code(PlatformCode.OTHER)
    networks = mobile_networks() if platform is not None and platform.code == PlatformCode.TEXT_MESSAGE else []
    advice = Advice(
        reporter_role=reporter_role,
        audience=audience,
        audience_label=Audience(audience).label,
        bystander=reporter_role == AdviceReader.BYSTANDER,
        platform=platform,
        topics=wanted,
        helplines=_fitting(
            helplines_for(audience=audience, topics=wanted or (Topic.BULLYING,), confirmed_only=True),
            adult_harmed=adult_target or reporter_role == AdviceReader.SERVICE_USER or audience == Audience.ADULTS,
            adult_only_setting=adult_only_setting,
        ),
        emergency=emergency_contacts(),
        mobile_networks=networks,
        help_url=reverse(AUDIENCE_URL_NAMES[audience]),
        platforms_url=reverse("guidance:platforms"),
    )
    return {"advice": advice}


def _fitting(helplines: list[Helpline], *, adult_harmed: bool, adult_only_setting: bool) -> list[Helpline]:
    """Leave out the services that do not fit the person: children's services for an adult, and the
    children's-workforce helpline at an adult-only provider."""
    left_out: set[str] = set()
    if adult_harmed:
        left_out |= CHILDRENS_SERVICES | FOR_ADULTS_WORRIED_ABOUT_A_CHILD
    if adult_only_setting:
        left_out |= CHILDRENS_WORKFORCE_ONLY | FOR_ADULTS_WORRIED_ABOUT_A_CHILD
    return [helpline for helpline in helplines if helpline.slug not in left_out]
