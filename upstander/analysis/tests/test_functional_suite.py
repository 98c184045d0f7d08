"""The hand-written functional suite (data/functional_suite.tsv) as a regression test.

The minimums are what the shipped model reaches, rounded down, so a change that makes any
functionality worse fails here. Results per functionality are in MODEL_CARD.md.
"""

from __future__ import annotations

import pytest

from upstander.analysis import Classifier
from upstander.analysis.evaluate import evaluate, load_suite

# What `python -m upstander.analysis.evaluate` gives model upstander-harm-1.0+a2cf04e7e1, allowing one
# more failure per functionality (so a retrain may move one case, not more).
MINIMUM = {
    "derogation_explicit": 0.92,  # reached 14/14
    "derogation_strong_emotion": 0.85,  # reached 7/7
    "dehumanisation": 0.76,  # reached 11/13
    "derogation_implicit": 0.28,  # reached 5/14
    "threat_group": 0.83,  # reached 11/12
    "threat_normative": 0.85,  # reached 7/7
    "slur": 0.90,  # reached 11/11
    "profanity_hate": 0.85,  # reached 7/7
    "pronoun_reference": 0.85,  # reached 7/7
    "question": 0.87,  # reached 8/8
    "opinion": 0.85,  # reached 7/7
    "negated_positive": 0.85,  # reached 7/7
    "spelling_swap": 0.85,  # reached 7/7
    "spelling_drop": 0.85,  # reached 7/7
    "spelling_added_spaces": 0.85,  # reached 7/7
    "spelling_no_spaces": 0.85,  # reached 7/7
    "spelling_leet": 0.85,  # reached 7/7
    "emoji": 0.88,  # reached 9/9
    "counter_quote": 0.91,  # reached 12/12
    "counter_reference": 0.80,  # reached 9/10
    "negated_hate": 0.91,  # reached 12/12
    "identity_neutral": 0.80,  # reached 13/15
    "identity_positive": 0.93,  # reached 15/15
    "reclaimed": 0.90,  # reached 10/10
    "object_abuse": 0.90,  # reached 10/10
    "individual_abuse_nonprotected": 0.90,  # reached 10/10
    "nonprotected_group": 0.90,  # reached 10/10
    "profanity_untargeted": 0.90,  # reached 10/10
    "slur_homonym": 0.87,  # reached 8/8
    "threat_person": 0.91,  # reached 12/12
    "self_harm_intent": 0.90,  # reached 10/10
    "tell_to_self_harm": 0.80,  # reached 9/10
    "not_urgent_idiom": 0.91,  # reached 12/12
    "personal_information": 0.91,  # reached 12/12
    "no_personal_information": 0.87,  # reached 8/8
    "reported_speech": 0.95,  # reached 22/22
    # Issue 14: a report of abuse aimed at someone ("someone called my friend a paki") carries the abuse's
    # labels; these two cases were counter_quote (non-hateful) before.
    "reported_abuse": 0.5,  # reached 2/2
}
OVERALL_MINIMUM = {"hate_overall": 0.91, "hate_hateful": 0.89, "hate_non_hateful": 0.94, "strand_accuracy": 0.95}


@pytest.fixture(scope="module")
def report(clf: Classifier) -> dict[str, object]:
    return evaluate(clf, load_suite())


def test_the_suite_has_a_few_hundred_cases_across_every_functionality() -> None:
    cases = load_suite()
    assert len(cases) >= 300
    assert {c.functionality for c in cases} == set(MINIMUM)


@pytest.mark.parametrize("functionality", sorted(MINIMUM))
def test_each_functionality_reaches_its_minimum_accuracy(report: dict[str, object], functionality: str) -> None:
    row = report["functionalities"][functionality]  # type: ignore[index]
    assert row["accuracy"] >= MINIMUM[functionality], row


@pytest.mark.parametrize("key", sorted(OVERALL_MINIMUM))
def test_overall_hate_accuracy_beats_its_minimum(report: dict[str, object], key: str) -> None:
    assert report[key] >= OVERALL_MINIMUM[key]  # type: ignore[operator]
