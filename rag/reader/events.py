"""The meetings table: who chaired (主持) or attended (出席) which meeting, from every article.

Derived once at build time (`derive`) and stored with the index's reader tables, so
"黄祖英主持过哪些会议?" and "谁主持?" (asked back with the meetings the corpus reports)
need no scan of the articles when asked, whichever backend holds them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chunk import sentences
from ..question import Question
from ..types import Article
from .people import People
from .rules import RuleReader
from .sentence import Sentence

ROLES = ("主持", "出席")
# the meeting's name in an article's lead sentence, in the order tried
MEETING = [re.compile(p) for p in (
    r"主持召开([^,，。]{4,30}?(?:会议|大会|座谈会))",
    r"日,([^,，。]{4,40}?(?:会议|大会|座谈会|活动))(?:召开|举行)",
    r"(?:召开|举行)([^,，。]{4,40}?(?:会议|大会|座谈会|活动))",
    r"日,([^,，。]{2,20}?会)召开会议",          # 区委常委会召开会议: the body that met
)]


@dataclass(frozen=True)
class Event:
    role: str                    # 主持 | 出席
    person: str
    meeting: str
    article_id: str
    source: str                  # the article's, so a scope filters rows without fetching it
    date: str
    lead: tuple[int, int]        # the lead sentence naming the meeting (offsets in the text)
    said: tuple[int, int]        # the sentence naming the person; (-1, -1): a subtitle line
    line: str = ""               # that subtitle line

    def sentences(self, article: Article) -> tuple[Sentence, Sentence]:
        """The lead and the role sentence, as read from `article`."""
        lead = Sentence(article, article.text[slice(*self.lead)], *self.lead)
        said = (Sentence(article, self.line, -1, -1) if self.said[0] < 0
                else Sentence(article, article.text[slice(*self.said)], *self.said))
        return lead, said


def derive(articles: list[Article], people: People) -> list[Event]:
    """Every (role, person, meeting) the articles report: a meeting has one chair line (the
    first found, subtitles first: "黄祖英出席 徐永德主持" is the paper's own summary) and
    everyone named as attending."""
    rules = RuleReader(people, lambda q: {}, lambda text: [])
    rows = []
    for role in ROLES:
        asked = Question(text="", qtype="who", role=role)
        for a in articles:
            spans = sentences(a.text)
            if role not in a.text + a.header or not spans:
                continue
            lead = a.text[slice(*spans[0])]
            m = next((m for rx in MEETING for m in [rx.search(lead)] if m), None)
            if not m:
                continue
            cands = [(Sentence(a, line, -1, -1), line) for line in a.subtitles]
            cands += [(Sentence(a, a.text[s:e], s, e), "") for s, e in spans]
            seen = set()
            for sent, line in cands:
                ext = rules.who(asked, sent)
                for name in ext.span.split("、") if ext else []:
                    if name not in seen:
                        seen.add(name)
                        rows.append(Event(role, name, m.group(1), a.id, a.source, a.date, spans[0],
                                          (sent.start, sent.end), line))
                if seen and role == "主持":
                    break
    return rows
