"""Read corpus files from disk: detect encodings, parse jsonl, report bad files.

Every problem becomes a `Problem` naming the file and the reason; the file is
skipped and the rest of the corpus still loads.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import pages
from .types import Article, Problem, RawDoc

SUFFIXES = (".txt", ".md", ".jsonl") + pages.SUFFIXES
MAX_BYTES = 200 * 1024 * 1024          # a .jsonl archive of many articles
MAX_PAGE_BYTES = 5 * 1024 * 1024       # one issue as text is ~30 KB; 5 MB is not one issue


def corpus_files(corpus_dir: str | os.PathLike) -> list[Path]:
    """Corpus files in a stable order (by name), hidden files skipped."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    return sorted(p for p in root.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (with or without BOM) first, then GB18030.

    GB18030 is a superset of GBK and GB2312. Raises ValueError for binary data
    or bytes that are neither.
    """
    if b"\x00" in data[:65536]:
        raise ValueError("binary file (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 or GB18030 text ({e.reason} at byte {e.start})") from None
    # GB18030 decodes almost any byte soup; real Chinese text is mostly CJK.
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    if printable < 0.95 * len(text) or cjk < 0.2 * len(text.replace(" ", "").replace("\n", "")):
        raise ValueError("undecodable text (neither UTF-8 nor GB18030)")
    return text, "gb18030"


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read a megabyte at a time (a scanned issue is tens of MB)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_file(path: Path, root: Path | None = None) -> RawDoc:
    """Read and decode one file. Raises ValueError/OSError with a readable reason.

    `root`: the corpus folder; a link to a file outside it is refused, so a link to
    /etc/passwd dropped into the corpus is never indexed or quoted."""
    if root is not None and not path.resolve().is_relative_to(Path(root).resolve()):
        raise ValueError(f"a link to a file outside the corpus folder ({path.resolve()}): not read")
    size = path.stat().st_size
    suffix = path.suffix.lower()
    limit, fix = ((MAX_BYTES, "split it into several files") if suffix == ".jsonl" else
                  (pages.MAX_BYTES, "split it by issue") if suffix in pages.SUFFIXES else
                  (MAX_PAGE_BYTES, "too large for one issue; split it by issue or give it as .jsonl articles"))
    if size > limit:                # checked before reading: a huge file costs nothing
        raise ValueError(f"file too large ({size / 2**20:.0f} MB > {limit / 2**20:.0f} MB): {fix}")
    if suffix in pages.SUFFIXES:    # a PDF or page images: read by page
        sha = file_sha256(path)
        paged = pages.read(path, sha)
        return RawDoc(path=str(path), source=path.name, text=paged.text,
                      encoding="ocr" if paged.ocr_pages else "pdf", sha256=sha, paged=paged)
    data = path.read_bytes()
    text, enc = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDoc(path=str(path), source=path.name, text=text, encoding=enc,
                  sha256=hashlib.sha256(data).hexdigest())


def read_corpus(corpus_dir: str | os.PathLike) -> tuple[list[RawDoc], list[Problem]]:
    """All readable files of a corpus folder, and the problems with the others."""
    docs, problems = [], []
    for path in corpus_files(corpus_dir):
        try:
            doc = read_file(path, Path(corpus_dir))
        except (OSError, ValueError) as e:
            problems.append(Problem(path.name, str(e) if isinstance(e, ValueError)
                                    else f"cannot read: {e.strerror or e}"))
            continue
        if not doc.text.strip():
            problems.append(Problem(path.name, "empty file"))
            continue
        docs.append(doc)
    return docs, problems


def jsonl_articles(doc: RawDoc) -> tuple[list[Article], list[Problem]]:
    """Articles from a .jsonl file: one {"id","title","text",...} object a line.

    A malformed line, or one repeating an earlier line's id, is reported (with its line
    number) and skipped.
    """
    articles, problems, first = [], [], {}
    for n, line in enumerate(doc.text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{doc.source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(where, f"malformed JSON ({e.msg})"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            problems.append(Problem(where, "record needs a non-empty string 'text'"))
            continue
        rid = str(rec.get("id") or hashlib.sha1(line.encode()).hexdigest()[:16])
        if rid in first:            # one id, one article: the first is kept, and the user told
            problems.append(Problem(where, f"duplicate id {rid!r} (line {first[rid]} has it): skipped"))
            continue
        first[rid] = n
        articles.append(Article(
            id=rid, source=doc.source,
            title=str(rec.get("title") or "").strip(),
            date=str(rec.get("date") or ""), text=rec["text"].strip(),
            reporters=[str(r) for r in rec.get("reporters", []) if r] if isinstance(rec.get("reporters"), list) else [],
        ))
    return articles, problems
