"""The sentence-encoder path (issue 14): the bundled int8 ONNX model loads offline, embeds sensibly, its heads
give stable labels on a few accounts, every label it adds is explained, and `upstander classify` leaves it out
unless asked (`--encoder`; `--fast` is the default).

The classifier with the encoder is the session fixture `clf` (conftest.py): loaded once per process."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import numpy as np
import pytest

from upstander.analysis import Classifier
from upstander.analysis.cli import main
from upstander.analysis.encoder import ENCODER_DIR, Encoder, EncoderHeads, WordPiece, sentences

# An account where the rules alone give `manipulation` and the encoder adds `sexual` (written for this test,
# not taken from any suite).
GROOMING = "my son got a message from an adult asking what he was wearing and to keep it secret"
STABLE = {
    GROOMING: ["sexual", "manipulation"],
    "they nicked her phone and have been texting her boyfriend pretending to be her": ["impersonation"],
    "Sami said he has pills saved up and tonight is the night": ["self_harm", "urgent"],
    "the lads won't let Tomas play football with them at break any more": ["exclusion"],
    "we had a great time at the party. everyone was so kind": [],
    "I absolutely destroyed my brother at fifa last night haha": [],
}


def test_the_encoder_loads_and_embeds_with_the_network_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    enc = Encoder(threads=1)
    x = enc.embed(["he keeps calling her names", "they keep insulting her", "the bus is late today", "", "x" * 5000])
    assert x.shape == (5, 384)
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-3)
    # A paraphrase is nearer than an unrelated sentence.
    assert float(x[0] @ x[1]) > float(x[0] @ x[2]) + 0.2


def test_identical_texts_in_a_batch_get_identical_embeddings(clf: Classifier) -> None:
    assert clf.encoder is not None
    enc, _ = clf.encoder
    x = enc.embed(["same text", "other text", "same text"])
    assert np.array_equal(x[0], x[2]) and not np.array_equal(x[0], x[1])


def test_the_tokenizer_gives_the_reference_ids() -> None:
    wp = WordPiece(ENCODER_DIR / "vocab.txt")
    # Ids from the reference `tokenizers` library on the model's tokenizer.json (bench/build_encoder.py checks
    # 311 texts the same way: BUILD.json).
    assert wp.encode("hello there, Café!") == [101, 7592, 2045, 1010, 7668, 999, 102]
    assert wp.encode("f*ck u!!!") == [101, 1042, 1008, 23616, 1057, 999, 999, 999, 102]
    assert len(wp.encode("word " * 1000)) == 128


def test_the_heads_are_plain_arrays_with_a_threshold_per_label() -> None:
    heads = EncoderHeads.load()
    assert heads.w.shape == (len(heads.labels), 384)
    assert set(heads.thresholds) == set(heads.labels)
    assert all(0.5 <= t <= 1.0 for t in heads.thresholds.values())
    with np.load(ENCODER_DIR / "heads.npz", allow_pickle=False) as z:  # no pickle needed to read it
        assert {"header", "w", "b"} <= set(z.files)


def test_it_gives_stable_labels_for_a_few_accounts(clf: Classifier) -> None:
    results = clf.classify_many(list(STABLE))
    for (text, expected), result in zip(STABLE.items(), results, strict=True):
        assert result["flags"] == expected, text


def test_every_label_the_encoder_adds_is_explained(clf: Classifier) -> None:
    fast = Classifier.load(fast=True)
    text = f"Hi, I'm writing about my son. {GROOMING}. He showed me last night."
    full, plain = clf.classify(text), fast.classify(text)
    added = set(full["flags"]) - set(plain["flags"])
    assert "sexual" in added
    for label in full["flags"]:
        spans = [s for s in full["spans"] if s["label"] == label]
        assert spans, f"{label} has no words shown"
    for label in added:
        (span,) = [s for s in full["spans"] if s["label"] == label]
        assert span["encoder"] in ("sentence", "message")
        if span["encoder"] == "sentence":  # the sentence that scored highest: the account itself
            assert "adult" in text[span["start"] : span["end"]]
            assert (span["start"], span["end"]) != (0, len(text))
    one = clf.classify(GROOMING)
    (span,) = [s for s in one["spans"] if s["label"] == "sexual"]
    assert span == {"start": 0, "end": len(GROOMING), "label": "sexual", "encoder": "message"}
    # Labels from the rules keep their words and carry no encoder mark.
    assert all("encoder" not in s for s in full["spans"] if s["label"] in plain["flags"])


def test_the_encoder_only_adds_labels(clf: Classifier) -> None:
    fast = Classifier.load(fast=True)
    texts = [*STABLE, "you are a loser", "kys", "see you at 4"]
    for a, b in zip(clf.classify_many(texts), fast.classify_many(texts), strict=True):
        assert set(b["flags"]) <= set(a["flags"])
        assert a["urgent"] or not b["urgent"]


def test_sentences_cut_text_into_pieces_of_two_words_or_more() -> None:
    text = "Hi. My son is upset!! They keep messaging him\nat night; ok"
    assert [text[a:b] for a, b in sentences(text)] == ["My son is upset!!", "They keep messaging him", "at night;"]


def test_the_cli_is_fast_by_default_and_adds_the_encoder_when_asked(clf: Classifier) -> None:
    line = json.dumps({"id": 1, "text": GROOMING}) + "\n"
    outs = {}
    for argv in ([], ["--fast"], ["--encoder"]):
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, stdin=io.StringIO(line), stdout=out, stderr=err) == 0, err.getvalue()
        outs[" ".join(argv)] = json.loads(out.getvalue())
    assert outs[""] == outs["--fast"]
    assert outs["--fast"]["model"] == Classifier.load(fast=True).version and "+enc-" not in outs["--fast"]["model"]
    assert outs["--fast"]["flags"] == ["manipulation"]
    assert outs["--encoder"]["model"] == clf.version and "+enc-" in clf.version
    assert outs["--encoder"]["flags"] == ["sexual", "manipulation"]
    err = io.StringIO()
    assert main(["--fast", "--encoder"], stdin=io.StringIO(line), stdout=io.StringIO(), stderr=err) == 2


def test_a_missing_encoder_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="encoder model missing"):
        Encoder(tmp_path)


def test_posts_get_the_post_heads_and_accounts_the_account_heads(clf: Classifier) -> None:
    # Both files load, over the same labels; the fast path has neither.
    assert clf.post_heads is not None and clf.encoder is not None
    assert clf.post_heads.labels == clf.encoder[1].labels
    assert Classifier.load(fast=True).post_heads is None
    # On suite D (development data for these heads), the encoder adds expected labels the rules missed.
    from upstander.analysis.evaluate import REPORTER_D_PATH, load_reporter_suite

    cases = load_reporter_suite(REPORTER_D_PATH)
    full = clf.classify_many([c.text for c in cases])
    fast = Classifier.load(fast=True).classify_many([c.text for c in cases])
    gained = [
        c.text for c, a, b in zip(cases, full, fast, strict=True) if (set(a["flags"]) - set(b["flags"])) & c.expect
    ]
    assert len(gained) >= 5, gained


def test_training_never_reads_suite_e() -> None:
    pytest.importorskip("sklearn")
    from upstander.analysis._reporter_templates import FRAMES, FRAMES_V4
    from upstander.analysis.evaluate import REPORTER_E_PATH, load_reporter_suite
    from upstander.analysis.train_encoder import dev_accounts

    dev = {t.lower() for t, _, _, _ in dev_accounts(1)}
    suite_e = [c.text.lower() for c in load_reporter_suite(REPORTER_E_PATH)]
    assert len(suite_e) >= 100
    # Three accounts of suite E are the issue's own examples, which were rule templates long before E was
    # written (MODEL_CARD.md reports E with and without them); nothing else of E is development data.
    shared = [t for t in suite_e if t in dev]
    assert len(shared) <= 3 and all(t in {f[3].lower() for f in FRAMES} for t in shared)
    assert not [t for t in suite_e if t in {f[3].lower() for f in FRAMES_V4}]
