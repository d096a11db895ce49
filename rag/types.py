"""Plain dataclasses passed between the pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass, field, asdict


@dataclass
class RawDoc:
    """One corpus file, decoded to text."""
    path: str          # full path on disk
    source: str        # file name, as cited
    text: str
    encoding: str
    sha256: str


@dataclass
class Problem:
    """A file (or line of one) that could not be read; reported and skipped."""
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Article:
    id: str
    source: str
    title: str
    subtitles: list[str] = field(default_factory=list)
    date: str = ""                     # YYYY-MM-DD, or MM-DD when the year is unknown
    reporters: list[str] = field(default_factory=list)
    kind: str = "article"              # article | photo | other
    text: str = ""                     # body, paragraphs joined by "\n"

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def header(self) -> str:
        """Headline and subtitle lines, indexed with every chunk of the article."""
        return " ".join([self.title, *self.subtitles]).strip()


@dataclass
class Chunk:
    id: str
    article_id: str
    text: str
    start: int                         # offsets into Article.text
    end: int


@dataclass
class Hit:
    chunk: Chunk
    article: Article
    score: float

    source = property(lambda self: self.article.source)
    article_id = property(lambda self: self.article.id)
    title = property(lambda self: self.article.title)
    date = property(lambda self: self.article.date)
    text = property(lambda self: self.chunk.text)


@dataclass
class Citation:
    n: int
    source: str
    article_id: str
    title: str
    date: str
    quote: str
    start: int
    end: int


@dataclass
class Answer:
    text: str
    span: str | None
    found: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)
    form: str = "answer"               # answer | articles (a list of reports) | points | clarify
    question: str = ""                 # the question as understood, when a follow-up was rewritten
    by: str = ""                       # what found the span: "rules" or "model" (the trained reader)
    score: float | None = None         # the trained reader's span score, when it answered

    def to_dict(self) -> dict:
        return {
            "text": self.text, "span": self.span, "found": self.found, "form": self.form, "question": self.question,
            "citations": [asdict(c) for c in self.citations],
            "related": [{"id": a.id, "source": a.source, "title": a.title, "date": a.date}
                        for a in self.related],
        }
