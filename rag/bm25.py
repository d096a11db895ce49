"""BM25 (Okapi) over pre-tokenised documents, stored as a compact inverted index.

The tokenizer is not part of this module: callers pass token lists, as in
rank_bm25. Postings are CSR arrays so a 150k-chunk corpus scores a query by
touching only the documents that share a term with it.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np


def idf(df: int, n_docs: int) -> float:
    """Okapi's idf of a term `df` of `n_docs` documents hold (Lucene's, never negative)."""
    return float(np.log(1 + (n_docs - df + 0.5) / (df + 0.5)))


class BM25:
    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        self.indptr = np.zeros(1, np.int64)
        self.docs = np.zeros(0, np.int32)
        self.tfs = np.zeros(0, np.float32)
        self.doc_len = np.zeros(0, np.float32)
        self._last: tuple[tuple[str, ...], np.ndarray] | None = None

    @property
    def n_docs(self) -> int:
        return len(self.doc_len)

    def fit(self, corpus: list[list[str]]) -> "BM25":
        self._last = None
        postings: dict[str, list[tuple[int, int]]] = {}
        for d, toks in enumerate(corpus):
            for term, tf in Counter(toks).items():
                postings.setdefault(term, []).append((d, tf))
        terms = sorted(postings)
        self.vocab = {t: i for i, t in enumerate(terms)}
        lens = [len(postings[t]) for t in terms]
        self.indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
        flat = [p for t in terms for p in postings[t]]
        self.docs = np.array([d for d, _ in flat], np.int32)
        self.tfs = np.array([tf for _, tf in flat], np.float32)
        self.doc_len = np.array([len(t) for t in corpus], np.float32)
        return self

    def doc_freqs(self) -> dict[str, int]:
        """{term: how many documents hold it}."""
        return dict(zip(self.vocab, np.diff(self.indptr).tolist()))

    def idf(self, term_id: int) -> float:
        return idf(int(self.indptr[term_id + 1] - self.indptr[term_id]), self.n_docs)

    def scores(self, query: list[str]) -> np.ndarray:
        """BM25 score of every document for a tokenised query (read-only: the last query's
        array is kept, since retrieval and the reader score one question several times)."""
        key = tuple(sorted(set(query)))
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        out = self._scores(key)
        out.setflags(write=False)
        self._last = (key, out)
        return out

    def _scores(self, query: tuple[str, ...]) -> np.ndarray:
        out = np.zeros(self.n_docs, np.float32)
        if not self.n_docs:
            return out
        avgdl = float(self.doc_len.mean()) or 1.0
        for term in query:
            t = self.vocab.get(term)
            if t is None:
                continue
            lo, hi = self.indptr[t], self.indptr[t + 1]
            docs, tf = self.docs[lo:hi], self.tfs[lo:hi]
            norm = self.k1 * (1 - self.b + self.b * self.doc_len[docs] / avgdl)
            out[docs] += self.idf(t) * tf * (self.k1 + 1) / (tf + norm)
        return out

    def having(self, query: list[str]) -> np.ndarray:
        """Ids of the documents holding every term of `query` (an AND query)."""
        terms = [self.vocab.get(t) for t in set(query)]
        if not terms or None in terms:
            return np.zeros(0, np.int32)
        terms.sort(key=lambda t: self.indptr[t + 1] - self.indptr[t])      # rarest first
        docs = self.docs[self.indptr[terms[0]]:self.indptr[terms[0] + 1]]
        for t in terms[1:]:                     # postings are in document order, unique
            docs = np.intersect1d(docs, self.docs[self.indptr[t]:self.indptr[t + 1]], assume_unique=True)
        return docs

    def top(self, query: list[str], k: int, among: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` best (document, score) pairs; `among`: only these documents."""
        s, ids = self.scores(query), among
        if ids is not None:
            s = s[ids]
        k = min(k, len(s))
        if k == 0:
            return []
        # every document scoring at least the k-th best, then best first and, among equal
        # scores, lowest row first: argpartition alone would pick among ties by memory layout
        kth = np.partition(-s, k - 1)[k - 1]
        idx = np.flatnonzero(-s <= kth)
        idx = idx[np.lexsort((idx, -s[idx]))][:k]
        return [(int(i if ids is None else ids[i]), float(s[i])) for i in idx if s[i] > 0]

    def save(self, path: Path) -> None:
        np.savez(path / "bm25.npz", indptr=self.indptr, docs=self.docs, tfs=self.tfs,
                 doc_len=self.doc_len, params=np.array([self.k1, self.b]))
        (path / "bm25_vocab.json").write_text(json.dumps(list(self.vocab), ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> "BM25":
        z = np.load(path / "bm25.npz")
        bm = cls(*map(float, z["params"]))
        bm.indptr, bm.docs, bm.tfs, bm.doc_len = z["indptr"], z["docs"], z["tfs"], z["doc_len"]
        bm.vocab = {t: i for i, t in enumerate(json.loads((path / "bm25_vocab.json").read_text()))}
        return bm
