"""Where a visit went: "谭家玲来碚调研都去了哪些地方?" -> the places one report names after its
visit verbs (先后前往A、B和C等地; 走进D、E; 考察了F和G), each sentence cited.

A report of a visit says its stops with a few verbs; what follows the verb, up to 等地, a
comma or the next verb (了解, 听取…), is the list of places, split at 、/和/及. The tables
below are the whole of it: a new way of saying "went to" is a row, not a branch.
"""
from __future__ import annotations

import re

from ..chunk import sentences

# the question asks where a visit went (去了哪些地方, 看了啥, 先去哪里实地查看了, 去哪个镇); a
# bare 哪 not of a time (延长到了哪天 asks a day); 到 the complement of another verb (做到哪三点,
# 提到哪些, 达到哪个水平) goes nowhere
RESULTATIVE = "做达提说讲谈想用得受感遇找看听拿收学办写读"
ASKS = re.compile(rf"(?:去|(?<![{RESULTATIVE}])到|走)(?:了|过)?(?:哪些地方|哪几个地方|哪些|哪儿|哪里|哪(?![天年月日号时一次届期]))|"
                  r"(?:看|参观|考察|视察|走访|查看)(?:了|过)?(?:哪些地方|哪几个地方|哪里|哪儿|啥)")
# the verbs a report says a stop with, longest first
VISITS = ["先后前往", "先后来到", "先后深入", "先后走进", "先后考察了", "先后考察", "实地考察了", "实地考察",
          "实地查看了", "前往", "来到", "走进", "深入到", "考察了", "考察", "参观了", "参观", "视察了", "走访了"]
VISIT = re.compile("|".join(map(re.escape, VISITS)))
# where the list of places ends: 等地, punctuation, or the next thing done there
END = re.compile(r"等地|等处|等单位|等企业|等项目|[,;。!?，；]|(?=了解|听取|详细|深入了解|察看|查看|调研|考察|看望|慰问|"
                 r"与|就|开展|召开|举行|出席|参加|体验|感受|观摩|亲切)")
# words of a visit question that name no topic of their own (她来碚调研都去了哪些地方)
VISIT_WORDS = {"调研", "考察", "视察", "参观", "走访", "活动", "期间", "来碚", "开会", "之前", "之后", "当天",
               "实地", "查看", "一行"}
SPLIT = re.compile(r"、|和|及|以及|与")
# what follows a visit verb but is no stop: a vague place, a time, or a thing looked at
# (考察…选址情况, 参观…静态展示, 实地考察街巷风貌), or a clause (考察北碚是…)
NOT_A_PLACE = re.compile(r"^(?:项目现场|现场|一线|基层|企业|当地|此地|这里|那里|北碚|我区|期间|时)$|"
                         r"(?:情况|建设|展示|风貌|文章|工作|活动|进度|成效|成果)$|是")


def asks(question: str) -> bool:
    """Whether the question asks where a visit went."""
    return bool(ASKS.search(question))


def places(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, places) of each sentence of `text` that names stops of a visit (a stop
    named again later is said once)."""
    out, seen = [], set()
    for s, e in sentences(text):
        sent = text[s:e]
        found: list[str] = []
        for m in VISIT.finditer(sent):
            rest = sent[m.end():]
            stop = END.search(rest)
            span = rest[:stop.start()] if stop else rest
            for item in SPLIT.split(span):
                item = item.strip(" “”\"")
                if 2 <= len(item) <= 30 and not NOT_A_PLACE.search(item) and item not in seen:
                    found.append(item)
                    seen.add(item)
        if found:
            out.append((s, e, found))
    return out
