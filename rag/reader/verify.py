"""Post-conditions a candidate answer must meet, whatever produced it.

A learned reader answers every question with some span; these checks keep it honest:
the span must be of the kind the question asks for (a person for 谁, a date for 哪天, a
number in the asked unit for 多少), and a count is never an ordinal (第27次 is not 27次).
The rules are a table by question type: one row to read, one to change.
"""
from __future__ import annotations

import re
from typing import Callable

NUMERAL = r"\d|[〇零一二两三四五六七八九十百千万亿]"
DATE = re.compile(rf"(?:{NUMERAL})+\s*(?:年|月|日|号|时|点|世纪|年代)|[春夏秋冬]季?|(?:朝|代|时期|期间|初|末|中期|前后|之后|之前|以后|以前)$")
COUNT = re.compile(rf"(?:{NUMERAL})")


def _who(span: str, names: Callable[[str], list]) -> bool:
    # a person (a learned or pattern name inside), or a short name-like phrase with no
    # number in it: an organisation or a foreign name (任天堂, 约翰·霍普金斯)
    if names(span):
        return True
    return len(span) <= 12 and not COUNT.search(span) and not re.search(r"[,,。;;::]", span)


def _when(span: str, names) -> bool:
    return bool(DATE.search(span))


def _number(span: str, names) -> bool:
    return bool(COUNT.search(span)) and len(span) <= 20


def _short(span: str, names) -> bool:
    return 0 < len(span) <= 40 and not re.search(r"[。!?!?]", span)


FITS = {"who": _who, "when": _when, "number": _number, "where": _short, "what": _short,
        "list": _short, "title": _short}


def fits(qtype: str, span: str, names: Callable[[str], list] = lambda s: []) -> bool:
    """The span is of the kind a `qtype` question asks for. `names(text)`: the person
    names found in text (the reader's learned dictionary)."""
    span = span.strip()
    return bool(span) and FITS.get(qtype, _short)(span, names)


def echoes(question: str, span: str) -> bool:
    """The span only repeats the question (asked 谁主持了X, answered X)."""
    import unicodedata
    fold = lambda t: re.sub(r"\s", "", unicodedata.normalize("NFKC", t))
    return fold(span) in fold(question)


def ordinal_for_count(qtype: str, sentence: str, start: int) -> bool:
    """A how-many answer read off an ordinal: 第27次常务会议 says which meeting, not how many."""
    return qtype == "number" and sentence[:start].endswith("第")


def with_unit(span: str, after: str, units: list[str]) -> str:
    """A number span with the asked unit that follows it in the sentence (1094 + 户),
    so the answer says what it counts; the span itself when the unit is in it already."""
    if any(span.endswith(u) for u in units):
        return span
    for u in sorted(units, key=len, reverse=True):
        m = re.match(rf"(?:余|多)?{re.escape(u)}", after)
        if m:
            return span + m.group(0)
    return span
