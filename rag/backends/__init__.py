"""Retrieval backends: where the passages, their vectors and the reader's tables live.

The reader (rag/compose.py and rag/reader/) reaches an index only through `Backend`;
`local.py` is the embedded FAISS + BM25 index on disk (the default), `milvus.py` the
same over a Milvus collection (Milvus Lite file or a cluster, by URI).
"""
from __future__ import annotations

from typing import Protocol

from ..tables import ReaderTables
from ..tokenize import Segmenter
from ..types import Article, Hit

NAMES = ("local", "milvus")


class BackendError(Exception):
    """The backend cannot be reached or opened (said to the user in one line)."""


class Backend(Protocol):
    tables: ReaderTables             # names, document frequencies, homes, events, facts
    analyzer: Segmenter              # the segmenter with the learned dictionary: tokens(), cut()
    model_id: str                    # the encoder its vectors were made with
    manifest: dict                   # how it was built: "files" {name: {"sha256"}}, "skipped", "built"
    generation: str                  # which build it is (a store's generation() names the newest)

    def search(self, query: str, k: int = 5, per_article: int = 2) -> list[Hit]:
        """Hybrid retrieval (dense + BM25 fused), at most `per_article` chunks an article."""

    def lexical(self, query: str, k: int, must: str = "") -> list[Hit]:
        """BM25's best `k` chunks; `must`: only chunks holding every word of it."""

    def article(self, article_id: str) -> Article | None:
        """One article, whole."""

    def articles(self, ids: list[str]) -> dict[str, Article]:
        """The articles of `ids` that exist, by id, in one call."""
