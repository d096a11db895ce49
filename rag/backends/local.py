"""The embedded backend: the FAISS + BM25 index on disk (rag/index.py), searched by
rag/retrieve.py's hybrid retriever."""
from __future__ import annotations

import os
from pathlib import Path

from ..index import BuildReport, Index, build_index
from ..retrieve import Retriever
from ..types import Article, Hit


class LocalBackend:
    def __init__(self, index: Index, encoder):
        self.index, self.retriever = index, Retriever(index, encoder)
        self.tables, self.analyzer, self.model_id = index.tables, index.segmenter, index.model_id
        self.manifest = index.manifest
        self.generation = ""             # the generation it was loaded from (LocalStore.load)

    def search(self, query: str, k: int = 5, per_article: int = 2) -> list[Hit]:
        return self.retriever.search(query, k, per_article)

    def lexical(self, query: str, k: int, must: str = "") -> list[Hit]:
        idx = self.index
        return [Hit(idx.chunks[r], idx.article[idx.chunks[r].article_id], s)
                for r, s in idx.lexical(query, k, must)]

    def article(self, article_id: str) -> Article | None:
        return self.index.article.get(article_id)

    def articles(self, ids: list[str]) -> dict[str, Article]:
        return {i: self.index.article[i] for i in ids if i in self.index.article}


class LocalStore:
    """Builds and loads the local index in `index_dir`; a generation is the folder `current`
    points at, so a running server sees a finished build by reading one link."""
    name = "local"

    def __init__(self, index_dir: Path, encoder):
        self.index_dir, self.encoder = Path(index_dir), encoder

    def generation(self) -> str:
        try:
            return os.readlink(Index.current_dir(self.index_dir))
        except OSError:
            return ""

    def load(self) -> LocalBackend:
        """The current generation (IndexBroken when there is none or it is damaged)."""
        gen = self.generation()          # read first: a swap meanwhile only makes it look older
        backend = LocalBackend(Index.load(self.index_dir), self.encoder)
        backend.generation = gen
        return backend

    def build(self, corpus_dir: Path, **kw) -> BuildReport:
        return build_index(corpus_dir, self.index_dir, self.encoder, **kw)

    def damaged(self) -> bool:
        """Something is there that did not load: the rebuild is worth saying."""
        return (self.index_dir / "current").exists()
