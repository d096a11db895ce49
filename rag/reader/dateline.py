"""A report's own day: the date its lead gives before its first clause (本报讯(记者 齐宏)5月12日,
我区召开…; 新华社北京3月8日电). A later sentence of the report that gives no time of its own
tells of that day's event (区委常委、政法委书记苟鹏,副区长陈政出席。: at the meeting of 5月12日),
so a when-question read on it is answered with the lead's date, both sentences cited.
"""
from __future__ import annotations

import re

from ..chunk import sentences
from .sentence import Sentence

# the lead's date: a month and day within the first characters of the report's first sentence
# (after a byline or a wire-service place), before any clause of its own
DATELINE = re.compile(r"^[^,，。;；!！?？\n]{0,24}?(\d{1,2}月\d{1,2}日)")
# a time a sentence gives of its own: such a sentence is not of the lead's day
OWN_TIME = re.compile(r"\d{1,2}月|(?<![\d.])[1-3]?\d[日号]|\d{4}年|[今去明前后]年|昨天|今天|明天|次日|翌日|第二天|"
                      r"近日|日前|此前|以来|年底|年初|上半年|下半年|月底|月初|届时|\d+时")
# another day a report moves on to between its lead and the sentence (次日, 13日上午)
ANOTHER_DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]|(?<![\d.月])[1-3]?\d日|次日|翌日|第二天")
# a plan, not an event of the report: the day it was reported is not the day it happens
PLANNED = re.compile(r"将|预计|计划|拟|力争|争取|即将|下一步|确保|前完成|之前")


def lead_date(s: Sentence) -> tuple[Sentence, str] | None:
    """(the report's lead sentence, its date) when `s`, a body sentence of the report after
    its lead, gives no time of its own and tells of no plan, and nothing between the two
    moves the report to another day; else None."""
    if s.start < 0:
        return None
    text = s.article.text
    # (the lead is the first sentence of the first line: no sentence goes on past a line's end)
    top = len(text) - len(text.lstrip())
    end = text.find("\n", top)
    spans = sentences(text[:end if end >= 0 else len(text)])
    if not spans:
        return None
    lo, hi = spans[0]
    m = DATELINE.match(text[lo:hi])
    if not m or s.start < hi or OWN_TIME.search(s.text) or PLANNED.search(s.text) or \
            ANOTHER_DAY.search(text[lo + m.end():s.start]):
        return None
    return Sentence(s.article, text[lo:hi], lo, hi), m.group(1)
