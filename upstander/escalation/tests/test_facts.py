"""parse_facts: what it accepts, what it presumes, and the errors that say what to fix."""

from __future__ import annotations

from typing import Any

import pytest

from upstander.escalation import Facts, FactsError, Person, parse_facts


def test_empty_facts_mean_everything_unknown() -> None:
    assert parse_facts({}) == Facts()


def test_it_reads_every_fact() -> None:
    facts = parse_facts(
        {
            "id": "case-1",
            "danger_now": True,
            "categories": ["threat", "insult", "threat"],
            "prejudice": ["racist"],
            "target": {"kind": "pupil", "age": 14, "adult_at_risk": False},
            "perpetrator": {"kind": "external_adult", "age": None},
            "prior_incidents_same_pair": 2,
            "platform_reported_days_ago": 9,
            "poster_known_and_refused_removal": False,
            "calls_or_texts": True,
        }
    )
    assert facts.id == "case-1"
    assert facts.danger_now and facts.calls_or_texts and not facts.grooming
    assert facts.categories == frozenset({"threat", "insult"})
    assert facts.target == Person(kind="pupil", age=14)
    assert facts.perpetrator.kind == "external_adult" and facts.perpetrator.is_adult
    assert (facts.prior_incidents_same_pair, facts.platform_reported_days_ago) == (2, 9)
    assert facts.poster_known_and_refused_removal is False


def test_null_means_unknown_and_keeps_refusal_unknown() -> None:
    facts = parse_facts({"danger_now": None, "target": None, "prior_incidents_same_pair": None,
                         "poster_known_and_refused_removal": None})  # fmt: skip
    assert facts == Facts()
    assert facts.poster_known_and_refused_removal is None


@pytest.mark.parametrize(
    ("person", "child", "adult"),
    [
        (Person(kind="pupil"), True, False),
        (Person(kind="pupil", age=18), False, True),
        (Person(kind="staff"), False, True),
        (Person(kind="parent", age=17), True, False),
        (Person(kind="service_user"), False, True),
        (Person(kind="unknown"), False, False),
        (Person(kind="unknown", adult_at_risk=True), False, True),
    ],
)
def test_age_decides_childhood_and_kind_decides_when_age_is_unknown(person: Person, child: bool, adult: bool) -> None:
    assert (person.is_child, person.is_adult) == (child, adult)


def test_the_new_facts_are_read_and_hate_is_accepted_as_a_category() -> None:
    facts = parse_facts({"setting": "adult_learning", "platform_declined": True, "unsuitable_to_work_with_children": True,
                         "categories": ["hate", "insult"], "capacity_to_consent_concern": True})  # fmt: skip
    assert facts.setting == "adult_learning" and facts.adult_only
    assert facts.platform_declined and facts.unsuitable_to_work_with_children and facts.capacity_to_consent_concern
    assert facts.categories == frozenset({"hate", "insult"})
    assert parse_facts({}).setting is None and not parse_facts({"setting": "school"}).adult_only


def test_a_whole_number_written_as_a_float_is_accepted() -> None:
    assert parse_facts({"target": {"age": 14.0}}).target.age == 14


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"target": {"kind": "pupil", "age": "ten"}}, "target.age", 'not the string "ten"'),
        ({"target": {"age": 14.5}}, "target.age", "whole number"),
        ({"target": {"age": -1}}, "target.age", "negative"),
        ({"target": {"age": 400}}, "target.age", "plausible"),
        ({"target": {"age": True}}, "target.age", "whole number"),
        ({"perpetrator": {"kind": "teacher"}}, "perpetrator.kind", "Kinds: pupil, staff"),
        ({"perpetrator": {"kind": "pupl"}}, "perpetrator.kind", 'Did you mean "pupil"'),
        ({"perpetrator": {"kind": 3}}, "perpetrator.kind", "unknown kind"),
        ({"perpetrator": {"role": "pupil"}}, "perpetrator.role", "not a field of a person"),
        ({"target": "pupil"}, "target", '"target": {"kind": "pupil"'),
        ({"categories": ["bullying"]}, "categories", 'unknown name "bullying"'),
        ({"setting": "primary"}, "setting", "Settings: school, college, adult_learning"),
        ({"setting": "scool"}, "setting", 'Did you mean "school"'),
        ({"setting": 3}, "setting", "unknown setting"),
        ({"platform_declined": "yes"}, "platform_declined", 'write "platform_declined": true'),
        ({"unsuitable_to_work_with_children": 1}, "unsuitable_to_work_with_children", "true, false or null"),
        ({"categories": "insult"}, "categories", "must be a list"),
        ({"categories": [1]}, "categories", "names in quotes"),
        ({"prejudice": ["racism"]}, "prejudice", 'Did you mean "racist"'),
        ({"danger_now": "yes"}, "danger_now", 'write "danger_now": true'),
        ({"danger_now": 1}, "danger_now", "true, false or null"),
        ({"danger_nwo": True}, "danger_nwo", 'Did you mean "danger_now"'),
        ({"prior_incidents_same_pair": "two"}, "prior_incidents_same_pair", "whole number"),
        ({"platform_reported_days_ago": -3}, "platform_reported_days_ago", "negative"),
        ({"poster_known_and_refused_removal": "no"}, "poster_known_and_refused_removal", "true, false or null"),
        ({"id": ["a"]}, "id", "string, a whole number or null"),
        ({"id": True}, "id", "string, a whole number or null"),
    ],
)
def test_a_bad_fact_raises_a_value_error_naming_the_field_and_the_fix(
    data: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValueError, match=r".") as info:
        parse_facts(data)
    assert isinstance(info.value, FactsError)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert words in str(info.value)


@pytest.mark.parametrize("data", [[], "facts", 3, None])
def test_something_other_than_an_object_is_refused(data: Any) -> None:
    with pytest.raises(FactsError, match="must be a JSON object"):
        parse_facts(data)


def test_facts_are_frozen() -> None:
    facts = parse_facts({"danger_now": True})
    with pytest.raises(AttributeError):
        facts.danger_now = False  # type: ignore[misc]
