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
torch float32, at cosine >= 0.99 to the float32 vectors (BENCHMARKS.md). A text's
vector depends on its text alone: not on the texts encoded with it, the thread count
or the machine's instruction set (see `export` and `encode`).
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
    import sys
    if (target / FILE).is_file():
        return target / FILE
    print(f"exporting an int8 ONNX copy of {st_dir} to {target} (once)", file=sys.stderr)
    import torch
    from transformers import AutoModel, AutoTokenizer
    bert = AutoModel.from_pretrained(str(st_dir)).eval()
    sample = AutoTokenizer.from_pretrained(str(st_dir))(["passage: 样例"], return_tensors="pt")

    class Hidden(torch.nn.Module):          # the graph returns token states only
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
    return to_int8(Hidden(bert), (sample["input_ids"], sample["attention_mask"]), ["hidden"], target / FILE)


def to_int8(module, sample: tuple, outputs: list[str], path: Path, output_axes: dict | None = None) -> Path:
    """Export a torch `module` of (input_ids, attention_mask), batch and token axes dynamic,
    quantise it to int8 and move it to `path` atomically (its folder appears whole or not
    at all; a process that loses the race keeps the winner's file). `output_axes`: the
    outputs' dynamic axes, when not (batch, tokens)."""
    import logging
    import warnings
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    target = path.parent
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-", dir=target.parent))
    root, level = logging.getLogger(), logging.getLogger().level
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")             # tracer chatter about shapes; parity is tested
            root.setLevel(logging.ERROR)                # the quantizer's "consider pre-processing"
            axes = {0: "batch", 1: "tokens"}
            torch.onnx.export(module, sample, str(tmp / "fp32.onnx"), input_names=["input_ids", "attention_mask"],
                              output_names=outputs, opset_version=17, dynamo=False,
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, **{o: (output_axes or axes) for o in outputs}})
            # reduce_range: 7-bit weights. Without a VNNI unit, the u8 x s8 kernels sum pairs of
            # products in 16 bits, which saturates for 8-bit weights: vectors then moved by up to
            # 0.06 between machines. 7-bit products cannot saturate, so every instruction set
            # computes the same integers (BENCHMARKS.md, "Same vectors on every machine").
            quantize_dynamic(str(tmp / "fp32.onnx"), str(tmp / path.name), weight_type=QuantType.QInt8,
                             per_channel=True, reduce_range=True)
        (tmp / "fp32.onnx").unlink()
        try:
            os.rename(tmp, target)
        except OSError:                          # another process exported it first
            if not path.is_file():
                raise
    finally:
        root.setLevel(level)
        shutil.rmtree(tmp, ignore_errors=True)
    return path


class OnnxModel:
    """`encode(texts)` like SentenceTransformer's, on an int8 ONNX Runtime session.

    `sessions`: for many texts, that many sessions of `threads // sessions` threads
    each run batches side by side. On 2 cores two one-thread sessions encode more
    chunks per second than one two-thread session (BENCHMARKS.md), since a batch
    has serial parts; a single batch (a query) still gets every thread.
    """

    def __init__(self, st_dir: Path, onnx_file: Path, threads: int, max_tokens: int = 512,
                 sessions: int = 1):
        self.tokenizer = FastTokenizer(st_dir, max_tokens)
        self.onnx_file, self.threads = onnx_file, threads
        # a query's session stops its threads spinning once a run ends: spinning on, they
        # would take the cores from FAISS's search, which comes right after (2x slower at
        # 154k vectors). Bulk encoding gets sessions of its own that keep spinning.
        self.session = self._session(threads, park=True)
        self.parallel = max(1, min(sessions, threads))
        self._workers: list | None = None          # made on the first bulk encode
        self.max_tokens = max_tokens
        self.dim = self.session.get_outputs()[0].shape[-1]

    def _session(self, threads: int, park: bool):
        import onnxruntime as ort
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        if park:                                # spin within a run, not after it
            opts.add_session_config_entry("session.force_spinning_stop", "1")
        return ort.InferenceSession(str(self.onnx_file), opts, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised mean-pooled vectors, one run per text.

        Dynamic quantisation scales a run's activations by its largest value, padding and
        other texts included, so a text batched with others got a vector that depended on
        them (up to 0.014 per component). Alone, a text's vector depends on its own tokens
        only; and with no padding to compute, one text a run is also faster here (34 vs
        16-21 news chunks/s on 2 cores)."""
        out = np.zeros((len(texts), self.dim), np.float32)
        if len(texts) < 2:
            sessions = [self.session]
        else:
            if self._workers is None:
                self._workers = [self._session(self.threads // self.parallel, park=False)
                                 for _ in range(self.parallel)]
            sessions = self._workers

        def work(w: int) -> None:               # onnxruntime runs without the GIL
            for i in range(w, len(texts), len(sessions)):
                out[i] = self._one(texts[i], sessions[w])
        if len(sessions) == 1:
            work(0)
        else:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(len(sessions)) as pool:
                list(pool.map(work, range(len(sessions))))
        return out

    def _one(self, text: str, session) -> np.ndarray:
        ids, mask = self.tokenizer.batch([text])
        v = session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0].mean(0)
        return v / max(float(np.linalg.norm(v)), 1e-12)


class FastTokenizer:
    """The model's tokenizer.json run by the `tokenizers` library, as transformers' fast
    tokenizer runs it (special tokens added, truncated to `max_tokens`), without
    importing transformers, which imports torch: 1.2 s of every start-up."""

    def __init__(self, st_dir: Path, max_tokens: int):
        import json
        from tokenizers import Tokenizer
        self.whole = Tokenizer.from_file(str(st_dir / "tokenizer.json"))    # counts tokens
        self.whole.no_truncation()
        self.whole.no_padding()
        self.tok = Tokenizer.from_file(str(st_dir / "tokenizer.json"))      # feeds the model
        self.tok.enable_truncation(max_tokens)
        self.tok.no_padding()
        cfg = st_dir / "tokenizer_config.json"
        pad = json.loads(cfg.read_text()).get("pad_token") if cfg.is_file() else None
        self.pad_id = (self.tok.token_to_id(pad) if isinstance(pad, str) else None) or 0

    def __call__(self, text: str) -> dict:
        """{"input_ids": ...} of the whole text, as transformers' tokenizer(text) gives."""
        return {"input_ids": self.whole.encode(text).ids}

    def batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(input ids, attention mask), int64, padded on the right to the longest text."""
        encs = self.tok.encode_batch(texts)
        width = max(len(e.ids) for e in encs)
        ids = np.full((len(encs), width), self.pad_id, np.int64)
        mask = np.zeros((len(encs), width), np.int64)
        for i, e in enumerate(encs):
            ids[i, :len(e.ids)] = e.ids
            mask[i, :len(e.ids)] = 1
        return ids, mask
