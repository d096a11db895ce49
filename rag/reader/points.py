"""Key points: "会议强调了什么?", "王俊对青年人才提出了什么希望?" -> the 2-5 sentences that say them.

The question's cue verb (强调, 要求, 希望, ...) is found in a sentence of the one article
the question is about: the speech or the meeting's findings begin there. Its points are the
sentences from there on that state a demand (要…, 一是…, 他强调…) or say what the question
asks about beyond the event itself (对统一战线提了啥要求: the sentences on 统一战线), the
best few in the article's order, each cited by itself (`ranked`). A speech with no such
sentences keeps its first sentence and the rest of its paragraph (`points`).
"""
from __future__ import annotations

import re

from ..chunk import sentences

# the cue verbs a key-points question asks about, and the words that say the same in text
CUES = {
    "强调": ["强调"], "要求": ["要求", "强调"], "指出": ["指出", "表示"], "希望": ["希望", "勉励"],
    "提出": ["提出", "要求", "希望"], "部署": ["部署", "安排"], "研究": ["研究", "审议"],
    "审议": ["审议", "研究"], "表示": ["表示", "指出"], "讲": ["强调", "指出", "表示"],
    "提": ["要求", "强调", "提出", "希望"],                # 提了哪些要求, 提了什么
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


# a sentence stating a demand: 要… or 全区上下要… or 必须… within its first words, 一是…,
# or a speaker's demand verb (王俊强调, 他希望); not a finding (指出, 表示: 今年以来…取得…)
DEMAND_VERBS = ["强调", "要求", "希望", "提出", "部署"]
DEMAND_AHEAD = re.compile(rf"^(?:[^,，。;；:：]{{0,6}}(?:要|必须|务必|应当)|[一二三四五六七八九十]是|第[一二三四五六七八九十]|"
                          rf"(?:他|她|会议|[\u4e00-\u9fff]{{2,3}})(?:{'|'.join(DEMAND_VERBS)}))")
ASPECT = 2.0              # a point saying all the question's own words weighs as two demands
OPENING = 0.5             # the sentence the question's cue was found in: after the demands


def is_demand(sentence: str) -> bool:
    """The sentence states a demand (DEMAND_AHEAD), not a finding."""
    return bool(DEMAND_AHEAD.match(sentence.strip()))


def ranked(text: str, begin: int, opening: tuple[int, int], aspect: dict[str, float]) -> list[tuple[int, int]]:
    """(start, end) of the points of a speech or a meeting's findings: of the sentences from
    `begin` to the article's end (no dateline or attendance line), one stating a demand
    scores 1, one saying the question's `aspect` words (its own words beyond the event:
    统一战线, 科技创新; word -> weight) the share of their weight times ASPECT, and the
    `opening` sentence (where the question's cue was found) OPENING more. The MAX_POINTS
    best that score: the ones saying the aspect first, the rest in the article's order.
    [] when fewer than two score (the caller keeps `points`)."""
    total = sum(aspect.values())
    units = [(s, e) for s, e in sentences(text[begin:], begin) if not is_no_point(text[s:e])]
    scored = []
    for i, (s, e) in enumerate(units):
        said = sum(v for w, v in aspect.items() if w in text[s:e]) / total if total else 0.0
        score = is_demand(text[s:e]) + ASPECT * said + (OPENING if (s, e) == opening else 0.0)
        if score > 0:
            scored.append((score, said, i))
    if len(scored) < 2:
        return []
    best = sorted(scored, key=lambda x: (-x[0], x[2]))[:MAX_POINTS]
    return [units[i] for _, _, i in sorted(best, key=lambda x: (-x[1], x[2]))]


# a speaker's words in quotes, said before or after them: “…”徐峰告诉记者 / 他说:“…”
SAYING = r"(?:说|表示|告诉记者|介绍|坦言|感慨|谈到|指出|认为)"


def quoted_speech(text: str, speaker: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of what `speaker` says in quotes in `text` — a quote
    followed by the speaker and a verb of saying (“…接下来,我们将…”徐峰告诉记者), or one after
    them (徐峰说:“…”) — the first such quote, MAX_POINTS sentences at most; [] if none."""
    name = re.escape(speaker)
    after = re.search(rf"”[,，]?\s*{name}[^。“”\n]{{0,8}}?{SAYING}", text)
    before = None if after else re.search(rf"{name}[^。“”\n]{{0,8}}?{SAYING}[:：,，]?\s*“", text)
    if after:
        opening = _matching_quote(text, after.start() - 1, -1)
        lo, hi = (opening + 1, after.start()) if opening >= 0 else (-1, -1)
    elif before:
        lo, hi = before.end(), _matching_quote(text, before.end(), 1)
    else:
        return []
    if lo < 0 or hi <= lo:
        return []
    return [(a, b) for a, b in sentences(text[lo:hi], lo) if not is_no_point(text[a:b])][:MAX_POINTS]


def _matching_quote(text: str, i: int, step: int) -> int:
    """The index of the quote mark that closes (step 1) or opens (step -1) the quote whose
    text runs from `i`, past any quotes inside it; -1 if there is none."""
    mine, other = ("”", "“") if step > 0 else ("“", "”")
    depth = 0
    while 0 <= i < len(text):
        depth += text[i] == other
        if text[i] == mine:
            if depth == 0:
                return i
            depth -= 1
        i += step
    return -1


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
