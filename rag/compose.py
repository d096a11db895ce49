"""The reader's conductor: a question and its conversation -> a cited `Answer`.

No LLM. The composer decides the answer's form — what the turn asks for is the intent
model's (`intent.py`): reports about a topic, a person's activities or a count over the
corpus (`listings.py`), key points, a follow-up about the previous list, a question too
vague to answer, or one span — takes
the candidate sentences of the retrieved articles (`reader/candidates.py`), and asks the
readers in `rag/reader/` for a span: the rule extractors (`rules.py`) and the
trained span reader (`model.py`), whose spans `verify.py` checks. The answer (`say.py`)
says the question back with the span in place of its wh-phrase, with a numbered citation
whose quote contains the span; every meeting of a person comes from the meetings table
(`aggregate.py`). Precision first: when no sentence supports an answer of the
asked kind for the asked focus, the answer is not found and the closest articles are
offered.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import replace
from functools import cache, lru_cache

from .checks import holds, mentions, other_ordinal, verbs
from .chunk import sentences
from .intent import ASKING, IntentModel, decide
from .listings import Listings
from .normalize import normalize, visible
from .question import Question, analyze
from .reader import articles as reports
from .reader import bylines
from .reader import places as visits
from .reader import points as keypoints
from .reader.aggregate import Meetings
from .reader.candidates import PRONOUN, CandidateSentences
from .reader.dialog import pick, rewrite, with_thing
from .reader.events import Event
from .reader.frames import frame
from .reader.model import CHUNKS as MODEL_CHUNKS, READ as MODEL_READ, context as model_context
from .reader.people import People
from .reader.persons import about_the_asked, holds_title
from .reader.rules import TITLE_WORD, RuleReader
from .reader.spans import asked_kinds, names_kind
from .reader.say import COUNTED, count_of, say
from .reader.sentence import Extraction, Sentence, cite, paragraph
from .reader.verify import RULE_CHECKS, VETOES, Lookups, Proposal, a_person, asked_form, fits
from .tokenize import looks_like_name
from .types import Answer, Article, Scope

ARTICLES = 4               # retrieved articles read
WIDEN = 2                  # characters a rule's span may add to the reader's and still be said
MAX_QUESTION = 500         # longer input is cut: no question is that long
MAX_CONTEXT = 4            # user turns of the history a follow-up is read against
BACK = re.compile(r"会上|会议上|这次|那次|此次|该次|本次|当天|当晚|当日|那里")   # the turn points back
PERSON_PRONOUN = re.compile(r"他们|她们|他|她|其")     # stands for the person the turn before named
# a who-question that describes the person before asking (…的县长是谁?): the description
WHO_DESCRIBED = re.compile(r"(.+?)(?:是|叫)(?:谁|哪位|什么名字)[?？。!！]*")
# ... unless it owns a body (他们商会 after a question on its 会长): the thing the turn named
THEIR_BODY = re.compile(r"(?:他们|她们)的?(?:公司|集团|企业|商会|协会|单位|村|镇|街道|学校|医院|项目)")
# the kinds of question where a verified span of the trained reader scoring this much, read
# in the best FIRST_READ candidate sentences, is said before the rule's (elsewhere the rules
# first, the reader where they find nothing). Measured (BENCHMARKS.md): for dates the rules
# take the date nearest the question's words (24小时 for 多久 after 3个小时); for who and what
# they read role verbs and enumerations the reader cuts. 3 sentences keep the gain of reading
# all 6 and the chunks, at a fifth of the cost (2 lose some of it). Counts have no rule: their
# quick read goes before the full one (`bench.ask` p95 211 -> ~55 ms with it, stop 50)
READER_FIRST = {"number": 8.0, "when": 8.0}
FIRST_READ = 3
LEAD = 120                 # characters of an article's text read as its lead
BYLINE_TOPIC = 0.6         # the share of the words naming a report its article must hold
VISIT_TOPIC = 0.3          # the share of a visit question's own topic words its report must hold (a jieba
                           # cut across two words, 委员会 of 政协委员会前视察, is one no report has)
# the reader's score a search box's unnamed attribute (…固定座席) is said at, rather than the
# reports about its words listed
ATTRIBUTE_SURE = 8.0
# what people say to a chat that is not a question, and the reply: never "没有找到"
SMALL_TALK = [(re.compile(p + r"[!！。.~～]*"), r) for p, r in (
    (r"(?:谢谢|多谢|感谢|谢了|thanks?|thank you)(?:你|您)?", "不客气。还想查什么,直接问就好。"),
    (r"(?:你好|您好|hi|hello|嗨)", "你好!可以问北碚报报道里的人、事、时间和数字,例如:谁主持了区政府第49次常务会议?"),
    (r"(?:再见|拜拜|bye)", "再见!"),
)]
EMPTY_QUESTION = "请用中文输入一个问题,例如:谁主持了区政府第49次常务会议?"
ABOUT_ME = ("我是北碚报问答:回答报道里的人、事、时间和数字,每句附出处;也能列出某个话题的报道"
            "(如“乡村振兴”)、某位领导的活动(如“黄祖英最近在忙什么?”)、某次会议的要点"
            "(如“第49次常务会议强调了什么?”),以及报道过几次某类会议。")
ONE_FACT = ("who", "when", "where", "number")     # kinds of answer that are one fact, never points
NOT_FOUND = "没有找到:语料中没有能回答这个问题的报道。"
VAGUE = "这个问题没有说是哪一次活动或哪一件事。"
NO_BYLINE = "没有找到:这篇报道没有署记者的名字。"
CHOICES = 5                # events offered when a question is too vague to answer
POINT_STARTS = 4           # statements of a named speaker weighed as the start of their points
# words that name only a kind of event or act: a question of nothing else is too vague
GENERIC = set("会 会议 开 开会 开了 活动 事 事情 工作 大会 讲话 举办 进行 这 那 哪次 一次 最近".split())


class Composer:
    """`backend`: where the passages and the reader's tables are (rag/backends/);
    `model`: the trained span reader, or None to read with the rules alone.

    A request's scope and history are arguments, never stored on the composer, so one
    composer answers concurrent conversations: the only thing requests share is a memo of
    whole answers (a pure function of question, history and scope) behind its own lock."""

    def __init__(self, backend, model=None):
        self.backend, self.model = backend, model
        self.tables, self.analyzer = backend.tables, backend.analyzer
        self.people = People(self.tables.names)
        self.candidates = CandidateSentences(self.tables, self.analyzer)
        self.rules = RuleReader(self.people, self.candidates.weights, self.analyzer.tokens)
        self.aggregate = Meetings(self.tables, backend)
        self.intents = IntentModel.open()
        self.listings = Listings(backend, self.people, self.aggregate, self.analyzer.tokens)
        self._answered: OrderedDict[tuple, Answer] = OrderedDict()   # recent answers, for follow-ups
        self._memo_lock = threading.Lock()

    # --------------------------------------------------------------- answer
    def answer(self, question: str, history: list[dict] | None = None, _depth: int = 0,
               scope: Scope | None = None) -> Answer:
        """The cited answer to `question` read after `history` ([{"role", "content"}, ...]),
        from the articles `scope` allows (all by default). Safe to call from several
        threads at once."""
        history = [h for h in (history or []) if isinstance(h, dict)]
        scope = scope or Scope()
        # Answers are remembered for follow-ups: a follow-up's previous answer is looked up,
        # not worked out again. A question itself is always answered afresh, and only whole
        # answers (depth 0) are kept, so a kept answer does not depend on the lookup depth.
        key = (str(question), tuple((str(h.get("role")), str(h.get("content"))) for h in _recent(history)), scope)
        if _depth:
            with self._memo_lock:
                kept = self._answered.get(key)
            if kept is not None:
                return kept
        ans = self._answer(question, history, _depth, scope)
        if _depth == 0 and scope and ans.form != "clarify":
            ans.text += scope.describe()
        if _depth == 0:
            with self._memo_lock:
                self._answered[key] = ans
                self._answered.move_to_end(key)
                if len(self._answered) > 512:
                    self._answered.popitem(last=False)
        return ans

    def _answer(self, question: str, history: list[dict], depth: int, scope: Scope) -> Answer:
        question = visible(str(question or ""))[:MAX_QUESTION].strip()
        if not re.search(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]", question):
            return Answer(text=EMPTY_QUESTION, span=None, found=False)
        for rx, reply in SMALL_TALK:
            if rx.fullmatch(question):
                return Answer(text=reply, span=None, found=False, form="chat")
        prev, prev_q = self._previous(history, depth, scope)
        if prev:
            prev_q = prev.question or prev_q            # the previous turn as it was understood
            picked = self._pick(question, prev, prev_q)
            if picked:
                return picked
            turn = rewrite(question, prev_q, self.people.names_in)
            if turn:                                     # "区政协主席呢?" -> "区政协主席是谁?"
                ans = self._answer(turn.question, [], depth, scope)
                ans.question = turn.question
                return ans
        if prev_q and depth == 0 and BACK.search(question) and _bare(prev_q):
            # "5月12日全区新冠肺炎疫情防控工作会议" then "黄祖英在会上强调了什么?": the turn
            # before only named the thing this one points back to
            return self._of_named(prev_q, question, depth, scope)
        intent = decide(self.intents, question, self._names_corpus_words)
        asked = analyze(question)                # the turn as typed: read once
        if bylines.asks(question):               # 那篇稿子的记者: the report's byline
            return self._byline(question, prev, scope)
        if visits.asks(question):                # 去了哪些地方: the stops one report names
            got = self._visits(question, prev, prev_q, scope)
            if got:
                return got
        if intent in ("points", "articles", "activities"):
            if asked.head or asked.qtype in ONE_FACT:
                # 谁在座谈会上讲话: who spoke, not what was said; 《流浪地球》的导演: a search
                # box's head noun asks one fact, not the reports about it
                intent = "fact"
        if intent == "smalltalk":
            return Answer(text=ABOUT_ME, span=None, found=False, form="chat")
        if intent in (None, "articles") and _bare(question, asked):
            # a thing and an attribute typed (简历投递邮箱, 刑期), which the model reads as a
            # topic or is unsure of: the reader says the attribute when it is sure of it
            got = self._attribute(question, scope)
            if got:
                return got
            intent = "articles"                  # else a topic typed alone
        listing = {"articles": self.listings.about, "activities": self.listings.activities,
                   "count": self.listings.count}.get(intent)
        if listing:
            got = listing(question, scope)
            if got:
                return got
        req = reports.parse(question) if intent in (None, "articles") else None
        if req:
            return self.listings.reports(req, scope)
        q = asked
        cues = keypoints.cue(q.text) if intent in (None, "points") else None
        if intent == "points" and (cues is None or (cues == [] and self.people.names_in(q.text))):
            # 讲话要点, 说了啥 — and what a named person said (not a report's lead): what was
            # demanded or found
            cues = keypoints.DEMANDS
        if cues is not None:
            about = self.backend.article(prev.citations[0].article_id) if prev and prev.citations else None
            got = self._points(q, cues, about, scope)
            if got:
                return got
        person_ctx, prev_article, implied, said = "", None, None, None
        if prev_q and _bare(prev_q) and depth == 0 and (self._vague(q) or self._subjectless(q)):
            # "区政府第49次常务会议" then "谁主持的?": the turn before only named a thing
            # (and got its reports): this turn asks about that thing
            return self._of_named(prev_q, question, depth, scope)
        if prev and PRONOUN.search(q.text):
            # (a turn that went unanswered still named whom 他 is: 李克强主持的…是在北京开的吧? 他…)
            prev_article = self._cited(prev)
            said = prev if prev_article else None
            if PERSON_PRONOUN.search(q.text) and not THEIR_BODY.search(q.text):
                person_ctx = self._person_in(prev, prev_q)
                if person_ctx:
                    q = analyze(PERSON_PRONOUN.sub(person_ctx, question, count=1))
            if not person_ctx:      # 它的 / 他们的副总经理 after a turn about a company: the thing
                turn = with_thing(question, prev_q, prev.span or "")   # 它的副总经理 -> 重庆斯太宝…公司的副总经理
                if turn:
                    q = analyze(turn)
        elif prev and prev.found and prev.citations:
            # 会议审议了哪些文件? after a question about one meeting: when the previous answer's
            # article holds every word of the question, the question goes on about it
            about = self.backend.article(prev.citations[0].article_id)
            words = self.candidates.weights(q)
            if about and words and all(mentions(self.candidates.read(about)[0], w) for w in words):
                prev_article = about
            elif about and (self._subjectless(q) or BACK.search(question)):
                # 涉及多少户? (or 那里现在养了多少鲈鱼?) after a turn on one project: read it there first
                implied = about
        m = re.match(r"^(.{2,4}?)(?:是谁|是什么人|是做什么的|(?:在[^,，?？]{2,12}?)?(?:担任|是|任)什么职务|的职务是什么)",
                     q.text)
        if m and m.group(1) in self.people.names and not person_ctx:
            person_ctx = m.group(1)
            # the name is an anchor: every article naming the person is read, found lexically
            q = Question(text=q.text, qtype="title", wh=m.group(0)[len(person_ctx):], anchors=[person_ctx])
        if not prev_article and not person_ctx and self._vague(q):
            if not (prev and prev.found and prev.citations):
                return self._ask_back(q, scope)
            # "谁主持的?" after a turn about one thing: the conversation's topic is its article
            prev_article = self.backend.article(prev.citations[0].article_id)
        if implied:
            got = self._fact(q, implied, person_ctx, prev_q, scope)
            if got.found:
                return got
        got = self._fact(q, prev_article, person_ctx, prev_q, scope, said)
        if got.found and got.span and prev_q and PRONOUN.search(q.text) and \
                normalize(got.span) in normalize(prev_q):
            # 它是在哪款机型的基础上升级的? after a question about 佳能IXUS 120 IS: what 它 stands
            # for is no answer about it
            return Answer(text=NOT_FOUND, span=None, found=False, citations=[], related=got.related)
        if not got.found and q.qtype == "number" and COUNTED.fullmatch(q.wh) and q.wh in q.text:
            # 有几家企业入选…: the paper may name them rather than count them
            counted = count_of(q, self._fact(analyze(q.text.replace(q.wh, "哪些", 1)), prev_article,
                                             person_ctx, prev_q, scope),
                               lambda x: a_person(x, self.people.names_in), self.analyzer.tokens)
            if counted:
                return counted
        if not got.found and intent != "articles" and _bare(question, asked) and not prev_article:
            listed = self.listings.about(question, scope)  # a name typed alone: its reports
            if listed and listed.found:
                return listed
        return got

    def _of_named(self, named: str, question: str, depth: int, scope: Scope) -> Answer:
        """`question` asked of the thing the turn before only named (its reports were listed),
        the two read as one question, which the answer shows as understood."""
        ans = self._answer(f"{named} {question}", [], depth, scope)
        ans.question = f"{named} {question}"
        return ans

    def _attribute(self, query: str, scope: Scope) -> Answer | None:
        """A search box's "thing attribute" whose attribute no table names (西安国际足球中心
        固定座席): the attribute, when the trained reader is sure of it (ATTRIBUTE_SURE); else
        None, and the words are a topic whose reports are listed."""
        parts = query.split()
        if len(parts) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", parts[-1]):
            return None
        got = self._fact(analyze(f"{query}是什么?"), None, "", "", scope)
        return got if got.found and got.by == "model" and got.score >= ATTRIBUTE_SURE else None

    def _names_corpus_words(self, text: str) -> bool:
        """The text holds a word of two or more characters the corpus has (缙云山)."""
        return any(len(t) >= 2 and self.tables.idf(t) is not None for t in self.analyzer.tokens(text))

    def _subjectless(self, q: Question) -> bool:
        """The question names nothing of its own (no person, number or quoted name, at most
        two words to find: 涉及多少户?, 合作协议是谁签的): a follow-up's implied topic is the
        previous turn's."""
        return not q.anchors and not self.people.names_in(q.text) and len(self.candidates.weights(q)) <= 2

    def _fact(self, q: Question, prev_article: Article | None, person_ctx: str, prev_q: str,
              scope: Scope, said: Answer | None = None) -> Answer:
        """One fact (or a short list) for `q`, from the best sentences of the retrieved
        articles (`prev_article` first: the one the conversation is on). `said`: the previous
        answer a pronoun points back to (除了这个还要做好什么?): the sentences it quoted are
        read first, and its own span is no answer to this turn."""
        # a person the question names is an anchor: an article without them answers for
        # someone else (俞正声哪天会见了…: not the day 习近平 met him)
        q.anchors += [n for n in (q.text[a:b] for a, b in self.people.names_in(q.text)) if n not in q.anchors]
        agg = self.aggregate.answer(q.text, scope)
        if agg:
            return agg
        query = q.text if not prev_article else f"{prev_article.title} {q.text}"
        hits = self._search(query, scope)
        articles = self._articles(q, hits, scope, prev_article)
        sents = about_the_asked(self.people, q, self.candidates.find(q, articles, given=prev_article),
                                self.tables.is_home)
        if said and said.citations:
            quoted = " ".join(c.quote for c in said.citations)
            sents.sort(key=lambda s: not (s.article.id == prev_article.id and s.start >= 0 and s.text in quoted))
        read_model = cache(lambda: self._read_model(q, sents, articles, hits, prev_article))   # read once
        for s in sents:
            ext = self.rules.extract(q, s, person_ctx, prev_q)
            if ext and said and said.span and normalize(ext.span) == normalize(said.span):
                continue
            # a rule's span meets what any span must: of the asked kind, quotes and brackets
            # whole (verify.fits), inside its sentence
            if ext and ext.span and fits(q.qtype, ext.span, self.people.names_in) and asked_form(q.text, ext.span) and \
                    all(x in s.text + "".join(b.text for b in ext.before) for x in ext.span.split("、")) and \
                    not self._vetoed(q, ext, s):
                if q.qtype in READER_FIRST:
                    # the reader reads the best FIRST_READ candidate sentences in their
                    # paragraphs (a window each): a sure span of its goes first
                    read = self._read_model(q, sents[:FIRST_READ], articles, [], prev_article)
                    if read and read.score >= READER_FIRST[q.qtype]:
                        return read
                if ext.weak:        # where the trained reader measurably does better, it goes first
                    read = read_model()
                    # unless only the rule's span names the kind asked (建立什么机制: 项目退出机制)
                    kinds = asked_kinds(q.text, q.wh)
                    if read and not _widens(ext, s, read) and \
                            not (names_kind(kinds, ext.span) and not names_kind(kinds, read.span or "")):
                        return read
                if (q.asks_people and q.role) or q.qtype == "list":
                    return self._everyone(q, ext, s, sents)
                return say(q, ext, [*ext.before, s])
        if q.qtype == "number":
            # counts have no rule: the best FIRST_READ sentences first (a fifth of the cost of
            # reading all and the chunks), a sure span of theirs said as it was before a rule's
            read = self._read_model(q, sents[:FIRST_READ], articles, [], prev_article)
            if read and read.score >= READER_FIRST["number"]:
                return read
        read = read_model()
        if read:
            return read
        return Answer(text=NOT_FOUND, span=None, found=False, citations=[],
                      related=_unique([h.article for h in hits])[:3])

    def _vetoed(self, q: Question, ext: Extraction, s: Sentence) -> str:
        """Why a rule's span is a near miss the reader's spans are turned down for
        (`verify.VETOES`, those of `verify.RULE_CHECKS`), or ""."""
        if q.qtype == "list":          # (a list's items are read whole by the list rules)
            return ""
        gov = governing_verb(q) if q.qtype == "what" else ""
        if gov and not mentions(s.text + "".join(b.text for b in ext.before), gov):
            # 为企业提供什么样的服务: a sentence without 提供 names the object of another act
            # (了解了…相关情况), not the one asked
            return "its sentence lacks the verb of the asked object"
        at = s.text.find(ext.span)
        if at < 0:
            return ""
        # (no asked verbs: the verb check is the reader's own, not one of RULE_CHECKS)
        p = Proposal(q, s, at, ext.span, float("inf"))
        k = Lookups(self.people.names_in, self.analyzer.tokens)
        return next((why for why, veto in VETOES if why in RULE_CHECKS and veto(p, k)), "")

    def _everyone(self, q: Question, ext: Extraction, first: Sentence, sents: list[Sentence]) -> Answer:
        """哪些区领导出席: everyone the article names with the role, not only the first
        sentence's (区委书记王俊出席…, then 区委副书记、区长黄祖英,…区领导刘永、杨锋…出席); 哪些
        国家关闭了使馆: the items its paragraph gives (美国…关闭了…。…日本、土耳其、埃及等多国
        也已关闭…), each sentence cited."""
        names, says, support = ext.span.split("、"), [ext.say], [first]
        people = q.asks_people and q.role
        para = paragraph(first) if first.start >= 0 else None
        for s in sents:
            if s.article is not first.article or s is first or s.start < 0:
                continue
            if not people and not (para and para[0] <= s.start and s.end <= para[1]):
                continue                    # things: an enumeration its paragraph goes on with
            more = self.rules.extract(q, s)
            new = [n for n in (more.span.split("、") if more and more.span else []) if n not in names]
            if new:
                names += new
                says.append(more.say)
                support.append(s)
        joint = "," if people else "、"      # people each with their title chain
        return say(q, Extraction("、".join(names), joint.join(says) if len(says) > 1 else says[0]), support)

    def _read_model(self, q: Question, sents: list[Sentence], articles: list[Article], hits,
                    given: Article | None) -> Answer | None:
        """The trained reader's best span, when no rule extractor found one: it reads the
        best candidate sentences with their neighbours and the best retrieved chunks, and
        only a span that passes every check is said."""
        if self.model is None or q.qtype == "title":
            return None
        # who holds a title: the rules read the title chain exactly; the reader's name is
        # taken only when that title, of the asked body, is printed right before it
        holds = holds_title(self.people, q) if self._asks_title_holder(q) else None
        allowed = about_the_asked(self.people, q, self.candidates.find(q, articles, given=given, loose=True),
                                  self.tables.is_home)
        wh_at = q.text.find(q.wh) if q.wh else len(q.text)
        asked_verbs = verbs(q.text[:wh_at] + " " + q.text[wh_at + len(q.wh):])
        # (every sentence of the article the conversation is on is a candidate already:
        # candidates.find reads it whatever words the turn uses)
        passages = [model_context(s) for s in sents if s.start >= 0][:MODEL_READ]
        passages += [(h.article, h.chunk.start, h.chunk.end) for h in hits[:MODEL_CHUNKS]]
        if not hits:                    # the quick read before a rule's count or date
            passages = _merged(passages)
        if not allowed or not passages:
            return None
        got = self.model.answer(q, passages, allowed, Lookups(self.people.names_in, self.analyzer.tokens),
                                asked_verbs, accept=holds)
        if got is None:
            return None
        c, span = got
        if holds:                       # the name alone (乔晓阳, not 乔晓阳作)
            span = next((span[a:b] for a, b in self.people.names_in(span)), span)
        ans = say(q, Extraction(span, span), [c.sentence.line or c.sentence])   # a headline as its article has it
        ans.by, ans.score = "model", c.score
        return ans

    def _points(self, q: Question, cues: list[str], about: Article | None, scope: Scope) -> Answer | None:
        """The key points of one article: from the sentence with the question's cue verb on,
        the demands and the sentences on what the question asks about (`points.ranked`), or
        that sentence and the rest of its paragraph. `about`: the article the conversation is
        on, for a question that names no event of its own ("会议强调了什么?") or whose words it
        holds."""
        stem = re.sub(r"(哪些|什么|啥|哪几)(?:项|条|点)?", "", re.sub(r"[?？。!！\s]+$", "", q.text))
        stem = re.sub(r"的?(?:是|有)$", "", stem)
        of = frame(q.text, "points", self.analyzer.tokens).topic or keypoints.topic(q.text)
        in_words = keypoints.cue(q.text) is not None      # 提了哪些要求, not 主题是什么
        q = analyze(of) if of else q              # what the points are of, without the ask
        speaker = [q.text[a:b] for a, b in self.people.names_in(q.text)]
        w = self.candidates.weights(q)
        named = [t for t in w if t not in GENERIC and t not in cues and t not in keypoints.CUES]
        if not named and about is None:
            return self._ask_back(q, scope)
        # (会议在科技创新方面提了哪些要求? after a turn on one meeting: when the turn asks for
        # points in so many words and the article the conversation is on holds every word it
        # names, its points are that article's, as a fact question's are)
        on_it = about and in_words and \
            all(mentions(self.candidates.read(about)[0], t) for t in named)
        if named and not on_it:
            hits = self._search(q.text, scope)
            sents = self.candidates.find(q, self._articles(q, hits, scope))
        else:
            sents = self.candidates.find(q, [about], given=about)
        if speaker and cues:        # what the named person said comes first (徐永德指出…, not a 负责人)
            says = re.compile(rf"{re.escape(speaker[0])}(?:在[^,，。]{{0,8}}中|在会上|[^,，。]{{0,2}})"
                              rf"(?:{'|'.join(map(re.escape, cues))})")
            sents = sorted(sents, key=lambda s: not says.search(s.text))
        starts = []
        for s in sents:
            if s.start < 0 or (cues and not any(c in s.text for c in cues)) or \
                    (cues and keypoints.is_no_point(s.text)):
                continue
            if not cues:                          # 主要内容: the lead paragraph
                first = sentences(s.article.text)[:1]
                if not first:
                    continue
                s = Sentence(s.article, s.article.text[slice(*first[0])], *first[0])
            starts.append((s, keypoints.points(s.article.text, s.start, s.end)))
            if len(starts) == POINT_STARTS or not (speaker and cues):
                break
        if speaker and cues and not starts:
            # what the speaker said in quotes, with the verb of saying outside them
            # (“…”徐峰告诉记者): the quote's sentences are the points
            quoted = next(((x.article, q) for x in sents for q in [keypoints.quoted_speech(x.article.text, speaker[0])]
                           if q), None)
            if quoted:
                a, spans = quoted
                cites = [cite(i, Sentence(a, a.text[lo:hi], lo, hi)) for i, (lo, hi) in enumerate(spans, 1)]
                lines = [f"{c.n}. {keypoints.shorten(c.quote)}[{c.n}]" for c in cites]
                return Answer(text=f"{stem}:\n" + "\n".join(lines), span=None, found=True, citations=cites,
                              by="rules", form="points")
        if starts:
            # of the speaker's statements, the first that goes on (王俊强调,项目建设要抓进度… and
            # its paragraphs) is the speech, not a one-line remark on a visit
            s, spans = next((x for x in starts if len(x[1]) >= 2), max(starts, key=lambda x: len(x[1])))
            if cues:
                # the question's own words beyond the event its headline names (对统一战线提了
                # 啥要求: 统一战线; 这次会议通过了什么草案: 通过, 草案) pick the points that say them
                a = s.article
                aspect = {t: w[t] for t in named if t not in a.title and t not in speaker}
                # (from the speaker's first statement in it: 王俊强调,要聚力打好…, before the
                # one that goes on longest; `says` is set whenever a speaker is)
                first = [x.start for x, _ in starts if speaker and x.article is a and says.search(x.text)]
                begin = min(first + [s.start])
                spans = keypoints.ranked(a.text, begin, (s.start, s.end), aspect) or spans
            cites = [cite(i, Sentence(s.article, s.article.text[a:b], a, b)) for i, (a, b) in enumerate(spans, 1)]
            lines = [f"{c.n}. {keypoints.shorten(c.quote)}[{c.n}]" for c in cites]
            return Answer(text=f"{stem}:\n" + "\n".join(lines), span=None, found=True, citations=cites,
                          by="rules", form="points")
        return None

    def _pick(self, question: str, prev: Answer, prev_q: str) -> Answer | None:
        """One item of the previous answer's list ("其中最早的是哪次?"), with its citation."""
        if not prev.found:
            return None
        got = pick(question, prev.citations)
        # the items as the list answer says them, each before its marker: "A[1]、B[2]。"
        items = [x for x in re.split(r"\[\d+\]、?", prev.text.split(":", 1)[-1]) if x.strip("。")]
        if got is None or len(items) != len(prev.citations):
            return None
        i, word = got
        c = replace(prev.citations[i], n=1)
        when = f"({c.date})" if c.date else ""
        return Answer(text=f"{word}的是{items[i]}{when}[1]。", span=items[i], found=True, citations=[c],
                      by="rules", question=f"{prev_q} → {question}")

    def _asks_title_holder(self, q: Question) -> bool:
        """谁是X县长 / X县长叫什么名字 / 谁代表…县长…: a who-question that names a title; the
        rules read the title chain before a name exactly, the reader does not."""
        focus = q.text.replace(q.wh, " ") if q.wh else q.text
        return q.qtype == "who" and not q.role and bool(re.search(TITLE_WORD, focus))

    def _vague(self, q: Question) -> bool:
        """Nothing in the question says which event or thing it is about: "谁主持?",
        "开了什么会?" name only an act and a kind of event, which many articles hold."""
        return not [t for t in self.candidates.weights(q) if t not in GENERIC and t != q.role]

    def _cited(self, prev: Answer | None) -> Article | None:
        """The article the previous answer cites first, when it found one."""
        return self.backend.article(prev.citations[0].article_id) if prev and prev.found and prev.citations else None

    def _byline(self, question: str, prev: Answer | None, scope: Scope) -> Answer:
        """Who wrote the report the question names by its topic (the retrieved report holding
        most of it), or the one the conversation is on (这篇报道是谁写的?): its byline."""
        words = bylines.topic(question)
        if words:
            w = self.candidates.weights(analyze(words))
            hits = _unique([h.article for h in self._search(words, scope)])[:ARTICLES]
            share = {a.id: self.candidates.share(w, self.candidates.read(a)[0]) for a in hits}
            best = max(hits, key=lambda a: share[a.id], default=None)
            a = best if best and share[best.id] >= BYLINE_TOPIC else None
        else:
            a = self._cited(prev)
        names, said = bylines.reporters(a) if a else ([], None)
        if not names:
            return Answer(text=NO_BYLINE if a else NOT_FOUND, span=None, found=False)
        # (a byline line the segmenter took out of the text is quoted as a header line is)
        s = Sentence(a, a.text[said[0]:said[1]], *said) if said else Sentence(a, "记者 " + " ".join(names), -1, -1)
        who = "、".join(names)
        report = f"《{visible(a.title)}》" if a.title.strip() else "这篇报道"
        return Answer(text=f"{report}的记者是{who}[1]。", span=who, found=True, citations=[cite(1, s)],
                      by="rules")

    def _visits(self, question: str, prev: Answer | None, prev_q: str, scope: Scope) -> Answer | None:
        """Where a visit went: the places one report names after its visit verbs, in order,
        each sentence cited. The report is the one the question names (王俊在科学城北碚园区调研
        时…), or, for a question that names only a person or no one (她都去了哪些地方?), the
        one the conversation is on."""
        text = normalize(question)
        m = visits.ASKS.search(text)
        stem = re.sub(r"[都还先又也]+$", "", text[:m.start()]).strip()
        names = [text[a:b] for a, b in self.people.names_in(text)]
        if prev and PERSON_PRONOUN.search(stem):
            who = self._person_in(prev, prev_q)
            if who:
                stem = PERSON_PRONOUN.sub(who, stem, count=1)
                names = names or [who]
        on = self._cited(prev)
        # the question's own topic: words the corpus has, beyond the person and the visit; those
        # after the ask (到哪里实地查看了项目建设进度) pick the sentence of the stop
        def named(part: str) -> dict[str, float]:
            return {w: v for w, v in self.candidates.weights(analyze(part)).items()
                    if len(w) >= 2 and w not in names and w not in visits.VISIT_WORDS}
        # (what the question names of the visit, with the words no report has too, is what its
        # report must hold: 菲律宾国会的代表团, not the 类乌齐县 one's)
        named_visit = named(stem)
        known = lambda words: [w for w in words if self.tables.idf(w) is not None]
        own, then = known(named_visit), known(named(text[m.end():]))
        own += then
        query = visits.ASKS.sub(" ", text).strip() or text
        hits = _unique([h.article for h in self._search(query, scope)]) if own or not on else []
        if not own and not on:
            # a person and no topic (谭家玲来碚都看了啥): the one report of their visit, if one;
            # 王俊去过哪些地方 over many reports is the timeline's to say
            hits = [a for a in hits if names and names[0] in a.text and visits.places(a.text)]
            if len(hits) != 1:
                return None
        when = frame(question, "activities", self.analyzer.tokens)
        # the report the question names comes before the conversation's, else after it
        order = (hits + [on]) if own else ([on] + hits)
        for a in _unique([a for a in order if a])[:ARTICLES + 1]:
            if names and not any(n in a.text or n in a.title for n in names[:1]):
                continue
            if not when.on_day(a.date):
                continue                          # 7月24日去了哪里: that day's report only
            if other_ordinal(text, a.title, a.text[:LEAD]):
                continue                          # 2020年…活动去了哪里: not the 2021 one's report
            if not names and named_visit and self.candidates.share(named_visit, self.candidates.read(a)[0]) < VISIT_TOPIC:
                continue                          # a report of another visit than the one named (one that
                                                  # names the person asked about is theirs: 拍…那天,王俊去哪)
            found = [f for f in visits.places(a.text) if all(w in a.text[f[0]:f[1]] for w in then)]
            if not found:
                continue
            cites = [cite(i, Sentence(a, a.text[s:e], s, e)) for i, (s, e, _) in enumerate(found, 1)]
            said = ";".join(f"{'、'.join(items)}[{i}]" for i, (_, _, items) in enumerate(found, 1))
            return Answer(text=f"{stem or a.title}去了:{said}。", span=None, found=True, citations=cites,
                          by="rules", form="places")
        return None

    def _ask_back(self, q: Question, scope: Scope) -> Answer:
        """A reply asking which event is meant, listing the ones the corpus reports."""
        rows = self.meetings(q.role if q.role in ("主持", "出席") else "主持", scope=scope)
        events = list(dict.fromkeys(e.meeting for e in rows))
        shown_ids = list(dict.fromkeys(e.article_id for e in rows))[:CHOICES]
        found = self.backend.articles(shown_ids)
        arts = [found[i] for i in shown_ids if i in found]
        shown = "、".join("“" + e.replace("“", "‘").replace("”", "’") + "”" for e in events[:CHOICES])
        shown += "等" if len(events) > CHOICES else ""
        text = f"{VAGUE}语料中报道的有{shown},请问是哪一次?" if events else VAGUE
        return Answer(text=text, span=None, found=False, related=arts, form="clarify")

    def _person_in(self, prev: Answer, prev_q: str) -> str:
        """Whom "他/她" points back to: the previous answer when it was a person, else the
        first person the previous question named (谭家玲来碚调研是哪天? 她…)."""
        first = (prev.span or "").split("、")[0]
        if first and self.people.names_in(first) == [(0, len(first))]:
            return first
        text = normalize(prev_q)
        names = self.people.names_in(text)
        if names:
            return text[slice(*names[0])]
        # a name the corpus has not learned, which jieba knows as one (沈从文的墓志铭…)
        import jieba.posseg as pseg
        name = next((w for w, f in pseg.lcut(text) if f == "nr" and looks_like_name(w)), "")
        # else the person as the previous question described them, when it asked who they are
        # and went unanswered (绵阳第一个接受离任生态审计的县长是谁? 他…: that 县长); an answered
        # one's article is the one the turn is about
        m = WHO_DESCRIBED.fullmatch(text) if not prev.found else None
        return name or (m.group(1) if m and len(m.group(1)) >= 4 else "")

    def _articles(self, q: Question, hits, scope: Scope, first: Article | None = None) -> list[Article]:
        """The articles read for `q`: `first` (the one a follow-up is about), those of the best
        hits, BM25's best and those holding the question's anchors, each once."""
        top = _unique([*([first] if first else []), *[h.article for h in hits]])[:ARTICLES + 1]
        return _unique(top + self._lexical_best(q, scope) + self._with_anchors(q, scope))

    def _search(self, query: str, scope: Scope):
        """Retrieved hits in the scope: more are taken when a scope will drop some."""
        hits = self.backend.search(query, k=ARTICLES * (8 if scope else 2))
        return [h for h in hits if scope.allows(h.article)]

    def _lexical_best(self, q: Question, scope: Scope) -> list[Article]:
        """The article of BM25's best chunk, read even when fusion buries it: in a large
        archive, dense scores of many near-topic stories can outweigh the one chunk
        that holds the question's exact words. Searched by the question's own words, not its
        wh-phrase: 叫什么名字 made a story titled 我的名字叫… BM25's best for
        类乌齐县委书记叫什么名字 among 75k news items."""
        words = " ".join(self.candidates.weights(q)) or q.text
        arts = [h.article for h in self.backend.lexical(words, 1 if not scope else 20)]
        return [a for a in arts if scope.allows(a)][:1]

    def _with_anchors(self, q: Question, scope: Scope) -> list[Article]:
        """Articles holding every anchor of the question (a quoted name, a number), found
        lexically: in a large archive other words of the question can bury them."""
        if not q.anchors:
            return []
        anchors = [normalize(x) for x in q.anchors]
        query = " ".join(q.anchors)
        found: dict[str, Article] = {}
        # chunks holding every anchor word, ranked by the whole question; their text must
        # hold each anchor whole
        for h in self.backend.lexical(q.text, ARTICLES * 16, must=query):
            if h.article.id not in found and holds(h.chunk.text, anchors):
                found[h.article.id] = h.article
        # and BM25's best, for an anchor the segmenter cuts differently inside a sentence
        for h in self.backend.lexical(query, ARTICLES * 4):
            a = h.article
            if a.id not in found and holds(self.candidates.read(a)[0], anchors):
                found[a.id] = a
        # every article holding the anchors is read, as a person would with Ctrl-F, up to a bound
        return [a for a in found.values() if scope.allows(a)][:2 * ARTICLES]

    def _previous(self, history: list[dict], depth: int, scope: Scope) -> tuple[Answer | None, str]:
        """The previous question and its answer (remembered, or worked out again: the reader
        is deterministic). Only MAX_CONTEXT turns back: older ones cannot be what "他" or
        "这次" refers to, and a long history sent by a client costs no more."""
        users = [i for i, h in enumerate(history) if h.get("role") == "user"]
        if not users or depth >= MAX_CONTEXT:
            return None, ""
        last = users[-1]
        prev_q = str(history[last].get("content", ""))
        return self.answer(prev_q, history[:last], depth + 1, scope), prev_q

    # ------------------------------------------------------------ aggregate
    def meetings(self, role: str = "主持", person: str = "", scope: Scope | None = None) -> list[Event]:
        """The meetings table's rows in `scope` (all by default): who (`person`, when given)
        chaired (`role` 主持) or attended (出席) which meeting."""
        return self.aggregate.rows(scope or Scope(), role, person)


# ------------------------------------------------------------------ helpers

def _bare(text: str, asked: Question | None = None) -> bool:
    """Only a name or topic typed: no question word, no head noun asking a kind (主持人).
    `asked`: the text analyzed already."""
    return not ASKING.search(text) and not (asked or analyze(text)).head


def _recent(history: list[dict]) -> list[dict]:
    """The history from its MAX_CONTEXT-th last question on: no turn reads further back
    (`Composer._previous`), so the same recent turns make the same memo key whatever a
    client sent before them."""
    users = [i for i, h in enumerate(history) if h.get("role") == "user"]
    return history[users[-MAX_CONTEXT]:] if len(users) > MAX_CONTEXT else history


def _widens(ext: Extraction, s: Sentence, read: Answer) -> bool:
    """The rule's span is the reader's, in the same sentence, with a word or two more at its
    edges: the two agree on the answer and the rule has its whole phrase (区城市管理局 for
    the reader's 城市管理局, 现场调研办公 for 现场调研). A longer rule span is the clause after
    the verb, where the reader's tighter span scores better (`Extraction.weak`)."""
    c = read.citations[0]
    return (c.article_id == s.article.id and c.start == s.start and bool(read.span)
            and read.span in ext.span and len(ext.span) - len(read.span) <= WIDEN)


def governing_verb(q: Question) -> str:
    """The verb the wh-phrase is the object of, written right before it (提供什么样的服务:
    提供; 观看了什么: 观看), or ""."""
    return _governing(q.text, q.wh)


@lru_cache(maxsize=256)
def _governing(text: str, wh: str) -> str:
    # (cut once a question: each rule span of it asks again)
    before = re.sub(r"[了过的]$", "", text[:text.find(wh)] if wh and wh in text else "")
    found = verbs(before[-6:]) if before else []
    return found[-1] if found and before.endswith(found[-1]) else ""


def _merged(pieces: list[tuple]) -> list[tuple]:
    """(article, start, end) pieces of text with the overlapping ones of an article joined, in
    the order of their first piece: neighbouring candidate sentences share their paragraph's
    sentences, which the reader would otherwise read once for each."""
    out: list[list] = []
    for a, lo, hi in pieces:
        same = next((p for p in out if p[0].id == a.id and lo <= p[2] and hi >= p[1]), None)
        if same:
            same[1], same[2] = min(same[1], lo), max(same[2], hi)
        else:
            out.append([a, lo, hi])
    return [tuple(p) for p in out]


def _unique(articles: list[Article]) -> list[Article]:
    return list({a.id: a for a in reversed(articles)}.values())[::-1]
