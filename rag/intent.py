"""What a turn asks for: one fact, the reports about a topic, the key points of a report, a
person's activities, a count over the corpus, or small talk.

A logistic model over the question's character n-grams (digits folded, so 第49次 and 第11次
look alike) and the old pattern matchers' verdicts as features, trained on labelled phrasings
written in many people's styles (`python -m train.intents`). The weights are a JSON file
beside this module: each n-gram's weight for each intent, readable and small. No model file:
the old patterns decide, as before the model.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .normalize import normalize

WEIGHTS = Path(__file__).with_name("intent.json")
# an intent the model is less sure of than this is left to the patterns (or to a fact question)
SURE_INTENT = 0.5
# small talk needs more: a bare topic ("两山基地") must not be taken for a greeting
SURE_SMALL_TALK = 0.7
# two intents the model rates within this of each other: the old patterns decide between them
CLOSE_INTENT = 0.3
INTENTS = ("fact", "articles", "points", "activities", "count", "smalltalk")
NGRAMS = (1, 2, 3)
# a question word or mark: a turn without any is a topic typed into the box, or a fragment
ASKING = re.compile(r"谁|什么|啥|哪|几|多少|多大|多久|怎么|如何|咋|吗|呢|是否|有没有|[?？]")


@dataclass(frozen=True)
class Intent:
    name: str               # one of INTENTS
    p: float                # the model's probability of it


def features(text: str) -> list[str]:
    """The question's features: character n-grams with ^ and $ at its ends (digits as 0,
    Latin lower-case, punctuation dropped), whether it asks at all and what kind of answer
    (who, when, a number…: rag/question.py), and which old pattern matchers take it."""
    from .question import classify
    t = re.sub(r"\d+", "0", normalize(text).lower())
    t = "^" + re.sub(r"[\s?？。!！,，、:：;；\"“”'‘’()（）]+", "", t) + "$"
    out = [t[i:i + n] for n in NGRAMS for i in range(len(t) - n + 1)]
    if not ASKING.search(text):
        out.append("shape:no question word")
    else:                       # the kind of answer the question analyzer reads it as asking
        out.append("asks:" + classify(normalize(text)))
    out.append(f"shape:length {min(len(t) // 6, 4)}")
    return out + [f"rule:{intent}" for intent, told in patterns().items() if told(text)]


class IntentModel:
    """`classify(text) -> Intent`: the intent the model rates highest."""

    def __init__(self, weights: dict[str, list[float]], bias: list[float], intents=INTENTS):
        self.weights, self.bias, self.intents = weights, bias, tuple(intents)

    @classmethod
    def open(cls, path: Path = WEIGHTS) -> "IntentModel | None":
        if not path.is_file():
            return None
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(d["weights"], d["bias"], d["intents"])

    def scores(self, text: str) -> dict[str, float]:
        z = list(self.bias)
        for f in set(features(text)):
            w = self.weights.get(f)
            if w:
                z = [a + b for a, b in zip(z, w)]
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return {name: v / s for name, v in zip(self.intents, e)}

    def classify(self, text: str) -> Intent:
        got = self.scores(text)
        name = max(got, key=got.get)
        return Intent(name, got[name])


@cache
def patterns() -> dict:
    """The old pattern matchers, by the intent each one told (features of the model, and the
    judges of a close call)."""
    from .reader import articles as reports
    from .reader import points as keypoints
    from .reader.aggregate import ASKED
    return {"articles": lambda q: bool(reports.parse(q)), "points": lambda q: keypoints.cue(normalize(q)) is not None,
            "activities": lambda q: bool(ASKED.search(normalize(q)))}


def decide(model: IntentModel | None, question: str, names_topic=lambda text: False) -> str | None:
    """The intent of a turn, or None when the model is not sure (or absent): then the patterns
    decide, as before. `names_topic(text)`: the text holds a word the corpus has — such a turn
    is a topic, not small talk, however short (缙云山). When the two likeliest intents are
    close, the old pattern of one of them decides (强调了什么 asks for points)."""
    if model is None:
        return None
    ranked = sorted(model.scores(question).items(), key=lambda x: -x[1])
    (first, p1), (second, p2) = ranked[:2]
    if first == "smalltalk" and (p1 < SURE_SMALL_TALK or names_topic(question)):
        # not small talk: the likeliest of the others, as sure of it among them
        return second if p2 / max(1e-9, 1 - p1) >= SURE_INTENT else None
    if p1 - p2 < CLOSE_INTENT:
        said = [i for i in (first, second) if i in patterns() and patterns()[i](question)]
        if len(said) == 1:
            return said[0]
    return first if p1 >= SURE_INTENT else None

