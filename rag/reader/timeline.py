"""A person's activities: "黄祖英最近在忙什么?" -> every report where they act, newest first.

Each report naming the person gives one line: its date, headline and the sentence where the
person acts (an act of `ACTS` after their name), else the first that names them. The table
of acts is data; a report only mentioning a name in a list of attendees still counts, with
that sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chunk import sentences
from ..types import Article
from .articles import Request, naming

# what a person does in a district paper's reports
ACTS = ("主持", "出席", "调研", "会见", "讲话", "考察", "参加", "走访", "视察", "看望", "慰问", "督导", "检查",
        "召开", "率队", "带队", "前往", "来到", "深入", "陪同", "签署", "签约", "座谈", "致辞", "宣布", "部署",
        "指出", "强调", "要求", "出访", "拜会", "会谈", "接见", "参观", "作报告", "宣讲", "主讲", "点评")
LIMIT = 500                 # reports looked at, at most


@dataclass
class Entry:
    article: Article
    start: int              # the sentence where the person acts (offsets in article.text)
    end: int


def activities(person: str, backend, allows, year: str = "", month: str = "") -> list[Entry]:
    """The reports naming `person` that `allows(article)` keeps and fall in the date limits,
    newest first (reports of unknown date last), each with its sentence."""
    out = []
    for a in naming(person, backend, allows, Request(person, year, month), LIMIT):
        where = acting(a, person)
        if where:
            out.append(Entry(a, *where))
    return sorted(out, key=lambda e: (sortable(e.article.date), e.article.id), reverse=True)


def acting(a: Article, person: str) -> tuple[int, int] | None:
    """(start, end) of the sentence of `a` where `person` acts, else the first naming them."""
    first = None
    for s, e in sentences(a.text):
        t = a.text[s:e]
        at = t.find(person)
        if at < 0:
            continue
        first = first or (s, e)
        if any(act in t[at + len(person):] for act in ACTS):
            return s, e
    return first


def sortable(date: str) -> str:
    """A date as text that sorts by time: 2023-10-25; a month-day without a year, and no
    date, sort before every dated one (they go last, newest first)."""
    return date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or "") else ""
