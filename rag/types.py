"""Plain dataclasses passed between the pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass, field, asdict

from .normalize import fold_punct


@dataclass
class RawDoc:
    """One corpus file, decoded to text."""
    path: str          # full path on disk
    source: str        # file name, as cited
    text: str
    encoding: str
    sha256: str
    paged: object = None          # rag.pages.PageFile: a PDF or page image, read by page


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
    page: int = 0                      # the page it is printed on, of a PDF or page images

    def __post_init__(self) -> None:
        # the reader's patterns are written in half-width punctuation, as the district paper's
        # OCR gives it (,?!); other papers and feeds write ，？！. Folded one character for
        # one, so every offset into the text and every quote of it still holds
        self.title, self.text = fold_punct(self.title), fold_punct(self.text)
        self.subtitles = [fold_punct(s) for s in self.subtitles]

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
    page: int = 0                      # of a PDF or page images: the page the quote is on


@dataclass
class Answer:
    text: str
    span: str | None
    found: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)
    form: str = "answer"               # answer | articles (a list of reports) | points | clarify | chat
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


@dataclass(frozen=True)
class Scope:
    """Which articles a question is asked of: some issues (source files) and a date range
    ("2023", "2023-10" or "2023-10-26" at either end). An article whose year is unknown
    (MM-DD) is kept unless the range lies within one year and its day falls outside it;
    one with no date at all is left out of a date range."""
    sources: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return bool(self.sources or self.date_from or self.date_to)

    def allows(self, a: Article) -> bool:
        if self.sources and a.source not in self.sources:
            return False
        lo = self.date_from
        hi = self.date_to + "-99" * ((10 - len(self.date_to)) // 3) if self.date_to else ""
        if len(a.date) == 10:
            return (not lo or a.date >= lo) and (not hi or a.date <= hi)
        if len(a.date) == 5 and lo and hi and lo[:4] == hi[:4]:
            d = f"{lo[:4]}-{a.date}"
            return lo <= d <= hi
        return bool(a.date) or not (lo or hi)

    def describe(self) -> str:
        """How the answer says it was narrowed: "只在2023年、000_….txt的报道中查找"."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '最早'}至{self.date_to or '最近'}"
                         if self.date_from != self.date_to else self.date_from)
        if self.sources:
            parts.append("、".join(self.sources))
        return f"(只在{'、'.join(parts)}的报道中查找)" if parts else ""
