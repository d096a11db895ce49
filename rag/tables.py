"""The reader's tables: what answering looks up besides passages, derived at build time.

Stored with the index (a file in a local generation, rows in Milvus), so a reader node
needs no scan of the articles and no backend internals:

- `names`   words learned from the corpus for the segmenter ({word: 'nr' | 'nt'})
- `df`      how many chunks hold each BM25 term: question words are weighted by idf, and a
            word no chunk holds is an unseen word the answer must not ignore
- `homes`   per source (an issue, an archive file), the places most of its articles name:
            a district paper writes 区政府 and means 北碚区
- `events`  the meetings table (rag/reader/events.py)
- `facts`   counts and dates for the UI and /api/health
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from .bm25 import idf
from .checks import PLACE_UNIT
from .normalize import normalize
from .reader.events import Event, derive as derive_events
from .reader.people import People
from .types import Article

VERSION = 4                # bump when a table's derivation changes: indexes rebuild their tables
HOME_SHARE = 0.5           # a place named in this share of a source's articles is implied in all of them
HOME_SAMPLE = 50           # articles of a source (the first ones) looked at to tell its home places
HOME_MIN = 3               # a source of fewer articles implies no place: a news item filed alone names its own
STEM = (2, 6)              # lengths of a place's name without its unit: 北碚 of 北碚区
CJK = re.compile(r"[\u4e00-\u9fff]+")


@dataclass
class ReaderTables:
    names: dict[str, str] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    n_docs: int = 0
    homes: dict[str, list[str]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    def __post_init__(self):
        self._homes = {s: set(v) for s, v in self.homes.items()}

    def idf(self, term: str) -> float | None:
        """BM25's idf of `term` over the chunks; None when no chunk holds it."""
        df = self.df.get(term)
        return None if df is None else idf(df, self.n_docs)

    def is_home(self, source: str, place: str) -> bool:
        """`place` (北碚区) goes without saying in `source`'s articles."""
        return len(place) >= 3 and place[-1] in PLACE_UNIT and place[:-1] in self._homes.get(source, ())

    def events_of(self, role: str) -> list[Event]:
        return [e for e in self.events if e.role == role]

    def to_json(self) -> str:
        d = {"version": VERSION, "names": self.names, "df": self.df, "n_docs": self.n_docs,
             "homes": self.homes, "events": [asdict(e) for e in self.events], "facts": self.facts}
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "ReaderTables":
        d = json.loads(text)
        if d.get("version") != VERSION:
            raise ValueError(f"reader tables version {d.get('version')} is not {VERSION}")
        events = [Event(**{**e, "lead": tuple(e["lead"]), "said": tuple(e["said"])}) for e in d["events"]]
        return cls(d["names"], d["df"], d["n_docs"], d["homes"], events, d["facts"])


def homes(articles: list[Article]) -> dict[str, list[str]]:
    """Per source, the place stems (北碚) that HOME_SHARE of its first HOME_SAMPLE articles
    name: a question's 北碚区 is then implied in each article of that source."""
    sample: dict[str, list[str]] = {}
    for a in articles:
        got = sample.setdefault(a.source, [])
        if len(got) < HOME_SAMPLE:
            got.append(normalize(f"{a.header}\n{a.text}"))
    out = {}
    for source, texts in sample.items():
        if len(texts) < HOME_MIN:
            continue
        stems = {stem for t in texts for stem in _stems(t)}
        named = Counter(s for s in stems for t in texts if s in t)
        out[source] = sorted(s for s, n in named.items() if n >= HOME_SHARE * len(texts))
    return out


def derive(articles: list[Article], df: dict[str, int], n_docs: int, names: dict[str, str],
           facts: dict) -> ReaderTables:
    """The tables of an index holding `articles`, whose chunks' BM25 terms have the
    document frequencies `df`, and whose segmenter learned `names`."""
    dates = sorted(a.date for a in articles if len(a.date) == 10)
    facts = {"articles": len(articles), "sources": sorted({a.source for a in articles}),
             "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "", **facts}
    return ReaderTables(names, df, n_docs, homes(articles), derive_events(articles, People(names)), facts)


def _stems(text: str):
    """Every run of 2-6 Chinese characters right before a place unit (北碚 of 北碚区)."""
    for run in CJK.findall(text):
        for i, ch in enumerate(run):
            if ch in PLACE_UNIT:
                for n in range(STEM[0], min(STEM[1], i) + 1):
                    yield run[i - n:i]
