"""Answers that list reports: the reports about a topic, a person's activities, counts over
the corpus. Each takes the turn as typed and a scope, reads its topic with `reader/frames.py`,
finds the reports (`reader/articles.py`, `reader/timeline.py`, `reader/counts.py`, the
meetings table) and says them as one numbered list, each report cited by its headline and the
sentence that shows why it is listed. None: the turn names nothing these can list (the
composer then reads it as one fact).
"""
from __future__ import annotations

import re

from .normalize import normalize
from .reader import articles as topics
from .reader import counts, timeline
from .reader import points as keypoints
from .reader.candidates import WH_TOKENS
from .reader.frames import frame
from .reader.sentence import Sentence, cite
from .types import Answer, Article, Scope

RELATED = 3                # reports shown as related when none names the topic
REASON = 90                # characters of the sentence a listed report is shown with
ROLE_ASKED = re.compile(r"(主持|出席|参加)")


class Listings:
    """`backend`: the passages; `people`: the person names (reader/people.py); `meetings`: the
    meetings table's answers (reader/aggregate.py); `tokens`: the analyzer's tokenizer."""

    def __init__(self, backend, people, meetings, tokens):
        self.backend, self.people, self.aggregate, self.tokens = backend, people, meetings, tokens

    def about(self, question: str, scope: Scope) -> Answer | None:
        """Reports about the topic a request names (its frame words left out): "报纸上讲过
        创文吗", "环卫工人吃饭休息的地方 有报道没", or a bare topic."""
        f = frame(question, "articles", self.tokens)
        if len(f.topic) < 2:
            return None
        return self.reports(topics.Request(f.topic, f.year, f.month), scope, list(f.words))

    def activities(self, question: str, scope: Scope) -> Answer | None:
        """A person's reports, newest first, each with the sentence where they act."""
        text = normalize(question)
        names = [text[a:b] for a, b in self.people.names_in(text)]
        if not names:
            return None
        chaired = self.aggregate.answer(text, scope)      # 黄祖英主持过哪些会议: the meetings table
        if chaired:
            return chaired
        f = frame(question, "activities", self.tokens)
        found = timeline.activities(names[0], self.backend, scope.allows, f.year, f.month)
        found = [e for e in found if f.on_day(e.article.date)]     # one day, or a range's days
        if not found:
            return None
        when = when_said(f.year, f.month) + (f"{int(f.day)}日" if f.day else "") + \
            (f"到{int(f.until[:2])}月{int(f.until[3:])}日" if f.until else "")
        head = f"{names[0]}{when}的活动,语料中共有{len(found)}篇报道(从近到远)"
        return listing(head, [(e.article, e.start, e.end) for e in found], "activities")

    def count(self, question: str, scope: Scope) -> Answer | None:
        """How many times the corpus reports something: the meetings table for a person's
        role (王俊主持了几次会议), else the reports whose headline or lead names the topic.
        None (a count inside one report, as 签约了几个项目) when neither finds any."""
        text = normalize(question)
        f = frame(question, "count", self.tokens)
        names = [text[a:b] for a, b in self.people.names_in(text)]
        role = ROLE_ASKED.search(text)
        when = when_said(f.year, f.month)
        if names and role and role.group(1) in ("主持", "出席"):
            rows = [r for r in self.aggregate.read(scope, role.group(1), names[0])
                    if topics.dated(r[2].article, topics.Request(names[0], f.year, f.month))]
            if not rows:
                return None
            items = [(lead.article, lead.start, lead.end) for _, _, lead, _ in rows]
            return listing(f"{names[0]}{when}{role.group(1)}的会议,语料中报道了{len(rows)}次", items, "count")
        words = [w for w in f.words if w not in names]
        topic = "".join(words) if names else f.topic
        if len(topic) < 2:
            return None
        found = counts.reports_of(topic, words, self.backend, scope.allows, f.year, f.month)
        if not found:
            return None
        items = [(c.article, c.start, c.end) for c in found]
        return listing(f"语料中{when}报道“{topic}”的共有{len(found)}篇", items, "count")

    def reports(self, req, scope: Scope, words: list[str] | None = None) -> Answer:
        """Every article that mentions the requested topic, newest first, each with the
        sentence that mentions it."""
        words = words or [t for t in self.tokens(normalize(req.topic)) if t not in WH_TOKENS]
        found = [m for m in topics.find(req, self.backend, words) if scope.allows(m.article)]
        when = when_said(req.year, req.month)
        narrowed = f"(只在{when}的报道中查找)" if when else ""
        if not found:
            # no report says it in these words: the retriever's nearest reports are shown as
            # related, as for a fact not found (环卫工人吃饭休息的地方: “劳动者港湾”…)
            near = [h.article for h in self.backend.search(req.topic, RELATED * 2) if scope.allows(h.article)]
            return Answer(text=f"没有找到提到“{req.topic}”的报道{narrowed}。", span=None, found=False,
                          form="articles", related=list({a.id: a for a in near}.values())[:RELATED])
        found.sort(key=lambda m: timeline.sortable(m.article.date), reverse=True)     # stable: ties by match
        return listing(f"共有{len(found)}篇报道提到“{req.topic}”{narrowed}",
                       [(m.article, m.start, m.end) for m in found], "articles", [req.topic, *words])


def reason(sentence: str, words: list[str]) -> str:
    """The sentence cut to REASON characters, from the clause that names the topic when the
    cut would leave it out (a lead naming the meeting first and 《行政复议法》 past the cut)."""
    short = keypoints.shorten(sentence, REASON)
    at = min((k for k in (sentence.find(w) for w in words if len(w) >= 2) if k >= 0), default=-1)
    if at < 0 or any(w in short.rstrip("…") for w in words if len(w) >= 2):
        return short
    start = max(sentence.rfind(c, 0, at) for c in ",，;；") + 1
    return "…" + keypoints.shorten(sentence[start:], REASON)


def when_said(year: str, month: str) -> str:
    return (f"{year}年" if year else "") + (f"{int(month)}月" if month else "")


def listing(head: str, items: list[tuple[Article, int, int]], form: str, words: list[str] = ()) -> Answer:
    """A list of reports: `head`, then each report's date, headline and source with the
    sentence that shows why it is listed (shown from the clause with the first of `words`
    it holds), cited by its headline and that sentence."""
    cites, lines = [], []
    for i, (a, s, e) in enumerate(items[:topics.SHOW], 1):
        parts = [Sentence(a, a.title, -1, -1)] if a.title else []
        parts += [Sentence(a, a.text[s:e], s, e)] if s >= 0 else []
        cites.append(cite(i, *(parts or [Sentence(a, a.header, -1, -1)])))
        why = f":{reason(a.text[s:e], words)}" if s >= 0 else ""
        lines.append(f"{i}. {a.title or '(无标题)'}({a.date or '日期不详'},{a.source}){why}[{i}]")
    more = f",列出前{topics.SHOW}篇" if len(items) > topics.SHOW else ""
    return Answer(text=f"{head}{more}:\n" + "\n".join(lines), span=None, found=True, citations=cites,
                  by="rules", form=form)
