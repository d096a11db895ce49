"""Articles -> sentence-aware chunks that keep their article's metadata.

Sentences end at 。!? (with any closing quote); a chunk never cuts one.
Chunks hold up to MAX_CHARS characters (a few sentences) and repeat the previous
chunk's last sentence, so a fact that straddles two sentences is whole in one.
"""
from __future__ import annotations

import re

from .normalize import VERSION as NORMALIZE_VERSION
from .types import Article, Chunk

# (with the text folding's version: the BM25 words and tables are read in folded text)
CHUNKER_VERSION = f"sent-100-350-o1-n{NORMALIZE_VERSION}"
MAX_CHARS = 350
SENTENCE = re.compile(r"[^。!?！？\n]*(?:[。!?！？]+[”’」』\"')）)]*|\n|$)")


def sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace-trimmed."""
    spans = []
    for m in SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((base + s, base + e))
    return spans


def chunk_article(article: Article) -> list[Chunk]:
    sents = sentences(article.text)
    chunks: list[Chunk] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and sents[j + 1][1] - sents[i][0] <= MAX_CHARS:
            j += 1
        start, end = sents[i][0], sents[j][1]
        n = len(chunks)
        chunks.append(Chunk(id=f"{article.id}:{n}", article_id=article.id,
                            text=article.text[start:end], start=start, end=end))
        if j + 1 >= len(sents):
            break
        i = j if j > i else j + 1               # one sentence of overlap
    return chunks


def chunk_articles(articles: list[Article]) -> list[Chunk]:
    return [c for a in articles for c in chunk_article(a)]
