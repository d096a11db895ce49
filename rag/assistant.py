"""`Assistant`: the one object the CLI, the UI and the evaluation use."""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from .index import Index, IndexBroken, file_sha256, build_index
from .compose import Composer
from .reader.model import ModelReader
from .retrieve import Retriever
from .sources import corpus_files

READERS = ("hybrid", "rules")    # rules, then the trained reader where they find nothing; rules only
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_index_dir(corpus_dir: Path) -> Path:
    """Outside the repository: the user's cache, one folder per corpus path."""
    from embeddings.encoder import cache_dir
    tag = hashlib.sha1(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:12]
    return cache_dir() / "index" / f"{Path(corpus_dir).resolve().name}-{tag}"


def corpus_is_current(index: Index, corpus_dir: Path) -> bool:
    """True when the corpus folder holds exactly the files, byte for byte, the index was built from."""
    known = {**index.manifest.get("skipped", {}),
             **{name: f["sha256"] for name, f in index.manifest["files"].items()}}
    try:
        paths = corpus_files(corpus_dir)
    except FileNotFoundError:
        return False
    if {p.name for p in paths} != set(known):
        return False
    for p in paths:
        try:
            digest = file_sha256(p)
        except OSError:
            digest = "unreadable"
        if digest != known[p.name]:
            return False
    return True


class Assistant:
    """Question answering over one corpus and its index.

    >>> bot = Assistant.open()                     # the default corpus
    >>> bot.retrieve("谁主持了区政府第49次常务会议?")[0].title
    '区政府召开第49次常务会议'
    """

    def __init__(self, index: Index, encoder, corpus_dir: Path, index_dir: Path,
                 reader: str | None = None):
        self.encoder, self.corpus_dir, self.index_dir = encoder, corpus_dir, index_dir
        reader = reader or os.environ.get("RAG_READER", "hybrid")
        if reader not in READERS:
            raise ValueError(f"unknown reader {reader!r} (one of {', '.join(READERS)})")
        # the trained span reader, shared by every index generation; loaded on first use
        self.model = ModelReader() if reader == "hybrid" and ModelReader.available() else None
        self._use(index, _generation(index_dir))

    def _use(self, index: Index, generation: str) -> None:
        # one tuple, swapped in one assignment: a request that took it reads one generation
        retriever = Retriever(index, self.encoder)
        self._state = (index, retriever, Composer(index, retriever, self.model))
        self.generation = generation

    index = property(lambda self: self._state[0])
    retriever = property(lambda self: self._state[1])
    composer = property(lambda self: self._state[2])

    def refresh(self) -> bool:
        """Answer from the index generation `rag index` built since this one was loaded,
        if there is one: True when it was swapped in. Requests already running finish on
        the generation they started with."""
        gen = _generation(self.index_dir)
        if not gen or gen == self.generation:
            return False
        try:
            index = Index.load(self.index_dir)
        except IndexBroken as e:
            print(f"new index generation {gen} not loaded: {e}", file=sys.stderr)
            return False
        if index.model_id != self.encoder.model_id:
            return False
        self._use(index, gen)
        return True

    def update(self) -> bool:
        """Index the corpus folder's new or changed files (when there are any) and answer
        from the result: `rag serve --watch` calls this every few seconds."""
        if not corpus_is_current(self.index, self.corpus_dir):
            report = build_index(self.corpus_dir, self.index_dir, self.encoder)
            print(f"index {self.index_dir}: {report}", file=sys.stderr)
        return self.refresh()

    @classmethod
    def open(cls, corpus_dir: str | os.PathLike | None = None,
             index_dir: str | os.PathLike | None = None, model: str | None = None,
             quiet: bool = False, reader: str | None = None) -> "Assistant":
        """`reader`: "hybrid" (default; RAG_READER) reads with the rules and then the trained
        span reader; "rules" with the rules alone."""
        from embeddings import Encoder
        corpus = Path(corpus_dir or DEFAULT_CORPUS)
        idx_dir = Path(index_dir) if index_dir else default_index_dir(corpus)
        encoder = Encoder(model)
        index = None
        try:
            index = Index.load(idx_dir)
            if index.model_id != encoder.model_id or not corpus_is_current(index, corpus):
                index = None
        except IndexBroken as e:
            if (idx_dir / "current").exists() and not quiet:
                print(f"rebuilding the index: {e}", file=sys.stderr)
        if index is None:
            report = build_index(corpus, idx_dir, encoder)
            if not quiet:
                print(f"index {idx_dir}: {report}", file=sys.stderr)
            index = Index.load(idx_dir)
        return cls(index, encoder, corpus, idx_dir, reader)

    def retrieve(self, question: str, k: int = 5):
        return self.retriever.search(question, k)

    def ask(self, question: str, history: list[dict] | None = None, scope=None):
        """A cited `Answer` to `question`; `history` is the conversation so far as
        messages ([{"role": "user"|"assistant", "content": str}, ...]); `scope` (a
        `rag.types.Scope`) limits the answer to some issues and dates."""
        return self.composer.answer(question, history, scope=scope)


def _generation(index_dir: Path) -> str:
    """The generation `current` points at ('' when there is none)."""
    try:
        return os.readlink(Index.current_dir(index_dir))
    except OSError:
        return ""
