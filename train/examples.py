"""Training examples for the span reader beyond CMRC and DRCD: misses made into data.

An `Example` is a (question, passage, answer span or None) triple; `train/reader.py` turns
each into token windows. The sources:

- `squad2(path)`: Chinese SQuAD 2.0 dev (pluto-junzeng/ChineseSquad, machine-translated
  SQuAD 2.0; its README: for academic research, not commercial use). Its 5,945 adversarial
  unanswerables (another year, entity or attribute than the passage gives) teach the
  no-answer score the near misses a newspaper reader meets.
- `indomain()`: the gold questions written over the corpus and news items (bench/fresh_qa*,
  bench/unseen_qa*, tests/hand_qa.jsonl, the seed set), each with the piece of its source
  article that holds the answer; a `none` question gives its best BM25 pieces as no-answer
  windows: real near misses.
- `searchbox(question)`: the question as typed into a search box, its question word dropped
  ("谁主持了X会议?" -> "主持了X会议"), with the same answer: people type both.
- `enumerations()`: list questions made from news sentences that enumerate (the clause with
  its enumeration replaced by 哪些), answered by the whole enumeration.
- `swapped(question, passage, pool)`: the question with a name, place, time, act or thing
  the passage holds replaced by another of the same kind it does not: a generated near miss
  (SQuAD 2.0's entity swap, widened to the modifiers and verbs near misses differ by), no
  answer.

- `blind()`: the same for the older blind-written sets (bench/sets/blind_*, `BLIND_TRAIN`)
  and for train/data/written_*: questions by other people, in their phrasing, which the
  reader answered worst. The newer sets (and every set written from now on) are never read
  here: they measure.
"""
from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.checks import wh_own
from rag.lexicon import KIN, TITLE
from rag.question import analyze

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "newscorpus" / "articles.jsonl.gz"
PIECE = 300                 # characters of article text around an in-domain answer
# gold files whose questions are training data; held-out sets written blind are not
GOLD = ["bench/fresh_qa*.jsonl", "bench/unseen_qa*.jsonl", "tests/hand_qa.jsonl"]
SEED_SET = SHARED / "eval" / "seed_qa_dev.jsonl"


@dataclass(frozen=True)
class Example:
    question: str
    passage: str
    span: tuple[int, int] | None        # answer chars in `passage`; None: it does not answer
    source: str                          # where it came from, for counts in the log


# ------------------------------------------------------------------ search-box forms

# question words and the polite frame around them, dropped to make a search-box query; a row
# each: (pattern, what replaces it). The kind asked stays in the head noun when there is one
# (开幕时间, 投资额, 主持人), as people type it.
SEARCHBOX = [(re.compile(p), r) for p, r in (
    (r"^(?:请问|请告诉我|我想知道|你知道)", ""),
    (r"(?:是|为|叫)?(?:谁|何人|哪位|哪些人)", " "),
    (r"(?:是|在)?(?:什么时候|何时|哪一天|哪天|哪年|几月几日|几号)", " "),
    (r"(?:是|在)?(?:哪里|哪儿|何处|什么地方|哪个地方)", " "),
    (r"(?:是|有)?(?:多少|几)", " "),
    (r"(?:是|有)?(?:什么|哪些|哪个|哪家|哪种|哪项|哪一|哪)", " "),
    (r"(?:呢|吗|呀|啊)?[?？。!！\s]*$", ""),
)]


def searchbox(question: str) -> str | None:
    """The question without its question word, or None when nothing was dropped or too
    little is left to ask anything."""
    q = question
    for rx, rep in SEARCHBOX:
        q = rx.sub(rep, q)
    q = re.sub(r"\s+", " ", q).strip(" 的,，")
    return q if q != question and len(q) >= 4 else None


# ------------------------------------------------------------------ swapped entities

# the kinds of word a near miss swaps: a person, a place, a body, a time (去年 for 今年), an
# act (记录 for 主持), a thing (工作组): asked of what the passage does not say, no answer
SWAPPED = ("nr", "ns", "nt", "t", "v", "n")
P_OWN = 0.6                 # chance a swap takes the wh-phrase's own word when there is one


def entity_pool(texts, limit: int = 4000) -> dict[str, list[str]]:
    """Words of the `SWAPPED` kinds jieba finds in `texts`, by kind."""
    import jieba.posseg as pseg
    pool: dict[str, set[str]] = {k: set() for k in SWAPPED}
    for t in texts:
        for w, f in pseg.cut(t[:2000]):
            if f in pool and len(w) >= 2 and len(pool[f]) < limit:
                pool[f].add(w)
    return {k: sorted(v) for k, v in pool.items()}


def swapped(question: str, passage: str, pool: dict[str, list[str]], rng: random.Random) -> str | None:
    """The question with one word of a `SWAPPED` kind it shares with the passage replaced by
    another of the pool that the passage does not hold: asked about 王俊, a passage on
    黄祖英's act does not answer; asked who recorded (记录) a meeting, one on who chaired it
    does not either. Or a person the passage names made that person's kin (`lexicon.KIN`), or
    a post it holds made another (`lexicon.TITLE`), neither of which the passage holds.
    The word beside the wh-phrase (`checks.wh_own`) is taken first, `P_OWN` of the time."""
    import jieba.posseg as pseg
    cut = list(pseg.cut(question))
    found = [(w, f) for w, f in cut if f in pool and len(w) >= 2 and w in passage]
    # relations the passage never gives: a person's kin (周月华的儿子, when it names only her)
    # and another post (比利时外交大臣, when it names the 首相): the reader answered such near
    # misses with the one person the passage names
    found += [(w, "kin") for w, f in cut if f == "nr" and len(w) >= 2 and w in passage]
    found += [(t, "title") for t in TITLE if t in question and t in passage]
    if not found:
        return None
    # mostly the wh-phrase's own word when the question has one (是谁主持的 -> 是谁记录的,
    # 几个工作组 -> 几个调研组): the near miss the pipeline's hard gate catches and the reader,
    # trained on swapped names alone, answered with the act the passage does say
    wh = analyze(question).wh
    own = [(w, f) for w, f in found if f in pool and wh_own(question, wh, w)]
    w, f = rng.choice(own if own and rng.random() < P_OWN else found)
    ok = lambda o: o != w and o not in passage and w not in o and o not in w
    if f == "kin":
        kin = [k for k in KIN if k not in passage]
        return question.replace(w, f"{w}的{rng.choice(kin)}", 1) if kin else None
    if f == "title":
        posts = [t for t in TITLE if ok(t)]
        return question.replace(w, rng.choice(posts), 1) if posts else None
    # mostly a word sharing a character (去年 for 今年, 销量 for 产量): the near misses people
    # ask differ by a modifier, not by a word from nowhere
    near = [o for o in pool[f] if set(o) & set(w) and ok(o)]
    if near and rng.random() < 0.7:
        return question.replace(w, rng.choice(near), 1)
    for other in rng.sample(pool[f], min(20, len(pool[f]))):
        if ok(other):
            return question.replace(w, other, 1)
    return None


# ------------------------------------------------------------------ Chinese SQuAD 2.0

def squad2(path: Path) -> list[Example]:
    """Every question of the SQuAD 2.0 json at `path`: answerable ones with their span,
    unanswerable ones with their own passage (whose words they borrow) and no span."""
    from rag.normalize import normalize
    data = json.loads(Path(path).read_text(encoding="utf-8"))["data"]
    out = []
    for art in data:
        for p in art["paragraphs"]:
            ctx = p["context"]
            for q in p["qas"]:
                question = normalize(q["question"])
                if q.get("is_impossible") or not q.get("answers"):
                    out.append(Example(question, ctx, None, "squad2-none"))
                    continue
                a = q["answers"][0]
                s = a["answer_start"]
                if ctx[s:s + len(a["text"])] != a["text"]:
                    s = ctx.find(a["text"])
                if a["text"] and s >= 0:
                    out.append(Example(question, ctx, (s, s + len(a["text"])), "squad2"))
    return out


# ------------------------------------------------------------------ in-domain gold

# Blind sets that train (`blind()`): the pairs written before 2026-12-07's stop 42. The pairs
# from _j on (and any newer set) are the held-out measure of a reader trained with them.
BLIND_TRAIN = ("dev", "sealed", "fresh", "d", "e", "f", "g", "h", "i")
# and questions written the same way (HELDOUT.md's brief, several voices) as training data,
# over news items of the `trained_on` slice, which no set measures
WRITTEN = "train/data/written_*.jsonl"


def blind_train_files() -> list[Path]:
    return [f for f in sorted(ROOT.glob("bench/sets/blind_*.jsonl"))
            if f.stem.split("_", 2)[2] in BLIND_TRAIN] + sorted(ROOT.glob(WRITTEN))


def gold_files() -> list[Path]:
    """The question sets written over the corpus and news items here (GOLD) and the seed set."""
    return [f for g in GOLD for f in sorted(ROOT.glob(g))] + [SEED_SET]


def _gold_rows(files: list[Path] | None = None) -> list[dict]:
    rows = []
    for f in gold_files() if files is None else files:
        if not f.is_file():
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                d["_file"] = f.name
                rows.append(d)
    return rows


def _articles(rows: list[dict]) -> dict[str, list]:
    """Source file name -> its articles (rag's own reading: the text the reader sees)."""
    import tempfile
    from rag.articles import load_articles
    by_source: dict[str, list] = {}
    arts, _ = load_articles(ROOT / "corpus")
    for a in arts:
        by_source.setdefault(a.source, []).append(a)
    wanted = {s[:-len(".jsonl")] for d in rows for s in d.get("sources", []) if s.endswith(".jsonl")}
    with tempfile.TemporaryDirectory() as tmp, gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                Path(tmp, d["id"] + ".jsonl").write_text(json.dumps(
                    {"id": d["id"], "title": d["title"], "text": d["text"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
        arts, _ = load_articles(tmp)
    for a in arts:
        by_source.setdefault(a.source, []).append(a)
    return by_source


def bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _piece(text: str, start: int, end: int) -> tuple[int, int]:
    """About PIECE characters of `text` around [start, end), cut at sentence ends."""
    lo, hi = max(0, start - PIECE // 2), min(len(text), end + PIECE // 2)
    m = [i + 1 for i in range(lo, start) if text[i] in "。!?\n"]
    lo = m[0] if m else lo
    m = [i + 1 for i in range(end, hi) if text[i] in "。!?\n"]
    hi = m[-1] if m else hi
    return lo, hi


def _locate(question: str, answers: list[str], match: str, articles: list) -> tuple | None:
    """(article text, start, end) of the answer: of its occurrences, the one whose
    surroundings share most with the question; a list answer spans its items."""
    qb = bigrams(question)
    best, best_score = None, -1
    for a in articles:
        text = a.text
        for ans in answers[:1] if match == "all" else answers:
            i = text.find(ans)
            while ans and i >= 0:
                s, e = i, i + len(ans)
                if match == "all":                  # every item, within one stretch of text
                    ends = [text.find(x, max(0, s - 80)) for x in answers]
                    if any(k < 0 for k in ends):
                        break
                    s = min(ends)
                    e = max(k + len(x) for k, x in zip(ends, answers))
                    if e - s > 80:
                        break
                lo, hi = _piece(text, s, e)
                score = len(qb & bigrams(text[lo:hi]))
                if score > best_score:
                    best, best_score = (text, s, e), score
                i = text.find(ans, i + 1)
    return best


def blind() -> list[Example]:
    """`indomain()`'s examples from the blind sets of `BLIND_TRAIN` and the questions of
    `WRITTEN`, labelled `blind…`."""
    return indomain(blind_train_files(), "blind")


def indomain(files: list[Path] | None = None, label: str = "gold") -> list[Example]:
    """The gold questions' answering pieces (and their search-box forms); for `none`
    questions, the two best BM25 pieces of their corpus as no-answer windows. `files`:
    the question sets (default: `gold_files()`)."""
    import jieba
    from rag.bm25 import BM25
    from rag.normalize import normalize
    jieba.setLogLevel(60)
    rows = [d for d in _gold_rows(files) if "question" in d]
    by_source = _articles(rows)
    out: list[Example] = []
    for d in rows:
        if d["type"] == "none" or not d.get("answers"):
            continue
        arts = [a for s in d.get("sources", []) for a in by_source.get(s, [])]
        q = normalize(d["question"])
        got = _locate(q, [normalize(x) for x in d["answers"]], d.get("match", "any"), arts)
        if not got:
            continue
        text, s, e = got
        lo, hi = _piece(text, s, e)
        out.append(Example(q, text[lo:hi], (s - lo, e - lo), label))
        sb = searchbox(q)
        if sb:
            out.append(Example(sb, text[lo:hi], (s - lo, e - lo), f"{label}-searchbox"))
    # near misses written by hand: their best pieces among every source article
    pieces = []
    for arts in by_source.values():
        for a in arts:
            for lo in range(0, max(1, len(a.text) - PIECE // 2), PIECE // 2):
                pieces.append(a.text[lo:lo + PIECE])
    bm = BM25().fit([jieba.lcut(p) for p in pieces])
    for d in rows:
        if d["type"] != "none":
            continue
        q = normalize(d["question"])
        sc = bm.scores(jieba.lcut(q))
        for r in np.argsort(-sc, kind="stable")[:2]:
            out.append(Example(q, pieces[r], None, f"{label}-none"))
    return out


# ------------------------------------------------------------------ enumerations

# A list question is answered by the whole enumeration its sentence gives (会议审议了《A》、
# 《B》和《C》), where the benchmarks' answers are one short span: the reader learned to read
# one item, or the count. `enumerations()` makes list questions from news sentences that
# enumerate: the clause with its enumeration replaced by a question word, the enumeration
# the answer. It reads a hashed slice of the news corpus (`trained_on`) that blind sets
# never draw from.
CLAUSE = re.compile(r"[^,，。;；:：!！?？\n]+")
CONJ = re.compile(r"以及|和|及|与|或")
NOUNISH = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng", "m", "q", "b", "vn", "an", "x", "f", "s")
ASKED = ("哪些", "哪几个", "什么", "哪几项")
COUNTED = re.compile(r"^等(?:[\d一二三四五六七八九十百]+[个项家所类位名种座条国省市])?")
# an item ending in a post, or holding 长 anywhere (部长刘云山; coarse: 长江 goes too, as in the
# candidate reader's data), is a title chain, not a list of things
POSTS = ("书记", "委员", "部长", "总理", "主席", "主任", "局长", "市长", "省长", "长")
SLICE = 20                  # a news item is trained on when crc32(id) % SLICE == 7


def trained_on(item_id: str) -> bool:
    """News items `enumerations()` reads: a blind set's items must not be among them."""
    import zlib
    return zlib.crc32(item_id.encode()) % SLICE == 7


def _head(tokens: list[tuple[str, str]], room: int) -> str:
    """The noun phrase `tokens` end with (the first item of an enumeration whose clause runs
    into it), at most `room` characters; a quoted title whole."""
    text = "".join(w for w, _ in tokens)
    for o, c in (("《", "》"), ("“", "”")):
        if text.endswith(c) and o in text:
            return text[text.rindex(o):]
    out = ""
    for w, f in reversed(tokens):
        if not f.startswith(NOUNISH) or f == "x" and w not in "·-" or len(out) + len(w) > room:
            break
        out = w + out
    return out


def _tail(tokens: list[tuple[str, str]], room: int) -> str:
    """The noun phrase `tokens` start with (the last item, before the clause goes on)."""
    text = "".join(w for w, _ in tokens)
    for o, c in (("《", "》"), ("“", "”")):
        if text.startswith(o) and c in text:
            return text[:text.index(c) + 1]
    out = ""
    for w, f in tokens:
        if w == "等" or not f.startswith(NOUNISH) or f == "x" and w not in "·-" or len(out) + len(w) > room:
            break
        out += w
    return out


def enumeration(clause: str) -> tuple[int, int] | None:
    """(start, end) of an enumeration of three or more items in `clause` (A、B、C, A、B和C),
    or None. Items are of like length; none is a person's post (中央书记处书记、中宣部部长刘云山)."""
    import jieba.posseg as pseg
    pieces = clause.split("、")
    if len(pieces) < 2:
        return None
    middle, rest = pieces[1:-1], pieces[-1]
    room = max(map(len, middle or [rest[:8]])) + 2
    m = CONJ.search(rest[:room + 1])
    if m and m.start() >= 1:              # …、B和C: B is whole, C runs on into the clause
        middle = middle + [rest[:m.start()]]
        last = _tail(list(pseg.cut(rest[m.end():])), room)
        end = m.end() + len(last)
    else:
        last = _tail(list(pseg.cut(rest)), room)
        end = len(last)
    first = _head(list(pseg.cut(pieces[0])), room)
    items = [first, *middle, last]
    if len(items) < 3 or min(map(len, items)) < 2 or max(map(len, items)) > min(12, 3 * min(map(len, items))) \
            or any(POSTS[-1] in x or x.endswith(POSTS) for x in items):
        return None
    return len(pieces[0]) - len(first), len(clause) - len(rest) + end


def named_items() -> frozenset[str]:
    """News item ids any question set here asks about (their `sources`, nothing else of
    them): `enumerations()` leaves them out, so no set measures a passage trained on."""
    ids = set()
    for f in [*ROOT.glob("bench/**/*.jsonl"), *ROOT.glob("tests/*.jsonl")]:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.update(s[:-len(".jsonl")] for s in json.loads(line).get("sources", []) if s.endswith(".jsonl"))
    return frozenset(ids)


def enumerations(limit: int = 2500, seed: int = 20261207, exclude: frozenset = frozenset()) -> list[Example]:
    """List questions made from enumerating sentences of the news corpus's `trained_on`
    slice (less the ids in `exclude`): one per item, at most `limit`."""
    import jieba
    from rag.normalize import normalize
    jieba.setLogLevel(60)
    rng = random.Random(seed)
    out: list[Example] = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if not trained_on(d["id"]) or d["id"] in exclude or "、" not in d["text"]:
                continue
            text = normalize(d["text"])
            for c in CLAUSE.finditer(text):
                got = enumeration(c.group()) if "、" in c.group() else None
                if not got:
                    continue
                s, e = c.start() + got[0], c.start() + got[1]
                before, after = text[c.start():s], COUNTED.sub("", text[e:c.end()])
                if len(after) > 10:
                    continue
                if len(before) < 4:     # the enumeration opens its clause: the clause before says of what
                    prev = CLAUSE.findall(text[:c.start()].split("。")[-1])
                    if not prev or len(prev[-1]) > 20:
                        continue
                    before = prev[-1] + "," + before
                q = before + rng.choice(ASKED) + after + rng.choice(("?", "?", ""))
                lo, hi = _piece(text, s, e)
                out.append(Example(q, text[lo:hi], (s - lo, e - lo), "enumeration"))
                break
            if len(out) >= limit:
                break
    return out
