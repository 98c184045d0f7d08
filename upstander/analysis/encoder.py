"""The bundled sentence encoder and its per-label heads (issue 14): all-MiniLM-L6-v2 (Apache-2.0), exported to
ONNX and dynamic-quantised to int8 (`bench/build_encoder.py`), run with onnxruntime on the CPU.

Everything is read from `data/encoder/` (the int8 model, the WordPiece vocabulary, the heads); nothing is fetched.
The tokenizer is BERT's uncased basic + WordPiece tokenizer in plain Python (checked against the reference
`tokenizers` library at build time, see BUILD.json), so the only runtime dependency is onnxruntime.

`EncoderHeads` are one logistic regression per label over the unit 384-d sentence embedding, stored as plain
arrays in `heads.npz` (no pickle) with a threshold per label chosen by cross-validation on development data
(`python -m upstander.analysis.train_encoder`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["ENCODER_DIR", "Encoder", "EncoderHeads", "WordPiece", "sentences"]

ENCODER_DIR = Path(__file__).resolve().parent / "data" / "encoder"
MODEL_FILE = "minilm_l6_int8.onnx"
HEADS_FILE = "heads.npz"
# The heads for texts that are not reporter accounts: the release before session 6's heads, kept unchanged.
POST_HEADS_FILE = "heads_posts.npz"
# Word pieces per text. The model was trained on 128 (its sentence-transformers config allows 256); the cost per
# text grows faster than its length, and the rules still read all of a long text.
MAX_TOKENS = 128
DIM = 384


class WordPiece:
    """BERT uncased tokenizer: lower case, strip accents, split punctuation and CJK, then greedy WordPiece."""

    def __init__(self, vocab_path: Path) -> None:
        words = vocab_path.read_text(encoding="utf-8").splitlines()
        self.vocab = {w: i for i, w in enumerate(words)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self._cache: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def _is_punct(ch: str) -> bool:
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _is_cjk(cp: int) -> bool:
        return (
            0x4E00 <= cp <= 0x9FFF
            or 0x3400 <= cp <= 0x4DBF
            or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F
        )

    def basic(self, text: str) -> list[str]:
        out: list[str] = []
        cur: list[str] = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
                continue
            if ch.isspace():
                if cur:
                    out.append("".join(cur))
                    cur = []
            elif self._is_cjk(cp) or self._is_punct(ch):
                if cur:
                    out.append("".join(cur))
                    cur = []
                out.append(ch)
            else:
                cur.append(ch)
        if cur:
            out.append("".join(cur))
        words: list[str] = []
        for w in out:
            w = unicodedata.normalize("NFD", w.lower())
            w = "".join(c for c in w if unicodedata.category(c) != "Mn")
            # Stripping accents can leave punctuation that the first pass kept inside a word.
            piece: list[str] = []
            for ch in w:
                if self._is_punct(ch):
                    if piece:
                        words.append("".join(piece))
                        piece = []
                    words.append(ch)
                else:
                    piece.append(ch)
            if piece:
                words.append("".join(piece))
        return words

    def _word(self, w: str) -> tuple[int, ...]:
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        ids: list[int] = []
        if len(w) > 100:
            ids = [self.unk]
        else:
            start = 0
            while start < len(w):
                end = len(w)
                cur = None
                while start < end:
                    piece = w[start:end] if start == 0 else "##" + w[start:end]
                    cur = self.vocab.get(piece)
                    if cur is not None:
                        break
                    end -= 1
                if cur is None:
                    ids = [self.unk]
                    break
                ids.append(cur)
                start = end
        out = tuple(ids)
        if len(self._cache) < 200_000:
            self._cache[w] = out
        return out

    def encode(self, text: str, max_len: int = MAX_TOKENS) -> list[int]:
        ids: list[int] = []
        for w in self.basic(text):
            ids.extend(self._word(w))
            if len(ids) >= max_len - 2:
                break
        return [self.cls, *ids[: max_len - 2], self.sep]


BATCH_THREADS = max(1, min(2, os.cpu_count() or 1))


def _threads() -> int:
    """One thread unless told otherwise. The app embeds one report's text per call: a second
    onnxruntime thread saves no time there, and between operators it spins waiting for work, which
    doubled the CPU of a report's background checks (bench/report_cpu.py: 44 ms against 23 ms).
    Batch work (`upstander classify --encoder`, training) asks for BATCH_THREADS."""
    env = os.environ.get("UPSTANDER_ENCODER_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return 1


class Encoder:
    """Unit sentence embeddings (n, 384) from the int8 ONNX model. Thread-safe; load once per process."""

    def __init__(self, directory: Path = ENCODER_DIR, threads: int | None = None) -> None:
        # Here, not at the top: `--fast` and everything that never embeds do not pay for importing onnxruntime.
        import onnxruntime as ort

        path = directory / MODEL_FILE
        if not path.is_file():
            raise FileNotFoundError(f"encoder model missing: {path} (rebuild with bench/build_encoder.py)")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or _threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.tokenizer = WordPiece(directory / "vocab.txt")
        self.digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        # Identical texts (a message forwarded to a whole group) are embedded once.
        first: dict[str, int] = {}
        rows = [first.setdefault(t, len(first)) for t in texts]
        uniq = list(first)
        enc = [self.tokenizer.encode(t) for t in uniq]
        emb_u = np.zeros((len(uniq), DIM), dtype=np.float32)
        order = np.argsort([len(e) for e in enc], kind="stable")
        for s in range(0, len(uniq), batch):
            idx = order[s : s + batch]
            seqs = [enc[i] for i in idx]
            width = max(len(x) for x in seqs)
            ids = np.zeros((len(seqs), width), dtype=np.int64)
            mask = np.zeros((len(seqs), width), dtype=np.int64)
            for j, x in enumerate(seqs):
                ids[j, : len(x)] = x
                mask[j, : len(x)] = 1
            with self._lock:
                (emb,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            emb_u[idx] = emb
        out[:] = emb_u[rows]
        return out


@dataclass
class EncoderHeads:
    """p(label) = sigmoid(x . w[label] + b[label]) over a unit embedding x; flagged at threshold[label]."""

    labels: list[str]
    w: np.ndarray  # (L, 384)
    b: np.ndarray  # (L,)
    thresholds: dict[str, float]
    meta: dict[str, object]

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.w.T + self.b
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float32)

    def save(self, path: Path) -> None:
        header = {"labels": self.labels, "thresholds": self.thresholds, "meta": self.meta}
        np.savez_compressed(
            path,
            header=np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8),
            w=self.w.astype(np.float32),
            b=self.b.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path = ENCODER_DIR / HEADS_FILE) -> EncoderHeads:
        with np.load(path, allow_pickle=False) as z:
            header = json.loads(bytes(z["header"]).decode("utf-8"))
            w, b = np.asarray(z["w"], dtype=np.float32), np.asarray(z["b"], dtype=np.float32)
        if w.shape != (len(header["labels"]), DIM) or b.shape != (len(header["labels"]),):
            raise ValueError(f"encoder heads in {path} have the wrong shape {w.shape}")
        return cls(header["labels"], w, b, {k: float(v) for k, v in header["thresholds"].items()}, header["meta"])

    @property
    def digest(self) -> str:
        h = hashlib.sha256(self.w.tobytes() + self.b.tobytes())
        h.update(json.dumps(self.thresholds, sort_keys=True).encode("utf-8"))
        return h.hexdigest()[:8]


_SENTENCE = re.compile(r"[^.!?\n;]+(?:[.!?;]+|\n|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence-like piece of `text` with at least two words, leading/trailing spaces cut."""
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) >= 2:
            out.append((s, e))
    return out
