"""The persistent index: articles, chunks, vectors, FAISS, BM25 — built incrementally.

Layout of an index directory:

    current -> gens/<id>     symlink, swapped atomically when a build finishes
    gens/<id>/manifest.json  format, model, chunker, corpus file hashes, checksums
    gens/<id>/articles.jsonl chunks.jsonl vectors.npy faiss.index bm25.* userdict.json
    gens/<id>/tables.json    the reader's tables (rag/tables.py)
    pending/*.npz            vectors embedded by an unfinished build (resumed next time)
    lock                     one build at a time

A build re-embeds only passages whose text is not already in the previous
index (vectors are keyed by a hash of the passage text), so an unchanged
corpus embeds nothing and a changed file re-embeds only its own chunks. A
model or chunker change starts from nothing. A build killed at any point
leaves `current` pointing at the last complete index.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .articles import documents
from .bm25 import BM25
from .chunk import CHUNKER_VERSION, chunk_article
from .sources import corpus_files, file_sha256
from . import tables as reader_tables
from .tokenize import Segmenter, learn_words
from .types import Article, Chunk, Problem

FORMAT = 1
FLAT_LIMIT = 200_000          # above this many chunks an HNSW index is used by default
SAVE_EVERY = 2048             # passages embedded between two pending saves


class IndexBroken(Exception):
    """The index on disk is missing, corrupt or built differently."""


def passage_text(article: Article, chunk: Chunk) -> str:
    """What is embedded and BM25-indexed for a chunk: its headline and subtitles, then text."""
    return f"{article.header}\n{chunk.text}" if article.header else chunk.text


def _key(model_id: str, text: str) -> str:
    return hashlib.sha1(f"{model_id}\n{text}".encode()).hexdigest()


_DIGESTS: dict[str, tuple[tuple, str]] = {}     # path -> (its stat when hashed, sha256)


def file_digest(path: Path) -> str:
    """`file_sha256(path)`, hashed again only when the file's size, mtime or inode changed:
    `rag serve --watch` looks at every corpus file every few seconds, and a large file
    hashed each time kept a core busy."""
    st = os.stat(path)
    key = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
    got = _DIGESTS.get(str(path))
    if got and got[0] == key:
        return got[1]
    digest = file_sha256(path)
    _DIGESTS[str(path)] = (key, digest)
    return digest


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    embedded: int = 0
    reused: int = 0
    rebuilt_because: str = ""
    seconds: float = 0.0

    def __str__(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.removed)} removed", f"{len(self.unchanged)} unchanged"]
        s = (f"files: {', '.join(parts)}; chunks: {self.embedded} embedded, {self.reused} reused;"
             f" {self.seconds:.1f}s")
        if self.rebuilt_because:
            s = f"full rebuild ({self.rebuilt_because}); " + s
        for name in self.added + self.changed:
            s += f"\n  + {name}"
        for name in self.removed:
            s += f"\n  - {name}"
        for p in self.problems:
            s += f"\n  skipped {p}"
        return s


class Index:
    """Articles, chunks and both retrieval structures, as loaded from disk."""

    def __init__(self, manifest: dict, articles: list[Article], chunks: list[Chunk],
                 keys: list[str], vectors: np.ndarray, bm25: BM25, faiss_index, userdict: dict,
                 tables: reader_tables.ReaderTables | None = None):
        self.manifest, self.articles, self.chunks = manifest, articles, chunks
        self.keys, self.vectors, self.bm25, self.faiss = keys, vectors, bm25, faiss_index
        self.userdict = userdict
        self.tables = tables             # None: built before these tables (rebuilt, vectors kept)
        self.article = {a.id: a for a in articles}
        self.segmenter = Segmenter(userdict)

    @property
    def model_id(self) -> str:
        return self.manifest["model_id"]

    # ---------------------------------------------------------------- search
    def dense(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not self.chunks:
            return []
        scores, rows = self.faiss.search(qvec.reshape(1, -1).astype(np.float32), min(k, len(self.chunks)))
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def lexical(self, query: str, k: int, must: str = "") -> list[tuple[int, float]]:
        """BM25's best `k` (chunk row, score); `must`: only chunks holding each of its words."""
        among = self.bm25.having(self.segmenter.tokens(must)) if must else None
        return self.bm25.top(self.segmenter.tokens(query), k, among)

    # ------------------------------------------------------------------ disk
    @staticmethod
    def current_dir(index_dir: Path) -> Path:
        return Path(index_dir) / "current"

    @classmethod
    def load(cls, index_dir: str | os.PathLike, verify: bool = True) -> "Index":
        import faiss
        gen = cls.current_dir(Path(index_dir))
        try:
            manifest = json.loads((gen / "manifest.json").read_text())
        except (OSError, ValueError) as e:
            raise IndexBroken(f"no readable index at {index_dir} ({e.__class__.__name__})") from None
        if manifest.get("format") != FORMAT:
            raise IndexBroken(f"index format {manifest.get('format')} is not {FORMAT}")
        try:
            if verify:
                for name, digest in manifest["checksums"].items():
                    if file_sha256(gen / name) != digest:
                        raise IndexBroken(f"index file {name} is corrupt (checksum mismatch)")
            articles = [Article(**json.loads(l)) for l in (gen / "articles.jsonl").read_text().splitlines()]
            by_id = {a.id: a for a in articles}
            chunks, keys = [], []
            for line in (gen / "chunks.jsonl").read_text().splitlines():
                c = json.loads(line)
                a = by_id[c["article_id"]]
                chunks.append(Chunk(c["id"], a.id, a.text[c["start"]:c["end"]], c["start"], c["end"]))
                keys.append(c["key"])
            vectors = np.load(gen / "vectors.npy")
            index = faiss.read_index(str(gen / "faiss.index"))
            bm25 = BM25.load(gen)
            userdict = json.loads((gen / "userdict.json").read_text())
            tables = None
            if manifest.get("tables") == reader_tables.VERSION:
                tables = reader_tables.ReaderTables.from_json((gen / "tables.json").read_text())
        except IndexBroken:
            raise
        except Exception as e:                                  # truncated or garbled files
            raise IndexBroken(f"index at {index_dir} is unreadable: {e}") from None
        if len(vectors) != len(chunks) or index.ntotal != len(chunks):
            raise IndexBroken("index files disagree on the number of chunks")
        return cls(manifest, articles, chunks, keys, vectors, bm25, index, userdict, tables)


def _faiss_index(vectors: np.ndarray, kind: str):
    import faiss
    dim = vectors.shape[1]
    if kind == "auto":
        kind = "flat" if len(vectors) <= FLAT_LIMIT else "hnsw"
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction, index.hnsw.efSearch = 80, 128
    else:
        raise ValueError(f"unknown FAISS index type {kind!r} (flat, hnsw, auto)")
    if len(vectors):
        index.add(vectors)
    return index


@contextmanager
def _lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / "lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of {index_dir} to finish", file=sys.stderr)
            fcntl.flock(f, fcntl.LOCK_EX)
        yield


def load_pending(index_dir: Path, model_id: str) -> dict[str, np.ndarray]:
    """Vectors a previous, interrupted build already paid for."""
    cache = {}
    for f in sorted((index_dir / "pending").glob("*.npz")):
        try:
            z = np.load(f)
            if str(z["model"]) != model_id:
                continue
            cache.update(zip(z["keys"].tolist(), z["vecs"]))
        except Exception:                                   # half-written: ignore it
            f.unlink(missing_ok=True)
    return cache


def build_index(corpus_dir: str | os.PathLike, index_dir: str | os.PathLike, encoder,
                faiss_type: str = "auto", extra_articles: list[Article] | None = None,
                progress: bool | None = None) -> BuildReport:
    """Build or update the index of `corpus_dir` in `index_dir`; returns what changed.

    `extra_articles` are indexed too (the scale benchmark's distractors).
    """
    t0 = time.time()
    index_dir = Path(index_dir)
    with _lock(index_dir):
        report = BuildReport()
        old = None
        try:
            old = Index.load(index_dir)
            if old.model_id != encoder.model_id:
                report.rebuilt_because = f"model changed from {old.model_id} to {encoder.model_id}"
                old = None
            elif old.manifest["chunker"] != CHUNKER_VERSION:
                report.rebuilt_because = "chunker changed"
                old = None
        except IndexBroken as e:
            if Index.current_dir(index_dir).exists() or (index_dir / "gens").exists():
                report.rebuilt_because = str(e)

        plan = plan_build(corpus_dir, old.manifest["files"] if old else {}, report, extra_articles)
        articles, chunks, texts = plan.articles, plan.chunks, plan.texts
        keys = plan.keys(encoder.model_id)
        cache: dict[str, np.ndarray] = {}
        if old:
            cache.update(zip(old.keys, old.vectors))
        cache.update(load_pending(index_dir, encoder.model_id))
        todo = sorted({k: i for i, k in enumerate(keys) if k not in cache}.values())
        report.reused = len(chunks) - len(todo)
        report.embedded = len(todo)
        embed_resumably(encoder, [texts[i] for i in todo], [keys[i] for i in todo], cache,
                        index_dir, progress)
        vectors = (np.stack([cache[k] for k in keys]).astype(np.float32) if keys
                   else np.zeros((0, encoder.dim), np.float32))

        bm25 = BM25().fit(plan.tokens)
        manifest = plan.manifest(encoder, faiss=faiss_type)
        tables = plan.tables(bm25.doc_freqs(), encoder)
        _write_generation(index_dir, manifest, articles, chunks, keys, vectors, bm25,
                          _faiss_index(vectors, faiss_type), plan.words, tables)
        shutil.rmtree(index_dir / "pending", ignore_errors=True)
        report.seconds = time.time() - t0
        return report


@dataclass
class Plan:
    """What a build of a corpus folder holds: its files, articles, chunks and their passage
    texts, the words learned for the segmenter and each passage's tokens. Any store builds
    from one (the local index here, Milvus in rag/backends/milvus.py)."""
    corpus_dir: Path
    files: dict                  # {name: {"sha256", "articles"}}
    skipped: dict                # unreadable files {name: sha256}, so they are not retried
    articles: list[Article]
    chunks: list[Chunk]
    texts: list[str]             # passage_text of each chunk: what is embedded and BM25-indexed
    words: dict[str, str]        # learned dictionary
    tokens: list[list[str]]      # each passage's BM25 tokens
    extra: int = 0
    problems: list[str] = field(default_factory=list)   # files and lines skipped, and why

    def keys(self, model_id: str) -> list[str]:
        return [_key(model_id, t) for t in self.texts]

    def manifest(self, encoder, **more) -> dict:
        return {"format": FORMAT, "model_id": encoder.model_id, "dim": encoder.dim,
                "chunker": CHUNKER_VERSION, "corpus": str(Path(self.corpus_dir).resolve()),
                "files": self.files, "skipped": self.skipped, "problems": self.problems,
                "extra_articles": self.extra,
                "articles": len(self.articles), "chunks": len(self.chunks),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"), "tables": reader_tables.VERSION, **more}

    def tables(self, df: dict[str, int], encoder) -> reader_tables.ReaderTables:
        return reader_tables.derive(self.articles, dict(sorted(df.items())), len(self.chunks), self.words,
                                    {"chunks": len(self.chunks), "model": encoder.model_id})


def plan_build(corpus_dir, old_files: dict, report: BuildReport,
               extra_articles: list[Article] | None = None) -> Plan:
    """Read the corpus folder (bad files go to `report.problems`), tell which files were
    added, changed, removed or kept against `old_files`, and chunk and tokenise it all."""
    docs, report.problems = documents(corpus_dir)
    files, articles = {}, []
    for doc, fresh in docs:
        prev = old_files.get(doc.source)
        (report.unchanged if prev and prev["sha256"] == doc.sha256
         else report.changed if prev else report.added).append(doc.source)
        articles += fresh
        files[doc.source] = {"sha256": doc.sha256, "articles": len(fresh)}
    report.removed = sorted(set(old_files) - set(files))
    skipped = {}
    for p in corpus_files(corpus_dir):
        if p.name not in files:
            try:
                skipped[p.name] = file_sha256(p)
            except OSError:
                skipped[p.name] = "unreadable"
    seen = {a.id for a in articles}
    for a in extra_articles or []:
        if a.id not in seen:
            seen.add(a.id)
            articles.append(a)
    chunks = [c for a in articles for c in chunk_article(a)]
    by_id = {a.id: a for a in articles}
    texts = [passage_text(by_id[c.article_id], c) for c in chunks]
    words = learn_words([f"{a.header}\n{a.text}" for a in articles])
    seg = Segmenter(words)
    return Plan(Path(corpus_dir), files, skipped, articles, chunks, texts, words,
                [seg.tokens(t) for t in texts], len(extra_articles or []), [str(p) for p in report.problems])


def embed_resumably(encoder, texts, keys, cache, index_dir: Path, progress) -> None:
    """Embed in slices, saving each to pending/ so a killed build resumes where it stopped."""
    if not texts:
        return
    pending = index_dir / "pending"
    pending.mkdir(exist_ok=True)
    show = progress if progress is not None else len(texts) >= 256
    t0 = time.time()
    for lo in range(0, len(texts), SAVE_EVERY):
        if show:
            rate = lo / (time.time() - t0) if lo else 0.0
            eta = f", {rate:.1f}/s, about {(len(texts) - lo) / rate / 60:.0f} min left" if rate else ""
            print(f"embedding {lo}/{len(texts)} passages{eta} (kept in {pending} if interrupted)",
                  file=sys.stderr, flush=True)
        vecs = encoder.encode_passages(texts[lo:lo + SAVE_EVERY], progress=show)
        part = pending / f"{lo:09d}-{os.getpid()}.npz"
        tmp = part.with_name(part.name + ".tmp")          # not *.npz: never read half-written
        with open(tmp, "wb") as f:
            np.savez(f, keys=np.array(keys[lo:lo + SAVE_EVERY]), vecs=vecs,
                     model=np.array(encoder.model_id))
        os.replace(tmp, part)
        cache.update(zip(keys[lo:lo + SAVE_EVERY], vecs))


def _write_generation(index_dir: Path, manifest, articles, chunks, keys, vectors, bm25,
                      faiss_index, userdict, tables) -> None:
    import faiss
    gens = index_dir / "gens"
    gens.mkdir(parents=True, exist_ok=True)
    gen = gens / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6}"
    tmp = gen.with_name(".tmp-" + gen.name)
    tmp.mkdir()
    with open(tmp / "articles.jsonl", "w") as f:
        for a in articles:
            f.write(json.dumps(asdict(a), ensure_ascii=False) + "\n")
    with open(tmp / "chunks.jsonl", "w") as f:
        for c, k in zip(chunks, keys):
            f.write(json.dumps({"id": c.id, "article_id": c.article_id, "start": c.start,
                                "end": c.end, "key": k}) + "\n")
    np.save(tmp / "vectors.npy", vectors)
    faiss.write_index(faiss_index, str(tmp / "faiss.index"))
    bm25.save(tmp)
    (tmp / "userdict.json").write_text(json.dumps(userdict, ensure_ascii=False))
    (tmp / "tables.json").write_text(tables.to_json())
    manifest["checksums"] = {p.name: file_sha256(p) for p in sorted(tmp.iterdir())}
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    for p in tmp.iterdir():                                 # on disk before the swap
        with open(p, "rb") as f:
            os.fsync(f.fileno())
    os.rename(tmp, gen)
    link = index_dir / f".current-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(Path("gens") / gen.name, link)
    os.replace(link, index_dir / "current")                 # the atomic switch
    for other in gens.iterdir():
        if other.name != gen.name:
            shutil.rmtree(other, ignore_errors=True)


def verify_index(corpus_dir: str | os.PathLike, index_dir: str | os.PathLike, encoder) -> list[str]:
    """Rebuild `corpus_dir` from nothing in a temporary folder and compare it with the index
    in `index_dir`: the differences found, none when the index is what a fresh build gives."""
    import tempfile
    mine = Index.load(index_dir)
    with tempfile.TemporaryDirectory(prefix="rag-verify-") as tmp:
        build_index(corpus_dir, tmp, encoder, faiss_type=mine.manifest.get("faiss", "auto"))
        return differences(mine, Index.load(tmp))


def differences(mine: Index, fresh: Index) -> list[str]:
    """What differs between two indexes of one corpus: manifest, articles, chunks, vectors
    (bit for bit), BM25 postings, dictionary and reader tables."""
    diffs = []
    for key in ("model_id", "chunker", "files", "articles", "chunks"):
        if mine.manifest.get(key) != fresh.manifest.get(key):
            diffs.append(f"manifest {key}: {mine.manifest.get(key)!r} != {fresh.manifest.get(key)!r}")
    if [a.to_dict() for a in mine.articles] != [a.to_dict() for a in fresh.articles]:
        diffs.append("articles differ")
    if [(c.id, c.start, c.end) for c in mine.chunks] != [(c.id, c.start, c.end) for c in fresh.chunks]:
        diffs.append("chunks differ")
    elif not np.array_equal(mine.vectors, fresh.vectors):
        moved = np.abs(mine.vectors - fresh.vectors).max(1)
        diffs.append(f"vectors of {int((moved > 0).sum())} chunks differ (by up to {moved.max():.2e})")
    if mine.bm25.vocab != fresh.bm25.vocab or not np.array_equal(mine.bm25.tfs, fresh.bm25.tfs):
        diffs.append("BM25 postings differ")
    if mine.userdict != fresh.userdict:
        diffs.append("learned dictionary differs")
    if mine.tables is None or mine.tables.to_json() != fresh.tables.to_json():
        diffs.append("reader tables differ")
    return diffs
