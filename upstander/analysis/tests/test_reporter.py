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
    # r1 reached 270/274; r2 (208 frames) 347/349 at 2 fills; the rules were tuned on these frames.
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
    assert report["fully_right"] >= 70  # r3: 71/71 (development data for r2 and r3)


# Rules release r2 (wave 2): wordings taken from the development templates' families, not from suite B.
@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("someone said the p word to my brother at football", {"hate", "racist"}),
        ("a lad in year 8 keeps using the n-word about Sam", {"hate", "racist"}),
        ("they wrote f*g on his bag in marker", {"hate", "homophobic"}),
        ("she keeps calling my son a r*tard in maths", {"hate", "disability"}),
        ("my daughter is picked on because of her hijab", {"hate", "faith"}),
        ("he gets laughed at because of his wheelchair", {"hate", "disability"}),
    ],
)
def test_masked_slurs_euphemisms_and_because_of_a_characteristic_name_the_strand(
    clf: Classifier, text: str, expect: set[str]
) -> None:
    result = clf.classify(text)
    assert expect <= set(result["flags"]), result["flags"]
    assert "threat" not in result["flags"] and not result["urgent"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("nobody will let her sit with them at dinner", "exclusion"),
        ("my son was removed from the group chat by his mates", "exclusion"),
        ("a girl in my form told everyone not to talk to me", "exclusion"),
        ("they deliberately left her out of the sleepover chat", "exclusion"),
        ("he keeps asking her to send a photo in her bra", "sexual"),
        ("a boy in year 10 asked her for nudes", "sexual"),
        ("every time she blocks him he finds her on another app", "harassment"),
        ("he says he'll post the video unless she sends more", "manipulation"),
        ("someone hacked into her Snapchat account", "impersonation"),
        ("a dad shared the teacher's home address in a Facebook group", "personal_information"),
        ("people are going round saying she has an STD", "vilification"),
        ("he posts fake results in the chat just to wind people up", "trolling"),
    ],
)
def test_r2_wordings_of_each_behaviour_raise_it_with_the_words_shown(clf: Classifier, text: str, label: str) -> None:
    result = clf.classify(text)
    assert label in result["flags"], result["flags"]
    assert any(s["label"] == label for s in result["spans"])


@pytest.mark.parametrize(
    "text",
    [
        "they keep leaving the girls in her form out of the game on purpose",
        "my son's friends keep telling him his trainers are dirty",
    ],
)
def test_an_account_needs_words_for_sexism_or_sexual_content_not_just_girls_or_dirty(
    clf: Classifier, text: str
) -> None:
    result = clf.classify(text)
    assert not {"sexist", "sexual"} & set(result["flags"]), result["flags"]


@pytest.mark.parametrize(
    "text",
    [
        "we learned about the n word and why it is so hurtful in history",
        "the PSHE lesson taught us what to do if someone asks for nudes",
        "I'm going to kill it in my exam tomorrow",
    ],
)
def test_lessons_and_idioms_about_the_same_words_raise_no_prejudice_or_risk(clf: Classifier, text: str) -> None:
    result = clf.classify(text)
    assert not {"hate", "racist", "self_harm", "threat"} & set(result["flags"]), result["flags"]
    assert not result["urgent"]


def test_suite_b_shares_no_sentence_with_the_templates_and_keeps_its_final_figure(clf: Classifier) -> None:
    from upstander.analysis.evaluate import REPORTER_B_PATH

    cases = load_reporter_suite(REPORTER_B_PATH)
    frames = {f[3].lower() for f in FRAMES}
    assert len(cases) == 96
    assert not [c.text for c in cases if c.text.lower() in frames]
    # A regression floor: 48/96 on r1, 81/96 on r2 (its final run as a test), 96/96 on r3 (tuned on: see MODEL_CARD.md).
    assert evaluate_reports(clf, cases)["fully_right"] >= 95  # r3: 96/96 (B was development data for r3)


def test_suite_c_shares_no_sentence_with_the_templates_and_keeps_its_final_figure(clf: Classifier) -> None:
    from upstander.analysis.evaluate import REPORTER_C_PATH

    cases = load_reporter_suite(REPORTER_C_PATH)
    frames = {f[3].lower() for f in FRAMES}
    assert len(cases) == 97
    assert not [c.text for c in cases if c.text.lower() in frames]
    # A regression floor only: 61/97 on r2 (baseline), 65/97 on r3 (its single final run, MODEL_CARD.md).
    assert evaluate_reports(clf, cases)["fully_right"] >= 65


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # r2 patterns that never matched (a trailing space before the closing word boundary).
        ("someone wrote that Mrs Finch is a useless old cow on the parents' forum", {"insult"}),
        ("a parent is telling everyone at the school gate that Ms Hughes is on drugs", {"vilification"}),
        # r3 families.
        ("a lad keeps doing slitty eyes at Mei in the dinner queue", {"hate", "racist"}),
        ("they keep saying muslims are dirty in the group chat", {"hate", "faith"}),
        ("someone sprayed no gays allowed on the bike shed", {"hate", "homophobic"}),
        ("the supply teacher kept calling Alex 'she' on purpose", {"hate", "transphobic"}),
        ("kids keep mocking the way he prays at lunch", {"hate", "faith"}),
        ("my nephew has two dads and kids say his family is gross", {"hate", "homophobic"}),
        ("they keep doing impressions of his tics on tiktok", {"hate", "disability"}),
        ("a boy in year 11 said she's dead if she goes to the park", {"threat", "urgent"}),
        ("he threatened to wait outside and punch Mr Kane", {"threat", "urgent"}),
        ("she told me she has been saving up her tablets", {"self_harm", "urgent"}),
        ("he posted a photo of a noose last night", {"self_harm", "urgent"}),
        ("my ex keeps making new instas to message me even though I've told him to leave me alone", {"harassment"}),
        ("she told the new boy not to hang round with him", {"exclusion"}),
        ("they're spreading that Mr Dean got sacked from his last job", {"vilification"}),
        ("someone's using my daughter's fortnite account", {"impersonation"}),
        ("he's sending round screenshots of what she told him", {"personal_information"}),
        ("a boy filmed Ava getting changed and put it on his story", {"sexual", "personal_information"}),
        ("an older man on roblox keeps asking her for photos", {"sexual"}),
        ("a man online told him to delete the chats", {"manipulation"}),
    ],
)
def test_r3_wordings_raise_their_labels_with_the_words_shown(clf: Classifier, text: str, labels: set[str]) -> None:
    result = clf.classify(text)
    flags = set(result["flags"]) | ({"urgent"} if result["urgent"] else set())
    assert labels <= flags, result["flags"]
    shown = {s["label"] for s in result["spans"]}
    assert labels - {"urgent"} <= shown


@pytest.mark.parametrize(
    "text",
    [
        "we're going to smash the quiz tomorrow night",
        "He said he's going to smash me at ping pong tomorrow",
        "I'm gonna die if I don't get tickets lol",
        "my dad will kill me if he finds out I broke the telly",
        "I was left out of the team photo because I was off sick",
        "our drama teacher told us to die dramatically in the scene",
        "my best friend keeps messaging me memes all day",
        "Mrs Hale shared the trip details in the parents' group",
        "she posted a photo with her gay best friend",
        "People who say trans people are freaks need to grow up",
    ],
)
def test_r3_idioms_and_look_alikes_raise_nothing(clf: Classifier, text: str) -> None:
    result = clf.classify(text)
    assert result["flags"] == [] and not result["urgent"], result["flags"]


def test_a_derogation_of_one_family_member_in_an_account_is_an_insult_not_hate(clf: Classifier) -> None:
    result = clf.classify("my daughter gets called ugly and smelly every single day on the bus")
    assert "insult" in result["flags"] and "hate" not in result["flags"], result["flags"]


@pytest.mark.parametrize(
    ("text", "has_threat"),
    [
        # An n-gram threat resting on pronouns only (session 6): no word shows a threat.
        ("Lily made a new account for her art and all her friends follow it", False),
        ("Sana made a new account for her art and all her friends follow it", False),
        ("he said he will stab her after school", True),
        ("i will kill you", True),
    ],
)
def test_a_threat_needs_a_word_that_shows_it(text: str, has_threat: bool) -> None:
    assert ("threat" in Classifier.load(fast=True).classify(text)["flags"]) is has_threat


def test_a_lesson_on_a_harm_gets_no_label() -> None:
    for text in ("The assembly on suicide prevention was really useful", "we had a workshop on consent in PSHE"):
        assert Classifier.load().classify(text)["flags"] == [], text
