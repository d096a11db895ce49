"""The answer sentence: the question said back with the span in place of its wh-phrase, and
a numbered citation for each supporting sentence (谁主持了区政府第49次常务会议? ->
区委副书记、区长黄祖英主持了区政府第49次常务会议[1]。)."""
from __future__ import annotations

import re
from typing import Callable

from ..checks import counted_noun
from ..lexicon import BEFORE_NAME_WORD, MEASURED_WH, ORG_SUFFIX
from ..question import WHICH_PERSON, Question
from ..types import Answer
from .sentence import Extraction, Sentence, cite
from .spans import coordinated


CLOSING = "》”」)）】"
# "which" with a classifier: 哪个部门 is said by the body alone
WHICH = re.compile(r"哪[个家所支]$")
# what a person asked by 哪位 / 哪名 may be (哪位委员, 哪名记者): said before the name
POST = rf"{BEFORE_NAME_WORD}|记者|代表|专家|教授|老师|医生|村民|居民|工人|干部"


# a why-question is answered after it (…为什么短暂停电:大规模停电), not in place of its 什么;
# 称为什么 / 作为什么 / 因为什么 ask what, and are said in place
WHY = re.compile(r"(?<![称作成因视定认改选列评命封誉比当化变分美])为什么|为何")


# one-character words a span may start with that the question ends its words before the
# wh-phrase with: said once
FUNCTION = "由是在从为于被向对把给与和跟同以"
# and the ordinal prefix: 办到第几年 + 第22年 is 办到第22年
ONE_CHAR = FUNCTION + "第"


def _overlap(left: str, right: str) -> int:
    """The length (2 or more) of the longest end of `left` that `right` starts with; 0 when none."""
    return next((k for k in range(min(len(left), len(right)), 1, -1) if left.endswith(right[:k])), 0)


def _shared_after(said: str, after: str) -> tuple[int, int]:
    """(skip, k): the span's last k characters are what the question says after its
    wh-phrase, past `skip` characters of it: a 的 or the asked noun that the span names
    (哪个镇的自然人文资源 + 天府镇自然人文资源; 哪些国家在内的12个国家 + 中国、俄罗斯在内的
    12个国家). A skip needs 3 shared characters or more."""
    best = (0, _overlap(said, after))
    for skip in range(1, min(3, len(after)) + 1):
        k = _overlap(said, after[skip:])
        if k >= 3 and k > best[1]:
            best = (skip, k)
    return best


def _kind_noun(after: str) -> str:
    """The noun that opens `after` (what a which-phrase asks for: 地方 of 哪些地方的世纪), or ""."""
    import jieba.posseg as pseg
    first = next(iter(pseg.lcut(after[:6])), None)
    return first.word if first is not None and first.flag.startswith("n") and len(first.word) <= 3 else ""


def say(q: Question, ext: Extraction, support: list[Sentence]) -> Answer:
    cites = [cite(i + 1, s) for i, s in enumerate(support)]
    # said back in the asker's words (新一届, not the folded 新1届) when the wh-phrase is there
    stem = re.sub(r"[?？。!！\s]+$", "", q.asked if q.wh and q.wh in q.asked else q.text)
    if q.wh and q.wh in stem and not WHY.search(stem):
        at = stem.find(q.wh)
        before, after, said = stem[:at], stem[at + len(q.wh):], ext.say
        quoted = re.match(r"[“\"][^”\"]{1,8}[”\"]", after)
        if quoted and "、" in said:     # 坚持哪两个“至上” -> 坚持人民至上、生命至上: the items say it
            after = after[quoted.end():]
        post = re.match(rf"[\u4e00-\u9fff]{{0,8}}?(?:{POST})", after) if q.wh in WHICH_PERSON else None
        if post:            # 哪位区政协委员说… -> 区政协委员唐大焱说…: the post before the name
            before, after = before + post.group(0), after[post.end():]
        kind = re.match(r"(?:部门|单位|机构|企业|公司)", after) if WHICH.match(q.wh) else None
        if kind and re.search(rf"{ORG_SUFFIX}$", said):
            after = after[kind.end():]      # 和哪个部门联合… -> 和区政务服务办联合…, not …办部门
        elif (q.wh.startswith("哪") or MEASURED_WH.fullmatch(q.wh)) and not post:
            # the kind a which-phrase asks (哪些地方的世纪), or the measure a how-much asks
            # (多长时间), is not said after a span the quote does not follow with it: 亚洲、非洲的
            # 世纪, not 亚洲、非洲地方的世纪; 持续了540秒, not 540秒时间
            noun = _kind_noun(after)
            last = said.split("、")[-1]
            if noun and not said.endswith(noun) and not any(last + noun in s.text for s in support):
                after = after[len(noun):]
        # words the span shares with the question around the wh-phrase are said once:
        # 以什么形式召开 + 现场调研办公形式, 审议了什么实施方案 + 《…实施方案》,
        # 重庆唯一的什么示范区 + 重庆唯一的民营经济综合示范区
        # (never the whole span: that would say the question back without an answer)
        k_before = min(_overlap(before, said), len(said) - 1)
        if not k_before and len(said) > 2 and before[-1:] == said[:1] and said[:1] in ONE_CHAR:
            k_before = 1                  # 它由 + 由中共中央组织部: 它由中共中央组织部
        if not k_before and before.endswith("的") and _overlap(before[:-1], said) >= 3:
            before = before[:-1]          # 对照国务院安委会的 + 国务院安委会安全生产“十五条硬措施”
            k_before = min(_overlap(before, said), len(said) - 1)
        skip, k_after = _shared_after(said.rstrip(CLOSING), after)
        stem = before[:len(before) - k_before] + said + after[skip + min(k_after, len(said) - 1):]
    else:
        stem = f"{stem}:{ext.say}"
    text = f"{stem}{''.join(f'[{c.n}]' for c in cites)}。"
    return Answer(text=text, span=ext.span, found=True, citations=cites, by="rules")


# how-many wh-phrases whose answer may be a list counted: of bodies (几家) and people (几名, 几位)
COUNTED = re.compile(r"(?:几|多少)([家名位])")


def count_of(q: Question, listed: Answer, person: Callable[[str], bool],
             tokens: Callable[[str], list[str]]) -> Answer | None:
    """A how-many question the paper answers with a list, not a number (北碚有几家企业入选
    2021重庆民营企业100强? -> …有3家…:华邦…、药友…、三圣…): the items counted and named, each
    in the cited quote. Only bodies (几家: each item a body's name) and people (几名 / 几位:
    each a person), with the counted noun (企业, 人大代表) in the quote: another list of the
    sentence is not what was counted. None when the list `listed` (the question asked as
    哪些) has fewer than two such items."""
    m = COUNTED.fullmatch(q.wh)
    items = [x for x in coordinated(listed.span or "") if x]
    if not m or not listed.found or len(items) < 2:
        return None
    of_kind = (lambda x: re.search(rf"{ORG_SUFFIX}$", x)) if m.group(1) == "家" else person
    counted = counted_noun(q.text, q.wh, tokens)
    quotes = "".join(c.quote for c in listed.citations)
    if not all(of_kind(x) for x in items) or (counted and counted not in quotes):
        return None
    stem = re.sub(r"[?？。!！\s]+$", "", q.asked if q.wh in q.asked else q.text)
    text = stem.replace(q.wh, f"{len(items)}{m.group(1)}", 1) + ":" + "、".join(items) + \
        "".join(f"[{c.n}]" for c in listed.citations) + "。"
    return Answer(text=text, span="、".join(items), found=True, citations=listed.citations, by=listed.by,
                  score=listed.score)
