"""Demo prevention data (`upstander demo`): policies in each state, an acceptable-use policy half
acknowledged, training running out, CEOP ambassadors, an awareness log and pupil-voice surveys with
results (one group too small to show). Idempotent: an organisation that has policies is left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import F
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.people.models import Person, PersonKind
from upstander.prevention import questions, services
from upstander.prevention.models import (
    Acknowledgement,
    AwarenessActivity,
    Policy,
    PolicyKind,
    Survey,
    SurveyTally,
    TrainingKind,
)
from upstander.prevention.terms import term_of

SERIES = "Online bullying: pupil voice"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _policy(organisation: Organisation, kind: str, by: User, *, approved_days_ago: int | None) -> Policy:
    policy = services.policy_create(organisation=organisation, kind=kind, by=by)
    if approved_days_ago is not None:
        version = policy.versions.get(number=1)
        approved = timezone.localdate() - timedelta(days=approved_days_ago)
        services.version_approve(version=version, approved_on=approved, approved_by="Governing board", by=by)
    return policy


def _ack_people(policy: Policy, number: int, audience: str, people: list[Person], acknowledged: int, by: User) -> None:
    """Demo acknowledgements hold no link or code: 'Remind' on the outstanding page makes real ones."""
    version = policy.versions.get(number=number)
    for index, person in enumerate(people):
        Acknowledgement.objects.create(
            organisation=policy.organisation, version=version, audience=audience, person=person,
            acknowledged_at=timezone.now() - timedelta(days=3) if index < acknowledged else None,
        )


def _ack_users(policy: Policy, number: int, users: list[User], acknowledged: int) -> None:
    version = policy.versions.get(number=number)
    for index, user in enumerate(users):
        Acknowledgement.objects.create(
            organisation=policy.organisation, version=version, audience="staff", user=user,
            acknowledged_at=timezone.now() - timedelta(days=5) if index < acknowledged else None,
        )


def _train(organisation: Organisation, user: User, kind: str, completed_days_ago: int, by: User,
           expires_in_days: int | None = None) -> None:
    today = timezone.localdate()
    completed = today - timedelta(days=completed_days_ago)
    expires = today + timedelta(days=expires_in_days) if expires_in_days is not None else None
    if expires is not None and expires <= completed:
        completed = expires - timedelta(days=365)
    services.training_record(organisation=organisation, user=user, kind=kind, completed_on=completed,
                             expires_on=expires, provider="Riverside safeguarding partnership (demo)", by=by)


def _survey(organisation: Organisation, group: str, opens: date, days: int, expected: int, answered: int,
            by: User, seed: int) -> Survey:
    survey = services.survey_create(
        organisation=organisation, series=SERIES, term=term_of(opens), group=group,
        question_keys=questions.DEFAULT_QUESTIONS, opens_on=opens, closes_on=opens + timedelta(days=days),
        expected=expected, by=by,
    )
    chooser = random.Random(seed)
    for _ in range(answered):
        for key in survey.questions:
            question = questions.BY_KEY[key]
            options = [choice for choice, _ in question.choices]
            picks = chooser.sample(options[:-1], k=chooser.randint(1, 2)) if question.multiple else [
                chooser.choices(options, weights=range(len(options), 0, -1))[0]
            ]
            SurveyTally.objects.filter(survey=survey, question=key, choice__in=picks).update(count=F("count") + 1)
    Survey.objects.filter(pk=survey.pk).update(responses=answered)
    return survey


def load_demo_prevention(*, school: Organisation, college: Organisation) -> None:
    if not Policy.objects.filter(organisation=school).exists():
        _load_school(school)
    if not Policy.objects.filter(organisation=college).exists():
        _load_college(college)


def _load_school(school: Organisation) -> None:
    dsl, head = _user("dsl@northbridge.example"), _user("head@northbridge.example")
    deputy, teacher, admin = _user("deputy@northbridge.example"), _user("teacher@northbridge.example"), _user("admin@riverside.example")
    if not (dsl and head and deputy and teacher and admin):
        return
    today = timezone.localdate()
    _policy(school, PolicyKind.ANTI_BULLYING, dsl, approved_days_ago=200)  # current
    _policy(school, PolicyKind.BEHAVIOUR, head, approved_days_ago=400)  # review overdue
    _policy(school, PolicyKind.ONLINE_SAFETY, dsl, approved_days_ago=350)  # review due soon
    safeguarding = _policy(school, PolicyKind.SAFEGUARDING, dsl, approved_days_ago=90)
    case = Case.objects.filter(organisation=school, closed_at__isnull=False).order_by("pk").first()
    services.policy_review_request(
        policy=safeguarding, case=case, by=dsl,
        reason="The case review found staff were unsure who to tell when a parent posted about a teacher online: "
        "add who to tell and how quickly.",
    )
    _policy(school, PolicyKind.AUP_VOLUNTEERS, dsl, approved_days_ago=None)  # draft only
    _policy(school, PolicyKind.COMPLAINTS, head, approved_days_ago=150)
    _policy(school, PolicyKind.CODE_OF_CONDUCT, head, approved_days_ago=120)

    pupils_aup = _policy(school, PolicyKind.AUP_PUPILS, dsl, approved_days_ago=60)
    year8 = list(Person.objects.filter(organisation=school, kind=PersonKind.PUPIL, year_group="Year 8").order_by("pk"))
    _ack_people(pupils_aup, 1, "pupils", year8, len(year8) // 2, dsl)  # half acknowledged

    parents_aup = _policy(school, PolicyKind.AUP_PARENTS, dsl, approved_days_ago=400)
    parents = list(Person.objects.filter(organisation=school, kind=PersonKind.PARENT).order_by("pk"))
    _ack_people(parents_aup, 1, "parents", parents, len(parents), dsl)
    second = services.version_create(
        policy=parents_aup, text=parents_aup.versions.get(number=1).text + "\nWe will reply to messages within two school days.\n",
        change_summary="Adds how quickly we reply to messages.", by=dsl,
    )
    services.version_approve(version=second, approved_on=today - timedelta(days=20), approved_by="Governing board", by=dsl)
    _ack_people(parents_aup, 2, "parents", parents, 1, dsl)  # a new version asks again

    staff_aup = _policy(school, PolicyKind.AUP_STAFF, dsl, approved_days_ago=30)
    _ack_users(staff_aup, 1, [dsl, deputy, head, teacher, admin], 2)

    # Training: the DSL up to date and a CEOP ambassador; the teacher the second ambassador with
    # awareness run out; the deputy's Prevent and the head's safeguarding running out soon.
    for kind in (TrainingKind.AWARENESS, TrainingKind.PROCEDURES, TrainingKind.PREVENT, TrainingKind.SAFEGUARDING,
                 TrainingKind.SAFEGUARDING_DSL, TrainingKind.CEOP_AMBASSADOR):
        _train(school, dsl, kind, 100, dsl)
    for kind in (TrainingKind.AWARENESS, TrainingKind.PROCEDURES, TrainingKind.SAFEGUARDING, TrainingKind.SAFEGUARDING_DSL):
        _train(school, deputy, kind, 60, dsl)
    _train(school, deputy, TrainingKind.PREVENT, 700, dsl, expires_in_days=10)
    _train(school, head, TrainingKind.SAFEGUARDING, 345, dsl, expires_in_days=20)
    _train(school, head, TrainingKind.PREVENT, 200, dsl)
    _train(school, teacher, TrainingKind.AWARENESS, 385, dsl, expires_in_days=-20)
    _train(school, teacher, TrainingKind.CEOP_AMBASSADOR, 150, dsl)
    _train(school, teacher, TrainingKind.SAFEGUARDING, 90, dsl)
    _train(school, admin, TrainingKind.PROCEDURES, 30, dsl)

    for activity_kind, title, days_ago, audience, reached in (
        ("campaign", "Anti-Bullying Week: assemblies for every year group", 16, "Years 7 to 11", 900),
        ("parent_session", "Keeping children safe in group chats: evening session", 40, "Parents of Year 7", 45),
        ("lesson", "PSHE: what to do if you see online bullying", 30, "Year 8", 180),
        ("display", "Who to tell: posters with the report QR code", 70, "Whole school", None),
        ("staff_briefing", "Online bullying, our procedures and the Prevent duty", 85, "All staff", 60),
    ):
        AwarenessActivity.objects.create(
            organisation=school, kind=activity_kind, title=title, held_on=today - timedelta(days=days_ago),
            audience=audience, reached=reached, recorded_by=dsl,
        )

    summer = today - timedelta(days=200)
    _survey(school, "Year 9", summer, 14, 30, 21, dsl, seed=1)
    autumn = today - timedelta(days=40)
    _survey(school, "Year 9", autumn, 14, 30, 18, dsl, seed=2)
    _survey(school, "Year 10", autumn, 14, 28, 3, dsl, seed=3)  # fewer than 5: never shown
    services.survey_create(
        organisation=school, series=SERIES, term=term_of(today), group="Year 8",
        question_keys=questions.DEFAULT_QUESTIONS, opens_on=today, closes_on=today + timedelta(days=14),
        expected=30, by=dsl,
    )


def _load_college(college: Organisation) -> None:
    dsl, tutor = _user("dsl@riverside-learning.example"), _user("tutor@riverside-learning.example")
    if not (dsl and tutor):
        return
    _policy(college, PolicyKind.ANTI_BULLYING, dsl, approved_days_ago=120)
    _policy(college, PolicyKind.SAFEGUARDING, dsl, approved_days_ago=380)
    _policy(college, PolicyKind.CODE_OF_CONDUCT, dsl, approved_days_ago=60)
    aup = _policy(college, PolicyKind.AUP_ADULT_LEARNERS, dsl, approved_days_ago=45)
    learners = list(Person.objects.filter(organisation=college, kind=PersonKind.SERVICE_USER).order_by("pk"))
    _ack_people(aup, 1, "adult_learners", learners, len(learners) // 2, dsl)
    for kind in (TrainingKind.AWARENESS, TrainingKind.PROCEDURES, TrainingKind.PREVENT, TrainingKind.SAFEGUARDING,
                 TrainingKind.SAFEGUARDING_DSL):
        _train(college, dsl, kind, 120, dsl)
    _train(college, tutor, TrainingKind.PREVENT, 720, dsl, expires_in_days=5)
    _train(college, tutor, TrainingKind.SAFEGUARDING, 100, dsl)
    AwarenessActivity.objects.create(
        organisation=college, kind="lesson", title="Staying safe in course group chats", audience="ESOL Entry 3",
        held_on=timezone.localdate() - timedelta(days=25), reached=14, recorded_by=dsl,
    )
