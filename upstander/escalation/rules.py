"""Escalation rules (issue 5): from the facts of a case to the duties a DSL should consider, with reasons.

The rules are data: `RULES` is a table of `Rule` records (code, duty, condition, reason, legal
references, priority). `recommend(facts=...)` runs every rule; the rules that fire for the same duty
are merged into one `Duty` whose reason is the duty's action followed by each rule's reason, whose
references are the union of theirs, and whose priority is the most pressing of theirs. Duties come
out most pressing first (lower priority number first; ties in `DUTY_CODES` order), each at most
once. `RULES_VERSION` changes whenever a rule, a reason or a threshold changes, so a case can record
which version proposed a duty. The rules suggest; the DSL decides and records why.

Thresholds (sources: seeds 001-004 and shared/reference/uk-facts.md):
- call_999: life or safety at risk now (`danger_now`); always first.
- do_not_view_image: any sexual image of an under-18 (UKCIS): nobody views, copies or passes it on,
  and nothing here suggests otherwise; always first after any 999. While such an image, grooming or
  an adult's sexual contact with a child is involved, the duties that mean contacting the poster or
  the platform are held back (ask_poster_to_remove, meeting_with_adult, report_to_platform): the
  police, CEOP and Report Remove lead, and contact could alert a suspect or put evidence at risk.
  UKCIS immediate referral (police and children's social care at once, urgent) only on the guidance's
  own criteria: an adult involved (`image_shared_by_adult_or_coerced` or an adult perpetrator);
  coercion, blackmail or grooming (`manipulation`, `grooming`); a concern about capacity to consent
  (`capacity_to_consent_concern`); acts that are extreme, violent or unusual for the child's
  development (`image_acts_extreme_or_unusual`); a child under 13 shown in sexual acts
  (`image_shows_sexual_acts` with a target under 13: "under 13" alone is not a criterion); imminent
  risk of harm (danger now, a threat to life, self-harm). An image spread beyond the young people
  without consent (`personal_information`) or shared before is for police advice (not urgent).
  Otherwise, between young people of a similar age, police contact is the DSL's decision, not a
  proposed duty.
- police_101: an offence may have been committed. Urgent (ranked above CEOP) for a threat of death
  or serious harm, grooming, an adult's sexual contact with a child, or an under-18's image with an
  adult or coercion. Otherwise: threats; a course of conduct (this occasion plus at least one
  earlier one by the same person against the same target, PHA 1997 s.7); encouraging serious
  self-harm; sexual content (seed 004 also names the Obscene Publications Act 1959); hate (a strand,
  or the classifier's `hate` label) with a hostile behaviour (race/faith, disability, sexual
  orientation, transgender identity; sexist abuse can still be an offence but is not a s.66
  strand); extremist material; account hacking; or the target wants to report to the police. A
  single insult is not enough on its own: seed 002 puts the meeting and the platform first.
  Persistent harassment fixated on one person (harassment on two or more occasions by the same
  person) also cites the stalking offences (PHA 1997 ss.2A/4A). The non-emergency textphone route is
  18001 101 (18000 is for emergencies only).
- harassment_first_warning: harassment on its first recorded occasion, where the police would be
  asked to act (seed 002, West Midlands Police "first case harassment"): the alleged perpetrator is
  an adult or the target wants the police. A course of conduct goes to police_101 instead. Such
  notices have no statutory basis and HMICFRS recommended in 2017 that forces stop using them, so
  the reason presents the step as the police's choice, never as a duty.
- ceop: grooming of someone not known to be an adult; an under-18's sexual image with an adult or
  coercion; an adult making sexual contact with a child. Never for ordinary bullying.
- local_authority_child: a child target at risk of significant harm: in danger now, threatened with
  death or serious harm, groomed, in a sexual image with an adult or coercion, or threatened,
  sexually approached or manipulated by an adult.
- local_authority_adult: an adult target flagged as an adult at risk (Care Act 2014 s.42; seed 004:
  the provider's DSL refers to the local authority's safeguarding lead).
- lado: only on KCSIE Part 4's tests, and never in an adult-only setting (`setting` adult_learning):
  a member of staff is the alleged perpetrator and a child is the target (harmed, may have been
  harmed, or behaved towards in a way that suggests risk), or an under-18's sexual image, grooming
  or sexual contact with a child is involved (an offence against or related to a child); or the DSL
  has recorded that someone who works with children behaved in a way suggesting they may be
  unsuitable to work with children (`unsuitable_to_work_with_children`).
- employer_procedures: a member of staff is the alleged perpetrator and the LADO tests are not met
  (e.g. one adult colleague abusing another, seeds 002/003: the organisation's own disciplinary and
  grievance procedures); for a colleague target the reason names their support (a senior leader,
  their union representative). Where the LADO is involved too, the LADO's advice comes first.
- prevent: extremist content (Counter-Terrorism and Security Act 2015 s.26).
- inform_parents: a child (under 18, or a pupil of unknown age) is the target or the alleged
  perpetrator, or an under-18's image is involved; if a parent is the alleged perpetrator, the reason
  says not to tell that parent and why. In an adult-learning setting only a child target's parents
  are told: never an adult learner's.
- meeting_with_adult: the alleged perpetrator is a parent or an external adult, has not already
  refused, and nothing makes contact unsafe (danger, threats, sexual content, manipulation, grooming,
  an under-18's image, extremism).
- ask_poster_to_remove: online content, poster known (a pupil or service user: adults get the
  meeting, staff the LADO), not already refused, and contact is safe as above.
- report_to_platform: online content not yet reported to the platform. With `calls_or_texts` the
  abuse is taken to be on the phone network only, unless another fact puts it on a platform
  (impersonation, hacking, extremist material, a platform report, a refusal to take it down).
- report_harmful_content: for harms in its scope, the platform declined to act (`platform_declined`)
  or was told more than 7 days ago ("over a week") with no action; if the target is under 13 an
  adult makes the report (13+ service). Never instead of the police: where something may be a crime
  (any police_101 rule fires) the police come first and the reason says so.
- professionals_helpline: a member of staff is the target, in a setting that works with children
  (the helpline is for the children's workforce, not adult-only providers); report to the platform
  first and allow 48 hours unless there is a safeguarding concern or the platform has declined.
- mobile_network: abuse by calls or texts (the account holder contacts the provider).

Reading of facts the schema leaves open: the poster is "known" when the perpetrator's kind is known;
`platform_reported_days_ago` means reported that many days ago with no action yet (a platform that
acted closes the matter); `platform_declined` means reported and refused, so not to be reported
again; `poster_known_and_refused_removal` true means asked and refused. An unknown `setting` is
read as one that works with children (the safer reading for a child).

No Django import here: pure functions of plain data (DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from upstander import taxonomy
from upstander.escalation import references as ref
from upstander.escalation.facts import PREJUDICE_STRANDS, Facts, parse_facts

__all__ = [
    "DUTIES",
    "DUTY_CODES",
    "IMAGE_PROHIBITION",
    "RULES",
    "RULES_VERSION",
    "Duty",
    "DutySpec",
    "Recommendation",
    "Rule",
    "escalate",
    "recommend",
]

RULES_VERSION = "2026.12-1"

# The fixed vocabulary of duties, from the one table of duties with their titles and agencies
# (`upstander/taxonomy.py`); its order also breaks ties between duties of equal priority.
DUTY_CODES: tuple[str, ...] = taxonomy.DUTY_CODES

# Priorities: lower is more pressing. Gaps leave room for rules added in later versions.
P_EMERGENCY = 0
P_IMAGE = 10
P_URGENT = 20
P_CEOP = 25
P_SAFEGUARDING = 30
P_LADO = 35
P_PREVENT = 38
P_POLICE = 40
P_WARNING = 45
P_EMPLOYER = 48
P_PARENTS = 50
P_MEETING = 60
P_ASK = 62
P_PLATFORM = 65
P_MOBILE = 70
P_REPORT_HARMFUL = 72
P_HELPLINE = 80

# The one place where the reasons may name what must not be done with an image; the tests strip
# exactly this sentence before checking that no reason suggests copying, forwarding or saving.
IMAGE_PROHIBITION = (
    "Nobody views, copies, prints, shares, stores, saves or forwards the image, and nobody asks for it to be sent, "
    "not even to pass it to the police: only the DSL handles this, without looking at the image."
)


@dataclass(frozen=True, slots=True)
class DutySpec:
    """A duty the rules can propose: its code and the action, in plain words, that opens its reason."""

    code: str
    action: str


DUTIES: Mapping[str, DutySpec] = {
    spec.code: spec
    for spec in (
        DutySpec("call_999", "Call 999 now (112 also works; by textphone, 18000 through Relay UK)."),
        DutySpec("do_not_view_image", IMAGE_PROHIBITION),
        DutySpec(
            "police_101",
            "Contact the police on 101 (non-emergency; textphone 18001 101): an offence may have been committed, and "
            "the police decide whether it is a crime.",
        ),
        DutySpec(
            "ceop",
            "Report to CEOP, the National Crime Agency's child protection service, with its online form: it deals with "
            "grooming and online sexual abuse of children, not ordinary bullying. Reports are not anonymous.",
        ),
        DutySpec(
            "local_authority_child",
            "Refer to the local authority's children's social care (the DSL makes and records the referral): a child "
            "may be at risk of significant harm.",
        ),
        DutySpec(
            "local_authority_adult",
            "Refer to the local authority's safeguarding lead for adults: staff tell their organisation's DSL, who "
            "passes it on to the local authority's lead.",
        ),
        DutySpec(
            "lado",
            "Refer to the LADO (the local authority's designated officer for allegations about people who work with "
            "children), and take that advice before investigating or speaking to the member of staff.",
        ),
        DutySpec(
            "employer_procedures",
            "Deal with it under the employer's own disciplinary and grievance procedures (the organisation's own "
            "procedures, seeds 002 and 003), led by a senior leader or HR rather than the safeguarding route.",
        ),
        DutySpec(
            "prevent",
            "Consider a Prevent referral through your organisation's Prevent lead (usually the DSL): Prevent is about "
            "support for someone at risk of being drawn into terrorism, under the organisation's Prevent duty.",
        ),
        DutySpec(
            "harassment_first_warning",
            "If the police are contacted (101), they may choose to record a first-case harassment and warn the person "
            "responsible to stop: that step is the police's choice, not a duty here.",
        ),
        DutySpec(
            "inform_parents",
            "Tell the parents or carers of the children involved, unless that could put a child at risk; record who "
            "was told, when, and why anyone was not.",
        ),
        DutySpec(
            "meeting_with_adult",
            "A senior leader invites the adult responsible to a meeting: hear their concerns, explain how to raise a "
            "complaint properly, and ask them to remove what they put online.",
        ),
        DutySpec(
            "ask_poster_to_remove",
            "Once the evidence is kept, ask the person who put it online to take it down: that is usually the quickest "
            "way to get content removed.",
        ),
        DutySpec(
            "report_to_platform",
            "Report it to the platform with its own reporting tools, and say which of its terms or community rules it "
            "breaks: platforms remove content that breaks their terms even when it is not a crime.",
        ),
        DutySpec(
            "mobile_network",
            "The account holder contacts their mobile provider's nuisance or malicious calls team (providers usually "
            "deal only with the account holder): they can help change the number and work with the police to trace "
            "calls.",
        ),
        DutySpec(
            "report_harmful_content",
            "Report it to Report Harmful Content (SWGfL), which can review a platform's decision when the platform has "
            "declined to act on a report, or has not responded after over a week; removal is not guaranteed.",
        ),
        DutySpec(
            "professionals_helpline",
            "Contact the Professionals Online Safety Helpline (UK Safer Internet Centre) for advice: it supports the "
            "children's workforce (staff and volunteers working with children) when harassed online, and can take "
            "cases up with the major platforms.",
        ),
    )
}

Condition = Callable[[Facts], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rule table.

    `reason` may hold placeholders filled from the facts: {days}, {occasions}, {prior}, {strands},
    {perpetrator}, {ukcis} (the UKCIS immediate-referral criteria the facts meet). `code` is stable across versions while the rule means the same thing.
    """

    code: str
    duty: str
    when: Condition
    reason: str
    legal: tuple[str, ...]
    priority: int


@dataclass(frozen=True, slots=True)
class Duty:
    """A proposed duty: what to do, why (for the DSL to read), the references, and the rules behind it."""

    duty: str
    reason: str
    legal: tuple[str, ...]
    priority: int
    rules: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The `upstander escalate` output shape of one duty (a contract other tools read)."""
        return {"duty": self.duty, "reason": self.reason, "legal": list(self.legal)}


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The duties proposed for one case, most pressing first, with the rules version that proposed them."""

    id: str | int | None
    rules_version: str
    duties: tuple[Duty, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(duty.duty for duty in self.duties)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rules_version": self.rules_version, "duties": [d.as_dict() for d in self.duties]}


# --- Conditions shared by several rules -------------------------------------------------------

# Behaviours that harass, alarm or distress a person: the ones that can make up a course of conduct,
# carry hate, or be content worth taking down. Exclusion and self-harm risk are neither on their own.
HOSTILE = frozenset(
    {"threat", "harassment", "insult", "vilification", "impersonation", "personal_information", "sexual",
     "manipulation", "trolling", "hate"}
)  # fmt: skip
RACE_FAITH = frozenset({"racist", "faith"})
# Sentencing Act 2020 s.66 strands other than race and religion (sex is not a s.66 strand).
OTHER_S66 = frozenset({"disability", "homophobic", "transphobic"})
# Public Order Act 1986 Parts 3 and 3A: racial, religious and sexual-orientation hatred.
STIRRING_UP = frozenset({"racist", "faith", "homophobic"})
UNSAFE_TO_MEET = frozenset({"threat", "sexual", "manipulation"})
PERPETRATOR_WORDS = {
    "pupil": "a pupil",
    "staff": "a member of staff",
    "parent": "a parent or carer",
    "service_user": "a service user",
    "external_adult": "an adult from outside the organisation",
    "unknown": "not known",
}


def _prejudiced(f: Facts) -> bool:
    """A prejudice strand, or the classifier's `hate` label (which any strand implies)."""
    return bool(f.prejudice) or "hate" in f.categories


def _hostile(f: Facts) -> bool:
    return bool(f.categories & HOSTILE)


def _impersonation(f: Facts) -> bool:
    return f.impersonation or "impersonation" in f.categories


def _threatening(f: Facts) -> bool:
    return "threat" in f.categories or f.threat_of_death_or_serious_harm


def _image(f: Facts) -> bool:
    return f.sexual_image_of_under_18


def _image_adult_or_coerced(f: Facts) -> bool:
    """An adult involved in an under-18's image, or pressure behind it (the first two UKCIS criteria)."""
    return f.sexual_image_of_under_18 and (
        f.image_shared_by_adult_or_coerced or f.perpetrator.is_adult or "manipulation" in f.categories or f.grooming
    )


# UKCIS 'Sharing nudes and semi-nudes': the criteria for an immediate referral to the police and
# children's social care, each with the words the reason uses for it.
UKCIS_CRITERIA: tuple[tuple[str, Condition], ...] = (
    ("an adult is involved", lambda f: f.image_shared_by_adult_or_coerced or f.perpetrator.is_adult),
    (
        "there is coercion, blackmail or grooming",
        lambda f: f.image_shared_by_adult_or_coerced or "manipulation" in f.categories or f.grooming,
    ),
    ("there is a concern about the young person's capacity to consent", lambda f: f.capacity_to_consent_concern),
    (
        "the acts shown are extreme, violent or unusual for the young person's development",
        lambda f: f.image_acts_extreme_or_unusual,
    ),
    (
        "a child under 13 is shown in sexual acts",
        lambda f: f.image_shows_sexual_acts and f.target.age is not None and f.target.age < 13,
    ),
    (
        "a young person is at immediate risk of harm",
        lambda f: f.danger_now or f.threat_of_death_or_serious_harm or "self_harm" in f.categories,
    ),
)


def _ukcis_met(f: Facts) -> list[str]:
    if not f.sexual_image_of_under_18:
        return []
    return [words for words, when in UKCIS_CRITERIA if when(f)]


def _ukcis_immediate(f: Facts) -> bool:
    return bool(_ukcis_met(f))


def _image_between_peers(f: Facts) -> bool:
    """An under-18's image with none of the UKCIS immediate-referral criteria met."""
    return f.sexual_image_of_under_18 and not _ukcis_immediate(f)


def _image_beyond_peers(f: Facts) -> bool:
    """Between young people, but spread without consent or repeated: police advice, not an immediate referral."""
    spread = "personal_information" in f.categories
    return _image_between_peers(f) and (spread or f.prior_incidents_same_pair >= 1)


def _grooming_of_child(f: Facts) -> bool:
    # Grooming with a target of unknown age goes the child route: the safer error.
    return f.grooming and not f.target.is_adult


def _adult_sexual_contact_with_child(f: Facts) -> bool:
    return f.perpetrator.is_adult and f.target.is_child and "sexual" in f.categories


def _police_led(f: Facts) -> bool:
    """Cases where contacting the poster or the platform waits for the police, CEOP or Report Remove."""
    return f.grooming or f.sexual_image_of_under_18 or _adult_sexual_contact_with_child(f)


def _contact_unsafe(f: Facts) -> bool:
    """Contacting the person responsible could endanger someone, alert a suspect or lose evidence."""
    return (
        _police_led(f)
        or f.danger_now
        or f.threat_of_death_or_serious_harm
        or f.image_shared_by_adult_or_coerced
        or f.extremist_content
    )


def _refused(f: Facts) -> bool:
    return f.poster_known_and_refused_removal is True


def _platform_signal(f: Facts) -> bool:
    """Facts that place the content on an app or site rather than only in calls or texts."""
    return (
        f.platform_reported_days_ago is not None
        or f.platform_declined
        or f.account_hacked
        or _impersonation(f)
        or f.extremist_content
        or _refused(f)
    )


def _online_content(f: Facts) -> bool:
    content = _harmful_content(f) or f.account_hacked
    # Calls and texts go to the mobile network; only another fact puts the abuse on a platform too.
    return content and (not f.calls_or_texts or _platform_signal(f))


def _harmful_content(f: Facts) -> bool:
    """Content a platform or Report Harmful Content would weigh (an account break-in alone is not)."""
    return (
        _hostile(f)
        or _impersonation(f)
        or f.extremist_content
        or f.encourages_self_harm
        or f.threat_of_death_or_serious_harm
    )


def _platform_to_report(f: Facts) -> bool:
    return (
        _online_content(f) and f.platform_reported_days_ago is None and not f.platform_declined and not _police_led(f)
    )


def _can_ask_poster(f: Facts) -> bool:
    # Parents and external adults are asked at the meeting (seed 002); staff go to the LADO first.
    return (
        _online_content(f)
        and f.perpetrator.kind in ("pupil", "service_user")
        and not _refused(f)
        and not _contact_unsafe(f)
    )


def _can_meet_adult(f: Facts) -> bool:
    return (
        f.perpetrator.kind in ("parent", "external_adult")
        and not _refused(f)
        and not _contact_unsafe(f)
        and not f.categories & UNSAFE_TO_MEET
    )


def _platform_slow(f: Facts) -> bool:
    days = f.platform_reported_days_ago
    return not f.platform_declined and days is not None and days > 7  # "after over a week" (uk-facts.md)


def _staff_target(f: Facts) -> bool:
    """A member of staff targeted in a setting that works with children: the helpline's children's workforce."""
    return f.target.kind == "staff" and not f.adult_only


def _staff_perpetrator(f: Facts) -> bool:
    return f.perpetrator.kind == "staff"


def _offence_related_to_child(f: Facts) -> bool:
    return f.sexual_image_of_under_18 or _grooming_of_child(f) or _adult_sexual_contact_with_child(f)


def _lado_child(f: Facts) -> bool:
    """KCSIE Part 4's first three tests: a member of staff and a child harmed, at risk, or an offence related to one."""
    return not f.adult_only and _staff_perpetrator(f) and (f.target.is_child or _offence_related_to_child(f))


def _lado_unsuitable(f: Facts) -> bool:
    """The fourth test, which only the DSL can judge: behaviour suggesting unsuitability to work with children."""
    return not f.adult_only and f.unsuitable_to_work_with_children


def _lado(f: Facts) -> bool:
    return _lado_child(f) or _lado_unsuitable(f)


def _parents_told(f: Facts) -> bool:
    """Parents are told about children; in an adult-learning setting only about a child target."""
    return not f.adult_only or f.target.is_child


def _may_be_illegal(f: Facts) -> bool:
    """Any ground for police_101: then Report Harmful Content comes after the police, never instead."""
    return any(rule.when(f) for rule in RULES if rule.duty == "police_101")


def _harmful_content_route(f: Facts) -> bool:
    """Report Harmful Content's use: a platform that declined, or over a week with no response."""
    # Its eight harms cover abuse, threats, impersonation, sexual advances and self-harm content; an
    # under-18's image goes to Report Remove and the police instead.
    in_scope = _harmful_content(f) and not _image(f)
    return in_scope and (f.platform_declined or _platform_slow(f))


# --- The rule table ---------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        "call_999.danger_now",
        "call_999",
        lambda f: f.danger_now,
        "Someone's life or safety is at risk now. Deal with the emergency first; everything else can wait.",
        (ref.POLICE,),
        P_EMERGENCY,
    ),
    Rule(
        "do_not_view_image.under_18",
        "do_not_view_image",
        _image,
        "The case involves a sexual image of someone under 18. Do not delete it from any device either: evidence "
        "of indecent images is for the police. The young person can have it taken down through Report Remove "
        "(IWF and Childline), which never needs anyone here to look at it.",
        (ref.UKCIS_NUDES, ref.PCA_S1, ref.EDUCATION_ACT_2011, ref.REPORT_REMOVE),
        P_IMAGE,
    ),
    Rule(
        "do_not_view_image.ukcis_immediate",
        "do_not_view_image",
        _ukcis_immediate,
        "UKCIS criteria for an immediate referral to the police and children's social care are met: {ukcis}.",
        (ref.UKCIS_IMMEDIATE,),
        P_IMAGE,
    ),
    Rule(
        "do_not_view_image.between_peers",
        "do_not_view_image",
        lambda f: _image_between_peers(f) and not _image_beyond_peers(f),
        "Only young people of a similar age are involved, so the DSL decides whether the police or children's "
        "social care are needed, and records the decision and the reason.",
        (ref.KCSIE,),
        P_IMAGE,
    ),
    # Police: urgent grounds first, so the reason reads most serious first.
    Rule(
        "police_101.ukcis_immediate",
        "police_101",
        _ukcis_immediate,
        "Urgent: a sexual image of an under-18 meets the UKCIS criteria for an immediate referral: {ukcis}.",
        (ref.PCA_S1, ref.SOA_S66B_66D, ref.UKCIS_IMMEDIATE),
        P_URGENT,
    ),
    Rule(
        "police_101.grooming",
        "police_101",
        lambda f: f.grooming,
        "Urgent: suspected grooming.",
        (ref.POLICE,),
        P_URGENT,
    ),
    Rule(
        "police_101.adult_sexual_contact",
        "police_101",
        _adult_sexual_contact_with_child,
        "Urgent: an adult is making sexual contact with a child online.",
        (ref.MCA_S1, ref.CA_S127, ref.OSA_S187),
        P_URGENT,
    ),
    Rule(
        "police_101.threat_to_life",
        "police_101",
        lambda f: f.threat_of_death_or_serious_harm,
        "Urgent: a threat of death or serious harm.",
        (ref.OSA_S181,),
        P_URGENT,
    ),
    Rule(
        "police_101.image_beyond_peers",
        "police_101",
        _image_beyond_peers,
        "A sexual image of an under-18 has spread beyond the young people involved without consent, or has happened "
        "before: take police advice.",
        (ref.PCA_S1, ref.SOA_S66B_66D),
        P_POLICE,
    ),
    Rule(
        "police_101.encourages_self_harm",
        "police_101",
        lambda f: f.encourages_self_harm,
        "Messages encourage the target to seriously harm themselves.",
        (ref.OSA_S184,),
        P_POLICE,
    ),
    Rule(
        "police_101.threat",
        "police_101",
        lambda f: "threat" in f.categories,
        "Threatening or intimidating messages can be menacing communications.",
        (ref.CA_S127,),
        P_POLICE,
    ),
    Rule(
        "police_101.fear_of_violence",
        "police_101",
        lambda f: _threatening(f) and f.prior_incidents_same_pair >= 1,
        "Threats by the same person on {occasions} occasions can put the target in fear of violence.",
        (ref.PHA_S4, ref.PHA_S7),
        P_POLICE,
    ),
    Rule(
        "police_101.course_of_conduct",
        "police_101",
        lambda f: _hostile(f) and f.prior_incidents_same_pair >= 1,
        "This person has targeted the same target on {occasions} occasions (this one and {prior} before): a "
        "course of conduct that may be harassment, for which the police may arrest if the target is willing to "
        "report it.",
        (ref.PHA_S2, ref.PHA_S7),
        P_POLICE,
    ),
    Rule(
        "police_101.stalking",
        "police_101",
        lambda f: "harassment" in f.categories and f.prior_incidents_same_pair >= 1,
        "Persistent harassment fixated on one person, such as repeated unwanted contact or watching them online, "
        "can be stalking.",
        (ref.PHA_S2A_S4A,),
        P_POLICE,
    ),
    Rule(
        "police_101.sexual",
        "police_101",
        lambda f: "sexual" in f.categories and not _image(f),
        "Unwanted sexual messages or images may be offences: cyberflashing, intimate image abuse, indecent "
        "messages meant to cause distress, or publishing obscene material.",
        (ref.OSA_S187, ref.SOA_S66B_66D, ref.MCA_S1, ref.CA_S127, ref.OPA_1959),
        P_POLICE,
    ),
    Rule(
        "police_101.intimate_image_adult_or_coerced",
        "police_101",
        lambda f: f.image_shared_by_adult_or_coerced and not _image(f),
        "An intimate image is involved, with an adult's part in it or pressure behind it: intimate image offences "
        "may apply.",
        (ref.SOA_S66B_66D,),
        P_POLICE,
    ),
    Rule(
        "police_101.hate",
        "police_101",
        lambda f: _prejudiced(f) and _hostile(f),
        "The abuse is {strands}: it may be an offence if the messages are grossly offensive, indecent or menacing.",
        (ref.MCA_S1, ref.CA_S127),
        P_POLICE,
    ),
    Rule(
        "police_101.hate_race_faith",
        "police_101",
        lambda f: bool(f.prejudice & RACE_FAITH) and _hostile(f),
        "Hostility on race or religion can make an offence racially or religiously aggravated; it can also be "
        "reported to True Vision.",
        (ref.CDA_S29_32, ref.SA_S66, ref.TRUE_VISION),
        P_POLICE,
    ),
    Rule(
        "police_101.hate_other_strands",
        "police_101",
        lambda f: bool(f.prejudice & OTHER_S66) and _hostile(f),
        "Hostility on disability, sexual orientation or transgender identity makes an offence more serious at "
        "sentencing; it can also be reported to True Vision.",
        (ref.SA_S66, ref.TRUE_VISION),
        P_POLICE,
    ),
    Rule(
        "police_101.stirring_up_hatred",
        "police_101",
        lambda f: (
            bool(f.prejudice & STIRRING_UP)
            and (f.extremist_content or bool(f.categories & {"vilification", "trolling"}))
        ),
        "Material aimed at a group may stir up racial, religious or sexual-orientation hatred.",
        (ref.POA_PARTS_3_3A,),
        P_POLICE,
    ),
    Rule(
        "police_101.extremist",
        "police_101",
        lambda f: f.extremist_content,
        "Extremist material may be an offence, for example where it stirs up hatred.",
        (ref.POA_PARTS_3_3A,),
        P_POLICE,
    ),
    Rule(
        "police_101.account_hacked",
        "police_101",
        lambda f: f.account_hacked,
        "Someone got into the target's account without permission.",
        (ref.CMA_S1,),
        P_POLICE,
    ),
    Rule(
        "police_101.target_wants_police",
        "police_101",
        lambda f: f.target_wants_police,
        "The target wants to report it to the police: support them to do so.",
        (ref.POLICE,),
        P_POLICE,
    ),
    Rule(
        "ceop.grooming",
        "ceop",
        _grooming_of_child,
        "Suspected grooming of a child.",
        (ref.CEOP,),
        P_CEOP,
    ),
    Rule(
        "ceop.image_adult_or_coerced",
        "ceop",
        _image_adult_or_coerced,
        "A sexual image of a child with an adult involved, or pressure behind it, is online sexual abuse.",
        (ref.CEOP, ref.UKCIS_NUDES),
        P_CEOP,
    ),
    Rule(
        "ceop.adult_sexual_contact",
        "ceop",
        _adult_sexual_contact_with_child,
        "An adult is making sexual contact with a child online.",
        (ref.CEOP,),
        P_CEOP,
    ),
    Rule(
        "local_authority_child.danger_now",
        "local_authority_child",
        lambda f: f.target.is_child and f.danger_now,
        "A child's life or safety is at risk now; once the emergency is dealt with, children's social care must know.",
        (ref.WORKING_TOGETHER, ref.KCSIE),
        P_SAFEGUARDING,
    ),
    Rule(
        "local_authority_child.threat_to_life",
        "local_authority_child",
        lambda f: f.target.is_child and f.threat_of_death_or_serious_harm,
        "A child has been threatened with death or serious harm.",
        (ref.WORKING_TOGETHER, ref.KCSIE),
        P_SAFEGUARDING,
    ),
    Rule(
        "local_authority_child.grooming",
        "local_authority_child",
        _grooming_of_child,
        "Suspected grooming of a child.",
        (ref.WORKING_TOGETHER, ref.KCSIE),
        P_SAFEGUARDING,
    ),
    Rule(
        "local_authority_child.ukcis_immediate",
        "local_authority_child",
        _ukcis_immediate,
        "A child is in a sexual image and the UKCIS criteria for an immediate referral are met: {ukcis}.",
        (ref.WORKING_TOGETHER, ref.KCSIE, ref.UKCIS_IMMEDIATE),
        P_SAFEGUARDING,
    ),
    Rule(
        "local_authority_child.adult_perpetrator",
        "local_authority_child",
        lambda f: f.perpetrator.is_adult and f.target.is_child and bool(f.categories & UNSAFE_TO_MEET),
        "An adult is threatening, sexually approaching or manipulating a child.",
        (ref.WORKING_TOGETHER, ref.KCSIE),
        P_SAFEGUARDING,
    ),
    Rule(
        "local_authority_adult.adult_at_risk",
        "local_authority_adult",
        lambda f: f.target.is_adult and f.target.adult_at_risk,
        "The target is an adult at risk, so the local authority may need to make safeguarding enquiries.",
        (ref.CARE_ACT_S42,),
        P_SAFEGUARDING,
    ),
    Rule(
        "lado.child_target",
        "lado",
        lambda f: _lado_child(f) and f.target.is_child,
        "A member of staff is alleged to have harmed a child, or behaved towards a child in a way that suggests a "
        "risk of harm to children.",
        (ref.KCSIE_PART_4, ref.WORKING_TOGETHER),
        P_LADO,
    ),
    Rule(
        "lado.offence_related_to_child",
        "lado",
        lambda f: _lado_child(f) and _offence_related_to_child(f),
        "A member of staff may have committed an offence against or related to a child (a sexual image of an "
        "under-18, grooming or sexual contact with a child).",
        (ref.KCSIE_PART_4,),
        P_LADO,
    ),
    Rule(
        "lado.unsuitable",
        "lado",
        _lado_unsuitable,
        "The DSL has recorded that someone who works with children behaved in a way that suggests they may not be "
        "suitable to work with children, which can include conduct outside work.",
        (ref.KCSIE_PART_4,),
        P_LADO,
    ),
    Rule(
        "employer_procedures.colleague",
        "employer_procedures",
        lambda f: _staff_perpetrator(f) and f.target.kind == "staff",
        "One member of staff is alleged to have abused another: the employer's procedures deal with this unless "
        "the LADO tests are met. Support the member of staff targeted: a senior leader they trust, and their union "
        "representative if they wish; employers have a duty to look after their staff.",
        (ref.EMPLOYER_PROCEDURES, ref.DFE_CYBERBULLYING),
        P_EMPLOYER,
    ),
    Rule(
        "employer_procedures.staff_conduct",
        "employer_procedures",
        lambda f: (
            _staff_perpetrator(f)
            and f.target.kind != "staff"
            and not _lado(f)
            and not (f.target.is_child or _offence_related_to_child(f))
        ),
        "A member of staff is the alleged perpetrator and no LADO test is met (no child harmed or at risk): their "
        "conduct is a matter for the employer's disciplinary procedure.",
        (ref.EMPLOYER_PROCEDURES,),
        P_EMPLOYER,
    ),
    Rule(
        "employer_procedures.adult_only_setting",
        "employer_procedures",
        lambda f: _staff_perpetrator(f) and f.adult_only,
        "An adult-only provider has no LADO route; where a child may have been harmed, the police and children's "
        "social care are the routes.",
        (ref.EMPLOYER_PROCEDURES,),
        P_EMPLOYER,
    ),
    Rule(
        "employer_procedures.lado_first",
        "employer_procedures",
        lambda f: _staff_perpetrator(f) and f.target.kind == "staff" and _lado(f),
        "The LADO is involved as well: take the LADO's advice before any investigation or disciplinary step.",
        (ref.KCSIE_PART_4,),
        P_EMPLOYER,
    ),
    Rule(
        "prevent.extremist_content",
        "prevent",
        lambda f: f.extremist_content,
        "The case involves extremist content.",
        (ref.CTSA_S26,),
        P_PREVENT,
    ),
    Rule(
        "harassment_first_warning.first_occasion",
        "harassment_first_warning",
        lambda f: (
            "harassment" in f.categories
            and f.prior_incidents_same_pair == 0
            and (f.perpetrator.is_adult or f.target_wants_police)
        ),
        "No earlier incident by this person against this target is recorded. Harassment under the Act needs two or "
        "more occasions, so some forces record a first case and give the person a notice to stop (the messages, "
        "calls or whatever is causing distress). These police information notices have no statutory basis; "
        "HMICFRS recommended in 2017 that forces stop using them, and whether the local force still does is the "
        "police's choice: check with them.",
        (ref.PHA_S2, ref.PHA_S7, ref.HMICFRS_2017),
        P_WARNING,
    ),
    Rule(
        "inform_parents.child_target",
        "inform_parents",
        lambda f: f.target.is_child,
        "The target is a child.",
        (ref.DFE_BULLYING, ref.KCSIE),
        P_PARENTS,
    ),
    Rule(
        "inform_parents.child_perpetrator",
        "inform_parents",
        lambda f: f.perpetrator.is_child and _parents_told(f),
        "The alleged perpetrator is a child: their parents or carers are told as part of the response.",
        (ref.DFE_BULLYING, ref.KCSIE),
        P_PARENTS,
    ),
    Rule(
        "inform_parents.image",
        "inform_parents",
        lambda f: _image(f) and not f.target.is_child and not f.perpetrator.is_child and _parents_told(f),
        "A sexual image of an under-18 is involved: that young person's parents or carers are usually told.",
        (ref.KCSIE,),
        P_PARENTS,
    ),
    Rule(
        "inform_parents.parent_perpetrator",
        "inform_parents",
        lambda f: f.perpetrator.kind == "parent" and (f.target.is_child or _image(f)) and _parents_told(f),
        "A parent or carer is the alleged perpetrator: do not tell that parent under this duty. If they are the "
        "child's own parent or carer, telling them could put the child at risk, so the DSL takes advice from "
        "children's social care before anyone in the family is told.",
        (ref.KCSIE,),
        P_PARENTS,
    ),
    Rule(
        "meeting_with_adult.adult_perpetrator",
        "meeting_with_adult",
        _can_meet_adult,
        "The alleged perpetrator is {perpetrator}; with an adult this is nearly always the first step. If they "
        "refuse, what happens next is the organisation's decision: report to the platform, or take advice from the "
        "local authority or legal advisers.",
        (ref.DFE_CYBERBULLYING,),
        P_MEETING,
    ),
    Rule(
        "ask_poster_to_remove.pupil",
        "ask_poster_to_remove",
        lambda f: _can_ask_poster(f) and f.perpetrator.kind == "pupil",
        "The poster is a pupil: ask as part of the school's behaviour response, and make sure they understand why "
        "it is unacceptable.",
        (ref.EIA_S89, ref.DFE_CYBERBULLYING),
        P_ASK,
    ),
    Rule(
        "ask_poster_to_remove.service_user",
        "ask_poster_to_remove",
        lambda f: _can_ask_poster(f) and f.perpetrator.kind == "service_user",
        "The poster is a service user: the organisation's own procedures deal with most of these cases.",
        (ref.DFE_CYBERBULLYING,),
        P_ASK,
    ),
    Rule(
        "report_to_platform.online_content",
        "report_to_platform",
        lambda f: _platform_to_report(f) and _harmful_content(f),
        "The content is online and has not been reported to the platform yet.",
        (ref.PLATFORM_TERMS,),
        P_PLATFORM,
    ),
    Rule(
        "report_to_platform.poster_unknown",
        "report_to_platform",
        lambda f: _platform_to_report(f) and not f.perpetrator.is_known and not f.account_hacked,
        "Nobody knows who put it online, so the platform is the way to have it removed.",
        (ref.PLATFORM_TERMS,),
        P_PLATFORM,
    ),
    Rule(
        "report_to_platform.poster_refused",
        "report_to_platform",
        lambda f: _platform_to_report(f) and _refused(f),
        "The poster has refused to take it down: what happens next is the organisation's decision, and a report "
        "to the platform is the usual step.",
        (ref.PLATFORM_TERMS,),
        P_PLATFORM,
    ),
    Rule(
        "report_to_platform.impersonation",
        "report_to_platform",
        lambda f: _platform_to_report(f) and _impersonation(f),
        "Report the fake or impersonating account as impersonation.",
        (ref.PLATFORM_TERMS,),
        P_PLATFORM,
    ),
    Rule(
        "report_to_platform.account_hacked",
        "report_to_platform",
        lambda f: _platform_to_report(f) and f.account_hacked,
        "The platform can help the target get back into the hacked account and secure it.",
        (ref.PLATFORM_TERMS,),
        P_PLATFORM,
    ),
    Rule(
        "mobile_network.calls_or_texts",
        "mobile_network",
        lambda f: f.calls_or_texts,
        "The abuse came by phone calls or text messages. Keep a log of them with dates and times.",
        (ref.OFCOM_NUISANCE_CALLS, ref.CA_S127),
        P_MOBILE,
    ),
    Rule(
        "report_harmful_content.platform_declined",
        "report_harmful_content",
        lambda f: _harmful_content_route(f) and f.platform_declined,
        "The platform replied that nothing breaks its rules: Report Harmful Content can look at the platform's "
        "reply and take it up with the platform.",
        (ref.REPORT_HARMFUL_CONTENT,),
        P_REPORT_HARMFUL,
    ),
    Rule(
        "report_harmful_content.platform_slow",
        "report_harmful_content",
        lambda f: _harmful_content_route(f) and _platform_slow(f),
        "The platform was told {days} days ago and has not acted.",
        (ref.REPORT_HARMFUL_CONTENT,),
        P_REPORT_HARMFUL,
    ),
    Rule(
        "report_harmful_content.police_first",
        "report_harmful_content",
        lambda f: _harmful_content_route(f) and _may_be_illegal(f),
        "Something here may be a crime: this is as well as the police, never instead of them.",
        (ref.POLICE,),
        P_REPORT_HARMFUL,
    ),
    Rule(
        "report_harmful_content.target_under_13",
        "report_harmful_content",
        lambda f: _harmful_content_route(f) and f.target.age is not None and f.target.age < 13,
        "The target is under 13 and the service takes reports from people aged 13 and over, so a parent or the DSL "
        "makes the report.",
        (ref.REPORT_HARMFUL_CONTENT,),
        P_REPORT_HARMFUL,
    ),
    Rule(
        "professionals_helpline.staff_target",
        "professionals_helpline",
        _staff_target,
        "A member of staff is the target.",
        (ref.POSH,),
        P_HELPLINE,
    ),
    Rule(
        "professionals_helpline.platform_first",
        "professionals_helpline",
        lambda f: (
            _staff_target(f)
            and not f.platform_declined
            and (f.platform_reported_days_ago is None or f.platform_reported_days_ago < 2)
        ),
        "Report to the platform first and allow it 48 hours, unless there is a safeguarding concern.",
        (ref.POSH,),
        P_HELPLINE,
    ),
    Rule(
        "professionals_helpline.platform_slow",
        "professionals_helpline",
        lambda f: (
            _staff_target(f)
            and not f.platform_declined
            and f.platform_reported_days_ago is not None
            and f.platform_reported_days_ago >= 2
        ),
        "The platform was told {days} days ago, so the helpline can take it up now.",
        (ref.POSH,),
        P_HELPLINE,
    ),
    Rule(
        "professionals_helpline.platform_declined",
        "professionals_helpline",
        lambda f: _staff_target(f) and f.platform_declined,
        "The platform has declined to act, so the helpline can take it up with the platform now.",
        (ref.POSH,),
        P_HELPLINE,
    ),
)

_DUTY_RANK = {code: rank for rank, code in enumerate(DUTY_CODES)}


def _context(f: Facts) -> dict[str, str]:
    """Values for the reason placeholders (see `Rule`)."""
    strands = [s for s in PREJUDICE_STRANDS if s in f.prejudice]
    if len(strands) > 1:
        strands = [", ".join(strands[:-1]), strands[-1]]
    return {
        "days": str(f.platform_reported_days_ago) if f.platform_reported_days_ago is not None else "some",
        "occasions": str(f.prior_incidents_same_pair + 1),
        "prior": str(f.prior_incidents_same_pair),
        "strands": " and ".join(strands) or "prejudiced",
        "perpetrator": PERPETRATOR_WORDS[f.perpetrator.kind],
        "ukcis": "; ".join(_ukcis_met(f)) or "none",
    }


def recommend(*, facts: Facts, rules: Sequence[Rule] = RULES) -> Recommendation:
    """Run the rule table over the facts of one case and return the proposed duties, most pressing first."""
    fired: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.when(facts):
            fired.setdefault(rule.duty, []).append(rule)
    context = _context(facts) if fired else {}
    duties = []
    for code, group in fired.items():
        reasons = [DUTIES[code].action, *(rule.reason.format_map(context) for rule in group)]
        legal = tuple(dict.fromkeys(item for rule in group for item in rule.legal))
        priority = min(rule.priority for rule in group)
        duties.append(Duty(code, " ".join(reasons), legal, priority, tuple(rule.code for rule in group)))
    duties.sort(key=lambda d: (d.priority, _DUTY_RANK[d.duty]))
    return Recommendation(id=facts.id, rules_version=RULES_VERSION, duties=tuple(duties))


def escalate(*, data: Mapping[str, Any]) -> Recommendation:
    """`recommend` from a decoded JSON object; raises `FactsError` (a ValueError) naming a bad field."""
    return recommend(facts=parse_facts(data))
