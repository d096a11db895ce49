"""Follow-ups in a conversation, rewritten into whole questions.

"区长是谁?" then "区政协主席呢?" asks "区政协主席是谁?": an elliptical turn gives a new
focus and keeps the frame of the previous question. The focus replaces the phrase of the
same kind in that question — a title for a title, an event for an event, an ordinal for
an ordinal — found by the table `KINDS`; the rewritten question is shown to the user.
"其中最早的是哪次?" asks about the previous answer's list: `pick` chooses among its
citations by date or position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..lexicon import TITLE as TITLES, alt
from ..question import COUNT_UNITS, analyze, ends_in_a_head
from ..tokenize import looks_like_name

# a title a follow-up may swap in: lexicon's titles (省长, 总理 … as well as 区长) and the
# posts written before a name (常委, 委员)
TITLE = rf"(?:[\u4e00-\u9fff]{{0,10}}?)(?:副?(?:{alt(TITLES + ('常委', '委员'))}))"
EVENT = r"[\u4e00-\u9fff\d“”、]{2,40}?(?:会议|大会|座谈会|论坛|活动|仪式|发布会|研讨会|培训班|比赛|展览|节)(?!议)"
ROLE = r"(?:主持|出席|参加|召开|举行|举办)了?"
# kinds of phrase a follow-up can swap in: (name, a whole focus of this kind, where the same
# kind stands in a question: patterns tried in order, group 1 the phrase when there is one)
KINDS = [
    ("ordinal", rf"第\d+[{COUNT_UNITS}期]", [rf"第\d+[{COUNT_UNITS}期]"]),
    ("date", r"\d{1,2}月\d{1,2}日|\d{4}年", [r"\d{1,2}月\d{1,2}日|\d{4}年"]),
    ("event", EVENT, [rf"{ROLE}({EVENT})", rf"^({EVENT})(?=是|由|在|有|的|召开|举行)"]),
    ("deputy", r"副(.{2,4})", []),                      # 会长 -> 副会长: the same office, deputy
    ("title", TITLE, [rf"^({TITLE})(?=是谁|叫什么|是哪位)", TITLE]),
]
ELLIPSIS = re.compile(r"^(?:那|那么|还有)?(.{2,40}?)(?:的呢|呢|怎么样|又如何)[?？]?$")
# a question about the previous answer's list: which item
PICK = re.compile(r"(?:其中|这些|里面|以上)?.*?(最早|最先|第一个|第一次|最晚|最近|最新|最后一个|最后一次|最后)")


# what 它 / 该公司 points back to: the first body, place or project the previous question names
THING = re.compile(r"[\u4e00-\u9fff()（）·]{2,30}?(?:公司|集团|企业|商会|协会|局|委员会|中心|项目|工程|基地|园区|"
                   r"学校|大学|医院|村|镇|街道)")
DEMONSTRATIVE = re.compile(r"它们|他们|它|(?:该|这家|这个|这所|此)(?:公司|集团|企业|商会|协会|项目|工程|基地|园区|学校|"
                           r"大学|医院|村|镇|街道|单位)")


@dataclass
class Rewrite:
    question: str         # the whole question to answer
    kind: str             # the kind of phrase swapped


def rewrite(turn: str, previous: str, names: Callable[[str], list] = lambda t: []) -> Rewrite | None:
    """The whole question an elliptical `turn` ("X呢?") asks after `previous`, or None.
    `names(text)`: (start, end) of the person names in text, for "徐永德呢?" after a
    question about 黄祖英."""
    m = ELLIPSIS.match(turn.strip())
    if not m or not previous:
        return None
    focus = m.group(1)
    prev = re.sub(r"[?？。!！\s]+$", "", previous.strip())
    # a person for a person; a title is never a name, though 董事长 looks like one
    if (names(focus) == [(0, len(focus))] or looks_like_name(focus)) and not re.fullmatch(TITLE, focus):
        for s, e in names(prev):
            if prev[s:e] != focus:
                return Rewrite(prev[:s] + focus + prev[e:] + "?", "person")
        return None
    for kind, whole, places in KINDS:
        full = re.fullmatch(whole, focus)
        if not full:
            continue
        if kind == "deputy":
            office = full.group(1)
            if office in prev and "副" + office not in prev:
                return Rewrite(prev.replace(office, focus, 1) + "?", kind)
            continue
        for place in places:
            found = re.search(place, prev)
            if not found:
                continue
            span = found.span(1) if found.groups() else found.span()
            if prev[span[0]:span[1]] != focus:
                return Rewrite(prev[:span[0]] + focus + prev[span[1]:] + "?", kind)
    if ends_in_a_head(focus):
        # another attribute of what the previous question asked about (计划总投资呢? after
        # 2023年全区共安排了多少重大项目?): its words without the wh-phrase, then the attribute,
        # as a search box asks
        asked = analyze(prev)
        topic = asked.text.replace(asked.wh, "", 1) if asked.wh else asked.text
        return Rewrite(f"{topic.rstrip('?？。 ')} {focus}", "attribute")
    return None


def pick(turn: str, citations: list) -> tuple[int, str] | None:
    """Which of the previous answer's citations a question about its list asks for (its
    index) and the word that asked it, or None when `turn` is not such a question. By
    date, only full dates are compared: an MM-DD date's year is unknown."""
    m = PICK.match(turn.strip())
    if not m or len(citations) < 2:
        return None
    word = m.group(1)
    if word == "第一个":
        return 0, word
    if word == "最后一个":
        return len(citations) - 1, word
    dated = [(c.date, i) for i, c in enumerate(citations) if len(c.date) == 10] or \
        [(c.date, i) for i, c in enumerate(citations) if c.date]
    if not dated:
        return None
    early = word in ("最早", "最先", "第一次")
    return (min(dated) if early else max(dated))[1], word


def with_thing(turn: str, previous: str, answered: str = "") -> str | None:
    """`turn` with its 它 / 他们 / 该公司 / 这个项目 replaced by the thing the previous turn
    named: the previous answer when it names one ("那家研发芯片的公司叫什么?" -> 重庆斯太宝
    科技有限公司), else the previous question ("重庆斯太宝科技有限公司生产什么?" then "它的
    副总经理叫什么?"), or None."""
    m = DEMONSTRATIVE.search(turn)
    thing = THING.fullmatch(answered or "") or THING.search(previous or "")
    if not m or not thing:
        return None
    name = thing.group(0).split("的")[-1]      # 王俊会见的重庆市福建商会: the body is after 的
    noun = m.group(0)[-2:] if m.group(0) not in ("它", "它们", "他们") else ""
    if noun and not name.endswith(noun[-1]):
        return None                      # 该公司 after a question about a 村: not that thing
    end = m.end()
    for k in (2, 1):                     # 他们商会 -> 重庆市福建商会, not …商会商会
        if not noun and turn[end:end + k] and name.endswith(turn[end:end + k]):
            end += k
            break
    return turn[:m.start()] + name + turn[end:]
