"""One source for each vocabulary (issue 11): behaviours, prejudice strands, reporter roles and kinds,
person kinds, channels and platforms live in `upstander/taxonomy.py` (platforms in the directory,
`upstander/platforms.py`), duties with their titles and agencies in `taxonomy.DUTIES`. Every other
place imports them; these tests fail if any place that still names them disagrees."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.management import call_command
from django.db import models

from upstander import labels, platforms, taxonomy
from upstander.taxonomy import (
    BEHAVIOURS,
    CHANNELS,
    DUTY_CODES,
    HATE,
    PERSON_KINDS,
    PLATFORMS,
    PREJUDICE_STRANDS,
    REPORTER_KINDS,
    REPORTER_ROLES,
    URGENT,
)

KNOWN_LABELS = {*BEHAVIOURS, *PREJUDICE_STRANDS, HATE, URGENT}


def values(choices: Any) -> set[str]:
    """The non-blank values of a choices list or a Choices class."""
    pairs = choices.choices if hasattr(choices, "choices") else choices
    return {str(value) for value, _ in pairs if value != ""}


# --- behaviours and strands: the classifier, the rules, the pages ------------------------------------


def test_every_label_the_classifier_can_emit_is_a_known_behaviour_or_strand() -> None:
    from upstander.analysis import _lexicons, _reporter_templates, classifier, rules

    assert classifier.BEHAVIOURS == BEHAVIOURS
    assert classifier.STRANDS == rules.STRANDS == _lexicons.STRANDS == PREJUDICE_STRANDS
    heads = {h.removeprefix("strand_") for h in classifier.HEADS}
    assert heads == KNOWN_LABELS
    assert set(_reporter_templates._LABELS) | set(_reporter_templates._STRANDS) == KNOWN_LABELS
    assert set(rules.BEHAVIOUR_PATTERN_LABELS) <= KNOWN_LABELS
    found = classifier.Classifier.load().classify("I will kill you, you stupid gay, everyone knows what you did. Go cut yourself.")
    assert found["flags"] and set(found["flags"]) <= KNOWN_LABELS
    assert set(found["categories"]) <= KNOWN_LABELS and set(found["prejudice"]) == set(PREJUDICE_STRANDS)


def test_every_behaviour_and_strand_has_its_words_and_every_choice_set_is_the_vocabulary() -> None:
    from upstander.cases import taxonomy as case_taxonomy
    from upstander.escalation import facts
    from upstander.insights import selectors as insights

    assert tuple(taxonomy.BEHAVIOUR_LABELS) == BEHAVIOURS
    assert tuple(taxonomy.PREJUDICE_LABELS) == PREJUDICE_STRANDS
    assert [name for name, _ in case_taxonomy.BEHAVIOUR_CHOICES] == list(BEHAVIOURS)
    assert [name for name, _ in case_taxonomy.PREJUDICE_CHOICES] == list(PREJUDICE_STRANDS)
    assert (facts.BEHAVIOURS, facts.PREJUDICE_STRANDS, facts.KINDS) == (BEHAVIOURS, PREJUDICE_STRANDS, PERSON_KINDS)
    assert (*BEHAVIOURS, HATE) == facts.CATEGORY_NAMES
    assert tuple(insights.BEHAVIOURS) == BEHAVIOURS and tuple(insights.STRANDS) == PREJUDICE_STRANDS


def test_every_name_other_modules_key_by_behaviour_or_strand_is_known() -> None:
    from upstander.cases import notices
    from upstander.guidance import selectors as guidance
    from upstander.reports.models import CONCERN_CATEGORY
    from upstander.takedown import directory, drafts

    assert set(CONCERN_CATEGORY.values()) <= set(BEHAVIOURS)
    assert set(guidance._TOPICS_FOR_CATEGORY) <= KNOWN_LABELS
    assert set(notices.SHORT) <= KNOWN_LABELS
    assert set(drafts.HARM_WORDS) <= KNOWN_LABELS
    for harms in directory.TERMS.values():
        assert set(harms) <= KNOWN_LABELS


# --- roles, kinds, channels: models, forms, the report schema ----------------------------------------


def test_reporter_roles_are_one_list_and_service_user_is_a_kind_not_a_role() -> None:
    from upstander.guidance.models import AUDIENCE_FOR_ROLE, AdviceReader
    from upstander.reports.models import RECORDED_HOW, ReporterKind, ReporterRole

    assert tuple(ReporterRole.values) == REPORTER_ROLES
    assert "service_user" not in REPORTER_ROLES and "service_user" in REPORTER_KINDS
    assert set(RECORDED_HOW) == set(REPORTER_ROLES)
    assert set(labels.REPORTER_ROLES) == set(taxonomy.REPORTER_ROLE_LABELS) == set(REPORTER_ROLES)
    assert values(ReporterKind) == set(REPORTER_KINDS) <= set(PERSON_KINDS)
    # The advice's readers: every reporter role, plus the person kinds the advice speaks to by kind.
    assert set(REPORTER_ROLES) <= set(AdviceReader.values)
    assert set(AdviceReader.values) - set(REPORTER_ROLES) <= set(PERSON_KINDS)
    assert set(AUDIENCE_FOR_ROLE) == set(AdviceReader.values)


def test_person_kinds_and_channels_are_one_list() -> None:
    from upstander.people.models import PersonKind
    from upstander.reports.models import Channel

    assert tuple(PersonKind.values) == PERSON_KINDS
    assert tuple(Channel.values) == CHANNELS == tuple(taxonomy.CHANNEL_LABELS)


def test_every_form_and_schema_choice_set_is_the_vocabulary() -> None:
    from upstander.cases import forms as case_forms
    from upstander.evidence import forms as evidence_forms
    from upstander.reports import api, schema
    from upstander.reports import forms as report_forms

    document = api.document()["components"]["schemas"]["ReportIn"]["properties"]

    def enum(name: str) -> set[str]:
        prop = document[name]
        return set(prop["enum"] if "enum" in prop else prop["anyOf"][0]["enum"])

    assert enum("reporter_role") == set(REPORTER_ROLES)
    assert enum("reporter_kind") == set(REPORTER_KINDS)
    assert enum("channel") == set(CHANNELS)
    assert enum("platform") == set(PLATFORMS)
    assert (schema.REPORTER_ROLES, schema.CHANNELS, schema.PLATFORMS) == (REPORTER_ROLES, CHANNELS, PLATFORMS)

    staff_roles = report_forms.StaffRecordForm.base_fields["reporter_role"]
    assert values(staff_roles.choices) - {report_forms.SELF} <= set(REPORTER_ROLES)  # type: ignore[attr-defined]
    for options in report_forms.WHO_OPTIONS.values():
        for option in options.values():
            assert option.role in REPORTER_ROLES and option.kind in {"", *REPORTER_KINDS}, option
    # Every form of every app that asks for a platform or a channel offers exactly the vocabulary.
    asked = [
        (name, field)
        for module in (report_forms, case_forms, evidence_forms)
        for form_class in vars(module).values()
        if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm)
        for name, field in getattr(form_class, "base_fields", {}).items()
        if name in ("platform", "channel") and isinstance(field, forms.ChoiceField)
    ]
    assert {name for name, _ in asked} == {"platform", "channel"} and len(asked) >= 6
    for name, field in asked:
        assert values(field.choices) == set(PLATFORMS if name == "platform" else CHANNELS), (name, field)


# --- platforms: every place that names one ----------------------------------------------------------


def _fields_named(*names: str) -> list[models.Field[Any, Any]]:
    return [
        field
        for model in apps.get_models()
        if model.__module__.startswith("upstander.")
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.name in names and field.choices
    ]


def test_every_platform_used_anywhere_is_in_the_directory() -> None:
    from upstander.escalation import facts
    from upstander.guidance.models import GENERIC_CHANNELS, PlatformCode
    from upstander.reports.models import Platform
    from upstander.takedown import directory

    slugs = set(platforms.PLATFORM_SLUGS)
    assert PLATFORMS == platforms.PLATFORM_SLUGS == facts.PLATFORMS
    assert list(Platform.choices)[:-1] == platforms.choices() and Platform.UNKNOWN == ""
    assert list(PlatformCode.choices) == platforms.choices()
    assert set(GENERIC_CHANNELS) <= slugs
    assert set(directory.TERMS) <= slugs and set(directory.METHODS) <= slugs
    platform_fields = [f for f in _fields_named("platform") if f.model._meta.label != "guidance.Platform"]
    assert len(platform_fields) >= 3  # reports, cases, evidence (and any newer app)
    for field in platform_fields:
        assert values(field.choices) == slugs, field
    for field in _fields_named("channel"):
        assert values(field.choices) == set(CHANNELS), field


def test_every_stored_kind_and_role_field_takes_the_vocabulary() -> None:
    for field in _fields_named("reporter_role"):
        assert values(field.choices) == set(REPORTER_ROLES), field
    for field in _fields_named("reporter_kind"):
        assert values(field.choices) == set(REPORTER_KINDS), field
    kind_fields = [f for f in _fields_named("kind") if set(values(f.choices)) & {"pupil", "service_user"}]
    assert kind_fields
    for field in kind_fields:
        assert values(field.choices) <= set(PERSON_KINDS), field


# --- duties ------------------------------------------------------------------------------------------


def test_every_duty_in_the_rules_has_a_title_and_its_agency_in_the_one_table() -> None:
    from upstander.cases import duties
    from upstander.escalation import rules
    from upstander.takedown.models import DUTY_ROUTES
    from upstander.takedown.packs import DUTY_AGENCY

    assert rules.DUTY_CODES == DUTY_CODES
    assert {rule.duty for rule in rules.RULES} <= set(DUTY_CODES) and set(rules.DUTIES) == set(DUTY_CODES)
    assert set(taxonomy.DUTY_TITLES) == set(DUTY_CODES) and all(taxonomy.DUTY_TITLES.values())
    assert set(taxonomy.DUTY_AGENCIES) <= set(DUTY_CODES)
    assert duties.TITLES is taxonomy.DUTY_TITLES and duties.AGENCIES is taxonomy.DUTY_AGENCIES
    assert set(taxonomy.DUTY_AGENCIES) >= duties.LOCAL_AUTHORITY_DUTIES
    # Duties another app acts on are duties of the rules (takedown routes, referral packs).
    assert set(DUTY_ROUTES) <= set(DUTY_CODES) and set(DUTY_AGENCY) <= set(taxonomy.DUTY_AGENCIES)


# --- a change of choices comes with its migration ---------------------------------------------------


@pytest.mark.django_db
def test_no_choices_change_is_left_without_its_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"a model change has no migration (run `upstander makemigrations`):\n{out.getvalue()}"[:2000])
        raise AssertionError from exc
