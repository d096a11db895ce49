"""The trained span reader as a candidate source: passages in, scored answer spans out.

The composer gives it pieces of article text (the best candidate sentences with their
neighbours, and the best retrieved chunks) and the sentences an answer may come from
(those that passed the near-miss checks); a span is kept only inside one of those, so
that sentence is the answer's quote. `embeddings.span_reader` runs the model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..checks import PLACE_UNIT, before_wh
from ..chunk import sentences as sentence_spans
from ..lexicon import COUNT_UNITS
from ..normalize import count_value
from ..question import Question
from ..tokenize import dictionary_tag
from .sentence import Sentence, as_text, paragraph
from .spans import COORDINATOR, asked_kinds, items_after, names_kind
from .answerable import MIN_SCORE, Answerable, Proposed
from .verify import PAIRS, Lookups, Proposal, checked, fits, unsaid_verbs

# spans scoring this little are not worth a judge's look (a right one below it is rare)
FLOOR = -2.0
MERGE = 0.5                # score distance within which overlapping reader spans are joined
# score distance within which a span whose sentence says every asked verb beats one whose
# sentence lacks some (held-out CMRC F1 64.7 -> 64.8, EM 47.4 -> 47.6 at 1.0; the same at 2.0)
EVIDENCE = 1.0
COORDINATION = r"[和、及与]"
# another span of the best one's sentence, the reader scoring it within SIBLING of the best
# and at least SIBLING_FLOOR, is another item of a list (or of a who-answer the sentence
# coordinates: a coordinator, then at most a title, between the two)
SIBLING = 5.0
SIBLING_FLOOR = 6.0
# a question that asks for several people, though not as a list (都有谁, 还有谁, 分别是谁)
PEOPLE_ASKED = re.compile(r"(?:都|还|分别)(?:有|是)?谁|有哪些人")
# what stands between two coordinated items: a coordinator, then at most the next one's title
COORDINATED = re.compile(rf"[,，]?(?:{COORDINATOR}|同)[^,，。;；:：、和及与]{{0,16}}")
READ = 6                    # best candidate sentences read by the model, with their neighbours
CHUNKS = 3                  # best retrieved chunks read by the model
EDGE = " \n\t,，、。;；:：!！?？"   # never the first or last character of a span
# a list its sentence abridges: the first item, 等, and how many there are (女子篮球等4个项目)
ABRIDGED = re.compile(rf"^([^、,，]{{2,20}}?)等(\d+|[两二三四五六七八九十])[{COUNT_UNITS}]")
# the one-character level a district paper puts before its bodies (区生态环境局, 市委): the
# reader tends to leave it out; when only a clause boundary stands before it, it is the name's
LEVEL = "区市县镇乡省"
WORD_CUT = 2               # characters a span is widened by to the dictionary word it cuts
WHOLE = 2.0                # score distance within which the reader's whole-word span displaces a cut one
LEAD_SAID = 4.0            # ... and within which a count right after the question's words before it goes first


@dataclass
class Candidate:
    span: str
    sentence: Sentence        # the sentence holding the span: its quote
    start: int                # offsets of the span in the article text
    end: int
    score: float              # span logits minus the no-answer logits


class ModelReader:
    """`read(question, passages, sentences) -> [Candidate]`, best first."""

    def __init__(self, span_reader=None, judge: Answerable | None = None):
        self._reader = span_reader
        self.judge = judge
        self.trace: list | None = None       # (question, asked verbs, proposals) of each read, when a list

    @staticmethod
    def available() -> bool:
        """The trained weights are in the repository (train/reader.py writes them)."""
        from embeddings.span_reader import WEIGHTS
        return WEIGHTS.is_file() and WEIGHTS.with_suffix(".json").is_file()

    @property
    def reader(self):
        if self._reader is None:                 # built on first use: the ONNX export takes a while
            from embeddings.span_reader import SpanReader
            self._reader = SpanReader.open()
        return self._reader

    def read(self, question: str, passages: list[tuple], allowed: list) -> list[Candidate]:
        """Spans of `passages` ((article, start, end) pieces of article text) that lie inside
        one of the `allowed` sentences (compose.Sentence: those that passed the near-miss
        checks), scored by the model, best first."""
        within: dict[str, list] = {}
        heads: dict[str, list] = {}          # each article's headline lines, as texts of their own
        for s in allowed:
            if s.start >= 0:
                within.setdefault(s.article.id, []).append(s)
            elif (h := as_text(s)).article.id not in within:
                within[h.article.id] = [h]
                heads.setdefault(s.article.id, []).append(h)
        seen, pieces = set(), []
        for a, lo, hi in passages:
            if (a.id, lo, hi) not in seen and a.id in within:
                seen.add((a.id, lo, hi))
                pieces.append((a, lo, a.text[lo:hi]))
        # the headlines of the articles read: a fact may be in the headline alone
        for aid in dict.fromkeys(a.id for a, _, _ in passages):
            pieces += [(h.article, 0, h.text) for h in heads.pop(aid, [])]
        out = []
        for (a, lo, _), spans in zip(pieces, self.reader.read(question, [t for _, _, t in pieces])):
            for sp in spans:
                x, y = lo + sp.start, lo + sp.end
                while x < y and a.text[x] in EDGE:          # a span never starts or ends on punctuation
                    x += 1
                while y > x and a.text[y - 1] in EDGE:
                    y -= 1
                if x >= 1 and a.text[x - 1] == "第" and re.match(r"[\d一二两三四五六七八九十百千]", a.text[x]):
                    x -= 1                                  # an ordinal is whole: 第十九届, not 十九届
                x, y = whole_figure(a.text, x, y)
                if x >= 1 and a.text[x - 1] in LEVEL and (x == 1 or a.text[x - 2] in EDGE):
                    x -= 1
                x, y = closed(a.text, x, y)
                if name_goes_on(a.text, x, y):
                    y += 1                                  # 魏凤和致辞: not 魏凤
                s = next((s for s in within[a.id] if s.start <= x and y <= s.end), None)
                if s is not None and y > x:
                    out.append(Candidate(a.text[x:y], s, x, y, sp.score))
        # a span cutting a dictionary word (网发电 of 并网发电) gives way to the reader's span of
        # the whole word when it scores that nearly as high: the model's pieces are characters,
        # and jieba's dictionary alone glues across real boundaries (16人为缅甸籍: 人为)
        spans = {(c.sentence.article.id, c.start, c.end): c.score for c in out}
        out = [c for c in out if (whole := whole_words(c.sentence.article.text, c.start, c.end, c.sentence.start,
                                                        c.sentence.end)) == (c.start, c.end)
               or spans.get((c.sentence.article.id, *whole), -1e9) < c.score - WHOLE]
        best: dict[tuple, Candidate] = {}
        for c in sorted(out, key=lambda c: (-c.score, c.sentence.rank, c.start)):
            best.setdefault((c.sentence.article.id, c.start, c.end), c)
        return list(best.values())

    def proposals(self, q: Question, passages: list[tuple], allowed: list, lookups: Lookups,
                  asked_verbs: list[str], floor: float = MIN_SCORE, every: bool = True) -> list[Proposed]:
        """The reader's spans scoring at least `floor`, best first, each with the checks'
        verdict (`verify.checked`: every near miss, or with `every=False` the first)."""
        out = []
        for c in self.read(q.text, passages, allowed):
            if c.score < floor:
                break
            got = checked(Proposal(q, c.sentence, c.start - c.sentence.start, c.span, c.score, asked_verbs),
                          lookups, every)
            out.append(Proposed(c, got.span, got.reasons, got.unfit))
        return out

    def answer(self, q: Question, passages: list[tuple], allowed: list, lookups: Lookups,
               asked_verbs: list[str], accept=None) -> tuple[Candidate, str] | None:
        """(the best candidate, its span as said), or None. With a learned `judge`: the span it
        rates highest, if any rates its threshold. Without: the best candidate that passes every
        check, one of the kind the wh-phrase names first, joined with the overlapping near-equal
        spans when that makes a coordination. `accept(candidate, span)`: the caller's own check.
        Of two spans the reader scores within EVIDENCE of each other, the one whose sentence
        says every asked verb goes first."""
        weigh = bool(self.judge) or self.trace is not None     # every near miss, down to FLOOR
        props = self.proposals(q, passages, allowed, lookups, asked_verbs, FLOOR if weigh else MIN_SCORE, weigh)
        if self.trace is not None:
            self.trace.append((q, asked_verbs, props))
        if accept is not None:
            props = [p for p in props if p.unfit or accept(p.candidate, p.span)]
        if self.judge:
            ranked = self.judge.rank(q, props, asked_verbs)
            if not ranked:
                return None
            return self._joined(q, [(p.candidate, p.span) for _, p in ranked], lookups)
        fitting = [(p.candidate, p.span) for p in props
                   if p.candidate.score >= MIN_SCORE and not p.reasons]
        if not fitting:
            return None
        says_all = lambda c: not unsaid_verbs(asked_verbs, c.sentence)
        if not says_all(fitting[0][0]):
            # 黄祖英任…是在哪次会议上宣布的: 49次常务会议 of a sentence without 宣布, 9.5;
            # 区委常委会(扩大)会议 of the one that says it, 9.0
            alt = next((x for x in fitting if x[0].score >= fitting[0][0].score - EVIDENCE and says_all(x[0])), None)
            if alt:
                fitting = [alt] + [x for x in fitting if x is not alt]
        if q.qtype == "number":
            # 计划总投资多少: of near-equal counts, the one written right after the question's
            # own words before its wh-phrase (计划总投资1782.05亿元, not 2023年计划投资305.37亿元)
            # (or right before them: 6个重大基础设施及民生实事项目、5个已建成…, asked how many
            # 民生实事项目; 打造103亩糯小米种植基地, asked how big the 种植基地 is)
            said = lambda c: max(said_before(q, c), said_after(q, c))
            near = [x for x in fitting if x[0].score >= fitting[0][0].score - LEAD_SAID]
            led = max(near, key=lambda x: (said(x[0]), x[0].score))
            if said(led[0]) > said(fitting[0][0]):
                fitting = [led] + [x for x in fitting if x is not led]
        # 什么支部 asks for a 支部: a verified span that names the asked kind, or stands right
        # before it (长征三号乙 of 长征三号乙运载火箭, asked 什么运载火箭), comes first
        kinds = asked_kinds(q.text, q.wh)
        text = lambda c, span: c.sentence.article.text
        first = next((x for x in fitting if names_kind(kinds, x[1]) or
                      any(text(*x).startswith(k, x[0].start + len(x[1])) for k in kinds)), fitting[0])
        first = fuller_place(q, first, fitting)
        c, span = self._joined(q, [first] + [x for x in fitting if x is not first], lookups)
        span = siblings(q, c, span, fitting)
        return unabridged(q, c, fellow_people(q, c, span, lookups.names), allowed)

    @staticmethod
    def _joined(q: Question, fitting: list[tuple], lookups: Lookups) -> tuple[Candidate, str]:
        """The first (candidate, span) of `fitting`, joined with the overlapping near-equal
        spans of its sentence when that joins the items of a coordination."""
        c, span = fitting[0]
        # the reader often splits a coordination among near-equal spans (乡村振兴 /
        # 城市更新和乡村振兴 / 乡村振兴工作): overlapping ones within MERGE of it are joined
        # when that joins items (measured: joining any overlap cost 0.6 F1 on CMRC)
        lo, hi = c.start, c.end
        for o, _ in fitting:
            if o.sentence is c.sentence and o.score >= c.score - MERGE and o.start < hi and o.end > lo:
                lo, hi = min(lo, o.start), max(hi, o.end)
        joined = c.sentence.article.text[lo:hi]
        # (two counts of two things named between them are no coordination: 6个…项目、5个,
        # asked how many of one; 分别下降33.4%和29.1% is)
        two_counts = q.qtype == "number" and re.search(r"\d[^\d]{4,}\d", joined) is not None
        if re.search(COORDINATION, joined) and not re.search(COORDINATION, span) and not two_counts and \
                fits(q.qtype, joined, lookups.names):
            span = joined
        return c, span


def said_before(q: Question, c: Candidate) -> int:
    """How many characters (3 or more, else 0: two are often a common word, 项目 of 候选项目
    for 民生实事项目) of what the question says right before its wh-phrase the sentence writes
    right before the span (a 为 / 达 / 约 … between)."""
    lead = re.sub(r"[了的是有为共约达]+$", "", before_wh(q.text, q.wh))
    text = re.sub(r"(?:为|是|达|约|共|近|超过|了)+$", "", c.sentence.article.text[c.sentence.start:c.start]
                  if c.sentence.start >= 0 else "")
    return _tail_of(lead, text)


def _tail_of(lead: str, text: str) -> int:
    """How many characters (3 or more, else 0) of the end of `lead` `text` ends with."""
    return next((k for k in range(len(lead), 2, -1) if text.endswith(lead[-k:])), 0)


def said_after(q: Question, c: Candidate) -> int:
    """How many characters (3 or more, else 0) of the noun the question names right before
    its wh-phrase (…民生实事项目有几个) end the words the sentence writes right after the span,
    up to the next mark: the count stands before its noun (6个重大基础设施及民生实事项目)."""
    lead = re.sub(r"(?:都|一共|总共|共|分别)?[了的是有为共约达]*$", "", before_wh(q.text, q.wh))
    if c.sentence.start < 0:
        return 0
    rest = re.split(r"[,，。;；、:：!！?？\s]", c.sentence.article.text[c.end:c.sentence.end], maxsplit=1)[0]
    return _tail_of(lead, rest)


def fuller_place(q: Question, first: tuple, fitting: list[tuple]) -> tuple:
    """A where-answer said as whole as its article gives it: 宁夏青铜峡市 (another sentence,
    the body's), not the headline's 宁夏 — a span of the same article that starts with the
    best one and goes on to a place's unit."""
    if q.qtype != "where":
        return first
    c, span = first
    return next((x for x in fitting if x[0].sentence.article.id == c.sentence.article.id and x[1].startswith(span)
                 and len(x[1]) > len(span) and x[1][-1] in PLACE_UNIT), first)


def siblings(q: Question, c: Candidate, span: str, fitting: list[tuple]) -> str:
    """`span` with the other items the reader reads in its sentence, when the question may
    have several: a list question's spans scoring within SIBLING of the best (21世纪是亚洲的
    世纪,也是非洲的世纪: 非洲 11.3, 亚洲 8.1), or a who-question's that the sentence
    coordinates with it (阿德拉·拉兹和克罗地亚外交官西蒙诺维奇: 12.3 and 8.9). Said in the
    sentence's order, joined by 、."""
    if q.qtype not in ("list", "who") or "、" in span:
        return span
    text = c.sentence.article.text
    items = [(c.start, c.start + len(span), span)] if text.startswith(span, c.start) else []
    if not items:
        return span
    for o, said in fitting:
        if o.sentence is not c.sentence or o.score < max(SIBLING_FLOOR, c.score - SIBLING) or \
                not text.startswith(said, o.start) or any(o.start < b and o.start + len(said) > a for a, b, _ in items):
            continue
        if q.qtype == "who":
            near = min(items, key=lambda x: min(abs(o.start - x[1]), abs(x[0] - o.start - len(said))))
            between = text[near[1]:o.start] if o.start >= near[1] else text[o.start + len(said):near[0]]
            if not COORDINATED.fullmatch(between):
                continue
        items.append((o.start, o.start + len(said), said))
    if len(items) == 1:
        return span
    return "、".join(x for _, _, x in sorted(items))


def unabridged(q: Question, c: Candidate, span: str, allowed: list) -> tuple[Candidate, str]:
    """A list answer its sentence abridges (女子篮球等4个项目) read whole where another sentence
    of the article enumerates it from the same first item (女子篮球、女子曲棍球、柔道混合团体赛
    及赛艇…): at most as many items as the abridgement counts, that sentence the quote."""
    m = ABRIDGED.match(span) if q.qtype == "list" else None
    n = count_value(m.group(2)) if m else None
    if not n:
        return c, span
    first = m.group(1)
    for s in allowed:
        at = s.text.find(first) if s.article is c.sentence.article and s is not c.sentence else -1
        if at < 0 or not re.match(COORDINATOR, s.text[at + len(first):]):
            continue
        items = [x for x in re.split(COORDINATOR, items_after(s.text, at + len(first), first)) if x][:n]
        items[-1] = items[-1].split("的")[0] or items[-1]      # …及赛艇项目的比赛: the list ends at its head's 的
        if len(items) > 1:
            return Candidate("、".join(items), s, s.start + at, s.start + at + len(first), c.score), "、".join(items)
    return c, span


def fellow_people(q: Question, c: Candidate, span: str, names) -> str:
    """A question asking several people (都有谁, 哪些领导) answered with one of a sentence's
    coordinated people: all of them, each name without its title (澳大利亚外交部长黄英贤、
    南澳州州长马思诺,以及中国驻澳大利亚大使肖千等到机场迎接: 黄英贤、马思诺、肖千), less
    those the question names. `names(text)`: the person names found in text."""
    if not (q.asks_people or PEOPLE_ASKED.search(q.text)) or "、" in span:
        return span
    text, lo = c.sentence.article.text, c.sentence.start
    found = [(lo + a, lo + b) for a, b in names(c.sentence.text)]
    k = next((i for i, (a, b) in enumerate(found) if a < c.start + len(span) and b > c.start), None)
    if k is None:
        return span
    i, j = k, k
    while i > 0 and COORDINATED.fullmatch(text[found[i - 1][1]:found[i][0]]):
        i -= 1
    while j + 1 < len(found) and COORDINATED.fullmatch(text[found[j][1]:found[j + 1][0]]):
        j += 1
    people = [text[a:b] for a, b in found[i:j + 1] if text[a:b] not in q.text]
    return "、".join(people) if len(people) > 1 else span


def name_goes_on(text: str, x: int, y: int) -> bool:
    """The span text[x:y], a name's length, stops before a 和 that ends the name rather than
    joining another (魏凤和致辞, 是枝裕和执导): what follows 和 is an act, a coverb or an adverb
    (or the clause ends), not a second name or noun (王俊和黄祖英出席)."""
    if text[y:y + 1] != "和" or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text[x:y]):
        return False
    if not (dictionary_tag(text[x:y]) or "nr").startswith("nr"):
        return False                # a word, not a name cut short: 科技和创新
    after = text[y + 1:y + 5]
    if not after or after[0] in EDGE:
        return True
    import jieba.posseg as pseg
    first = next(iter(pseg.lcut(after)), None)
    # (an act, not a verbal noun: 经济和发展 joins two things)
    return first is not None and first.flag in ("v", "vd", "p", "d")


def whole_figure(text: str, x: int, y: int) -> tuple[int, int]:
    """The span text[x:y] with the rest of a figure it cuts: a ratio's second number
    (2.054∶1, not 2.054∶), a model code's head before its hyphen (图-22M3, 歼-20, not
    -22M3), and a day's month (and year) written right before it (5月4日, not 4日)."""
    m = re.match(r"\s*\d+(?:\.\d+)?", text[y:]) if re.search(r"\d\s*[∶:：]$", text[x:y]) else None
    if m:
        y += m.end()
    m = re.search(r"(?:(?:19|20)\d{2}年)?(?:1[0-2]|0?[1-9])月$", text[max(0, x - 8):x]) \
        if re.match(r"[1-3]?\d[日号]", text[x:y]) else None
    if m:
        x -= len(m.group(0))
    if x >= 1 and re.fullmatch(r"[-－][\dA-Za-z]+", text[x:y]):
        head = re.search(r"(?:[A-Za-z]+|[\u4e00-\u9fff])$", text[max(0, x - 8):x])
        if head:
            x -= len(head.group(0))
    return x, y


def whole_words(text: str, x: int, y: int, lo: int, hi: int) -> tuple[int, int]:
    """The span text[x:y] widened to the dictionary words it cuts, within the sentence
    text[lo:hi]: the reader's pieces are characters, a word's are not (网发电 of 并网发电,
    文艺院 of 文艺院团). Only a cut between two Chinese characters, by at most WORD_CUT of
    them; an unknown run (a name) is single characters to the dictionary, so never widened."""
    bounds = {lo + b for b in _word_bounds(text[lo:hi])}
    han = lambda i: "\u4e00" <= text[i] <= "\u9fff"
    if x not in bounds and han(x - 1) and han(x):
        b = max(i for i in bounds if i < x)
        x = b if x - b <= WORD_CUT else x
    if y not in bounds and han(y - 1) and han(y):
        b = min(i for i in bounds if i > y)
        y = b if b - y <= WORD_CUT else y
    return x, y


@lru_cache(maxsize=4096)
def _word_bounds(sentence: str) -> frozenset[int]:
    """Offsets where jieba's dictionary words of `sentence` start and end (one cut a sentence)."""
    import jieba
    bounds, at = {0}, 0
    for w in jieba.lcut(sentence, HMM=False):
        at += len(w)
        bounds.add(at)
    return frozenset(bounds)


def closed(text: str, x: int, y: int) -> tuple[int, int]:
    """The span text[x:y] with the bracket or quote it opens (or closes) taken in when that
    mark stands right after (or before) it: the reader often stops one short of a title's
    》 (《中华人民共和国行政复议法 -> …法》)."""
    for a, b in PAIRS:
        opened = text.count(a, x, y) - text.count(b, x, y)
        if opened == 1 and text[y:y + 1] == b:
            y += 1
        elif opened == -1 and x > 0 and text[x - 1] == a:
            x -= 1
    return x, y


def context(s) -> tuple:
    """(article, start, end) of the sentence with its neighbours in the same paragraph."""
    para_lo, para_hi = paragraph(s)
    spans = sentence_spans(s.article.text[para_lo:para_hi], para_lo)
    k = next((i for i, (a, b) in enumerate(spans) if a <= s.start < b), None)
    if k is None:
        return s.article, s.start, s.end
    return s.article, spans[max(0, k - 1)][0], spans[min(len(spans) - 1, k + 1)][1]
