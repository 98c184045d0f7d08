"""Reporter accounts (issue 14): third-person reports of what someone did or said get the labels of what
they describe, each with the words that show it, and benign look-alikes get none."""

from __future__ import annotations

import pytest

from upstander.analysis import Classifier
from upstander.analysis._reporter_templates import FRAMES, generate_reports
from upstander.analysis.evaluate import ReporterCase, evaluate_reports, load_reporter_suite, report_passes

# The accounts quoted in issue 14, with the labels it asks for (allowed extras in the second set).
ISSUE_ACCOUNTS = [
    (
        "They keep calling him gay and a retard in the class group chat",
        {"insult", "hate", "homophobic", "disability"},
        {"harassment"},
    ),
    ("kids were making fun of her skin colour and her religion", {"hate", "racist", "faith"}, {"insult"}),
    ("she has taken a load of pills and wants to die", {"self_harm", "urgent"}, set()),
    ("told me to kill myself", {"self_harm", "urgent"}, {"threat", "insult"}),
    (
        "she messages me fifty times a day from different accounts even after I blocked her",
        {"harassment"},
        set(),
    ),
    ("an older boy keeps asking me to send him pictures without my top on", {"sexual"}, {"manipulation"}),
    ("we'd kill it in the match", set(), set()),
    ("I'm dying to go to the disco", set(), set()),
]


@pytest.mark.parametrize(("text", "expect", "allow"), ISSUE_ACCOUNTS)
def test_the_issues_accounts_get_exactly_the_labels_they_describe(
    clf: Classifier, text: str, expect: set[str], allow: set[str]
) -> None:
    result = clf.classify(text)
    ok, missing, unwanted = report_passes(frozenset(expect), frozenset(allow), result)
    assert ok, (missing, unwanted, result["flags"])


@pytest.mark.parametrize(
    "text",
    [
        "She told me she would never kill herself and she's getting help now.",
        "The assembly on suicide prevention was really useful",
        "If you call someone a retard you should be ashamed",
        "Homophobic bullying is never acceptable",
        "my mum said she'll kill me if I don't tidy my room",
        "I had to cut my hair because of the nits",
    ],
)
def test_denouncements_negations_and_idioms_raise_no_reporter_label(clf: Classifier, text: str) -> None:
    result = clf.classify(text)
    assert not {"self_harm", "urgent", "hate"} & set(result["flags"]), result["flags"]
    assert not result["urgent"]


def test_every_reporter_label_shows_the_words_that_triggered_it(clf: Classifier) -> None:
    text = "Some kids keep calling Noah gay and someone made a fake account of him on TikTok"
    result = clf.classify(text)
    assert {"hate", "homophobic", "insult", "impersonation"} <= set(result["flags"])
    shown = {s["label"]: text[s["start"] : s["end"]] for s in result["spans"]}
    assert shown["homophobic"] == "gay"
    assert "fake account" in shown["impersonation"]
    assert set(result["flags"]) <= set(shown)


def test_a_risk_disclosure_is_not_also_an_insult_or_a_threat(clf: Classifier) -> None:
    result = clf.classify("Megan says she wants to die")
    assert result["urgent"] and "self_harm" in result["flags"]
    assert not {"insult", "threat", "hate"} & set(result["flags"])


def test_a_reported_strand_is_always_flagged_with_hate_and_never_above_it(clf: Classifier) -> None:
    result = clf.classify("people keep mocking his wheelchair at break")
    assert {"hate", "disability"} <= set(result["flags"])
    assert result["prejudice"]["disability"] <= result["categories"]["hate"]


def test_the_version_names_the_reporter_rules_so_old_analyses_are_redone(clf: Classifier) -> None:
    assert clf.version.startswith(clf.model.version) and clf.version != clf.model.version


def test_the_development_templates_stay_nearly_all_right(clf: Classifier) -> None:
    cases = [ReporterCase(c.functionality, c.expect, c.allow, c.text) for c in generate_reports(per_frame=3)]
    report = evaluate_reports(clf, cases)
    # Reached 270/274 (98.5%) when the rules were last changed; they were tuned on these frames.
    assert report["accuracy"] >= 0.95, report["failures"]


def test_template_names_are_kept_apart_from_the_evaluation_suite() -> None:
    from upstander.analysis import _reporter_templates as t

    suite = " ".join(c.text for c in load_reporter_suite()).lower()
    names = t.GIRLS + t.BOYS + [n.split()[-1] for n in t.STAFF_F + t.STAFF_M]
    assert not [n for n in names if f" {n.lower()} " in f" {suite} "]
    frames = {f[3].lower() for f in FRAMES}
    assert not [c.text for c in load_reporter_suite() if c.text.lower() in frames]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("ppl keep callin him gay", {"insult", "hate", "homophobic"}),
        ("she sed she wants 2 die", {"self_harm", "urgent"}),
        ("hes been cuttin himself", {"self_harm", "urgent"}),
    ],
)
def test_pupils_spelling_is_read_as_well(clf: Classifier, text: str, expect: set[str]) -> None:
    result = clf.classify(text)
    assert expect <= set(result["flags"]) | ({"urgent"} if result["urgent"] else set())


def test_the_reporter_suite_does_not_fall_below_its_single_measured_run(clf: Classifier) -> None:
    # A regression floor only: 53/71 on its one run (MODEL_CARD.md); never tune against its failures.
    report = evaluate_reports(clf, load_reporter_suite())
    assert report["cases"] == 71
    assert report["fully_right"] >= 52
