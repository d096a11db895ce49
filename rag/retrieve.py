"""Hybrid retrieval: BM25 and dense candidates fused into one ranking of chunks.

`Retriever.search(query, k) -> list[Hit]` is the whole interface; another
engine (OpenSearch, Milvus) would be another class with the same method.
"""
from __future__ import annotations

import numpy as np

from .index import Index
from .normalize import normalize
from .types import Hit

POOL = 50              # candidates taken from each retriever
# weight of the dense score, per query: 0.9 - 2 x how far BM25's best candidate leads its
# second (relative), at least 0.3. A decisive lexical match (a question in its passage's
# words: CMRC, DRCD) keeps BM25's say; flat BM25 scores (terse news queries over many
# stories of one event: rgb_fact) leave it to the dense side. Against a fixed 0.5, R@1 on
# all questions: rgb_fact 0.57 -> 0.63, CMRC 0.985 -> 0.986, DRCD 0.918 -> 0.912 (BENCHMARKS.md).
ALPHA = None
ALPHA_TOP, ALPHA_SLOPE, ALPHA_MIN = 0.9, 2.0, 0.3
RRF_K = 60


class Retriever:
    def __init__(self, index: Index, encoder, mode: str = "hybrid", fusion: str = "weighted",
                 alpha: float | None = ALPHA):
        self.index, self.encoder = index, encoder
        self.mode, self.fusion, self.alpha = mode, fusion, alpha

    def scored_rows(self, query: str, pool: int = POOL) -> list[tuple[int, float]]:
        """(chunk row, fused score), best first, for every candidate chunk."""
        q = normalize(query)
        lex = self.index.lexical(q, pool) if self.mode in ("hybrid", "bm25") else []
        if self.mode == "bm25":
            return lex
        qvec = self.encoder.encode_queries([q])[0]
        dense = self.index.dense(qvec, pool)
        if self.mode == "dense":
            return dense
        rows = list(dict.fromkeys([r for r, _ in dense] + [r for r, _ in lex]))
        if not rows:
            return []
        if self.fusion == "rrf":
            rank_d = {r: i for i, (r, _) in enumerate(dense)}
            rank_l = {r: i for i, (r, _) in enumerate(lex)}
            a = 0.5 if self.alpha is None else self.alpha
            fused = {r: a / (RRF_K + rank_d.get(r, 10**6)) + (1 - a) / (RRF_K + rank_l.get(r, 10**6))
                     for r in rows}
        else:
            # exact scores of every candidate from both sides
            d = self.index.vectors[rows] @ qvec
            bm = self.index.bm25.scores(self.index.segmenter.tokens(q))[rows] if lex else None
            fused = dict(zip(rows, fuse(d, bm, self.alpha)))
        # equal scores go by chunk id (a hash of the text), not by the order the build or
        # the candidate lists happened to give
        return sorted(fused.items(), key=lambda x: (-x[1], self.index.chunks[x[0]].id))

    def search(self, query: str, k: int = 5, per_article: int = 2) -> list[Hit]:
        chunks = self.index.chunks
        rows = per_article_top(self.scored_rows(query, max(POOL, k * 4)), lambda r: chunks[r].article_id,
                               k, per_article)
        return [Hit(chunks[r], self.index.article[chunks[r].article_id], float(s)) for r, s in rows]


def per_article_top(ranked, article_of, k: int, per_article: int) -> list:
    """The first `k` of `ranked` (best first), at most `per_article` of one article."""
    out, count = [], {}
    for item in ranked:
        aid = article_of(item[0])
        if count.get(aid, 0) >= per_article:
            continue
        count[aid] = count.get(aid, 0) + 1
        out.append(item)
        if len(out) == k:
            break
    return out


def fuse(dense: np.ndarray, bm25: np.ndarray | None, alpha: float | None = ALPHA) -> np.ndarray:
    """Fused scores of candidates from their dense and BM25 scores (None: no BM25 side),
    each min-max scaled over the candidates; `alpha` the dense weight (None: adaptive)."""
    bm = np.zeros(len(dense)) if bm25 is None else bm25
    a = alpha if alpha is not None else adaptive_alpha(bm)
    return a * _scale(dense) + (1 - a) * _scale(bm)


def adaptive_alpha(bm: np.ndarray) -> float:
    """The dense weight for one query from its candidates' BM25 scores (see ALPHA)."""
    top = np.sort(np.asarray(bm, np.float64))[::-1][:2]
    if len(top) < 2 or top[0] <= 0:
        return ALPHA_TOP
    lead = (top[0] - top[1]) / top[0]
    return float(max(ALPHA_MIN, ALPHA_TOP - ALPHA_SLOPE * lead))


def _scale(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, np.float32)
    span = float(x.max() - x.min()) if len(x) else 0.0
    return (x - x.min()) / span if span > 1e-9 else np.zeros_like(x)
