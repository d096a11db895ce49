"""The rule extractors: a span of the asked kind from one candidate sentence.

One extractor per question type (`RuleReader.extract` picks it): who did the asked act (the
people before the role verb, or after it for 会见了谁), who holds a title, a date, a
quantity in the asked unit, every item of an enumeration, the thing after the question's
verb. They are exact where the newspaper's phrasing is regular; the trained reader
(`model.py`) reads what they do not foresee, and `Extraction.weak` marks where it does better.
Where-questions have no extractor: the reader answers them as well alone.
"""
from __future__ import annotations

import re
from typing import Callable

from ..checks import CLASSIFIERS, before_wh, clause_at, clause_start, other_ordinal
from ..lexicon import ORG_SUFFIX, TITLE_WORD
from ..normalize import count_value, fold_width, normalize, numerals_to_digits
from ..question import CLOCK_WH, Question
from ..tokenize import STOP, dictionary_tag
from .dateline import lead_date
from .patterned import patterned_items
from .people import People
from .sentence import Extraction, Sentence
from .spans import asked_kinds, coordinated, nouns_after, whole_segment, with_date_rest, without_day
from .verify import DAY_WH, PLACE, a_person, other_count_of_items

# what the items of "哪些<noun>" end with, for nouns whose members say what they are
KINDS = {"企业": r"公司|集团|企业|厂|股份|实业|制药", "公司": r"公司|集团",
         "学校": r"学校|大学|学院|中学|小学|幼儿园", "医院": r"医院|卫生院",
         "单位": ORG_SUFFIX + r"|企业", "部门": r"局|部|委|办|中心|处|科", "地方": PLACE.pattern.rstrip("$")}
LEAD_IN = "聚焦|围绕|坚持|立足|按照|做好|打造|落实|践行|实施|推进|抓好"   # verbs that introduce a quoted slogan


class RuleReader:
    """`extract(question, sentence) -> Extraction | None`. `weights(question)`: the
    question's words and their weights; `tokens(text)`: the index's segmenter."""

    def __init__(self, people: People, weights: Callable[[Question], dict], tokens: Callable[[str], list]):
        self.people, self.weights, self.tokens = people, weights, tokens

    def who(self, q: Question, s: Sentence) -> Extraction | None:
        text = s.text
        if q.role:
            # 谁 before the verb asks who did it (谁会见了X); after it, whom (X会见了谁)
            whom = bool(re.search(rf"{q.role}[了过]?(?:的人)?是?谁", q.text)) and "主持人" not in q.text
            best = None
            # 哪些副区长参加: of the people by the verb, those the asked title is printed before
            # (副区长向红、李钢、陈政,区政协领导董江民…参加: not 董江民)
            # (参加会见的区人大常委会主任是谁: the one of them the title asked is printed before)
            before = before_wh(q.text, q.wh)
            title = re.search(rf"({TITLE_WORD})$", q.wh) if q.asks_people else \
                re.search(rf"({TITLE_WORD})(?:是|为)?$", before)
            for m in re.finditer(q.role, text):
                people = self.people.after(text, m.end()) if whom else self.people.before(text, m.start())
                # the asked person is not one the question names (黄祖英会见了谁: not 黄祖英)
                people = [(c, n) for c, n in people if n not in q.text]
                if title:
                    people = [(c, n) for c, n in people if self._titled(text, n, title.group(1))]
                if people:
                    best = people
                    break
            if not best:
                return None
            return Extraction("、".join(n for _, n in best), said_together([c for c, _ in best]))
        focus = q.text[:q.text.find(q.wh)] if q.wh and q.wh in q.text else q.text
        if not focus and re.match(r"谁(?:是|担任)", q.text):     # 谁是X的副总经理 = X的副总经理是谁
            focus = re.sub(r"^谁(?:是|担任)|[?？。!！\s]+$", "", q.text)
        focus = re.sub(r"(是|叫|的|为)$", "", focus)
        title = re.search(rf"({TITLE_WORD})$", focus)
        if not title:
            return None
        best, best_score = None, 0.0
        names = self.people.names_in(text)
        for ns, ne in names:
            chain = self.people.chain_before(text, ns, names)
            # the asked title itself, not a deputy's (副县长 is not the 县长)
            if not re.search(rf"(?<!副){title.group(1)}(?:、|$)", chain):
                continue
            if other_level(focus, chain, title.group(1)):
                continue
            score = len(_bigrams(normalize(focus)) & _bigrams(normalize(chain)))
            if score > best_score:
                best, best_score = (chain, text[ns:ne]), score
        if not best:
            return _named_after(text, focus)
        return Extraction(best[1], best[1])          # the question already names the title

    def _titled(self, text: str, name: str, title: str) -> bool:
        """`name` in `text` holds `title` (not a deputy's): the title chain printed before it
        says so, or the list it is in shares it (副区长向红、李钢)."""
        at = text.find(name)
        return at >= 0 and bool(re.search(rf"(?<!副){title}(?:、|$)", self.people.chain_before(text, at)))

    def when(self, q: Question, s: Sentence) -> Extraction | None:
        if q.year_only:
            m = re.search(r"(?:19|20)\d{2}年", s.text)
            return Extraction(m.group(0), m.group(0)) if m else None
        if q.wh in CLOCK_WH:                     # 几点来到: 下午3时05分, 19时50分
            dates = list(re.finditer(r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上)?(?<![\d.])[0-2]?\d(?:时|点)(?:\d{1,2}分|半)?",
                                     s.text))
        else:
            # a month and day (spoken 号 too: 延长至12月31号), or a news item's bare day
            # (俞正声28日下午主持召开…: its month is the item's own)
            dates = list(re.finditer(r"\d{1,2}月\d{1,2}[日号]", s.text)) or \
                list(re.finditer(r"(?<![\d.])(?<!\d月)[1-3]?\d日(?![\d])", s.text))
            # (and a month alone, a date of its own: 决定今年10月在北京召开…全会)
            dates += [] if q.wh in DAY_WH else list(re.finditer(r"(?<![\d.])(?:1[0-2]|[1-9])月(?![\d份])", s.text))
        if not dates:
            got = lead_date(s) if q.wh not in CLOCK_WH else None
            # (the lead's day is of the event it tells: a lead on the 第二次 座谈会 does not
            # date the 第一次 one a later sentence mentions)
            if got and other_ordinal(normalize(q.text), normalize(got[0].text)):
                return None
            return Extraction(got[1], got[1], before=(got[0],)) if got else None
        # of several, the one the question's words right before its wh-phrase lead to
        # (持续到哪一天: 21日开始…持续到本月31日), else the one whose own clause (what the
        # sentence says of that date) holds most of the question, else the first
        lead = before_wh(q.text, q.wh)
        w = self.weights(q)
        said = lambda d: sum(v for t, v in w.items() if t in _dated_clause(s.text, d.start(), d.end()))
        m = max(dates, key=lambda d: (_said_before(s.text[max(0, d.start() - 12):d.start()], lead), said(d),
                                      d.group(0).endswith("日")))
        span = with_date_rest(m.group(0), s.text[:m.start()], s.text[m.end():], q.wh not in DAY_WH)
        return Extraction(span, span)

    def listing(self, q: Question, s: Sentence) -> Extraction | None:
        if q.asks_people and q.role:          # 谁代表…签署 / 哪些领导出席: the people by the role verb
            people = self.who(q, s)
            if people or q.qtype != "list" or "谁" in q.text:
                return people
            # names the corpus has not learned (丁薛祥、王毅、何立峰等参加会见): the items by the verb
        # a people list's items are persons, wherever they are read (哪些人: not 台账, not the
        # 党员干部、志愿者等人员 of another clause)
        fit = lambda items: not q.asks_people or all(a_person(x, self.people.names_in) for x in items)
        text = s.text
        # the quoted focus with an enumeration right before it: 生态田园都市区、人文科教创新城“两大定位”
        # quotes of the sentence by their normalised text (the question's 四篇 is 4篇)
        quotes = {numerals_to_digits(fold_width(m.group(1))): m for m in re.finditer(r"“([^”]{2,12})”", text)}
        for quoted in re.findall(r"“([^”]{2,12})”", q.text):
            if quoted not in quotes:
                continue
            i, quoted = quotes[quoted].start(), quotes[quoted].group(1)
            count = _count_in(quoted)               # 两大定位: 2, 四篇文章: 4, 主战场: None
            seg = re.sub(r"(“[^”]*”)+$", "", re.split(r"[,，。;；:：]", text[:i])[-1])   # “主战场”“桥头堡”
            # 聚焦A、B“两大定位”; 以A、B、C为经济发展“主战场”
            seg = re.sub(r"为[\u4e00-\u9fff]{0,8}$", "", re.sub(rf"^(?:{LEAD_IN}|以)", "", seg))
            items = _items(seg)
            # an enumeration of as many items as the quote counts is its content, whatever
            # word ends it (城乡融合), unless a lead-in verb does (区委、区政府围绕“两大定位”);
            # without a count it must not end in any verb
            if len(items) >= 2 and fit(items) and (len(items) == count and not re.search(rf"(?:{LEAD_IN})$", seg)
                                                   if count else not _ends_with_verb(seg)):
                return _join(items)
            # or right after it, in brackets: “三个百强”(民营企业100强、…)
            after = re.match(r"[(（]([^)）]{4,200})[)）]", text[i + len(quoted) + 2:])
            items = _items(after.group(1)) if after else []
            if count and len(items) == count and fit(items):
                return _join(items)
        # an unquoted counted phrase of the question written right after its enumeration, with
        # as many items as it counts: 压实属地、部门、单位、个人四方责任 (四方责任是哪四方)
        counted = _counted_enumeration(q, text, self.tokens)
        if counted and fit(counted):
            return _join(counted)
        # 在哪些方面: the enumeration A、B等 written right before the asked noun (在抢险救灾、战疫战贫、
        # 维护稳定等方面), from its clause's start
        for kind in asked_kinds(q.text, q.wh):
            m = re.search(rf"(?:^|[,，。;；:：在从]|涉及|包括|围绕|聚焦)([^,，。;；:：在从]{{4,120}}?)等{re.escape(kind)}",
                          text)
            items = _items(m.group(1)) if m else []
            if len(items) >= 2 and fit(items):
                return _join(items)
        wh = q.text.find("哪")
        verb = _verb_near(q.text, wh) if wh >= 0 else ""      # no 哪: a what-question's quoted count only
        if not verb:
            return None
        after = q.text[q.text.find(verb) + len(verb):] if verb in q.text else ""
        # the question's words between its verb and its wh-phrase (处理好, 增强…党员干部的):
        # the text after the verb says them before the items
        between = re.sub(r"^[了过]", "", after[:max(0, wh - q.text.find(verb) - len(verb))])
        # the words the question says before its verb (X入选了哪些榜单): a clause of the
        # sentence that names them is about X, and each such clause gives its items (A、X入选
        # 甲;X、B入选乙: 甲、乙)
        subject = [t for t in self.tokens(q.text[:q.text.find(verb)]) if t not in STOP] \
            if q.text.find(verb) < wh else []
        # 作交流发言的有哪些单位: the verb's doers or its objects are asked (发布的有哪些文件)
        relative = re.search(rf"{re.escape(verb)}[^,，。?？]{{0,6}}?的(?:都|还)?(?:有|是|包括)?哪", q.text)
        best, best_score, about = None, -1, []
        for m in re.finditer(re.escape(verb), text):
            if len(verb) == 1 and _word_at(text[m.start():], verb) != 0:
                continue                          # 建 of 建议 is no 建
            # 哪些X 入选了Y: the items come before the verb
            before = lambda: _past_lead(re.split(r"[,，。;；:：]", text[:m.start()])[-1], q.text, wh)
            if q.text.find(verb) > wh:
                seg = before()
                score = len(_bigrams(normalize(text[m.end():m.end() + 20])) & _bigrams(after))
            else:                                 # 考察了哪些企业: the items come after it
                seg = re.split(r"[,，。;；]", text[m.end():])[0]
                seg = re.sub(r"^[了过]", "", seg)
                score = len(_bigrams(seg[:len(between) + 2]) & _bigrams(between))
                if between and seg.startswith(between):
                    seg = seg[len(between):]
                if relative and len(_items(seg)) < 2:       # …区河长办、文旅公司作交流发言。
                    doers = _less_tail(before(), q.text[:q.text.find(verb)])
                    seg = doers if len(_items(doers)) >= 2 else seg
            items = _of_kind(_items(re.sub(r"^[了过]", "", seg)), nouns_after(q.text, q.wh), text)
            # (the kind asked before or after the wh-phrase: 哪些企业, 北碚企业有哪些)
            kind = next((rx for noun, rx in KINDS.items()
                         if re.search(rf"哪些\w{{0,2}}{noun}|{noun}(?:都|还)?(?:有|是|包括)?哪些", q.text)), None)
            if kind and not all(re.search(rf"(?:{kind})$", x) for x in items):
                continue                          # 哪些企业: 西南大学科学中心 is not one (its kind ends its name)
            if not fit(items):
                continue
            clause = re.split(r"[。;；!?！？]", text[:m.start()])[-1]
            if subject and all(t in clause for t in subject):
                about += [x for x in items if x not in about]
            if items and score > best_score:
                best, best_score = items, score
        return _join(about or best) if about or best else None

    def what(self, q: Question, s: Sentence) -> Extraction | None:
        # "两大定位是什么": a counted, quoted focus asks for its items (not 哪次, which asks for
        # one thing: “两山”基地…在哪次大会期间举行 names a base, it counts nothing asked)
        counted = None if re.match(r"哪[个次项位家所座条种场届部件]", q.wh) else \
            re.search(r"“[^”]*[两二三四五六七八九十\d][^”]*”", q.text)
        listed = self.listing(q, s) if counted else None
        if listed:
            return listed
        # X的总体定位是什么: the quoted phrase the sentence gives as that noun
        # (围绕“科学之城、创新高地”总体定位, or 总体定位是“…”)
        # (X叫什么: the quoted names written after X, 吉祥物“滨滨”和“妮妮”)
        m = re.search(r"([\u4e00-\u9fff]{2,8})(?:是|为|叫)(?:什么|啥)", q.text)
        noun = m.group(1).split("的")[-1] if m else ""
        if len(noun) >= 2:
            after = re.search(rf"{re.escape(noun)}(?:是|为|叫|名为)?((?:“[^”]{{2,30}}”(?:和|、|与)?)+)", s.text)
            if after:
                names = re.findall(r"“([^”]{2,30})”", after.group(1))
                return Extraction("、".join(names), re.sub(r"(?:和|、|与)$", "", after.group(1)))
            named = (re.search(rf"“([^”]{{2,30}})”{re.escape(noun)}", s.text)
                     or re.search(rf"以“([^”]{{2,30}})”为{re.escape(noun)}", s.text))     # 以“…”为主题
            if named:
                return Extraction(named.group(1), f"“{named.group(1)}”")
            named = re.search(rf"以([^,，。;；:：“”以]{{2,20}})为{re.escape(noun)}", s.text)   # 以品读诗文、传承经典为主题
            if named:
                return Extraction(named.group(1), named.group(1))
        if not q.wh or q.wh not in q.text:
            return None         # no wh-phrase (叶寒冰 原任职务): nothing places a span (the reader reads it)
        wh_at = q.text.find(q.wh)
        cloze = _cloze(q, s.text, wh_at)
        if cloze:
            return cloze
        verb = _verb_near(q.text, wh_at, lambda v: _word_at(s.text, v) >= 0)
        i = _word_at(s.text, verb) if verb else -1
        if i < 0:
            return None
        if q.text.find(verb) < wh_at:             # 走进了哪支部队: the thing after the verb
            rest = s.text[i + len(verb):].lstrip("了过")
            seg = re.split(r"[,，。;；、]", rest)[0]
            seg = whole_segment(s.text, len(s.text) - len(rest), seg)
            # 出席了什么会议 -> "会议并讲话" says nothing: the asked noun itself is no answer;
            # nor does a cut that starts with a particle (此次活动的华裔青年… -> 的华裔青年…)
            asked = q.wh[2:] if q.wh.startswith(("什么", "哪")) else ""
            if (asked and seg.startswith(asked)) or re.match(r"[的地得之]", seg):
                return None
            # 考察了哪家灯具厂: a thing of the kind asked ends as that kind's name does (…厂,
            # 机动支队 for 部队), not 期间 of 考察期间
            kinds = asked_kinds(q.text, q.wh)
            if kinds and not any(seg.endswith(k[-1]) or k in seg for k in kinds):
                return None
            return Extraction(seg, seg, weak=q.wh.startswith("什么")) if 2 <= len(seg) <= 25 else None
        clause = re.split(r"[,，。;；]", s.text[:i])[-1]  # 是哪个部门打造的: the agent before it
        # the one nearest the verb that the question does not name itself (A、B和哪个部门联合…)
        bodies = [m.group(0) for m in re.finditer(rf"[\u4e00-\u9fff]{{2,12}}?{ORG_SUFFIX}", clause)
                  if m.group(0) not in q.text]
        return Extraction(bodies[-1], bodies[-1], weak=True) if bodies else None

    def title(self, q: Question, s: Sentence, person: str, known: str) -> Extraction | None:
        i = s.text.find(person)
        if i < 0:
            return None
        titles = [t for t in self.people.chain_before(s.text, i).split("、") if t and not (known and known in t)]
        titles = [t for t in titles if re.search(TITLE_WORD + "|委员|常委|代表", t)]
        at = re.search(rf"{re.escape(person)}在([^,，?？]{{2,12}}?)(?:担任|任|是)", q.text)
        if at:              # 王俊在区人武部担任什么职务: the post in that body only
            titles = [t for t in titles if at.group(1) in t]
        return _join(titles) if titles else None

    def extract(self, q: Question, s: Sentence, person_ctx: str = "", prev_q: str = "") -> Extraction | None:
        if q.qtype == "title":
            titles = re.findall(TITLE_WORD, prev_q or "")
            known = titles[-1] if titles else ""
            ext = self.title(q, s, person_ctx, known) if person_ctx else None
            if ext:     # said with the question's own verb: 任什么职务 -> 任<titles>
                ext.say = re.sub(r"谁|什么职务|什么人|做什么的|什么$", "", q.wh or "") + ext.say
            return ext
        # where-questions are the trained reader's alone: with a rule of their own, one answer
        # more of ~1,300 dev questions and none of other people's (BENCHMARKS.md, stop 37)
        # counts are the trained reader's alone (`bench.ablate`, stop 50: without this extractor
        # 2 answers more right and 4 fewer wrong of 1,032 dev questions; with the reader reading
        # headlines, 9 and 4; on the older sets and the conversations it cost a few: BENCHMARKS.md)
        fn = {"who": self.who, "when": self.when, "list": self.listing,
              "what": self.what}.get(q.qtype)
        # items asked by the part they share (哪几个“早”: 早开工、早竣工…), before any other reading
        items = patterned_items(q.text, s.text) if q.qtype in ("list", "what") else []
        if items:
            return Extraction("、".join(items), "、".join(items))
        ext = fn(q, s) if fn else None
        return None if ext and other_count_of_items(q, ext.span) else ext     # 哪3个: three items


def _named_after(text: str, title: str) -> Extraction | None:
    """The name printed right after the asked title, whole, when the corpus has not learned it
    (与比利时首相米歇尔共同会见记者: 米歇尔): one jieba takes for a person's."""
    import jieba.posseg as pseg
    at = text.find(title)
    if at < 0:
        return None
    toks = pseg.lcut(text[at + len(title):at + len(title) + 12])
    # the name ends where a verb, a particle or a mark begins (米歇尔 + 共同): not at a cut
    # inside a longer foreign name (诺特 + 利)
    ends = len(toks) < 2 or toks[1].flag[:1] in ("v", "p", "c", "d", "u", "x", "f") or not toks[1].word.strip()
    if toks and toks[0].flag.startswith("nr") and 2 <= len(toks[0].word) <= 6 and ends:
        return Extraction(toks[0].word, toks[0].word)
    return None


def other_level(asked: str, chain: str, title: str) -> bool:
    """The chain's `title` is the asked one of another body: asked 区政协主席, a 全国政协主席
    or 市政协主席 is not the one (北碚区政协主席 and a bare 政协主席 are). The words
    before the longest ending the two share must be in the other's."""
    held = next((t for t in reversed(chain.split("、")) if re.search(rf"(?<!副){title}$", t)), "")
    if not held:
        return False
    asked, held = (normalize(x).replace("的", "") for x in (asked, held))   # 十六组 = 16组; X的副总经理
    k = 0
    while k < min(len(asked), len(held)) and asked[-1 - k] == held[-1 - k]:
        k += 1
    a, h = asked[:len(asked) - k], held[:len(held) - k]
    # (a body the other one says too, not only at its end: 来华 of 同来华进行国事访问的巴基斯坦总统;
    # one character, 市 of 陪市政协谭家玲调研的区政协副主席, is no body)
    inside = lambda x, y: x in y if len(x) >= 2 else y.endswith(x)
    return bool(a and h) and not (inside(a, h) or inside(h, a))


def _dated_clause(text: str, start: int, end: int) -> str:
    """What the sentence says of the date text[start:end]: its clause, and the next one when
    the date stands alone (3月12日,区政府召开第49次常务会议)."""
    a = clause_start(text, start)
    b = a + len(clause_at(text, start))
    if b < len(text) and not re.search(r"[\u4e00-\u9fff]{2}", text[a:start] + text[end:b]):
        b += 1 + len(clause_at(text, b + 1))
    return text[a:b]


def _cloze(q: Question, text: str, wh_at: int) -> Extraction | None:
    """The question written as the sentence is, up to its wh-phrase (…实践路径的什么, 工作成绩要重
    什么): the words the sentence has right there, to the clause's end or the question's own
    words after the wh-phrase. At least CLOZE characters of the question must match; fewer
    before the blank do when the words after it close it (打造一支怎样的党外代表人士队伍: 打造一支
    …的党外代表人士队伍 in the sentence)."""
    if wh_at < 2 or q.wh not in ("什么", *DESCRIBING) or asked_kinds(q.text, q.wh):
        return None                 # 通过什么模式: the kind asked decides, not the words before
    pre = q.text[:wh_at]
    after = re.sub(r"[?？。!！\s]+$", "", q.text[wh_at + len(q.wh):])
    written = text
    k = _said_before(text, pre)
    if k < CLOZE:           # the question's numerals are digits (打造1支: the text's 打造一支)
        text = numerals_to_digits(text)
        k = _said_before(text, pre)
    closed = True           # the blank ends where the question's own words go on
    if k >= CLOZE:
        rest = text[text.find(pre[-k:]) + k:]
        seg = whole_segment(text, len(text) - len(rest), re.split(r"[,，。;；:：、!?！？]", rest)[0])
        # (a description's one-character head is no close: 什么样的人 -> …全面发展的…接班人, whole)
        closed = bool(after) and after in seg and (len(after) >= 2 or q.wh not in DESCRIBING)
        if closed:
            seg = seg[:seg.find(after)]
    else:
        # the blank closed by the question's words after it, in the same clause; before it the
        # question's last words, or the one coverb that marks the blank (把什么作为…的主动力)
        mark = pre[-k:] if k else pre[-1] if pre[-1] in BLANK_MARKS else ""
        seg = next((seg for seg in (_closed_blank(text[m.end():], after, CLOZE - len(mark))
                                    for m in re.finditer(re.escape(mark), text)) if seg), "") if mark else ""
    described = q.wh in DESCRIBING and closed and "的" in seg
    if described:
        seg = seg[:seg.rfind("的")]            # 政治素质好…的(干部)队伍: the description before its 的
    if not (2 <= len(seg) <= 25 and seg in written):
        return None
    return Extraction(seg, seg + "的" if described else seg)    # said in the wh's place


CLOZE = 5
BLANK_MARKS = "把将以对向"      # coverbs a blank stands right after (把什么作为…)
# wh-phrases that ask how a thing is described (打造一支怎样的队伍)
DESCRIBING = ("什么样的", "怎样的", "怎么样的")


def _closed_blank(rest: str, after: str, least: int) -> str:
    """The text of `rest`'s clause up to where it goes on as `after` does (at least `least`
    characters of it, and 2), or ""."""
    clause = re.split(r"[,，。;；:：!?！？]", rest)[0]
    j = next((j for j in range(len(after), 1, -1) if after[:j] in clause[2:]), 0)
    return clause[:clause.find(after[:j], 2)] if j >= max(2, least) else ""


def _said_before(clause: str, lead: str) -> int:
    """How many of the last characters of `lead` (the question up to its wh-phrase) the
    clause (or any text) holds as one string: 2 or more, else 0."""
    return next((k for k in range(len(lead), 1, -1) if lead[-k:] in clause), 0)


COUNTED_PHRASE = re.compile(rf"(?:\d+|[两二三四五六七八九十])[{CLASSIFIERS}方大][\u4e00-\u9fff]{{1,4}}")


def _counted_enumeration(q: Question, text: str, tokens: Callable[[str], list]) -> list[str]:
    """The items a counted phrase of the question (四方责任, 3个原则) stands for, where the
    sentence enumerates them right before it, as many as it counts; the verb that leads the
    enumeration, which the question says too (压实), is no part of its first item."""
    asked = q.text[:q.text.find(q.wh)] if q.wh and q.wh in q.text else q.text
    for m in COUNTED_PHRASE.finditer(asked):
        for said in (text, numerals_to_digits(text)):
            # the phrase as long as the sentence writes it (3个原则, not 3个原则是)
            phrase = next((m.group(0)[:k] for k in range(len(m.group(0)), 2, -1) if m.group(0)[:k] in said), "")
            if not phrase:
                continue
            items = _items(re.split(r"[,，。;；:：“”]", said[:said.find(phrase)])[-1])
            if len(items) != _count_in(phrase) or len(items) < 2:
                continue
            lead = [t for t in tokens(asked[:m.start()]) if len(t) >= 2 and t in items[0]]
            if lead:
                items[0] = items[0][max(items[0].find(t) + len(t) for t in lead):]
            items[0] = _without_leading_verb(re.sub(rf"^(?:{LEAD_IN}|以)", "", items[0]))
            if all(1 < len(x) <= 12 and x in text for x in items):
                return items
    return []


def _of_kind(items: list[str], kinds: tuple[str, ...], text: str) -> list[str]:
    """Items of the asked kind (the noun after the wh-phrase that two items or more hold: 哪几个
    专门委员会: 委员会) read as its names end: one cut after the kind (农村委员会关于…的汇报:
    农村委员会), and one without it joined to the next where the text writes the two with 和
    (农业和农村委员会: one committee)."""
    kind = next((k for k in kinds if sum(k in x for x in items) >= 2), None)
    if not kind:
        return items
    out: list[str] = []
    for x in items:
        x = x[:x.find(kind) + len(kind)] if kind in x and not x.startswith("《") else x   # a title is whole
        if out and kind not in out[-1] and kind in x and f"{out[-1]}和{x}" in text:
            out[-1] = f"{out[-1]}和{x}"
        else:
            out.append(x)
    return out


def _without_leading_verb(item: str) -> str:
    """An enumeration's first item without the verb that leads it (明确生态田园都市区)."""
    import jieba.posseg as pseg
    words = pseg.lcut(item)
    k = next((i for i, w in enumerate(words) if not w.flag.startswith(("v", "d", "ad"))), len(words))
    return "".join(w.word for w in words[k:]) if 0 < k < len(words) else item


def _count_in(phrase: str) -> int | None:
    """The number a counted phrase names: 两大定位 -> 2, 四篇文章 -> 4, 3个百强 -> 3."""
    m = re.search(r"\d+|[两二三四五六七八九十]", phrase)
    if not m:
        return None
    return count_value(m.group(0))


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _items(seg: str) -> list[str]:
    books = re.findall(r"《[^》]+》", seg)          # a title is said with its marks, as printed
    if books:
        return books
    seg = re.sub(r"^(其中|分别是|包括|有|为|是)", "", seg.strip())
    seg = _bare_tail(seg)
    if re.fullmatch(r"(?:“[^“”]{2,20}”[、和及与]?){2,}", seg):
        return re.findall(r"“([^“”]+)”", seg)      # quoted names side by side: “生态报表”“…问题清单”
    items = [x.strip() for x in coordinated(seg) if x.strip()]
    # (a space between Chinese words parts a headline's two phrases: 反对票 再次站在…, no item)
    if all(1 < len(x) <= 30 and not re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", x) for x in items):
        return items
    # an enumeration of quoted names whose levels and roles split it oddly (全国、市、区“两红两优”和
    # “重庆市五四青年奖章”获得者): the names
    quoted = re.findall(r"“([^“”]{2,20})”", seg)
    return quoted if len(quoted) >= 2 and len(quoted) >= len(items) // 2 else []


def _bare_tail(seg: str) -> str:
    """An enumeration without what the clause says after its last item: adverbs and particles
    (…埃及等多国也已 关闭), the 等 that closes it with its count (等多国, 等3个), and the day
    news writes after a name (美国26号暂时 关闭): 日本、土耳其、埃及; 美国."""
    import jieba.posseg as pseg
    toks = pseg.lcut(seg)
    while toks and toks[-1].flag in ("d", "y", "u", "ul", "uz") and toks[-1].word != "等":
        toks.pop()                     # 也已, 暂时, 已经, 了
    seg = "".join(t.word for t in toks)
    seg = re.sub(r"等(?:[多数几\d一二两三四五六七八九十]+[个家名位所项国地处])?(?:[国地处])?$", "", seg)
    return without_day(seg)


def _ends_with_verb(seg: str) -> bool:
    import jieba.posseg as pseg
    toks = pseg.lcut(seg)
    return bool(toks) and toks[-1].flag[:1] in ("v", "p")


def said_together(people: list[str]) -> str:
    """People (each with the title chain printed before them) said as one phrase: A和B; a
    longer list in the paper's way, a comma before each title and 、 between bare names."""
    if len(people) <= 2:
        return "和".join(people)
    out = people[0]
    for p in people[1:]:          # a bare name shares the title before it: 区领导刘永、杨锋
        out += ("、" if len(p) <= 4 and not re.search(TITLE_WORD, p) else ",") + p
    return out


def _join(items: list[str]) -> Extraction:
    return Extraction("、".join(items), "、".join(items))


def _word_at(text: str, verb: str) -> int:
    """Where `verb` first stands in `text` as a word: a one-character verb must be one of
    jieba's words there (建 of 建在, not of 建议); a longer one anywhere. -1 when nowhere."""
    if len(verb) > 1:
        return text.find(verb)
    import jieba
    return next((a for w, a, _ in jieba.tokenize(text) if w == verb), -1)


def _past_lead(seg: str, question: str, wh: int) -> str:
    """`seg` past the question's own words before its wh-phrase (《概论》由 绪论、主体、结语 组成)."""
    lead = next((k for k in range(min(wh, len(seg)), 1, -1) if seg.startswith(question[wh - k:wh])), 0)
    return seg[lead:]


def _less_tail(seg: str, said: str) -> str:
    """`seg` less what it ends with that the question says right before its verb (A、B作交流
    发言 asked 作交流发言的有哪些: A、B)."""
    k = next((k for k in range(min(len(seg), len(said)), 1, -1) if seg.endswith(said[-k:])), 0)
    return seg[:len(seg) - k]


def _verb_near(q: str, wh: int, said: Callable[[str], bool] = lambda v: True) -> str:
    """The question's verb next to its wh-word: 考察了哪些 -> 考察, 哪些企业入选了 -> 入选;
    of those before it in its clause, the nearest that `said` accepts (the sentence has it:
    确保 of 最终要确保做到什么, where the sentence says 确保…, not 做到)."""
    import jieba
    import jieba.posseg as pseg
    jieba.setLogLevel(60)
    toks = [(w, f) for w, f in pseg.lcut(q)]
    pos, verbs_before, verbs_after = 0, [], []
    for i, (w, f) in enumerate(toks):
        at, pos = pos, pos + len(w)
        # a word with 了 / 过 after it is a verb, however jieba tags it (参观了哪些内容: n)
        aspect = i + 1 < len(toks) and toks[i + 1][0] in ("了", "过") and len(w) > 1
        coverb = f == "p" and len(w) > 1              # 对照…的什么措施, 围绕什么开展
        if f == "l" and len(w) >= 4 and (dictionary_tag(w[-2:]) or "").startswith("v"):
            at, w, f = pos - 2, w[-2:], "v"            # a set phrase ending in its verb: 切实加强
        if (f.startswith("v") or aspect or coverb) and w not in ("是", "有", "叫", "为"):
            (verbs_before if at < wh else verbs_after).append(w)
    if verbs_before:
        if said(verbs_before[-1]):
            return verbs_before[-1]
        # else one of two characters or more, or its first two (打造 of 打造成; 要 says nothing)
        start = clause_start(q, wh)
        own = [w for v in reversed(verbs_before) if len(v) >= 2 and q.rfind(v, 0, wh) >= start
               for w in dict.fromkeys((v, v[:2]))]
        return next((v for v in own if said(v)), verbs_before[-1])
    return verbs_after[0] if verbs_after else ""
