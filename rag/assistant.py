"""`Assistant`: the one object the CLI, the UI and the evaluation use."""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from .backends import NAMES
from .backends.local import LocalStore
from .compose import Composer
from .index import IndexBroken, file_digest
from .reader.answerable import Answerable
from .reader.model import ModelReader
from .sources import corpus_files

READERS = ("hybrid", "rules")    # rules, then the trained reader where they find nothing; rules only
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_index_dir(corpus_dir: Path) -> Path:
    """Outside the repository: the user's cache, one folder per corpus path."""
    from embeddings.encoder import cache_dir
    tag = hashlib.sha1(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:12]
    return cache_dir() / "index" / f"{Path(corpus_dir).resolve().name}-{tag}"


def corpus_is_current(manifest: dict, corpus_dir: Path) -> bool:
    """True when the corpus folder holds exactly the files, byte for byte, the index
    described by `manifest` was built from."""
    known = {**manifest.get("skipped", {}),
             **{name: f["sha256"] for name, f in manifest["files"].items()}}
    try:
        paths = corpus_files(corpus_dir)
    except FileNotFoundError:
        return False
    if {p.name for p in paths} != set(known):
        return False
    for p in paths:
        try:
            digest = file_digest(p)
        except OSError:
            digest = "unreadable"
        if digest != known[p.name]:
            return False
    return True


def open_store(backend: str, index_dir: Path, encoder, milvus_uri: str | None = None):
    """The store of the named backend: "local" (FAISS + BM25 in `index_dir`) or "milvus"
    (the collections at `milvus_uri`; `index_dir` keeps its embedding checkpoints)."""
    if backend == "local":
        return LocalStore(index_dir, encoder)
    if backend == "milvus":
        from .backends.milvus import MilvusStore
        return MilvusStore(milvus_uri or str(Path(index_dir) / "milvus.db"), encoder, index_dir)
    raise ValueError(f"unknown backend {backend!r} (one of {', '.join(NAMES)})")


class Assistant:
    """Question answering over one corpus and its index.

    >>> bot = Assistant.open()                     # the default corpus
    >>> bot.retrieve("谁主持了区政府第49次常务会议?")[0].title
    '区政府召开第49次常务会议'
    """

    def __init__(self, store, backend, encoder, corpus_dir: Path, index_dir: Path,
                 reader: str | None = None):
        self.store, self.encoder, self.corpus_dir, self.index_dir = store, encoder, corpus_dir, index_dir
        reader = reader or os.environ.get("RAG_READER", "hybrid")
        if reader not in READERS:
            raise ValueError(f"unknown reader {reader!r} (one of {', '.join(READERS)})")
        # the trained span reader, shared by every index generation; loaded on first use
        self.model = ModelReader(judge=Answerable.open()) if reader == "hybrid" and ModelReader.available() else None
        self._use(backend)

    def _use(self, backend) -> None:
        # one tuple, swapped in one assignment: a request that took it reads one generation
        self._state = (backend, Composer(backend, self.model))
        self.generation = backend.generation

    backend = property(lambda self: self._state[0])
    composer = property(lambda self: self._state[1])

    def refresh(self) -> bool:
        """Answer from the index generation `rag index` built since this one was loaded,
        if there is one: True when it was swapped in. Requests already running finish on
        the generation they started with."""
        gen = self.store.generation()
        if not gen or gen == self.generation:
            return False
        try:
            backend = self.store.load()
        except IndexBroken as e:
            print(f"new index generation {gen} not loaded: {e}", file=sys.stderr)
            return False
        if backend.model_id != self.encoder.model_id or backend.tables is None:
            return False
        self._use(backend)
        return True

    def update(self) -> bool:
        """Index the corpus folder's new or changed files (when there are any) and answer
        from the result: `rag serve --watch` calls this every few seconds."""
        if not corpus_is_current(self.backend.manifest, self.corpus_dir):
            report = self.store.build(self.corpus_dir)
            print(f"index {self.index_dir}: {report}", file=sys.stderr)
        return self.refresh()

    @classmethod
    def open(cls, corpus_dir: str | os.PathLike | None = None,
             index_dir: str | os.PathLike | None = None, model: str | None = None,
             quiet: bool = False, reader: str | None = None, backend: str = "local",
             milvus_uri: str | None = None) -> "Assistant":
        """`reader`: "hybrid" (default; RAG_READER) reads with the rules and then the trained
        span reader; "rules" with the rules alone. `backend`: "local" (FAISS + BM25 in
        `index_dir`, by default in the user cache) or "milvus" (at `milvus_uri`: a Milvus
        Lite file or a server's URI; by default a file in `index_dir`)."""
        from embeddings import Encoder
        corpus = Path(corpus_dir or DEFAULT_CORPUS)
        idx_dir = Path(index_dir) if index_dir else default_index_dir(corpus)
        encoder = Encoder(model)
        store = open_store(backend, idx_dir, encoder, milvus_uri)
        found = None
        try:
            found = store.load()
            # built by another model, from other files, or before today's reader tables:
            # rebuilt (the vectors of unchanged passages are kept)
            if found.model_id != encoder.model_id or found.tables is None or \
                    not corpus_is_current(found.manifest, corpus):
                found = None
        except IndexBroken as e:
            if store.damaged() and not quiet:
                print(f"rebuilding the index: {e}", file=sys.stderr)
        if found is None:
            report = store.build(corpus)
            if not quiet:
                print(f"index {store.name}: {report}", file=sys.stderr)
            found = store.load()
        return cls(store, found, encoder, corpus, idx_dir, reader)

    def retrieve(self, question: str, k: int = 5):
        return self.backend.search(question, k)

    def ask(self, question: str, history: list[dict] | None = None, scope=None):
        """A cited `Answer` to `question`; `history` is the conversation so far as
        messages ([{"role": "user"|"assistant", "content": str}, ...]); `scope` (a
        `rag.types.Scope`) limits the answer to some issues and dates."""
        return self.composer.answer(question, history, scope=scope)
