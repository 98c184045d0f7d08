"""Property tests: the invariants the escalation rules must keep for any facts at all."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.escalation import DUTY_CODES, FactsError, escalate, parse_facts, recommend
from upstander.escalation.facts import FACT_FIELDS, PERSON_FIELDS
from upstander.escalation.references import ALL_REFERENCES
from upstander.escalation.rules import DUTIES, IMAGE_PROHIBITION, RULES_VERSION
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
def test_a_staff_perpetrator_of_a_child_yields_the_lado_where_the_setting_works_with_children(
    data: dict[str, Any],
) -> None:
    perpetrator = {**(data.get("perpetrator") or {}), "kind": "staff"}
    facts = {**data, "perpetrator": perpetrator, "target": {"kind": "pupil", "age": 12}}
    codes = escalate(data=facts).codes
    assert ("lado" in codes) == (data.get("setting") != "adult_learning")


@examples
@given(facts_data)
def test_no_lado_without_a_child_harmed_or_at_risk_or_the_unsuitability_fact(data: dict[str, Any]) -> None:
    facts = parse_facts(data)
    if "lado" not in recommend(facts=facts).codes:
        return
    child_harmed_or_at_risk = (
        facts.target.is_child or facts.sexual_image_of_under_18 or (facts.grooming and not facts.target.is_adult)
    )
    staff = facts.perpetrator.kind == "staff"
    assert (staff and child_harmed_or_at_risk) or facts.unsuitable_to_work_with_children
    assert facts.setting != "adult_learning"


@examples
@given(facts_data)
def test_one_adult_colleague_abusing_another_goes_to_the_employers_procedures_with_support(
    data: dict[str, Any],
) -> None:
    facts = {**data, "perpetrator": {"kind": "staff", "age": 40}, "target": {"kind": "staff", "age": 35}}
    duty = next(d for d in escalate(data=facts).duties if d.duty == "employer_procedures")
    assert "union representative" in duty.reason and "senior leader" in duty.reason
    if "lado" not in escalate(data=facts).codes:
        assert not data.get("unsuitable_to_work_with_children") or data.get("setting") == "adult_learning"


@examples
@given(facts_data)
def test_a_staff_perpetrator_always_gets_the_lado_or_the_employers_procedures(data: dict[str, Any]) -> None:
    perpetrator = {**(data.get("perpetrator") or {}), "kind": "staff"}
    codes = escalate(data={**data, "perpetrator": perpetrator}).codes
    assert "lado" in codes or "employer_procedures" in codes


@examples
@given(
    facts_data,
    st.one_of(st.none(), st.integers(min_value=18, max_value=90)),
    st.sampled_from(("service_user", "staff", "parent", "external_adult")),
)
def test_no_inform_parents_for_an_adult_target_in_adult_learning(
    data: dict[str, Any], age: int | None, kind: str
) -> None:
    facts = {**data, "setting": "adult_learning", "target": {"kind": kind, "age": age}}
    assert "inform_parents" not in escalate(data=facts).codes


@examples
@given(facts_data)
def test_an_adult_only_provider_has_no_lado_and_no_childrens_workforce_helpline(data: dict[str, Any]) -> None:
    codes = escalate(data={**data, "setting": "adult_learning"}).codes
    assert "lado" not in codes and "professionals_helpline" not in codes


@examples
@given(facts_data)
def test_report_harmful_content_never_replaces_the_police(data: dict[str, Any]) -> None:
    recommendation = escalate(data={**data, "platform_declined": True})
    codes = recommendation.codes
    if "report_harmful_content" not in codes:
        return
    assert "report_to_platform" not in codes  # the platform already said no
    rhc = next(d for d in recommendation.duties if d.duty == "report_harmful_content")
    if "police_101" in codes:
        assert codes.index("police_101") < codes.index("report_harmful_content")
        assert "never instead of them" in rhc.reason
    else:
        assert "never instead" not in rhc.reason


@examples
@given(facts_data)
def test_a_declined_platform_report_of_harmful_content_in_scope_goes_to_report_harmful_content(
    data: dict[str, Any],
) -> None:
    facts = {**data, "platform_declined": True, "sexual_image_of_under_18": False, "categories": ["insult"]}
    assert "report_harmful_content" in escalate(data=facts).codes


@examples
@given(facts_data)
def test_the_first_case_harassment_step_is_always_presented_as_the_polices_choice(data: dict[str, Any]) -> None:
    for duty in escalate(data=data).duties:
        if duty.duty == "harassment_first_warning":
            assert "no statutory basis" in duty.reason and "HMICFRS" in duty.reason
            assert "the police's choice" in duty.reason


@examples
@given(facts_data)
def test_an_image_of_an_under_13_alone_is_not_an_immediate_referral(data: dict[str, Any]) -> None:
    facts = {"sexual_image_of_under_18": True, "target": {"kind": "pupil", "age": 12},
             "perpetrator": {"kind": "pupil", "age": 12}, "categories": ["sexual"], "id": data.get("id")}  # fmt: skip
    codes = escalate(data=facts).codes
    assert "police_101" not in codes and "local_authority_child" not in codes
    urgent = escalate(data={**facts, "image_shows_sexual_acts": True}).duties
    police = next(d for d in urgent if d.duty == "police_101")
    assert police.reason.startswith(DUTIES["police_101"].action + " Urgent:")
    assert "a child under 13 is shown in sexual acts" in police.reason


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
