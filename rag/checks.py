"""Near misses: does a candidate sentence say what was asked, or something next to it?

The reader (compose.py) finds sentences that cover the question's words; these
predicates then refuse the ones that answer a neighbouring question: another
modifier or head noun (旅游合作协议 asked, 项目合作协议 written), a word of the
question the article never has, another counted thing, measure or verb in a
number question. Each takes plain (normalised) strings; `cut` is the index's
word segmenter and `vocab` its BM25 vocabulary, so none of them needs the index.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable

from .lexicon import CLASSIFIERS, COUNTRIES, MEASURE_NOUN, MEASURED_WH, aliases
from .normalize import fold_width, numerals_to_digits
from .tokenize import dictionary_tag

PLACE_UNIT = "省市区县镇乡村街"
# amounts a sentence must name to answer for them: 万元 alone may be any of them
MEASURES = ("产值", "营业额", "销售额", "营收", "收入", "利润", "税收", "投资", "引资", "资金", "产量",
            "人口", "GDP")
CJK = re.compile(r"[\u4e00-\u9fff]+")


def mentions(text: str, word: str) -> bool:
    """`word` is in `text`; a place may be named without its unit (北碚区 as 北碚), a thing by
    another of its names (lexicon.ALIASES: GDP as 国内生产总值)."""
    if word in text or (len(word) >= 3 and word[-1] in PLACE_UNIT and word[:-1] in text):
        return True
    return any(x in text for x in aliases(word))


def modifier_pairs(cut: list[str], weights: dict[str, float]) -> list[tuple[str, str]]:
    """(modifier, head): the question's adjacent content words, except the asked thing's
    own (哪个 部门 打造: 部门 is what the wh-word asks for). A verb heads no such pair: in
    帮村民收割 the 村民 are whom one helps, not a kind of 收割."""
    return [(a, b) for p, a, b in zip([""] + cut, cut, cut[1:])
            if len(a) > 1 and len(b) > 1 and a in weights and b in weights
            and not re.search(r"哪|什么|谁|多少|几", p) and not is_verb(b)
            and "d" not in (dictionary_tag(a), dictionary_tag(b))]      # an adverb (已经) modifies no thing


@lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    """jieba tags `word`, read alone, as a verb (a verbal noun, 建设 of 城市建设, is a noun)."""
    import jieba.posseg as pseg
    toks = pseg.lcut(word)
    return len(toks) == 1 and toks[0].flag.startswith("v") and toks[0].flag != "vn"


DEMONSTRATIVE = re.compile(r"此|这|该|上述")


def swapped(question: str, pairs: list[tuple[str, str]], body: str, ctx: str,
            cut: Callable[[str], list[str]]) -> bool:
    """The sentence `body` (read in its article: `ctx`) names the asked thing with another
    modifier: a 旅游合作协议 asked, a 项目合作协议 written, and no 旅游 in its article. (Not
    another head after the asked modifier: that turned down more right answers than wrong ones
    of other people's questions, 区政协领导 for a 区政协委员会前 cut, `bench.ablate`, stop 50.)"""
    def other(word: str) -> bool:            # a word the question does not have
        # (a demonstrative, 此类芯片, points back to the asked thing; a quantity or pronoun,
        # 一些华人 / 这些企业, says how many or which; a verb, 发生汽车炸弹袭击, says what
        # happened to it: none names another)
        return len(word) > 1 and bool(CJK.fullmatch(word)) and word not in question and \
            not DEMONSTRATIVE.match(word) and dictionary_tag(word) not in ("m", "r", "q", "v")
    for mod, head in pairs:
        if not mentions(ctx, mod):
            for m in re.finditer(re.escape(head), body):
                before = cut(body[max(0, m.start() - 6):m.start()])
                if before and other(before[-1]):
                    return True
    return False


def other_country(question: str, body: str) -> bool:
    """The sentence names another country and not the one the question asks about (韩国's
    heat deaths asked, 日本全国至少1729人中暑入院 written)."""
    asked = countries_in(question)
    return bool(asked) and not any(c in body for c in asked) and \
        any(c in body for c in COUNTRIES if c not in asked and not any(c in a for a in asked))


NEGATING = "非"        # 非制造业 is not 制造业, 非公有制 not 公有制
AFRICA = set("南北东西中")   # …unless 非 ends a region of Africa (南非政府 is a 政府)


def negated(question: str, words: Iterable[str], body: str) -> bool:
    """The sentence names an asked word only negated, the other thing (美国4月制造业PMI
    asked, 非制造业PMI为41.8 written)."""
    for w in words:
        if len(w) < 2 or w not in body or NEGATING + w in question:
            continue
        # (every place it stands, overlapping ones too)
        at = [m.start() for m in re.finditer(f"(?={re.escape(w)})", body)]
        if all(body[i - 1:i] == NEGATING and body[i - 2:i - 1] not in AFRICA for i in at):
            return True
    return False


@lru_cache(maxsize=256)
def countries_in(question: str) -> tuple[str, ...]:
    """The countries a question names (read once per question, not once per sentence)."""
    return tuple(c for c in COUNTRIES if c in question)


def other_ordinal(question: str, body: str, frame: str = "") -> bool:
    """The sentence `body` (normalised, as `question` is) names the asked thing with another
    ordinal, series number or year and not with the asked one: asked about the 第2届进博会,
    a sentence on the 首届进博会 (or the 第1届) answers for another year's fair, though its
    article names both."""
    for m in re.finditer(r"第(\d+)([届次批期])([\u4e00-\u9fff]{2})", question):
        n, unit, noun = m.groups()
        if m.group(0) in body:
            continue
        for o in re.finditer(rf"(?:第(\d+)|首){unit}{noun}", body):
            if (o.group(1) or "1") != n:
                return True
    # a thing named with its year (2021年党政领导干部“军事日”活动): asked about the 2020 one, a
    # sentence naming the same thing with another year, and not the asked one, is on another;
    # so is one whose `frame` (headline and lead) does, when neither names the asked year
    read = body + "\n" + frame
    for m in re.finditer(r"((?:19|20)\d{2})年", question):
        if m.group(0) in read:
            continue
        after = question[m.end():m.end() + 12]
        for o in re.finditer(r"((?:19|20)\d{2})年([\u4e00-\u9fff]{2})", read):
            if o.group(1) != m.group(1) and o.group(2) in after:
                return True
    # a name numbered in series (神舟11号, 嫦娥5号, 长征5号): another number is another craft
    for m in re.finditer(r"([\u4e00-\u9fff]{2})(\d+)号", question):
        if m.group(0) not in body and re.search(rf"{m.group(1)}\d+号", body):
            return True
    return False


def unseen_words(question: str, words: Iterable[str], vocab) -> list[tuple[str, str, str]]:
    """(word, left edge, right edge) for each question word no indexed text holds (竣工, if
    none did, in 从签约到竣工用了多少天), with the two characters across each of its edges
    in the question. A compound of two indexed words of two characters or more is not
    unseen: its parts are, and the article may join them otherwise."""
    out = []
    for t in words:
        if t in vocab or len(t) < 2 or not CJK.fullmatch(t):
            continue
        if any(t[:k] in vocab and t[k:] in vocab for k in range(2, len(t) - 1)):
            continue      # a compound of two indexed words (专题讲座: the text may say 法治讲座)
        p = question.find(t)
        e = p + len(t)
        out.append((t, question[p - 1:p + 1] if p > 0 else "", question[e - 1:e + 1]))
    return out


def lacks_unseen(full: str, unseen: list[tuple[str, str, str]]) -> bool:
    """The article (`full` text) misses an unseen word of the question, so it does not say
    what was asked. An article holding both edge pairs shows the word to be jieba's cut
    across two others (中华村是第几批 -> 中华/村是/第, and the article has 中华村, 是第七批)."""
    return any(not mentions(full, t) and not written_apart(full, t) and not (left in full and right in full)
               for t, left, right in unseen)


def written_apart(text: str, word: str) -> bool:
    """A two-character word the text writes with a word or two between its characters, as
    Chinese does with a verb and its object (开店: 每月新开一家店; 见面: 见了一面)."""
    return len(word) == 2 and \
        re.search(rf"{re.escape(word[0])}[\u4e00-\u9fff\d]{{1,2}}{re.escape(word[1])}", text) is not None


def wh_own(question: str, wh: str, word: str) -> bool:
    """`word` is what the wh-phrase asks about, not a word for the topic: it stands beside
    the wh-phrase (one character apart at most: 是谁记录的, 办到第几年, 几点开播) or ends
    the question (…的表决, 几个…工作组). An article without such a word answers another
    act or counts another thing; one without a topic word (被警察打成重伤的男子) may
    still tell the topic its own way."""
    t = re.sub(r"[?？。!！\s]+$", "", question)
    t = re.sub(r"(?:的|了|呢|吗|啊)+$", "", t)
    p = t.find(word)
    if p < 0:
        return False
    if t.endswith(word):
        return True
    if not wh or wh not in t:
        return False
    w0 = t.find(wh)
    return 0 <= p - (w0 + len(wh)) <= 1 or 0 <= w0 - (p + len(word)) <= 1


def before_wh(question: str, wh: str) -> str:
    """What the question says before its wh-phrase ("" without one)."""
    return question[:question.find(wh)] if wh and wh in question else ""


def after_wh(question: str, wh: str) -> str:
    """What the question says after its wh-phrase ("" without one)."""
    return question[question.find(wh) + len(wh):] if wh and wh in question else ""


def counted_noun(question: str, wh: str, tokens: Callable[[str], list[str]]) -> str:
    """The noun a how-many question counts, written right after its wh-phrase (多少个行业:
    行业; past a measure, 多少比例的行政辖区: 行政辖区), or "" when no word of two Chinese
    characters or more stands there."""
    if MEASURED_WH.fullmatch(wh):
        return ""               # 多长时间, 多大面积: the measure asked, no thing counted
    words = tokens(after_wh(question, wh)[:12])
    if words and MEASURE_NOUN.fullmatch(words[0]):
        words = words[2:] if words[1:2] == ["的"] else []     # 多少人数: the measure, no thing
    counted = next(iter(words), "")
    if counted in MODALS or (counted[:1] in MODALS and dictionary_tag(counted) in (None, "v", "d")):
        return ""               # 几天能生子嗣, 几天才能到: what can be done after, no thing counted
    return counted if len(counted) > 1 and CJK.fullmatch(counted) else ""


# a modal or a "then" that begins what follows a wh-phrase: it says what is done, counts
# nothing (a word the dictionary holds as a noun, 会员, is one)
MODALS = {"能", "可", "会", "才", "就", "便", "即", "需", "可以", "能够", "才能", "就能", "即可", "需要", "方可"}


def other_count(question: str, wh: str, sentence: str, tokens: Callable[[str], list[str]]) -> bool:
    """A number in `sentence` would answer another how-many question than `question`: it
    gives another measure (营业额 for 产值), counts another thing (鲈鱼 for 多少尾草鱼), or
    what is done to the thing differs (企业实地考察 for 多少家企业入驻)."""
    if any(m in question and not mentions(sentence, m) for m in MEASURES):
        return True
    counted = counted_noun(question, wh, tokens)
    if counted and not mentions(sentence, counted):
        return True
    done = verbs(after_wh(question, wh))
    return bool(done) and not any(mentions(sentence, v) for v in done)


CLAUSE_MARKS = ",，;；。"


def clause_start(text: str, at: int) -> int:
    """Where the clause of `text` (between commas and stops) that holds position `at` begins."""
    return max(text.rfind(c, 0, at) for c in CLAUSE_MARKS) + 1


def clause_at(text: str, at: int) -> str:
    """The clause of `text` (between commas and stops) that holds position `at`."""
    ends = [i for i in (text.find(c, at) for c in CLAUSE_MARKS) if i >= 0]
    return text[clause_start(text, at):min(ends) if ends else len(text)]


def counted_elsewhere(question: str, wh: str, sentence: str, at: int, tokens: Callable[[str], list[str]]) -> bool:
    """The thing the question counts (多少个行业) is in the sentence, but not in the clause of
    the number at `at`: 超过1600家,涉及百余行业 -- 1600 counts the members, not the 行业; 2年后,
    鲁家村拿到了政府的300万奖励 -- 2年 is no 政府奖励, nor is 20个亿 after it. Named last in a
    clause before the number's, with no number of its own, it is the topic that clause counts
    (生产出…熔喷布,每天可产6吨)."""
    counted = counted_noun(question, wh, tokens)
    if not counted or counted not in sentence or counted in clause_at(sentence, at):
        return False
    counted_by_its_own = re.search(rf"(?:\d|[一二两三四五六七八九十百千万亿])(?:余|多)?[^,，;；。\d]{{0,3}}"
                                   rf"{re.escape(counted)}", sentence)
    i = sentence.find(counted)
    rest = clause_at(sentence, i)[i - clause_start(sentence, i) + len(counted):]
    topic = i < clause_start(sentence, at) and not counted_by_its_own and not re.search(r"\d", rest)
    return not topic


def counted_by_another(question: str, wh: str, sentence: str, at: int, end: int,
                       tokens: Callable[[str], list[str]]) -> bool:
    """The noun the question counts (多少名美军) is written right after a number of the
    sentence other than the span at `at`..`end`: of 5万名韩军和1.75万美军, 1.75万 counts it."""
    counted = counted_noun(question, wh, tokens)
    if not counted:
        return False
    number = rf"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:余|多)?(?:万|亿)?[{CLASSIFIERS}名]?"
    if counted in sentence[at:end] or \
            re.match(rf"[{CLASSIFIERS}名]?(?:余|多)?[{CLASSIFIERS}名]?{re.escape(counted)}", sentence[end:]):
        return False                # the span counts it itself (5个工作日, beside 45个工作日)
    return any(not at <= m.start() < end for m in re.finditer(number + re.escape(counted), sentence))


def counts_another_noun(question: str, wh: str, sentence: str, end: int) -> bool:
    """Asked a count with nothing after its wh-phrase (“两山”基地全国一共有多少个), the number
    ending at `end` is written before a noun the question does not have: 47个“两山”建设重点项目
    counts 项目, not 基地. A verb after the number (72亿元建设…) counts nothing. A classifier
    that says what it counts (涉及多少户: 1094户居民) needs no noun after it."""
    import jieba.posseg as pseg
    if not re.fullmatch(rf"(?:多少|几)[{GENERIC_CLASSIFIERS}]", wh) or CJK.search(after_wh(question, wh)):
        return False
    m = re.match(rf"[{CLASSIFIERS}]?[“\"]?([\u4e00-\u9fff“”]{{2,12}})", sentence[end:])
    toks = pseg.lcut(re.sub(r"[“”\"]", "", m.group(1))) if m else []
    # the noun phrase right after the number (43岁的周月华: the age of a person, no count)
    phrase = []
    for t in toks:
        if not (t.flag.startswith("n") or t.flag in ("vn", "j", "m")):
            break
        phrase.append(t)
    nouns = [t.word for t in phrase if t.flag.startswith("n")]
    return bool(nouns) and len(nouns[-1]) > 1 and nouns[-1] not in question


# ... of them, those that count any thing (多少个: of what?), not one kind (户: households)
GENERIC_CLASSIFIERS = "个项种类批件"

# words that make the number after them a change (同比增长0.2%), and a question asking one
CHANGE = r"增长|下降|上升|提高|增加|减少|回落|下跌|上涨|增幅|降幅|涨幅|跌幅|增速"
ASKS_CHANGE = re.compile(rf"{CHANGE}|变化|幅度|同比|环比|百分点|[多少]了")     # (多了多少: 增加了)
# a change word and what may stand between it and its number (增长了, 增加为)
CHANGED_BY = rf"(?:{CHANGE})(?:了|为|达|约|近|超过)?"


def a_change(question: str, sentence: str, at: int) -> bool:
    """The number at `at` says by how much something changed (同比增长0.2%) and the question
    asks a level (进出口总值是多少: 41.76万亿元, not the 0.2 of its growth)."""
    before = sentence[clause_start(sentence, at):at]
    return bool(re.search(rf"{CHANGED_BY}$", before)) and not ASKS_CHANGE.search(question)


def a_level(question: str, sentence: str, at: int) -> bool:
    """The question asks by how much something changed (同比增加了多少; not 提高到多少, a level)
    and the number at `at` is a level where the sentence also says the change (平均为109.8天,
    同比增加16.1天: not 109.8天)."""
    if not re.search(rf"(?:{CHANGE})(?![到至])", question):
        return False
    if re.search(rf"{CHANGED_BY}$", sentence[clause_start(sentence, at):at]):
        return False
    return bool(re.search(rf"{CHANGED_BY}\d", sentence))


def verbs(text: str) -> list[str]:
    """The verbs of two characters or more in `text` (jieba's part of speech), without the
    light ones that stand beside another (参加实地考察, 进行改造)."""
    import jieba.posseg as pseg
    light = {"没有", "可以", "能够", "参加", "参与", "进行", "开展", "举行", "组织", "实现", "完成"}
    toks = [("", "")] * 2 + [(t.word, t.flag) for t in pseg.lcut(text)] + [("", "")]
    # (a verbal noun beside a noun is part of a noun phrase: 工作 of 工作报告, 行动 of 专项行动
    # name no act asked; after the kind a wh-word asks, it is the act: 在哪个单位工作, also
    # when the wh-phrase was cut out of the text)
    nounish = lambda f: f.startswith("n") or f == "vn"
    return [w for (d, _), (_, e), (w, f), (_, g) in zip(toks, toks[1:], toks[2:], toks[3:])
            if f.startswith("v") and len(w) > 1 and w not in light
            and not (f == "vn" and (nounish(g) or (nounish(e) and not re.search(r"哪|什么|多少|几|^\s*$", d))))]


def holds(text: str, anchors: list[str]) -> bool:
    """`text` holds every (normalised) anchor. Only the folds that make digits and Latin
    letters (１２ -> 12, 四十九次 -> 49次) are applied, and only when needed: the full
    normalisation's traditional-to-simplified step is most of its cost."""
    missing = [x for x in anchors if not has_anchor(text, x)]
    if missing and any(re.search(r"[0-9A-Za-z]", x) for x in missing):
        text = numerals_to_digits(fold_width(text))
        missing = [x for x in missing if not has_anchor(text, x)]
    return not missing


def has_anchor(text: str, anchor: str) -> bool:
    """`anchor` is in `text`, or a name of it (lexicon.ALIASES: GDP as 国内生产总值); a number
    only as a whole one (1万 is not in 113.1万, 27 not in 127)."""
    if not anchor[:1].isdigit():
        return anchor in text or any(x in text for x in aliases(anchor))
    return re.search(rf"(?<![\d.]){re.escape(anchor)}", text) is not None


def in_its_date(date: str, anchor: str) -> bool:
    """A year or month the question names (2021年10月那次常委会) that the article's date says
    though its text does not: a report writes 10月14日, the year is the issue's."""
    m = re.fullmatch(r"(\d{4})年|(\d{1,2})月", anchor)
    if not m or not date:
        return False
    if m.group(1):
        return len(date) == 10 and date.startswith(m.group(1))
    return date[-5:-3] == f"{int(m.group(2)):02d}"


# the time a figure is of: the nearest of these before it in its sentence
TIME_OF_FIGURE = re.compile(r"(?:19|20)\d{2}年|今年|去年|前年|上年|明年|当年|同期|此前|目前|现在|如今")
PRESENT = ("今年", "目前", "现在", "如今")


def another_years(question: str, sentence: str, at: int, span: str = "") -> bool:
    """The figure at `at` of the sentence (the last of `span` there, when given) is of another
    year than the question asks: the nearest time before it is a year the question does not
    name (2007年…58.45亿份,2008年则骤降至17.7亿份, asked 2008年), or, asked of now, a year the
    sentence goes on from to now (从1977年的5.05%提高到现在的13.57%)."""
    at += len(re.sub(r"[\d.]+\D*$", "", span))         # 1977年的 + 5.05%
    years = re.findall(r"(?:19|20)\d{2}(?=年)", question)
    now = not years and any(w in question for w in PRESENT)
    if not years and not now:
        return False
    before = list(TIME_OF_FIGURE.finditer(sentence[:at]))
    year = re.match(r"(?:19|20)\d{2}", before[-1].group(0)) if before else None
    if year is None:
        return False
    if years:
        return year.group(0) not in years
    return any(w in sentence[at:] for w in PRESENT)


# what a count covers, in pairs of opposed scopes: a figure of one answers no question of the other
SCOPES = [("累计|总计|共计|累积", "新增|单日|当日|当天")]


def another_scope(question: str, sentence: str, at: int) -> bool:
    """The figure at `at` is counted over another scope than the question asks: the nearest
    scope word before it in its clause is the opposite of the question's (累计治愈出院病例
    18264例,当日新增2109例: asked 新增治愈出院多少例, not 18264例)."""
    before = sentence[clause_start(sentence, at):at]
    for pair in SCOPES:
        asked = [k for k, words in enumerate(pair) if re.search(words, question)]
        said = [(m.start(), k) for k, words in enumerate(pair) for m in re.finditer(words, before)]
        if len(asked) == 1 and said and max(said)[1] != asked[0]:
            return True
    return False
