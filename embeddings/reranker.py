"""The trained passage reranker: (question, passages) -> how surely each holds the answer.

A cross-encoder on multilingual-e5-small (``<s> question </s></s> passage </s>``, one logit
from ``<s>``), trained by `train/reranker.py` on CMRC 2018 and DRCD to put the passage that
answers above those that only share its topic; its tensors are joined with the e5 export
into an int8 ONNX graph in the cache at first use (embeddings/trained.py).

Not in the answer path and not shipped: trained here (2026-12-01) it did not beat fusion on
every set (BENCHMARKS.md, "A trained reranker"), so its weights stay where training writes
them (train/out-reranker/) and only `bench/rerank.py` uses it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .span_reader import Tokens

WEIGHTS = Path(__file__).resolve().parent.parent / "train" / "out-reranker" / "reranker.safetensors"
FILE = "reranker_int8.onnx"
MAX_TOKENS = 256           # a chunk (at most 350 characters) and its question fit one window
STRIDE = 192


class Reranker:
    """`scores(question, passages) -> np.ndarray` of logits (> 0: likely holds the answer).

    >>> r = Reranker.open()
    >>> s = r.scores("谁主持了会议?", ["区长黄祖英主持了会议。", "会议在区政府召开。"])
    >>> bool(s[0] > s[1])
    True
    """

    def __init__(self, session, tokenizer_json: Path):
        self.session, self.tokens = session, Tokens(tokenizer_json)

    @classmethod
    def open(cls, threads: int | None = None) -> "Reranker":
        from .trained import open_graph
        session, st = open_graph(WEIGHTS, "reranker", FILE, export, threads)
        return cls(session, st / "tokenizer.json")

    def scores(self, question: str, passages: list[str]) -> np.ndarray:
        """A passage's best window's logit. One run a window: a batched window's int8
        activations would be scaled by its neighbours' (embeddings/onnx_int8.py)."""
        out = np.full(len(passages), -np.inf, np.float32)
        for i, text in enumerate(passages):
            for w in self.tokens.windows(question, text, MAX_TOKENS, STRIDE):
                (s,) = self.session.run(None, {"input_ids": w.ids[None],
                                               "attention_mask": np.ones((1, len(w.ids)), np.int64)})
                out[i] = max(out[i], float(s[0, 0]))
        return out


def export(st_dir: Path, weights: Path, target: Path) -> Path:
    """Join the e5 export and the trained weights into `target/reranker_int8.onnx`."""
    from .trained import export as join
    return join("RelevanceModel", st_dir, weights, target / FILE, ["score"], {0: "batch"})
