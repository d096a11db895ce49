"""Finding reports: "有哪些报道提到了西南大学?" -> every article that mentions it, best first.

An article is listed only when its text (or headline) holds the topic: the whole phrase,
or each of its words when the phrase is not written as one. Each gets the sentence that
shows why as its citation. Dates in the request ("2023年的", "10月份") narrow the list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chunk import sentences
from ..normalize import normalize
from ..types import Article

# how people ask for reports; group "topic" is what they are about
ASKS = [re.compile(p) for p in (
    r"^(?:请问)?(?:有)?哪些(?:报道|新闻|文章|稿件)(?:提到|提及|讲|说|关于|涉及|报道|写)(?:了|过|到)*(?P<topic>.+)$",
    r"^(?:请|帮我|麻烦)?(?:找|搜|查)(?:一下|找|一找|一查)?(?:讲|关于|有关|提到|涉及|报道)?(?P<topic>.+?)的(?:相关)?(?:报道|新闻|文章|稿件)$",
    r"^(?:有没有|是否有|有无)(?:关于|讲|提到|涉及|有关)?(?P<topic>.+?)的(?:相关)?(?:报道|新闻|文章)$",
    r"^有(?:关于|讲|提到|涉及|有关)(?P<topic>.+?)的(?:相关)?(?:报道|新闻|文章)$",
    r"^(?:关于|有关)(?P<topic>.+?)的(?:相关)?(?:报道|新闻|文章)(?:有哪些|有什么|都有哪些)?$",
    r"^(?P<topic>.+?)的(?:相关)?(?:报道|新闻|文章)(?:有哪些|有什么|都有哪些|有多少)$",
    r"^(?:报道|新闻)(?:里|中)?(?:有|哪些)(?:提到|讲)(?:了|过)?(?P<topic>.+)$",
    r"^(?:北碚报|报纸|本报)?(?:报道|写|提到)过(?P<topic>.+?)$",
    r"^(?:搜索|搜一下|检索|查一下|查找)(?P<topic>.+?)(?:的(?:相关)?(?:报道|新闻|文章))?$",
)]
YEAR = re.compile(r"(\d{4})年(?:的|里|中|份)?")
MONTH = re.compile(r"(\d{1,2})月份?(?:的|里|中)?")
SHOW = 10                 # articles listed in the answer; the count says how many match
# when no report holds the whole topic or all its words in one sentence: one holding this
# share of its words' weight (idf) in one sentence, two words at least, is listed as near it
NEAR = 0.6


@dataclass
class Request:
    topic: str
    year: str = ""        # "2023"
    month: str = ""       # "10"


@dataclass
class Match:
    article: Article
    start: int            # the sentence that shows the match (offsets in the text; -1: headline)
    end: int
    score: float


def parse(question: str) -> Request | None:
    """The topic and date limits of a request for reports, or None for another question."""
    q = re.sub(r"[?？。!！\s吗呢]+$", "", normalize(question).strip())
    year, month = YEAR.search(q), MONTH.search(q)          # date limits, wherever they stand
    q = MONTH.sub("", YEAR.sub("", q, 1), 1)
    for rx in ASKS:
        m = rx.match(q)
        if m:
            topic = m.group("topic").strip()
            topic = re.sub(r"^(?:的|了|过|到|与|和|关于|有关|讲|提到)+|(?:的|相关|方面|问题)+$", "", topic)
            topic = topic.strip("“”\"' ")
            if len(topic) >= 2:
                return Request(topic, year.group(1) if year else "", month.group(1) if month else "")
    return None


def dated(article: Article, req: Request) -> bool:
    """The article is in the asked period; an article without a year passes a year limit
    (its year is unknown, not other)."""
    d = article.date
    if req.year and len(d) == 10 and not d.startswith(req.year):
        return False
    if req.month:
        mm = d[5:7] if len(d) == 10 else d[:2] if len(d) == 5 else ""
        if not mm or int(mm) != int(req.month):
            return False
    return True


def find(req: Request, backend, words: list[str]) -> list[Match]:
    """Articles holding the topic (`words`: its words, as the backend's analyzer cuts it),
    best first by their best chunk's BM25 score."""
    topic = normalize(req.topic)
    best: dict[str, tuple[float, Article]] = {}
    for h in backend.lexical(req.topic, 500, must=req.topic):
        if h.article.id not in best or h.score > best[h.article.id][0]:
            best[h.article.id] = (h.score, h.article)
    out = []
    for aid, (score, a) in sorted(best.items(), key=lambda x: (-x[1][0], x[0])):
        if not dated(a, req):
            continue
        where = _sentence(a, topic, words)
        if where:
            out.append(Match(a, *where, score))
    return out or _near(req, backend, words)


def naming(text: str, backend, allows, req: Request, limit: int = 500) -> list[Article]:
    """The articles holding `text` (every word of it, as the backend's lexical search reads
    `must`) that `allows(article)` keeps and fall in `req`'s dates, each once, best first."""
    seen: dict[str, Article] = {}
    for h in backend.lexical(text, limit, must=text):
        if h.article.id not in seen and allows(h.article) and dated(h.article, req):
            seen[h.article.id] = h.article
    return list(seen.values())


def _near(req: Request, backend, words: list[str]) -> list[Match]:
    """Reports with one sentence holding most of the topic's words, by weight (福建商会来北碚:
    a sentence on 福建商会 in 北碚, not the phrase)."""
    idf = {w: backend.tables.idf(w) for w in words}
    weight = {w: v for w, v in idf.items() if v is not None}
    total = sum(weight.values())
    if len(weight) < 2 or not total:
        return []
    out, seen = [], set()
    for h in backend.lexical(" ".join(weight), 50):
        a = h.article
        if a.id in seen or not dated(a, req):
            continue
        seen.add(a.id)
        best = max(((sum(v for w, v in weight.items() if w in normalize(a.text[s:e])), s, e)
                    for s, e in sentences(a.text)), default=(0, -1, -1))
        held = [w for w in weight if w in normalize(a.text[best[1]:best[2]])]
        if best[0] >= NEAR * total and len(held) >= 2:
            out.append(Match(a, best[1], best[2], h.score))
    return out


def _sentence(a: Article, topic: str, words: list[str]) -> tuple[int, int] | None:
    """The first sentence holding the whole topic, else one holding each of its words;
    the headline when only it does. None: the article does not hold the topic."""
    spans = sentences(a.text)
    norm = [(s, e, normalize(a.text[s:e])) for s, e in spans]
    for s, e, t in norm:
        if topic in t:
            return s, e
    if topic in normalize(a.header):
        return -1, -1
    for s, e, t in norm:
        if words and all(w in t for w in words):
            return s, e
    return None
