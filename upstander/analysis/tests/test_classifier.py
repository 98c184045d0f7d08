"""Behaviour of the classifier as a library: calibrated probabilities, flags and explanations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.analysis import CATEGORY_LABELS, STRANDS, Classifier


def test_it_flags_hate_with_the_right_strand_and_shows_the_words(clf: Classifier) -> None:
    text = "Muslims are vermin and should be deported"
    result = clf.classify(text)
    assert "hate" in result["flags"] and "faith" in result["flags"]  # type: ignore[operator]
    shown = {text[s["start"] : s["end"]].lower() for s in result["spans"]}  # type: ignore[index,union-attr]
    assert "muslims" in shown or any("vermin" in w for w in shown)


def test_it_does_not_flag_a_positive_statement_about_a_group(clf: Classifier) -> None:
    assert "hate" not in clf.classify("Gay people are wonderful and deserve respect")["flags"]  # type: ignore[operator]


def test_any_prejudice_flag_comes_with_hate(clf: Classifier) -> None:
    for text in ["trans women are freaks", "women are useless", "I love my gay brother", "kill all the immigrants"]:
        result = clf.classify(text)
        flags = set(result["flags"])  # type: ignore[call-overload]
        if flags & set(STRANDS):
            assert "hate" in flags
        for s in STRANDS:
            assert result["prejudice"][s] <= result["categories"]["hate"] + 1e-6  # type: ignore[index]


def test_it_flags_telling_someone_to_kill_themselves_as_urgent(clf: Classifier) -> None:
    result = clf.classify("kys nobody would miss you")
    assert result["urgent"] is True and "self_harm" in result["flags"]  # type: ignore[operator]


def test_an_idiom_is_not_urgent(clf: Classifier) -> None:
    assert clf.classify("my mum is going to kill me if I'm late")["urgent"] is False


def test_a_reported_threat_is_urgent_and_shows_the_reported_words(clf: Classifier) -> None:
    text = "He said he is going to kill me after school."
    result = clf.classify(text)
    assert result["urgent"] is True and "threat" in result["flags"]  # type: ignore[operator]
    shown = {text[s["start"] : s["end"]] for s in result["spans"] if s["label"] == "threat"}  # type: ignore[index]
    assert any("kill me" in w for w in shown), shown


def test_a_friend_s_reported_intent_to_self_harm_is_urgent(clf: Classifier) -> None:
    result = clf.classify("my friend says she wants to kill herself tonight")
    assert result["urgent"] is True and "self_harm" in result["flags"]  # type: ignore[operator]


def test_reported_negation_and_hyperbole_are_not_flagged(clf: Classifier) -> None:
    for text in ["he said he would never hurt anyone", "my mum said she'd kill me if I was late again"]:
        result = clf.classify(text)
        assert result["urgent"] is False and "threat" not in result["flags"], (text, result)  # type: ignore[operator]


def test_spans_of_an_obfuscated_slur_point_at_what_was_written(clf: Classifier) -> None:
    text = "shut up you f@gg0t"
    result = clf.classify(text)
    words = {text[s["start"] : s["end"]] for s in result["spans"]}  # type: ignore[index,union-attr]
    assert "f@gg0t" in words


def test_scores_rank_clear_cases_sensibly(clf: Classifier) -> None:
    hateful, neutral = clf.classify_many(["black people are animals", "black people live in london"])
    assert hateful["categories"]["hate"] > neutral["categories"]["hate"]  # type: ignore[index]


def test_it_is_deterministic_and_batch_independent(clf: Classifier) -> None:
    texts = ["you idiot", "I will hurt you", "lovely day"]
    one_by_one = [clf.classify(t) for t in texts]
    assert clf.classify_many(texts) == one_by_one


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=120))
def test_probabilities_are_in_range_and_spans_inside_the_text(text: str) -> None:
    clf = _shared()
    result = clf.classify(text)
    for label in CATEGORY_LABELS:
        assert 0.0 <= result["categories"][label] <= 1.0  # type: ignore[index]
    for s in STRANDS:
        assert 0.0 <= result["prejudice"][s] <= 1.0  # type: ignore[index]
    flags = set(result["flags"])  # type: ignore[call-overload]
    for span in result["spans"]:  # type: ignore[attr-defined]
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert span["label"] in flags


_CLF: list[Classifier] = []


def _shared() -> Classifier:
    if not _CLF:
        _CLF.append(Classifier.load())
    return _CLF[0]
