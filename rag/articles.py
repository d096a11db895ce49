"""A corpus folder -> its articles (newspaper pages segmented, jsonl read as is)."""
from __future__ import annotations

import os

from .segment import segment
from .sources import jsonl_articles, read_corpus
from .types import Article, Problem, RawDoc


def doc_articles(doc: RawDoc) -> tuple[list[Article], list[Problem]]:
    """Articles of one decoded file."""
    if doc.source.lower().endswith(".jsonl"):
        return jsonl_articles(doc)
    arts = segment(doc.text, doc.source)
    if doc.paged is not None:                      # a PDF or page images: each article's page
        for a in arts:
            a.page = doc.paged.page_of(a.title, a.text)
    return arts, ([] if arts else [Problem(doc.source, "no article found")])


def documents(corpus_dir: str | os.PathLike) -> tuple[list[tuple[RawDoc, list[Article]]], list[Problem]]:
    """Each readable file of a corpus folder with its articles, less those (by id) an
    earlier file or an earlier page of it already gave; and the problems met. (A page's
    article printed again is the same article; a .jsonl record whose id another file gave
    is reported, since its text may differ.)"""
    docs, problems = read_corpus(corpus_dir)
    seen: dict[str, str] = {}
    out = []
    for doc in docs:
        arts, probs = doc_articles(doc)
        problems += probs
        fresh = []
        for a in arts:
            if a.id not in seen:
                seen[a.id] = a.source
                fresh.append(a)
            elif doc.source.endswith(".jsonl") and seen[a.id] != a.source:
                problems.append(Problem(doc.source, f"duplicate id {a.id!r} ({seen[a.id]} has it): skipped"))
        out.append((doc, fresh))
    return out, problems


def load_articles(corpus_dir: str | os.PathLike) -> tuple[list[Article], list[Problem]]:
    """Every article of a corpus folder, the same article (by id) only once."""
    docs, problems = documents(corpus_dir)
    return [a for _, arts in docs for a in arts], problems
