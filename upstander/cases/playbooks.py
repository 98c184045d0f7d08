"""Playbooks: the procedure for each kind of incident, as a checklist a case works through.

Data, not templates: each playbook has a code, a version and its steps. Choosing a playbook copies
its steps onto the case (models.PlaybookItem), so a later version changes new cases only. Raise
`version` whenever a step is added, removed or reworded.

Sources, in our own words: seed 001 (respond: support the target, advise, identify and meet the
person responsible with the evidence, sanctions, removal, restorative work, then revisit policies),
seed 002 (staff targeted: a senior leader meets the adult and asks for removal; if refused, an
organisational decision; union; the Professionals Online Safety Helpline), seed 004 (adult service
users: the designated lead deals with every incident at once and passes it on to the local
authority's safeguarding lead), UKCIS 'Sharing nudes and semi-nudes' (never view; the DSL only;
police if an adult is involved) and the hate-crime strands of seed 003.

`who` says who may tick a step: "dsl" (the DSL and deputies) or "senior_leader" (a senior leader as
well, for the steps seed 002 gives them).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DSL", "PLAYBOOKS", "SENIOR_LEADER", "Playbook", "Step", "playbook_choices"]

DSL = "dsl"
SENIOR_LEADER = "senior_leader"


@dataclass(frozen=True, slots=True)
class Step:
    code: str
    text: str
    hint: str = ""
    who: str = DSL


@dataclass(frozen=True, slots=True)
class Playbook:
    code: str
    version: int
    title: str
    use_when: str
    steps: tuple[Step, ...]


# Steps several playbooks share -------------------------------------------------------------------
SUPPORT_TARGET = Step(
    "support_target",
    "Talk with the person targeted: they were right to tell us; check how they are and who they can go to.",
    "Record what they want to happen next, and any worries about their safety or wellbeing.",
)
ADVISE_TARGET = Step(
    "advise_block_report_keep",
    "Advise them to block and report the account on the platform, to keep the evidence and not to reply.",
    "Evidence: screenshots that show the web address, usernames, date and time; keep the messages themselves.",
)
KEEP_EVIDENCE = Step(
    "keep_evidence",
    "Make sure the evidence is kept in Upstander, from the report or added now.",
    "Note where each item came from and who captured it.",
)
DECIDE_DUTIES = Step(
    "decide_duties",
    "Decide on each proposed escalation and record why (see Escalation on this page).",
    "A decision to do nothing is still a decision: record the reason.",
)
IDENTIFY = Step(
    "identify_responsible",
    "Find out, if you can, who is responsible, and add them to the people involved.",
)
CONTACT_PARENTS = Step(
    "contact_parents",
    "Contact the parents or carers of the children involved, unless that would put a child at risk.",
    "Record who was told and when, or why someone was not told.",
)
REMOVE_CONTENT = Step(
    "content_removal",
    "Get the content taken down: ask the person who posted it first, then use the platform's reporting tools.",
    "Say which of the platform's terms it breaks. Keep the evidence before anything is removed.",
)
FOLLOW_UP = Step(
    "follow_up_target",
    # {follow_up_days} is filled from the organisation's case settings when the step is copied onto a case.
    "Follow up with the person targeted after {follow_up_days} days: has it stopped, and how are they?",
)
POLICY_REVIEW = Step(
    "policy_review",
    "Post-incident review: could policies, procedures or teaching change so that this is less likely again?",
    "Answered when the case is reviewed after closing.",
)


PLAYBOOKS: dict[str, Playbook] = {
    playbook.code: playbook
    for playbook in (
        Playbook(
            code="pupil_on_pupil",
            version=1,
            title="Pupil on pupil",
            use_when="A pupil or student is bullied or harassed online by another pupil or student.",
            steps=(
                SUPPORT_TARGET,
                ADVISE_TARGET,
                KEEP_EVIDENCE,
                DECIDE_DUTIES,
                IDENTIFY,
                CONTACT_PARENTS,
                Step(
                    "meet_responsible",
                    "Meet the pupil responsible with the evidence: explain why it is not acceptable and ask them "
                    "to remove it.",
                ),
                REMOVE_CONTENT,
                Step(
                    "sanctions",
                    "Decide on sanctions under the behaviour policy, and record them.",
                    "The behaviour policy can cover conduct off the premises (Education and Inspections Act 2006 s.89).",
                ),
                Step(
                    "restorative_work",
                    "Plan restorative work, education and support to change the behaviour.",
                ),
                FOLLOW_UP,
                POLICY_REVIEW,
            ),
        ),
        Playbook(
            code="staff_targeted",
            version=2,
            title="Staff targeted by a pupil, parent, colleague or other adult",
            use_when="A member of staff or volunteer is the target.",
            steps=(
                Step(
                    "support_staff",
                    "Support the member of staff: they should not reply or retaliate; offer time with a senior "
                    "leader and, if they wish, their union representative.",
                    who=SENIOR_LEADER,
                ),
                KEEP_EVIDENCE,
                DECIDE_DUTIES,
                IDENTIFY,
                Step(
                    "pupil_responsible",
                    "If a pupil is responsible: deal with it under the behaviour policy (meeting with the evidence, "
                    "sanctions, parents told, content removed).",
                ),
                Step(
                    "colleague_responsible",
                    "If a colleague is responsible: deal with it under the employer's own disciplinary and grievance "
                    "procedures (not the LADO, unless a child was harmed or is at risk, or their conduct suggests "
                    "they may be unsuitable to work with children).",
                    who=SENIOR_LEADER,
                ),
                Step(
                    "meeting_with_adult",
                    "If an adult is responsible: a senior leader invites them to a meeting, hears their concerns, "
                    "explains how to complain properly and asks them to take the content down.",
                    who=SENIOR_LEADER,
                ),
                Step(
                    "organisational_decision",
                    "If they refuse: the organisation decides the next step and records why (report to the "
                    "platform, advice from the local authority or legal advisers).",
                    who=SENIOR_LEADER,
                ),
                Step(
                    "report_to_platform",
                    "Report the content to the platform, saying which of its terms it breaks.",
                    "Some platforms only act on a report from the person targeted: help them make it.",
                ),
                Step(
                    "professionals_helpline",
                    "Contact the Professionals Online Safety Helpline for advice, or if the platform has not acted "
                    "(allow it 48 hours unless there is a safeguarding concern). It serves the children's workforce: "
                    "staff of an adult-only provider get support through their employer instead.",
                ),
                Step(
                    "consider_police",
                    "If the content threatens, is sexual, sexist or a hate crime, consider reporting it to the police.",
                ),
                FOLLOW_UP,
                POLICY_REVIEW,
            ),
        ),
        Playbook(
            code="adult_service_user",
            version=1,
            title="Adult service user",
            use_when="An adult learner or service user is targeted or responsible.",
            steps=(
                Step(
                    "deal_at_once",
                    "The designated lead deals with the incident at once, under the safeguarding policy.",
                ),
                SUPPORT_TARGET,
                ADVISE_TARGET,
                KEEP_EVIDENCE,
                Step(
                    "adult_at_risk",
                    "Decide whether the person targeted is an adult at risk; if so, the local authority's adult "
                    "safeguarding lead is told (Care Act 2014 s.42).",
                ),
                Step(
                    "tell_local_authority",
                    "Pass the concern on to the local authority's safeguarding lead, as the provider's procedure "
                    "asks (use 'Escalate to the local authority').",
                ),
                DECIDE_DUTIES,
                IDENTIFY,
                Step(
                    "action_with_responsible",
                    "Act with the person responsible under the code of conduct or the disciplinary procedure, with "
                    "the evidence.",
                ),
                REMOVE_CONTENT,
                Step(
                    "prevent_check",
                    "If there is extremist content, speak to the Prevent lead.",
                ),
                FOLLOW_UP,
                POLICY_REVIEW,
            ),
        ),
        Playbook(
            code="sexual_images",
            version=1,
            title="Nude or sexual images",
            use_when="Nude or semi-nude images or videos are shared, asked for or threatened (UKCIS).",
            steps=(
                Step(
                    "do_not_view",
                    "Nobody views, copies, prints, shares or saves the images, and nobody asks for them to be sent. "
                    "Evidence stays sealed.",
                    "Only the DSL handles this case; it is hidden from senior leaders.",
                ),
                Step(
                    "adult_involved_police",
                    "If an adult is involved, or there is coercion, blackmail or a child under 13, contact the "
                    "police at once (and consider CEOP).",
                ),
                Step(
                    "talk_to_young_person",
                    "Talk to the young person: reassure them, and tell them about Report Remove (IWF and Childline) "
                    "to get the images taken down.",
                ),
                DECIDE_DUTIES,
                CONTACT_PARENTS,
                Step(
                    "devices",
                    "Do not search devices for the images. Any device already taken goes to the police; never delete "
                    "evidence of an offence.",
                ),
                Step(
                    "risk_assessment",
                    "Assess the risk to each child involved, and refer to children's social care where a child may "
                    "be at risk of significant harm.",
                ),
                FOLLOW_UP,
                POLICY_REVIEW,
            ),
        ),
        Playbook(
            code="hate_incident",
            version=1,
            title="Hate incident",
            use_when="The abuse targets race, religion or belief, sex, sexual orientation, transgender identity "
            "or disability.",
            steps=(
                SUPPORT_TARGET,
                ADVISE_TARGET,
                KEEP_EVIDENCE,
                Step(
                    "record_prejudice",
                    "Record which prejudice it shows at triage, so the case and the figures say so.",
                ),
                DECIDE_DUTIES,
                Step(
                    "police_or_true_vision",
                    "Consider reporting it to the police (101) or to True Vision, which takes anonymous and "
                    "third-party reports.",
                ),
                IDENTIFY,
                CONTACT_PARENTS,
                Step(
                    "meet_responsible",
                    "Meet the person responsible with the evidence, and explain the harm prejudice does.",
                ),
                Step(
                    "sanctions",
                    "Decide on sanctions under the behaviour policy, and record them.",
                ),
                Step(
                    "education",
                    "Plan education or restorative work on the prejudice shown.",
                ),
                REMOVE_CONTENT,
                FOLLOW_UP,
                POLICY_REVIEW,
            ),
        ),
    )
}


def playbook_choices() -> list[tuple[str, str]]:
    return [(code, playbook.title) for code, playbook in PLAYBOOKS.items()]
