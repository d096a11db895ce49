"""The trained span reader as a candidate source: sentences in, scored answer spans out.

Each candidate sentence is read with the sentences on either side of it (what "会议"
or "他" means is often there), and only spans inside the sentence itself are taken, so
the sentence is the answer's quote. `embeddings.span_reader` runs the model.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..chunk import sentences as sentence_spans

READ = 6                    # best candidate sentences read by the model


@dataclass
class Candidate:
    span: str
    sentence: object          # the compose.Sentence holding the span (its quote)
    start: int                # offsets of the span in the article text
    end: int
    score: float              # span logits minus the no-answer logits
    by: str = "model"


class ModelReader:
    """`read(question, sentences) -> [Candidate]`, best first."""

    def __init__(self, span_reader=None):
        self._reader = span_reader

    @staticmethod
    def available() -> bool:
        """The trained weights are in the repository (train/reader.py writes them)."""
        from embeddings.span_reader import WEIGHTS
        return WEIGHTS.is_file() and WEIGHTS.with_suffix(".json").is_file()

    @property
    def reader(self):
        if self._reader is None:                 # built on first use: the ONNX export takes a while
            from embeddings.span_reader import SpanReader
            self._reader = SpanReader.open()
        return self._reader

    def read(self, question: str, sents: list, top: int = READ) -> list[Candidate]:
        body = [s for s in sents if s.start >= 0][:top]
        contexts = [_context(s) for s in body]
        out = []
        for s, (lo, text), spans in zip(body, contexts, self.reader.read(question, [t for _, t in contexts])):
            for sp in spans:
                a, b = lo + sp.start, lo + sp.end
                if s.start <= a and b <= s.end and sp.text:
                    out.append(Candidate(s.article.text[a:b].strip(), s, a, b, sp.score))
        return sorted(out, key=lambda c: (-c.score, c.sentence.rank, c.start))


def _context(s) -> tuple[int, str]:
    """(offset, text) of the sentence with its neighbours in the same paragraph."""
    text = s.article.text
    para_lo = text.rfind("\n", 0, s.start) + 1
    para_hi = text.find("\n", s.end)
    para_hi = len(text) if para_hi < 0 else para_hi
    spans = sentence_spans(text[para_lo:para_hi], para_lo)
    k = next((i for i, (a, b) in enumerate(spans) if a <= s.start < b), None)
    if k is None:
        return s.start, text[s.start:s.end]
    lo, hi = spans[max(0, k - 1)][0], spans[min(len(spans) - 1, k + 1)][1]
    return lo, text[lo:hi]
