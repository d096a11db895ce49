"""Counts over the corpus: "报纸上报道了几次区政府常务会议?", "王俊主持了几次会议?".

Never a number read off one sentence (第27次 says which meeting, not how many): the reports
are counted. A person with a role (主持, 出席) is looked up in the meetings table; any other
topic counts the reports whose headline or first sentence names it (the whole phrase, or
each of its words), within the asked dates. The answer says how many the corpus holds and
lists them, each cited, so the reader sees what was counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..chunk import sentences
from ..normalize import normalize
from ..types import Article
from .articles import Request, naming

LIMIT = 500


@dataclass
class Counted:
    article: Article
    start: int            # the sentence naming the topic (offsets; -1: the headline alone)
    end: int


def reports_of(topic: str, words: list[str], backend, allows, year: str = "", month: str = "") -> list[Counted]:
    """The reports in the limits whose headline or lead sentence names `topic`, oldest first."""
    names = lambda t: topic in t or (words and all(w in t for w in words))
    out = []
    for a in naming(" ".join(words) or topic, backend, allows, Request(topic, year, month), LIMIT):
        lead = sentences(a.text)[:1]
        head = normalize(a.header)
        first = normalize(a.text[slice(*lead[0])]) if lead else ""
        if names(head) or names(first):
            out.append(Counted(a, *(lead[0] if lead and names(first) else (-1, -1))))
    return sorted(out, key=lambda c: (c.article.date or "", c.article.id))
