"""An int8 ONNX Runtime copy of a sentence-transformers BERT model, for faster CPU encoding.

sentence-transformers' own ONNX backend needs `optimum-onnx`, whose releases
pin transformers < 4.58 while sentence-transformers 6 needs transformers 5, so
it cannot be installed beside it. This module does the same job with the two
libraries underneath: `torch.onnx.export` of the transformer, then
onnxruntime's dynamic quantisation (int8 weights per channel, uint8
activations), which is what `export_dynamic_quantized_onnx_model` does.
Mean pooling and normalisation, the other two modules of the e5 pipeline,
are done here in numpy.

On this 2-core AVX-512 machine it encodes news chunks about 2.2x faster than
torch float32, at cosine >= 0.99 to the float32 vectors (BENCHMARKS.md).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

FILE = "model_int8.onnx"


def export(st_dir: Path, target: Path) -> Path:
    """Write `target/model_int8.onnx` for the transformer in `st_dir`, atomically."""
    import logging
    import sys
    import warnings

    if (target / FILE).is_file():
        return target / FILE
    print(f"exporting an int8 ONNX copy of {st_dir} to {target} (once)", file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-", dir=target.parent))
    root, level = logging.getLogger(), logging.getLogger().level
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")             # tracer chatter about shapes; parity is tested
        root.setLevel(logging.ERROR)                # the quantizer's "consider pre-processing"
        try:
            _export(st_dir, target, tmp)
        finally:
            root.setLevel(level)
    return target / FILE


def _export(st_dir: Path, target: Path, tmp: Path) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer
    try:
        bert = AutoModel.from_pretrained(str(st_dir)).eval()
        sample = AutoTokenizer.from_pretrained(str(st_dir))(["passage: 样例"], return_tensors="pt")

        class Hidden(torch.nn.Module):          # the graph returns token states only
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, input_ids, attention_mask):
                return self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

        axes = {0: "batch", 1: "tokens"}
        torch.onnx.export(Hidden(bert), (sample["input_ids"], sample["attention_mask"]),
                          str(tmp / "model.onnx"), input_names=["input_ids", "attention_mask"],
                          output_names=["hidden"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes})
        quantize_dynamic(str(tmp / "model.onnx"), str(tmp / FILE), weight_type=QuantType.QInt8,
                         per_channel=True)
        (tmp / "model.onnx").unlink()
        try:
            os.rename(tmp, target)
        except OSError:                          # another process exported it first
            if not (target / FILE).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class OnnxModel:
    """`encode(texts)` like SentenceTransformer's, on an int8 ONNX Runtime session."""

    def __init__(self, st_dir: Path, onnx_file: Path, threads: int, max_tokens: int = 512):
        import onnxruntime as ort
        from transformers import AutoTokenizer
        self.tokenizer = AutoTokenizer.from_pretrained(str(st_dir))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])
        self.max_tokens = max_tokens
        self.dim = self.session.get_outputs()[0].shape[-1]

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")   # little padding per batch
        for lo in range(0, len(texts), batch_size):
            rows = order[lo:lo + batch_size]
            b = self.tokenizer([texts[i] for i in rows], padding=True, truncation=True,
                               max_length=self.max_tokens, return_tensors="np")
            mask = b["attention_mask"].astype(np.int64)
            hidden = self.session.run(None, {"input_ids": b["input_ids"].astype(np.int64),
                                             "attention_mask": mask})[0]
            m = mask[..., None].astype(np.float32)
            v = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            out[rows] = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        return out
