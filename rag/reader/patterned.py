"""Items a question names by the part they share: 哪几个“早” (早开工、早竣工、早投产、早见效),
哪“五个好” (接收安置好、服务保障好、…), “三假”指什么 (假企业、假出口、假申报), 哪两种“人”
(“知心人”…“带头人”). Political news coins such parallel lists, and people ask for them by
the quoted part; the sentence gives them one after another, each holding that part at the same
end, of about one length.
"""
from __future__ import annotations

import re
from statistics import median

from ..normalize import count_value
from ..question import COINED_COUNT

NUM = "[\\d一两二三四五六七八九十]+"
# the quoted part the question asks the items by: right after its which-phrase (哪几个“早”,
# 哪“五个好”, 哪两种“人”), or a count of coined items asked what it means (“三假”指什么)
WHICH = re.compile(rf"哪(?P<n>{NUM}|几)?[个种类项大条]*[“\"](?P<q>[^”\"]{{1,6}})[”\"]")
MEANS = re.compile(r"[“\"](?P<q>[^”\"]{1,6})[”\"](?:的内容|具体)?(?:指的是|是指|指|是|包括|分别是|分别指)(?:什么|哪些|哪几)")
COUNT_IN = re.compile(rf"^(?P<n>{NUM})(?:个|种|项|大|条)?(?P<part>[\u4e00-\u9fff]{{1,3}})$")
SEP = r"[、,，;；和及与]|以及|“|”"
HARD = r"[、,，;；“”]"      # ... of which only these end an item that ends in the part (和谐之美)
ITEM = 7                    # characters an item has at most
# only separators between two items, and a verb of the next item's own (做优大生态、做精大旅游)
TIGHT = re.compile(rf"^(?:{SEP}|\s)+[\u4e00-\u9fff]{{0,2}}$|^$")
LOOSE = 16                  # ... or, between quoted items (“知心人”,又引导群众、当群众的“带头人”), this many


def shared_part(question: str) -> tuple[str, int | None] | None:
    """(the part the asked items share, how many the question asks or None), or None when the
    question asks for no items by a quoted part."""
    m = WHICH.search(question)
    if m:
        part = m.group("q")
        n = count_value(m.group("n")) if m.group("n") and m.group("n") != "几" else None
    else:
        m = MEANS.search(question)
        # (only a count of one-character items: “两大定位” names a phrase of its own)
        if not m or not COINED_COUNT.fullmatch(m.group("q")):
            return None
        part, n = m.group("q"), None
    inner = COUNT_IN.match(part)
    if inner:                                       # “五个好”, “三假”
        part, n = inner.group("part"), count_value(inner.group("n"))
    return (part, n) if 1 <= len(part) <= 3 else None


def _runs(text: str, part: str, at_start: bool) -> list[list[tuple[int, int]]]:
    """Runs of items holding `part` at their start (早开工) or end (安置好), one after another."""
    items = []
    for m in re.finditer(re.escape(part), text):
        if at_start:
            tail = re.match(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,{ITEM - len(part)}}}", text[m.end():])
            if tail and not re.match(SEP, tail.group(0)[:1]):
                cut = re.search(SEP, tail.group(0))
                end = m.end() + (cut.start() if cut else len(tail.group(0)))
                if end > m.end():
                    items.append((m.start(), end))
        else:
            head = re.search(rf"[\u4e00-\u9fffA-Za-z0-9]{{1,{ITEM - 1}}}$", text[:m.start()])
            if head:
                lo = head.start()
                cut = [c.end() for c in re.finditer(HARD, text[lo:m.start()])]
                lo += cut[-1] if cut else 0
                if lo < m.start():
                    items.append((lo, m.end()))
    runs: list[list[tuple[int, int]]] = []
    for a, b in items:
        last = runs[-1][-1] if runs else None
        gap = text[last[1]:a] if last else None
        quoted = last and text[last[1]:last[1] + 1] == "”" and text[a - 1:a] == "“"
        if last and a >= last[1] and (TIGHT.match(gap) or (quoted and len(gap) <= LOOSE)):
            runs[-1].append((a, b))
        else:
            runs.append([(a, b)])
    return [r for r in runs if len(r) >= 2]


def patterned_items(question: str, text: str) -> list[str]:
    """The items of `text` the question asks by their shared part (as many as it counts), or []."""
    got = shared_part(question)
    if not got:
        return []
    part, n = got
    best: tuple = ()
    for at_start in (True, False):
        for run in _runs(text, part, at_start):
            # (not the count that abridges them, 生活之美“五美”: no item)
            run = [(a, b) for a, b in run if not re.match(rf"{NUM}[个种项条大]?{re.escape(part)}$", text[a:b])]
            if len(run) < 2:
                continue
            said = [text[a:b] for a, b in run]
            # the first item of a run ending in the part takes the lead-in with it (做到接收安置好):
            # parallel items are of one length
            if not at_start:
                size = round(median(len(x) for x in said[1:]))
                said = [x[-size:] if len(x) > size else x for x in said]
            # (one common character uncounted, 大: two items may meet by chance, three do not)
            if any(x == part for x in said) or (n and len(said) < n) or (len(part) == 1 and not n and len(said) < 3):
                continue
            said = said[:n] if n else said
            if any("的" in x for x in said):        # a phrase of its own (人民的特点), no coined item
                continue
            # items the text quotes (“知心人”…“带头人”) first, then the longest run
            quoted = all(text[a - 1:a] == "“" for a, _ in run[:len(said)])
            if (quoted, len(said)) > best[:2]:
                best = (quoted, len(said), said)
    return best[2] if best else []
