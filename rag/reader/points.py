"""Key points: "会议强调了什么?", "王俊对青年人才提出了什么希望?" -> the 2-5 sentences that say them.

The question's cue verb (强调, 要求, 希望, ...) is found in a sentence of the one article
the question is about; that sentence and the ones after it in its paragraph are the
points, each cited by itself. Nothing from another article or paragraph is added.
"""
from __future__ import annotations

import re

from ..chunk import sentences

# the cue verbs a key-points question asks about, and the words that say the same in text
CUES = {
    "强调": ["强调"], "要求": ["要求", "强调"], "指出": ["指出", "表示"], "希望": ["希望", "勉励"],
    "提出": ["提出", "要求", "希望"], "部署": ["部署", "安排"], "研究": ["研究", "审议"],
    "审议": ["审议", "研究"], "表示": ["表示", "指出"], "讲": ["强调", "指出", "表示"],
    # the measures a meeting set out are its demands (要筑牢…防线), not its assessment (指出…)
    "措施": ["强调", "要求", "部署"],
}
ASK = re.compile(rf"(?P<verb>{'|'.join(CUES)})(?:了|过)?(?:哪些|什么|啥|哪几)(?:项|条|点)?"
                 r"(?P<noun>要求|希望|内容|事项|工作|意见|问题|重点|措施)?(?=[?？。,，!！]|$)")
# (审议了哪些计划 asks for the plans, a list: only these nouns, or none, ask for points)
CONTENT = re.compile(r"的?(?:主要内容|讲了什么|说了什么|有哪些内容|主要讲了?什么)(?:是什么|有哪些)?")
# what a speech or meeting demanded or found, when the question names no cue of its own
# (讲话要点, 说了什么: the intent model says it asks for points)
DEMANDS = ["强调", "指出", "要求", "希望", "提出", "部署", "认为", "明确", "表示"]
# how a paragraph that goes on with a speech's points begins
DEMAND = re.compile(rf"(?:要|一要|二要|三要|四要|五要|[一二三四五六七八九十]是|第[一二三四五六七八九十]|"
                    rf"(?:他|她|会议|[\u4e00-\u9fff]{{2,3}})(?:{'|'.join(DEMANDS)})|(?:{'|'.join(DEMANDS)}))")
# sentences that are never a point: the dateline and who attended or chaired
NOT_A_POINT = re.compile(r"本报讯|记者|(?:出席|参加|主持)(?:会议|活动|座谈会)?[。,，]?$|^(?:区|市)?领导.{0,30}(?:出席|参加)")
MAX_POINTS = 5
CLAUSE = 100              # a point longer than this is cut to its clauses up to it


def cue(question: str) -> list[str] | None:
    """The words a key-points question's answer sentences carry (提出了什么希望: the 希望
    sentence), [] for "主要内容" (the lead says it), or None for another question."""
    m = ASK.search(question)
    if m:
        return CUES.get(m.group("noun") or "", CUES[m.group("verb")])
    if CONTENT.search(question):
        return []
    return None


def topic(question: str) -> str:
    """The question without its key-points ask: what the points are of."""
    return CONTENT.sub("", ASK.sub("", question)).strip("?？。 ")


def points(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the points: the sentence at start..end and those after it in its
    paragraph, then the paragraphs after it while they go on stating demands (要…, 一是…,
    他强调…), MAX_POINTS at most; a dateline or an attendance line is no point."""
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    out = [(start, end)]
    for s, e in sentences(text[end:para_end], end):
        if len(out) == MAX_POINTS:
            return out
        if not is_no_point(text[s:e]):
            out.append((s, e))
    while len(out) < MAX_POINTS and para_end < len(text):
        lo = para_end + 1
        para_end = text.find("\n", lo)
        para_end = len(text) if para_end < 0 else para_end
        first = sentences(text[lo:para_end], lo)[:1]
        if not first or not DEMAND.match(text[slice(*first[0])].strip()):
            break                               # the speech's points end with the paragraph
        out.append(first[0])
    return out


def is_no_point(sentence: str) -> bool:
    """A dateline (本报讯…) or a line saying who attended or chaired: never a key point."""
    return bool(NOT_A_POINT.search(sentence.strip()))


def shorten(sentence: str, limit: int = CLAUSE) -> str:
    """A long point cut after the clause that reaches `limit` characters: the rest of the
    sentence is in its citation."""
    if len(sentence) <= limit:
        return sentence
    cut = [m.end() for m in re.finditer(r"[,，;；]", sentence) if m.end() >= limit // 2]
    return sentence[:cut[0] - 1] + "…" if cut and cut[0] < len(sentence) else sentence
