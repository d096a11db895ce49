"""A learned judge of the trained reader's spans: is this span the answer?

The checks in `verify.py` each name a near miss (another unit, a sentence without the asked
verb, an ordinal for a count…). As hard gates they turn down right spans as often as wrong
ones: on questions other people wrote, most misses were a right reader span vetoed. Here
they are features instead, weighed with the reader's score, the span's rank and agreement
among the passages read, and how much of the question its sentence holds, by a logistic
model trained on the pipeline's own spans for gold questions (`train/answerable.py`). The
reader says the span the judge rates highest, when it rates it at least `threshold`; a span
of the wrong kind (`Checked.unfit`) is never said.

The weights are a small JSON file beside this module (feature name -> weight), so a newcomer
can read what was learned.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .spans import asked_kinds, names_kind
from .verify import VETOES, unsaid_verbs

WEIGHTS = Path(__file__).with_name("answerable.json")
# span logits over no-answer logits the trained reader must reach to pass the hard checks:
# chosen on held-out CMRC, where the answers above it are 65% F1 (BENCHMARKS.md)
MIN_SCORE = 1.0
QTYPES = ("who", "when", "where", "number", "what", "list")
# every near miss the checks can name (verify.checked's reasons)
REASONS = [why for why, _ in VETOES] + ["it names only whom the question names"]


@dataclass
class Proposed:
    """A reader span after the checks: `candidate` (model.Candidate), the span as it would be
    said, the near misses it looks like, and why it cannot be said at all ("" if it can)."""
    candidate: object
    span: str
    reasons: list[str]
    unfit: str = ""


def features(q, props: list[Proposed], i: int, asked_verbs: list[str]) -> dict[str, float]:
    """The features of `props[i]` among all the spans read for question `q`."""
    p = props[i]
    c, s = p.candidate, p.candidate.sentence
    fit = [x for x in props if not x.unfit]
    best = max((x.candidate.score for x in fit), default=c.score)
    rank = sum(1 for x in fit if x.candidate.score > c.score)
    # the same answer read in other sentences: agreement across passages
    agree = sum(1 for x in fit if x is not p and x.span == p.span and x.candidate.sentence is not s)
    others = {x.candidate.sentence.article.id for x in fit[:5]} - {s.article.id}
    passes = c.score >= MIN_SCORE and not p.reasons
    asked = _bigrams(q.text.replace(q.wh, " ") if q.wh else q.text)
    numbers = re.findall(r"\d+", q.text)
    f = {
        "bias": 1.0,
        "score": max(-5.0, min(c.score, 20.0)) / 10,
        "score_low": float(c.score < 1.0),
        "gap": min(best - c.score, 20.0) / 10,
        "best": max(-5.0, min(best, 20.0)) / 10,          # how sure the reader is of any span
        "passes": float(passes),                           # what the hard checks would say
        "near misses": float(len(p.reasons)),
        # how much of the question the span's sentence, its article's headline and the whole
        # article say (character pairs), and whether the article states every number asked
        # (a year, an edition): distractors are the same event in another year
        "said_sentence": _share(asked, s.text),
        "said_title": _share(asked, s.article.title or ""),
        "said_article": _share(asked, s.article.text),
        "numbers_said": float(all(n in s.article.text for n in numbers)) if numbers else 1.0,
        "numbers_near": float(all(n in s.text for n in numbers)) if numbers else 1.0,
        "first": float(rank == 0),
        "rank": math.log1p(rank),
        "agree": math.log1p(agree),
        "articles": math.log1p(len(others)),
        "missing": s.missing,
        "cover": s.cover,
        "sentence_rank": math.log1p(max(s.rank, 0)),
        "length": math.log1p(len(p.span)),
        "kind_named": float(names_kind(asked_kinds(q.text, q.wh), p.span)),
        "verbs_said": float(not unsaid_verbs(asked_verbs, s)),
        "searchbox": float(bool(q.head) or not q.wh),
    }
    for t in QTYPES:
        f[f"type:{t}"] = float(q.qtype == t)
    for r in REASONS:
        f[f"near miss:{r}"] = float(r in p.reasons)
    return f


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if re.fullmatch(r"[\u4e00-\u9fff\w]{2}", text[i:i + 2])}


def _share(asked: set[str], text: str) -> float:
    return sum(b in text for b in asked) / len(asked) if asked else 0.0


class Answerable:
    """`rank(q, props, asked_verbs) -> [(probability, Proposed)]`, best first, the spans that
    can be said and rate at least the threshold."""

    def __init__(self, weights: dict[str, float], threshold: float):
        self.weights, self.threshold = weights, threshold

    @classmethod
    def open(cls, path: Path = WEIGHTS) -> "Answerable | None":
        """The shipped judge, or None when no weights were trained (the hard checks then)."""
        if not path.is_file():
            return None
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(d["weights"], d["threshold"])

    def probability(self, f: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def rank(self, q, props: list[Proposed], asked_verbs: list[str]) -> list[tuple[float, Proposed]]:
        rated = [(self.probability(features(q, props, i, asked_verbs)), p)
                 for i, p in enumerate(props) if not p.unfit and p.span]
        rated.sort(key=lambda x: -x[0])
        return [x for x in rated if x[0] >= self.threshold]
