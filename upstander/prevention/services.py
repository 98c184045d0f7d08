"""Writes for prevention: keyword-only, typed, one transaction each."""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, F, IntegerField, Max, Q, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Membership, Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.people.models import Person, PersonKind
from upstander.prevention import questions, selectors, starters
from upstander.prevention.models import (
    ACCEPTABLE_USE,
    Acknowledgement,
    Audience,
    AwarenessActivity,
    Policy,
    PolicyKind,
    PolicyReview,
    PolicyVersion,
    Survey,
    SurveyTally,
    TrainingKind,
    TrainingRecord,
)
from upstander.prevention.questions import MIN_GROUP
from upstander.prevention.terms import term_of

MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on a phone
CODE_LENGTH = 10  # 31**10: about 50 bits, and tries are rate-limited
TRAINING_VALID_MONTHS = {
    TrainingKind.AWARENESS: 12,
    TrainingKind.PROCEDURES: 12,
    TrainingKind.PREVENT: 24,
    TrainingKind.SAFEGUARDING: 12,
    TrainingKind.SAFEGUARDING_DSL: 24,
    TrainingKind.CEOP_AMBASSADOR: 24,
}
AUDIENCE_KINDS: dict[str, tuple[str, ...]] = {
    Audience.PUPILS: (PersonKind.PUPIL,),
    Audience.PARENTS: (PersonKind.PARENT,),
    Audience.ADULT_LEARNERS: (PersonKind.SERVICE_USER,),
}


class PreventionError(ValueError):
    """A change that cannot be made, with a message that says what to fix."""


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return _hash("code:" + normalise_code(code))


def hash_token(token: str) -> str:
    return _hash("token:" + token)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _audit(*, action: str, by: User | None, obj: Any, organisation_id: int, request: HttpRequest | None,
           detail: dict[str, Any] | None = None, record_ip: bool = True) -> None:
    audit_record(action=action, actor=by, obj=obj, organisation_id=organisation_id, request=request,
                 detail=detail, record_ip=record_ip)


# --- Policies and versions ----------------------------------------------------------------------


@transaction.atomic
def policy_create(*, organisation: Organisation, kind: str, by: User, request: HttpRequest | None = None) -> Policy:
    """A policy of `kind` with the starter text as its first draft, marked as a template to adapt."""
    if kind not in PolicyKind.values:
        raise PreventionError("Choose which policy this is.")
    if Policy.objects.filter(organisation=organisation, kind=kind).exists():
        raise PreventionError("This organisation already has that policy: add a new version to it instead.")
    policy = Policy.objects.create(
        organisation=organisation, kind=kind, title=PolicyKind(kind).label, owner=by,
        is_public=kind != PolicyKind.AUP_STAFF,
    )
    PolicyVersion.objects.create(
        policy=policy,
        number=1,
        text=starters.starter_text(kind, organisation=organisation.name),
        child_friendly_text=starters.starter_child_friendly(kind, organisation=organisation.name),
        change_summary="Starter text from Upstander, to adapt.",
        created_by=by,
    )
    _audit(action=AuditAction.CREATED, by=by, obj=policy, organisation_id=organisation.pk, request=request)
    return policy


@transaction.atomic
def policy_update(
    *, policy: Policy, title: str, owner: User | None, is_public: bool, by: User, request: HttpRequest | None = None
) -> Policy:
    """The policy's title, owner (a member of the organisation) and whether it is published."""
    title = title.strip()
    if not title:
        raise PreventionError("Give the policy a title.")
    if owner is not None and not Membership.objects.filter(organisation_id=policy.organisation_id, user=owner, is_active=True).exists():
        raise PreventionError("The owner must be a member of this organisation.")
    before = {"title": policy.title, "owner": policy.owner_id, "is_public": policy.is_public}
    policy.title, policy.owner, policy.is_public = title[:200], owner, is_public
    policy.save(update_fields=["title", "owner", "is_public"])
    _audit(action=AuditAction.CHANGED, by=by, obj=policy, organisation_id=policy.organisation_id, request=request,
           detail={"before": before})
    return policy


def validate_pdf(*, data: bytes, name: str) -> None:
    if len(data) > MAX_PDF_BYTES:
        raise PreventionError(f"The PDF is too big: the largest is {MAX_PDF_BYTES // (1024 * 1024)} MB.")
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise PreventionError("That file is not a PDF. Save the policy as a PDF and upload that file.")
    if not name.lower().endswith(".pdf"):
        raise PreventionError("The file's name should end in .pdf.")


@transaction.atomic
def version_create(
    *,
    policy: Policy,
    text: str,
    child_friendly_text: str = "",
    pdf: bytes | None = None,
    pdf_name: str = "",
    change_summary: str,
    by: User,
    request: HttpRequest | None = None,
) -> PolicyVersion:
    """A new draft version (approved versions are never changed)."""
    text, child_friendly_text = text.strip(), child_friendly_text.strip()
    if not text and not pdf:
        raise PreventionError("Write the policy's text, or upload it as a PDF.")
    if len(text) > MAX_TEXT_CHARS or len(child_friendly_text) > MAX_TEXT_CHARS:
        raise PreventionError(f"The text is too long: keep it under {MAX_TEXT_CHARS:,} characters.")
    if pdf is not None:
        validate_pdf(data=pdf, name=pdf_name)
    if not change_summary.strip():
        raise PreventionError("Say in a sentence what changed in this version.")
    number = (policy.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy, number=number, text=text, child_friendly_text=child_friendly_text,
        pdf=pdf, pdf_name=pdf_name[:200] if pdf else "", change_summary=change_summary.strip()[:500], created_by=by,
    )
    _audit(action=AuditAction.CREATED, by=by, obj=version, organisation_id=policy.organisation_id, request=request)
    return version


@transaction.atomic
def version_approve(
    *,
    version: PolicyVersion,
    approved_on: date,
    approved_by: str,
    review_due_on: date | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> PolicyVersion:
    """Approve a draft: it becomes the current version, the next yearly review is set, and any
    review asked for is answered by it."""
    if version.approved_on is not None:
        raise PreventionError("This version is already approved. Make a new version to change it.")
    if approved_on > timezone.localdate():
        raise PreventionError("The approval date cannot be in the future.")
    if not approved_by.strip():
        raise PreventionError("Say who approved it, for example 'Governing board'.")
    version.approved_on, version.approved_by = approved_on, approved_by.strip()[:200]
    version.save(update_fields=["approved_on", "approved_by"])
    policy = version.policy
    policy.review_due_on = review_due_on or add_months(approved_on, 12)
    policy.save(update_fields=["review_due_on"])
    policy.reviews.filter(done_on__isnull=True).update(
        done_on=approved_on, done_by=by, version=version, outcome=f"Answered by version {version.number}."
    )
    _audit(action=AuditAction.CHANGED, by=by, obj=version, organisation_id=policy.organisation_id, request=request,
           detail={"approved_on": approved_on.isoformat()})
    return version


@transaction.atomic
def review_record(*, policy: Policy, outcome: str, by: User, request: HttpRequest | None = None) -> PolicyReview:
    """A review that found no change needed: recorded, and the next one set a year on."""
    outcome = outcome.strip()
    if not outcome:
        raise PreventionError("Say what the review found, for example 'Still fits; no change needed'.")
    today = timezone.localdate()
    review = PolicyReview.objects.create(
        policy=policy, reason=PolicyReview.Reason.YEARLY, requested_by=by, done_on=today, done_by=by,
        outcome=outcome[:2000],
    )
    policy.reviews.filter(done_on__isnull=True).update(done_on=today, done_by=by, outcome=outcome[:2000])
    policy.review_due_on = add_months(today, 12)
    policy.save(update_fields=["review_due_on"])
    _audit(action=AuditAction.CHANGED, by=by, obj=policy, organisation_id=policy.organisation_id, request=request,
           detail={"review": "done"})
    return review


@transaction.atomic
def policy_review_request(
    *, policy: Policy, case: Any, reason: str, by: User | None = None, request: HttpRequest | None = None
) -> PolicyReview:
    """A case review says this policy should change: the policy's review is due now, linked to the case."""
    reason = reason.strip()
    if not reason:
        raise PreventionError("Say what the case review found should change in the policy.")
    if case is not None and case.organisation_id != policy.organisation_id:
        raise PreventionError("The case and the policy belong to different organisations.")
    open_one = policy.reviews.filter(done_on__isnull=True, case=case).first() if case is not None else None
    if open_one is not None:
        open_one.why = f"{open_one.why}\n{reason}"[:4000]
        open_one.save(update_fields=["why"])
        return open_one
    review = PolicyReview.objects.create(
        policy=policy, reason=PolicyReview.Reason.INCIDENT, case=case, why=reason[:4000], requested_by=by
    )
    _audit(action=AuditAction.CREATED, by=by, obj=review, organisation_id=policy.organisation_id, request=request,
           detail={"case": case.pk if case is not None else None})
    return review


# --- Acknowledgements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Slip:
    """A personal link and code, shown once to the member of staff who prints or sends them."""

    acknowledgement: Acknowledgement
    token: str
    code: str

    @property
    def path(self) -> str:
        return reverse("prevention_public:acknowledge", args=[self.token])


def _new_secrets() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return token, f"{raw[:5]}-{raw[5:]}"


def _people_for(*, organisation: Organisation, audience: str, group: str) -> list[Person]:
    people = Person.objects.filter(organisation=organisation, is_archived=False, kind__in=AUDIENCE_KINDS[audience])
    if group:
        people = people.filter(year_group=group) | people.filter(class_name=group)
    return list(people.order_by("last_name", "first_name", "pk"))


def _staff_for(*, organisation: Organisation) -> list[User]:
    ids = Membership.objects.filter(organisation=organisation, is_active=True).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "pk"))


@transaction.atomic
def acknowledgements_send(
    *, version: PolicyVersion, audience: str, group: str = "", by: User, request: HttpRequest | None = None
) -> tuple[int, list[Slip]]:
    """Ask a group to acknowledge an approved acceptable-use version. Staff are asked by account
    (and emailed); everyone else gets a personal link and code (the slips, shown once). Someone
    already asked for this version is not asked twice. Returns (how many asked, slips)."""
    policy = version.policy
    if policy.kind not in ACCEPTABLE_USE:
        raise PreventionError("Only acceptable-use policies are sent for acknowledgement.")
    if version.approved_on is None:
        raise PreventionError("Approve this version before sending it.")
    if audience not in Audience.values:
        raise PreventionError("Choose who to send it to.")
    organisation = policy.organisation
    slips: list[Slip] = []
    asked = 0
    if audience == Audience.STAFF:
        already = set(version.acknowledgements.filter(user__isnull=False).values_list("user_id", flat=True))
        recipients = []
        for user in _staff_for(organisation=organisation):
            if user.pk in already:
                continue
            Acknowledgement.objects.create(organisation=organisation, version=version, audience=audience, user=user)
            recipients.append(user.email)
            asked += 1
        if recipients:
            link = settings.SITE_URL + reverse("prevention:my_acknowledgements")
            transaction.on_commit(lambda: _email_staff(policy=policy, version=version, emails=recipients, link=link))
    else:
        already = set(version.acknowledgements.filter(person__isnull=False).values_list("person_id", flat=True))
        for person in _people_for(organisation=organisation, audience=audience, group=group.strip()):
            if person.pk in already:
                continue
            token, code = _new_secrets()
            ack = Acknowledgement.objects.create(
                organisation=organisation, version=version, audience=audience, person=person,
                token_hash=hash_token(token), code_hash=hash_code(code),
            )
            slips.append(Slip(ack, token, code))
            asked += 1
    if not asked:
        raise PreventionError("Everyone in that group has already been asked to acknowledge this version.")
    _audit(action=AuditAction.CREATED, by=by, obj=version, organisation_id=organisation.pk, request=request,
           detail={"acknowledgements_asked": asked, "audience": audience, "group": group[:60]})
    return asked, slips


@transaction.atomic
def acknowledgements_send_again(
    *, version: PolicyVersion, by: User, request: HttpRequest | None = None
) -> tuple[int, list[Slip]]:
    """A new version asks again: everyone asked to acknowledge an earlier version is asked for this one."""
    if version.approved_on is None:
        raise PreventionError("Approve this version before sending it.")
    earlier = Acknowledgement.objects.filter(version__policy=version.policy, version__number__lt=version.number)
    user_ids = set(earlier.filter(user__isnull=False).values_list("user_id", flat=True))
    person_ids = set(earlier.filter(person__isnull=False).values_list("person_id", flat=True))
    user_ids -= set(version.acknowledgements.values_list("user_id", flat=True))
    person_ids -= set(version.acknowledgements.values_list("person_id", flat=True))
    if not user_ids and not person_ids:
        raise PreventionError("No one was asked about an earlier version, or everyone has been asked again already.")
    organisation = version.policy.organisation
    audiences = dict(earlier.filter(person__isnull=False).values_list("person_id", "audience"))
    slips: list[Slip] = []
    emails = []
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("full_name"):
        Acknowledgement.objects.create(organisation=organisation, version=version, audience=Audience.STAFF, user=user)
        emails.append(user.email)
    people = Person.objects.filter(pk__in=person_ids, organisation=organisation, is_archived=False)
    for person in people.order_by("last_name", "first_name", "pk"):
        token, code = _new_secrets()
        ack = Acknowledgement.objects.create(
            organisation=organisation, version=version, audience=audiences[person.pk], person=person,
            token_hash=hash_token(token), code_hash=hash_code(code),
        )
        slips.append(Slip(ack, token, code))
    if emails:
        link = settings.SITE_URL + reverse("prevention:my_acknowledgements")
        transaction.on_commit(lambda: _email_staff(policy=version.policy, version=version, emails=emails, link=link))
    asked = len(emails) + len(slips)
    _audit(action=AuditAction.CREATED, by=by, obj=version, organisation_id=organisation.pk, request=request,
           detail={"acknowledgements_asked": asked, "audience": "asked_before"})
    return asked, slips


def _email_staff(*, policy: Policy, version: PolicyVersion, emails: list[str], link: str, reminder: bool = False) -> None:
    subject = f"{'Reminder: please' if reminder else 'Please'} read and acknowledge: {policy.title}"
    body = (
        f"{policy.organisation.name} asks you to read version {version.number} of the {policy.title.lower()} "
        f"and confirm you have read it and will follow it.\n\nSign in to Upstander to read it: {link}\n"
    )
    for email in emails:  # one each: colleagues do not see each other's addresses
        send_mail(subject, body, None, [email])


@transaction.atomic
def acknowledgements_remind(
    *, version: PolicyVersion, by: User, request: HttpRequest | None = None
) -> tuple[int, list[Slip]]:
    """Remind everyone still outstanding: staff by email; others get new slips (the old link and
    code stop working, because only hashes are kept and the new ones replace them)."""
    now = timezone.now()
    outstanding = list(version.acknowledgements.filter(acknowledged_at__isnull=True).select_related("user", "person"))
    if not outstanding:
        raise PreventionError("Everyone asked has acknowledged this version.")
    slips: list[Slip] = []
    emails: list[str] = []
    for ack in outstanding:
        if ack.user_id:
            emails.append(ack.user.email)  # type: ignore[union-attr]
        else:
            token, code = _new_secrets()
            ack.token_hash, ack.code_hash = hash_token(token), hash_code(code)
            slips.append(Slip(ack, token, code))
        ack.reminded_at = now
        ack.save(update_fields=["token_hash", "code_hash", "reminded_at"])
    if emails:
        link = settings.SITE_URL + reverse("prevention:my_acknowledgements")
        transaction.on_commit(
            lambda: _email_staff(policy=version.policy, version=version, emails=emails, link=link, reminder=True)
        )
    _audit(action=AuditAction.CHANGED, by=by, obj=version, organisation_id=version.policy.organisation_id,
           request=request, detail={"acknowledgements_reminded": len(outstanding)})
    return len(outstanding), slips


def acknowledgement_for_token(token: str) -> Acknowledgement | None:
    if not token or len(token) > 100:
        return None
    return (
        Acknowledgement.objects.select_related("version__policy__organisation", "person")
        .filter(token_hash=hash_token(token), person__isnull=False)
        .first()
    )


def acknowledgement_for_code(code: str) -> Acknowledgement | None:
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    return (
        Acknowledgement.objects.select_related("version__policy__organisation", "person")
        .filter(code_hash=hash_code(code), person__isnull=False)
        .first()
    )


@transaction.atomic
def acknowledge(*, acknowledgement: Acknowledgement, user: User | None = None, request: HttpRequest | None = None) -> Acknowledgement:
    """Record that this person read and accepts this version (once; again is harmless).

    A staff acknowledgement must be given by its own account; a personal one, by its link or code.
    The link and code stop working once used."""
    ack = Acknowledgement.objects.select_for_update().get(pk=acknowledgement.pk)
    if ack.user_id is not None and (user is None or user.pk != ack.user_id):
        raise PreventionError("This acknowledgement belongs to someone else.")
    if ack.acknowledged_at is not None:
        return ack
    ack.acknowledged_at = timezone.now()
    ack.token_hash = ack.code_hash = ""
    ack.save(update_fields=["acknowledged_at", "token_hash", "code_hash"])
    _audit(action=AuditAction.CHANGED, by=user, obj=ack, organisation_id=ack.organisation_id, request=request,
           detail={"acknowledged": True, "version": ack.version_id}, record_ip=False)
    return ack


# --- Training -----------------------------------------------------------------------------------


@transaction.atomic
def training_record(
    *,
    organisation: Organisation,
    user: User,
    kind: str,
    completed_on: date,
    expires_on: date | None = None,
    provider: str = "",
    notes: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> TrainingRecord:
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        raise PreventionError("That person is not a member of this organisation.")
    if kind not in TrainingKind.values:
        raise PreventionError("Choose which training this was.")
    if completed_on > timezone.localdate():
        raise PreventionError("The date completed cannot be in the future.")
    expires_on = expires_on or add_months(completed_on, TRAINING_VALID_MONTHS[TrainingKind(kind)])
    if expires_on <= completed_on:
        raise PreventionError("The expiry date must be after the date completed.")
    record = TrainingRecord.objects.create(
        organisation=organisation, user=user, kind=kind, completed_on=completed_on, expires_on=expires_on,
        provider=provider.strip()[:200], notes=notes.strip()[:500], recorded_by=by,
    )
    _audit(action=AuditAction.CREATED, by=by, obj=record, organisation_id=organisation.pk, request=request)
    return record


def training_remind(*, organisation: Organisation, within_days: int = 30) -> int:
    """Email each member whose training runs out within `within_days` (or has run out), once a fortnight."""
    today = timezone.localdate()
    sent = 0
    for item in selectors.training_due(organisation=organisation, today=today, within_days=within_days):
        record = item.record
        if record is None or (record.reminded_at and (timezone.now() - record.reminded_at) < timedelta(days=14)):
            continue
        state = "ran out" if item.expired else "runs out"
        send_mail(
            f"Training to renew: {TrainingKind(item.kind).label}",
            f"Your {TrainingKind(item.kind).label.lower()} training at {organisation.name} {state} on "
            f"{record.expires_on:%d %B %Y}. Please book a refresher and tell your safeguarding lead when it is done.",
            None,
            [item.user.email],
        )
        TrainingRecord.objects.filter(pk=record.pk).update(reminded_at=timezone.now())
        sent += 1
    return sent


# --- Awareness ----------------------------------------------------------------------------------


@transaction.atomic
def awareness_record(
    *, organisation: Organisation, data: dict[str, Any], by: User, request: HttpRequest | None = None
) -> AwarenessActivity:
    if data["held_on"] > timezone.localdate() + timedelta(days=366):
        raise PreventionError("Check the year of that date.")
    activity = AwarenessActivity.objects.create(organisation=organisation, recorded_by=by, **data)
    _audit(action=AuditAction.CREATED, by=by, obj=activity, organisation_id=organisation.pk, request=request)
    return activity


# --- Pupil-voice surveys ------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    organisation: Organisation,
    series: str,
    term: str,
    group: str,
    question_keys: list[str],
    opens_on: date,
    closes_on: date,
    expected: int,
    by: User,
    request: HttpRequest | None = None,
) -> Survey:
    """A survey at an unguessable address; every tally row exists (at 0) from the start, so an
    answer never creates a row."""
    keys = [key for key in question_keys if key in questions.BY_KEY]
    if not keys:
        raise PreventionError("Choose at least one question.")
    if closes_on < opens_on:
        raise PreventionError("The survey must close on or after the day it opens.")
    if (closes_on - opens_on).days > 62:
        raise PreventionError("Keep a survey open for two months at most: it is asked again next term.")
    if expected < MIN_GROUP:
        raise PreventionError(
            f"Ask a group of at least {MIN_GROUP} pupils: results of smaller groups are never shown."
        )
    survey = Survey.objects.create(
        organisation=organisation, series=series.strip()[:80], term=term.strip()[:40], group=group.strip()[:60],
        questions=keys, opens_on=opens_on, closes_on=closes_on, expected=expected,
        token=secrets.token_urlsafe(18), created_by=by,
    )
    SurveyTally.objects.bulk_create(
        [
            SurveyTally(survey=survey, question=key, choice=choice)
            for key in keys
            for choice, _label in questions.BY_KEY[key].choices
        ]
    )
    _audit(action=AuditAction.CREATED, by=by, obj=survey, organisation_id=organisation.pk, request=request)
    return survey


def survey_repeat(
    *, survey: Survey, opens_on: date, closes_on: date, expected: int | None = None, by: User,
    request: HttpRequest | None = None,
) -> Survey:
    """The same questions to the same group next term, at a new address."""
    return survey_create(
        organisation=survey.organisation, series=survey.series, term=term_of(opens_on), group=survey.group,
        question_keys=list(survey.questions), opens_on=opens_on, closes_on=closes_on,
        expected=expected or survey.expected, by=by, request=request,
    )


def survey_is_open(survey: Survey, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.opens_on <= today <= survey.closes_on and survey.responses < survey.expected


def clean_answers(survey: Survey, answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every question answered with choices from its own list, or PreventionError."""
    cleaned: dict[str, list[str]] = {}
    for key in survey.questions:
        question = questions.BY_KEY[key]
        given = list(dict.fromkeys(answers.get(key) or []))
        allowed = {choice for choice, _ in question.choices}
        if not given or any(choice not in allowed for choice in given):
            raise PreventionError(f"Answer the question: {question.text}")
        if not question.multiple and len(given) != 1:
            raise PreventionError(f"Choose one answer: {question.text}")
        cleaned[key] = given
    return cleaned


@transaction.atomic
def survey_submit(*, survey: Survey, answers: dict[str, list[str]]) -> None:
    """Count one pupil's whole response, in one transaction, at the end.

    Only counts change: nothing about the pupil, their address, device or the time is written, no
    row is created, and no audit event is written. Every tally row of the survey is rewritten by one
    statement (+1 where chosen, +0 elsewhere), so even the database's own row versions (PostgreSQL's
    xmin) cannot tell which answers the latest pupil gave."""
    cleaned = clean_answers(survey, answers)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey_is_open(locked):
        raise PreventionError("This survey is closed.")
    pairs = [(key, choice) for key, chosen in cleaned.items() for choice in chosen]
    random.SystemRandom().shuffle(pairs)
    chosen = Q()
    for key, choice in pairs:
        chosen |= Q(question=key, choice=choice)
    SurveyTally.objects.filter(survey=locked).update(
        count=F("count") + Case(When(chosen, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    Survey.objects.filter(pk=locked.pk).update(responses=F("responses") + 1)
