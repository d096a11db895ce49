"""What the reader's stages pass around: a candidate sentence, an extraction, a citation."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..types import Article, Citation


@dataclass
class Sentence:
    article: Article
    text: str
    start: int          # offsets in article.text; -1 for a headline/subtitle line
    end: int
    cover: float = 0.0
    rank: int = 0
    missing: float = 0.0  # share of the question's weight its article lacks
    unseen: bool = False  # its article lacks a question word no indexed text holds (loose reads)
    line: "Sentence | None" = None   # a headline read as a text of its own (`as_text`): the line


@dataclass
class Extraction:
    span: str           # the bare answer
    say: str            # how it reads in the answer sentence
    # from an extractor the trained reader beats: the words after the question's verb.
    # On held-out CMRC questions the rules answered, 'what' scored F1 39, the reader 60.
    weak: bool = False
    # sentences it is read from besides its own, cited before it (a report's dateline)
    before: tuple = ()


def paragraph(s: Sentence) -> tuple[int, int]:
    """(start, end) in its article's text of the paragraph that holds the body sentence `s`."""
    text = s.article.text
    end = text.find("\n", s.end)
    return text.rfind("\n", 0, s.start) + 1, len(text) if end < 0 else end


def as_text(s: Sentence) -> Sentence:
    """A headline or subtitle line (`start` -1) as the body of an article of its own, so a
    reader of body text reads it too (51名党组织书记下窗口“挑刺”: the count is in the headline
    alone); `line` keeps it as its article has it, for the citation."""
    a = s.article
    own = replace(a, id=f"{a.id}#{s.text}", text=s.text)
    return Sentence(own, s.text, 0, len(s.text), s.cover, s.rank, s.missing, s.unseen, line=s)


def cite(n: int, *support: Sentence) -> Citation:
    first = support[0]
    quote = " … ".join(s.text for s in support)
    body = [s for s in support if s.start >= 0]         # offsets of body text only, not of a subtitle
    return Citation(n=n, source=first.article.source, article_id=first.article.id,
                    title=first.article.title, date=first.article.date, quote=quote,
                    start=body[0].start if body else -1, end=body[-1].end if body else -1,
                    page=first.article.page)
