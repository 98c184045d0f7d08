"""The rule table as data: every row well formed, every duty reachable, every reference from uk-facts.md."""

from __future__ import annotations

import re
import string

from upstander.escalation import DUTY_CODES, RULES, RULES_VERSION, escalate
from upstander.escalation.references import ALL_REFERENCES
from upstander.escalation.rules import DUTIES, IMAGE_PROHIBITION
from upstander.escalation.tests.support import HANDLING_WORDS

PLACEHOLDERS = {"days", "occasions", "prior", "strands", "perpetrator", "ukcis"}


def test_the_rules_version_is_a_dated_version_string() -> None:
    assert re.fullmatch(r"\d{4}\.\d{2}-\d+", RULES_VERSION)


def test_the_duty_codes_are_exactly_the_issue_5_vocabulary_and_employer_procedures_from_issue_12() -> None:
    assert set(DUTY_CODES) == {"employer_procedures",
        "call_999", "police_101", "ceop", "local_authority_child", "local_authority_adult", "lado", "prevent",
        "report_to_platform", "report_harmful_content", "professionals_helpline", "mobile_network",
        "ask_poster_to_remove", "meeting_with_adult", "inform_parents", "do_not_view_image", "harassment_first_warning",
    }  # fmt: skip
    assert set(DUTIES) == set(DUTY_CODES)


def test_every_rule_names_a_known_duty_and_has_a_unique_code() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.duty in DUTY_CODES
        assert rule.code.startswith(f"{rule.duty}.")


def test_every_duty_has_at_least_one_rule() -> None:
    assert {rule.duty for rule in RULES} == set(DUTY_CODES)


def test_reasons_use_only_known_placeholders() -> None:
    for rule in RULES:
        names = {name for _, name, _, _ in string.Formatter().parse(rule.reason) if name is not None}
        assert names <= PLACEHOLDERS, rule.code
    for spec in DUTIES.values():
        assert "{" not in spec.action


def test_every_legal_reference_comes_from_uk_facts() -> None:
    for rule in RULES:
        assert set(rule.legal) <= ALL_REFERENCES, rule.code


def test_no_reason_anywhere_in_the_table_suggests_handling_content_except_the_prohibition() -> None:
    texts = [rule.reason for rule in RULES] + [
        spec.action for spec in DUTIES.values() if spec.action != IMAGE_PROHIBITION
    ]
    for text in texts:
        assert not HANDLING_WORDS.search(text), text


def test_the_emergency_is_the_only_rule_at_the_top_priority() -> None:
    top = min(rule.priority for rule in RULES)
    assert [rule.code for rule in RULES if rule.priority == top] == ["call_999.danger_now"]
    image = next(rule.priority for rule in RULES if rule.code == "do_not_view_image.under_18")
    assert all(rule.priority > image for rule in RULES if rule.duty not in ("call_999", "do_not_view_image"))


def test_a_duty_records_the_rules_that_proposed_it() -> None:
    duty = next(d for d in escalate(data={"threat_of_death_or_serious_harm": True, "categories": ["threat"]}).duties)
    assert duty.duty == "police_101"
    assert duty.rules == ("police_101.threat_to_life", "police_101.threat")
    assert duty.reason.startswith(DUTIES["police_101"].action)


def test_the_course_of_conduct_reason_counts_the_occasions() -> None:
    duty = escalate(data={"categories": ["harassment"], "prior_incidents_same_pair": 2}).duties[0]
    assert "on 3 occasions (this one and 2 before)" in duty.reason


def test_the_hate_reason_names_the_strands() -> None:
    recommendation = escalate(data={"categories": ["insult"], "prejudice": ["transphobic", "racist", "faith"]})
    assert "The abuse is racist, faith and transphobic" in recommendation.duties[0].reason


def test_the_meeting_reason_names_the_kind_of_adult() -> None:
    recommendation = escalate(data={"categories": ["insult"], "perpetrator": {"kind": "parent"}})
    assert "a parent or carer" in next(d.reason for d in recommendation.duties if d.duty == "meeting_with_adult")
