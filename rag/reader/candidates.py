"""Candidate sentences: the sentences of the retrieved articles that may support an answer.

A question's words are weighed by rarity (`weights`); an article is read only when it
holds enough of that weight and every word of the question no article of the corpus has
spelled another way (`checks.lacks_unseen`; for the trained reader, the wh-phrase's own
such words: `checks.wh_own`); its sentences are ranked by how much of the
question they cover, read with their headline and lead, and near misses (a sentence that
names the asked thing with its modifiers swapped) are dropped. The readers (`rules.py`,
`model.py`) look for a span only in these sentences.
"""
from __future__ import annotations

import re

from ..checks import (PLACE_UNIT, has_anchor, in_its_date, lacks_unseen, mentions, modifier_pairs, negated,
                      other_country, other_ordinal, swapped, unseen_words, wh_own)
from ..chunk import sentences
from ..lexicon import CLASSIFIERS, KIN, VERBAL_CLASSIFIERS
from ..normalize import normalize
from ..question import Question
from ..segment import is_headline
from ..tokenize import FUNCTION_CHARS, STOP, corpus_pieces, dictionary_tag, light_verb, looks_like_name
from ..types import Article
from .sentence import Sentence
from .spans import asked_kinds
from .verify import LOOSE_MISSING, MAX_MISSING, SAYING

FUNCTION_TAGS = set("pcuye")   # jieba's tags of prepositions, conjunctions, particles, interjections
# a verb the corpus never uses but general Chinese uses often (`tokenize.light_verb`: 安排,
# 打算, 听说, 预计) is the asker's word for an act the paper words its own way; a rarer one
# (表决, 停播) is the act asked, and an article without it does not answer. (Unseen nouns,
# places and times — 去年, 万州, 工作组 — name what is asked: they stay.) What such a verb
# weighs: never a veto, a little where an article says it (跌 of 跌至)
LIGHT_WEIGHT = 1.0
MIN_COVER = 0.55           # share of the question's weight a sentence, read with its headline and lead, must cover
GLUE = "".join(sorted(STOP))   # particles jieba may glue to an unknown word (王沈是)
# words that point back (他, 那里, 这次, 那份, 这一期: a demonstrative and a measure word)
PRONOUN = re.compile(rf"他们|她们|它们|那里|这里|那儿|这儿|他|她|它|其|该|上述|本次|本轮|[这那此][一1]?[{CLASSIFIERS}次]")
WH_TOKENS = set("谁 什么 哪 哪些 哪个 多少 几 哪天 哪年 哪一年 何时 什么时候 名字 叫 是 有 多大 多久 多长 "
                "由 了 的 呢 吗 还 担任 职务 召开 举行 开会 "
                # a turn's opening 那 / 那么 (那一共安排了多少项?) leads on from the last turn
                "那 那么 "
                # how / why and the asking frame: no text answers with these words
                "怎么 怎样 怎么样 如何 为什么 为何 简述 请 请问 介绍 一下 能否 能 给 我 "
                # the text the asker read, as they refer to it (文中说…, 按…的说法); a photo's
                # caption (照片里…在哪条路: 10月25日,在云清路“劳动者港湾”,…) says no 照片
                "文中 文章 说法 照片 图片 视频 画面 "
                # how-many's sum frame: the article gives the total without it (主城21区)
                "共有 一共 总共 共计 "
                # the time the article is written in: it says 43岁的周月华, not 今年43岁; and
                # the day or time the asker points at (春运那天…, 当时…): the article's own
                "今年 目前 如今 现在 那天 这天 当天 那时 这时 当时 那年 这年 当年 "
                # an exclusion frames who else: 除了王俊还有谁 (王俊 stays a word to find)
                "除了 除 以外 之外 还有 另外 "
                # a copula's paraphrase: asked X被称为什么, the article says X是“…”; asked
                # 中华村属于哪个镇, it says 静观镇中华村
                "称为 称作 被称为 叫做 比作 视为 属于 隶属 隶属于 "
                # asked 要做到什么, the article says 要挖潜力
                "做到 "
                # the kind asked, as a search box names it (开幕时间, 成立地点, 施行日期, 开店数量):
                # the article gives the date, the place or the count, not the word
                "时间 日期 时候 年份 地点 地址 位置 所在地 名称 数量 数目 人数 总数 个数 次数 "
                # the attribute asked, which the article gives by its value (题为《…》, 3000亿美元)
                "题目 标题 题名 金额 数额".split()) \
    | set(SAYING)           # verbs of saying, which news says one for another
# verbs of going that frame a where-question (去哪里 / 前去哪里 查看): the article says where
# with any of them (来到 X), so none is a word it must hold
MOTION = set("去 前去 前往 去往 赶赴 来到 到 走进 来 抵达".split())
# a sentence that names who said the quote before it ("…有目共睹。”区政协委员唐大焱告诉记者,…):
# the two are one statement, read as one sentence
ATTRIBUTION = re.compile(r"[^,，。!?！？“”\n]{1,30}?(?:说|表示|告诉记者|介绍|认为|坦言|感慨|指出)")
CACHED = 5000              # articles whose normalised text is kept


class CandidateSentences:
    """`find(question, articles) -> [Sentence]`, best first, over the corpus's `tables`
    (document frequencies, home places) with its `analyzer` (tokens, cut)."""

    def __init__(self, tables, analyzer):
        self.tables, self.analyzer = tables, analyzer
        self._read_cache: dict[str, tuple] = {}

    def weights(self, q: Question) -> dict[str, float]:
        """The question's words, its wh-phrase and pronouns left out, each weighed by its idf.
        The kind of person asked (哪位领导人) is no word to find when no text has it: the article
        names the one asked (国家主席梁强), not the kind. (A thing's kind is: 哪个会议室 asks a
        room, and no text naming none answers it.)"""
        text = PRONOUN.sub("", q.text.replace(q.wh, " ") if q.wh else q.text)
        kinds = asked_kinds(q.text, q.wh) if q.qtype == "who" else []
        if q.qtype == "who" and q.wh in q.text:
            # …得主都有谁, …的主演是谁: the noun before the wh-phrase names the kind of person;
            # not kin (洛丹的儿子叫什么: a text naming only a daughter does not answer)
            before = self.analyzer.tokens(re.sub(r"(?:都|还|分别|各)?(?:是|有|为|叫)?$", "",
                                                 q.text[:q.text.find(q.wh)]))
            kinds += [t for t in before[-1:] if t not in KIN]
        out = {}
        for t in self.analyzer.tokens(text):
            if (t in kinds or t in q.measures or (q.head and t in q.head)) and self.tables.idf(t) is None:
                continue            # a search box's head noun no text has (开盘价), or the
                                    # measure a count asks (多少比例: 87%): the kind asked
            # a localiser (期间, 以来, 之后) frames the question; it names nothing to find
            if t not in WH_TOKENS and not (q.qtype == "where" and t in MOTION) and not localiser(t):
                idf = self.tables.idf(t)
                tag = (dictionary_tag(t) or " ") if idf is None else ""     # of a word no text has
                if tag == "d" or (tag == "a" and t.startswith("最")):
                    continue        # an adverb or superlative no text has (最早, 最低) frames the
                                    # ask: the paper says 首次, 不能低于
                if tag == "m" and t[-1] in CLASSIFIERS + VERBAL_CLASSIFIERS:
                    continue        # a numeral and its classifier (营造一种怎样的氛围, 那一趟) count, name nothing
                if tag[:1] == "r":
                    continue        # a demonstrative no text has (那些地方) points, names nothing
                if tag[:1] in FUNCTION_TAGS:
                    continue        # a preposition or conjunction names nothing (李克强跟安巴总理会谈)
                if idf is None and light_verb(t):
                    # 对俄罗斯的国事访问安排在哪几天: the paper says 16日至18日…进行国事访问; an
                    # article that says it (跌 of 跌至) still has a word of the question
                    out[t] = LIGHT_WEIGHT
                    continue
                framed = "" if idf is not None else \
                    next((t[:-k] for k in (2, 1) if len(t) > k + 1 and localiser(t[-k:])), "")
                if framed and self.tables.idf(framed) is not None:
                    # a word and its localiser, one word to jieba (春运期间): the word is to find
                    t, idf = framed, self.tables.idf(framed)
                core = t.strip(GLUE)
                if idf is None and core != t and self.tables.idf(core) is not None:
                    # jieba glued a particle to a name it did not know (王沈是哪里人 -> 王沈是):
                    # the word is the one the corpus has
                    t, idf = core, self.tables.idf(core)
                # (a word jieba's dictionary knows is one, 去年 / 员工, unless it is made of
                # joining characters alone, 是从)
                recut = idf is None and (dictionary_tag(t) is None or all(c in FUNCTION_CHARS for c in t))
                pieces = corpus_pieces(t, lambda x: self.tables.idf(x) is not None) if recut else None
                if pieces is not None:
                    # jieba's cut of a short question the corpus does not share (据区 / 人大,
                    # 是从, 12日新冠): the words are the corpus's own, the joining characters none
                    out.update((p, self.tables.idf(p)) for p in pieces if p not in WH_TOKENS)
                    continue
                if idf is None and framing(t):
                    continue        # 会谈时说 / 文中说: the asking frame and a verb of saying, one word to jieba
                out[t] = idf if idf is not None else 8.0          # unseen words weigh most
        return out

    @staticmethod
    def share(weights: dict[str, float], text: str) -> float:
        """The share of the question's weight `text` mentions."""
        total = sum(weights.values())
        text = text.lower()                 # the weights' tokens are lowercased (BCPL -> bcpl)
        return sum(w for t, w in weights.items() if mentions(text, t)) / total if total else 0.0

    def find(self, q: Question, articles: list[Article],
             given: Article | None = None, loose: bool = False) -> list[Sentence]:
        """Candidate supporting sentences, best first. `given`: the article a follow-up
        question refers to ("这次会议"), which needs no matching context of its own.
        `loose`: every sentence of the articles that pass the article checks (an article
        may lack up to LOOSE_MISSING of the question), less those that name the asked
        thing differently (the trained reader's allowed sentences: its answer need not
        repeat the question's words). Each sentence keeps its article's `missing` share."""
        w = self.weights(q)
        places = [t for t in w if len(t) >= 3 and t[-1] in PLACE_UNIT]
        vocab, cut = self.tables.df, self.analyzer.cut
        pairs = modifier_pairs(cut(q.text), w)
        # only dictionary words count as unseen: a word jieba's HMM guessed at an unknown run
        # is often a cut across two (后立 of 孙权称帝后立谁为太子), not a word the text lacks
        known = set(cut(q.text, hmm=False))
        # the asked kind need not be written (什么季节: 夏季 says no 季节; 多少比例: 87%)
        kinds = asked_kinds(q.text, q.wh) + q.measures
        unseen = unseen_words(q.text, [t for t in w if t in known and t not in kinds and
                                       not (t not in vocab and light_verb(t))], vocab)
        own_unseen = [u for u in unseen if wh_own(q.text, q.wh, u[0])]
        anchors = [normalize(x) for x in q.anchors]
        short = abbreviations([t for t, _, _ in unseen])
        out = []
        for rank, a in enumerate(articles):
            full, header, lead, cands, sections, items = self.read(a)
            if not all(has_anchor(full, x) or in_its_date(a.date, x) for x in anchors):
                continue
            # an unseen word the article spells out (财经委: 财政经济委员会) is a word it has
            spelled = [t for t, rx in short if rx.search(full)]
            # the article the conversation is on is read whatever words the turn uses for it
            # (她是在哪个项目上拿的金牌: it says 女子花剑A级决赛, 再添一金); its spans are
            # weighed by the checks, which know what it lacks (`missing`)
            # an article without such a word is dropped for the rules; the trained reader may
            # still read it (the asker's word for the topic: 打成重伤, 开播), its span vetoed
            # unless sure (`verify`), but never one without the wh-phrase's own word (记录 of
            # 是谁记录的: the article answers another act)
            said = " ".join([full, *spelled])
            lacking = a is not given and lacks_unseen(said, unseen)
            if lacking and (not loose or lacks_unseen(said, own_unseen)):
                continue
            limit = float("inf") if a is given else LOOSE_MISSING if loose else MAX_MISSING
            # (a year the article's date gives is one its text need not write: 2025年一季度 of a
            # report dated 2025-04-16 that says 一季度)
            dated = [t for t in w if re.fullmatch(r"(?:19|20)\d{2}", t) and (a.date or "").startswith(t)]
            home = " ".join([p for p in places if self.tables.is_home(a.source, p)] + spelled + dated)
            missing = 1 - self.share(w, full + home)
            if missing > limit:
                continue
            for k, (proto, body) in enumerate(cands):
                if items:       # in a roundup, what its own item lacks of the question
                    s_missing = 1 - self.share(w, header + items[k] + home)
                    if s_missing > limit:
                        continue
                own = self.share(w, body)
                # a sentence is read in its article: headline and lead say what it is about,
                # the sentence before it in its paragraph whom "作为…企业" means, and its
                # source the place it is in
                before = cands[k - 1][1] if k and proto.start >= 0 and cands[k - 1][0].start >= 0 and \
                    "\n" not in a.text[cands[k - 1][0].end:proto.start] else ""
                frame = header + (sections[k] if sections else lead)
                ctx = 1.0 if a is given else self.share(w, body + frame + before + home)
                if not loose and (ctx < MIN_COVER or (own == 0 and a is not given)):
                    continue
                if swapped(q.text, pairs, body, body + frame + home, cut) or other_ordinal(q.text, body, frame) \
                        or other_country(q.text, body) or negated(q.text, w, body):
                    continue
                s = Sentence(a, proto.text, proto.start, proto.end)
                s.cover, s.rank = 0.5 * own + 0.5 * ctx + (0.02 if s.start >= 0 else 0), rank
                s.missing = max(missing, s_missing) if items else missing
                s.unseen = lacking
                out.append(s)
        out.sort(key=lambda s: (-s.cover, s.rank))
        return out

    def read(self, a: Article):
        """An article's normalised text, header and lead, its sentences and, in a roundup,
        each one's section heading and lead (cached: normalising is the costly part of reading)."""
        got = self._read_cache.get(a.id)
        if got is None:
            spans = quoted_with_speaker(a.text, sentences(a.text))
            cands = [Sentence(a, a.text[s:e], s, e) for s, e in spans]
            cands += [Sentence(a, line, -1, -1) for line in [a.title, *a.subtitles] if line]
            frames, whole = sections(a.text, cands)
            got = (normalize(f"{a.header}\n{a.text}"), normalize(a.header),
                   normalize(a.text[slice(*spans[0])]) if spans else "",
                   [(c, normalize(c.text)) for c in cands], [normalize(f) for f in frames],
                   [normalize(f) for f in whole])
            if len(self._read_cache) > CACHED:
                self._read_cache.clear()
            self._read_cache[a.id] = got
        return got


def quoted_with_speaker(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (sentences of `text`) with each quotation that ends a sentence joined to the
    next sentence when that one starts by naming its speaker (`ATTRIBUTION`)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and text[out[-1][1] - 1] in "”」』" and "\n" not in text[out[-1][1]:s] \
                and ATTRIBUTION.match(text, s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sections(text: str, cands: list[Sentence]) -> tuple[list[str], list[str]]:
    """In a roundup (国内联播快讯: items under headings of their own, the text opening with
    one), each sentence's section heading and first sentence (what frames it, in place of
    the article's lead, which is the first item's) and its whole section (a roundup's item
    is an article of its own). ([], []) for any other article."""
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    heads = [(at, line) for at, line in lines if is_headline(line)]
    if len(heads) < 2 or heads[0][0] != lines[0][0]:
        return [], []
    frames, whole = [], []
    for c in cands:
        if c.start < 0:
            frames.append("")
            whole.append(text)
            continue
        at, head = max((h for h in heads if h[0] <= c.start), default=(0, ""))
        first = next((x for x in cands if x.start > at + len(head) - 1 and x.text != head), None)
        frames.append(f"{head}\n{first.text if first else ''}")
        end = next((h for h, _ in heads if h > at), len(text))
        whole.append(text[at:end])
    return frames, whole


def framing(word: str) -> bool:
    """`word` is two pieces that each frame the ask, a joining character, a wh- or frame word
    or a verb of saying (时说 of 会谈时说, 文中说): it names nothing to find."""
    frame = lambda x: x in WH_TOKENS or (len(x) == 1 and x in FUNCTION_CHARS)
    return any(frame(word[:k]) and frame(word[k:]) for k in range(1, len(word)))


def abbreviations(words: list[str]) -> list[tuple[str, re.Pattern]]:
    """(word, the pattern of its long form) for each word of two to eight characters that is
    not a person's name: Chinese shortens a name to some of its characters, in order
    (财经委 for 财政经济委员会, 发改委 for 发展和改革委员会, 中央政治局常委会 for …常务委员会,
    通话 for 通电话: a word of two with at most one character between)."""
    gap = lambda w: "{0,1}" if len(w) == 2 else "{0,3}"
    return [(w, re.compile(w[0] + "".join(rf"[\u4e00-\u9fff]{gap(w)}{re.escape(c)}" for c in w[1:])))
            for w in words if 2 <= len(w) <= 8 and not looks_like_name(w)]


def localiser(word: str) -> bool:
    """jieba's dictionary tags `word` a localiser (方位词: 期间, 以来, 之后, 中)."""
    return dictionary_tag(word) == "f"
