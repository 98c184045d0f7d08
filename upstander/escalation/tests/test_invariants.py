"""Property tests: the invariants the escalation rules must keep for any facts at all."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.escalation import DUTY_CODES, FactsError, escalate, parse_facts, recommend
from upstander.escalation.facts import FACT_FIELDS, PERSON_FIELDS
from upstander.escalation.references import ALL_REFERENCES
from upstander.escalation.rules import IMAGE_PROHIBITION, RULES_VERSION
from upstander.escalation.tests.support import HANDLING_WORDS, facts_data, json_values

# Duties that would mean someone handling or pointing others at the content.
CONTENT_HANDLING_DUTIES = {"report_to_platform", "ask_poster_to_remove", "meeting_with_adult"}

# Per test, not a global profile, so other apps' property tests keep their own settings; 100 examples
# each keeps the escalation suite under 20 s on a busy machine.
examples = settings(max_examples=100, deadline=None)


def _with_image(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "sexual_image_of_under_18": True}


@examples
@given(facts_data)
def test_danger_now_always_comes_first(data: dict[str, Any]) -> None:
    recommendation = escalate(data={**data, "danger_now": True})
    assert recommendation.codes[0] == "call_999"


@examples
@given(facts_data)
def test_a_staff_perpetrator_always_yields_the_lado(data: dict[str, Any]) -> None:
    perpetrator = {**(data.get("perpetrator") or {}), "kind": "staff"}
    assert "lado" in escalate(data={**data, "perpetrator": perpetrator}).codes


@examples
@given(facts_data)
def test_an_under_18s_sexual_image_always_yields_do_not_view_image_next_after_any_emergency(
    data: dict[str, Any],
) -> None:
    codes = escalate(data=_with_image(data)).codes
    assert "do_not_view_image" in codes
    assert codes.index("do_not_view_image") == (1 if codes[0] == "call_999" else 0)


@examples
@given(facts_data)
def test_no_reason_suggests_handling_an_under_18s_image(data: dict[str, Any]) -> None:
    recommendation = escalate(data=_with_image(data))
    assert not set(recommendation.codes) & CONTENT_HANDLING_DUTIES
    for duty in recommendation.duties:
        # The prohibition names the forbidden acts in order to forbid them; everything else must not.
        text = duty.reason.replace(IMAGE_PROHIBITION, "")
        assert not HANDLING_WORDS.search(text), (duty.duty, HANDLING_WORDS.search(text))


@examples
@given(facts_data)
def test_duties_are_ordered_by_priority_and_each_appears_once(data: dict[str, Any]) -> None:
    duties = escalate(data=data).duties
    keys = [(d.priority, DUTY_CODES.index(d.duty)) for d in duties]
    assert keys == sorted(keys)
    assert len({d.duty for d in duties}) == len(duties)


@examples
@given(facts_data, st.randoms(use_true_random=False))
def test_the_output_does_not_depend_on_the_order_of_lists_or_keys(data: dict[str, Any], rnd: Any) -> None:
    shuffled = dict(rnd.sample(list(data.items()), len(data)))
    for name in ("categories", "prejudice"):
        if shuffled.get(name):
            shuffled[name] = rnd.sample(shuffled[name], len(shuffled[name]))
    assert escalate(data=shuffled) == escalate(data=data)


@examples
@given(facts_data)
def test_every_duty_is_well_formed(data: dict[str, Any]) -> None:
    recommendation = escalate(data=data)
    assert recommendation.rules_version == RULES_VERSION
    assert recommendation.id == data.get("id")
    for duty in recommendation.duties:
        assert duty.duty in DUTY_CODES
        assert duty.reason and "{" not in duty.reason and "}" not in duty.reason
        assert set(duty.legal) <= ALL_REFERENCES
        assert len(set(duty.legal)) == len(duty.legal)
        assert duty.rules


@examples
@given(json_values)
def test_any_json_value_either_reads_as_facts_or_fails_with_a_value_error(value: Any) -> None:
    try:
        facts = parse_facts(value)
    except FactsError as exc:
        assert str(exc)
        return
    recommend(facts=facts)


@examples
@given(facts_data, st.sampled_from(FACT_FIELDS), json_values)
def test_a_wrong_value_in_any_known_fact_fails_naming_that_fact(data: dict[str, Any], name: str, value: Any) -> None:
    try:
        facts = parse_facts({**data, name: value})
    except FactsError as exc:
        assert exc.field.split(".")[0] == name
        return
    recommend(facts=facts)


@examples
@given(facts_data, st.sampled_from(("target", "perpetrator")), st.sampled_from(PERSON_FIELDS), json_values)
def test_a_wrong_value_in_a_person_fails_naming_the_dotted_field(
    data: dict[str, Any], who: str, name: str, value: Any
) -> None:
    try:
        facts = parse_facts({**data, who: {name: value}})
    except FactsError as exc:
        assert exc.field == f"{who}.{name}"
        return
    recommend(facts=facts)


@examples
@given(facts_data)
def test_an_explicit_null_means_the_same_as_a_missing_fact(data: dict[str, Any]) -> None:
    nulls = {name: None for name in FACT_FIELDS if name not in data}
    assert escalate(data={**data, **nulls}) == escalate(data=data)


@examples
@given(facts_data)
def test_a_parent_perpetrator_of_a_child_is_never_the_parent_the_duty_tells(data: dict[str, Any]) -> None:
    facts = {**data, "perpetrator": {"kind": "parent"}, "target": {"kind": "pupil", "age": 10}}
    duty = next(d for d in escalate(data=facts).duties if d.duty == "inform_parents")
    assert "do not tell that parent" in duty.reason


@examples
@given(facts_data, st.sampled_from(("grooming", "danger_now", "threat_of_death_or_serious_harm", "extremist_content")))
def test_nobody_is_sent_to_talk_to_the_person_responsible_when_that_is_unsafe(data: dict[str, Any], fact: str) -> None:
    codes = escalate(data={**data, fact: True}).codes
    assert "meeting_with_adult" not in codes
    assert "ask_poster_to_remove" not in codes


@examples
@given(facts_data)
def test_a_poster_who_refused_is_not_asked_again(data: dict[str, Any]) -> None:
    codes = escalate(data={**data, "poster_known_and_refused_removal": True}).codes
    assert "meeting_with_adult" not in codes
    assert "ask_poster_to_remove" not in codes
