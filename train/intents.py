"""Train the intent model (rag/intent.py): `python -m train.intents [--out rag/intent.json]`.

Data: train/intents.jsonl — phrasings of each intent written by a helper that never read the
code, in many people's styles, half of them with names the corpus does not hold — and, as
more fact questions, the one-turn questions of the in-domain gold sets (bench/fresh_qa*,
bench/unseen_qa*, the hand and seed sets; never bench/sets/, which measure). A fifth of the
written phrasings (by crc32 of the text) is kept out and reported; then the model is fitted
on everything and written. Seconds on a laptop.
"""
from __future__ import annotations

import argparse
import json
import random
import zlib
from pathlib import Path

from rag.intent import INTENTS, WEIGHTS, features

from .examples import gold_files

DATA = Path(__file__).with_name("intents.jsonl")
FACTS = 2000                  # gold fact questions added, at most
C = 4.0                      # inverse L2 strength
MIN_WEIGHT = 0.05             # smaller weights are left out of the file: they change no decision here


def rows() -> tuple[list[dict], list[dict]]:
    """(written phrasings, gold fact questions)."""
    written = [json.loads(l) for l in DATA.read_text(encoding="utf-8").splitlines() if l.strip()]
    gold = [{"text": d["question"], "intent": "fact"} for f in gold_files() if f.is_file()
            for d in map(json.loads, filter(str.strip, f.read_text(encoding="utf-8").splitlines()))
            if "question" in d]
    random.Random(0).shuffle(gold)
    return written, gold[:FACTS]


def held_out(text: str) -> bool:
    return zlib.crc32(text.encode("utf-8")) % 5 == 0


def fit(data: list[dict]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in features(d["text"])} for d in data])
    y = [INTENTS.index(d["intent"]) for d in data]
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
    return vec, model


def accuracy(vec, model, data: list[dict]) -> tuple[float, list[tuple[str, str, str]]]:
    X = vec.transform([{f: 1.0 for f in features(d["text"])} for d in data])
    got = model.predict(X)
    misses = [(d["text"], d["intent"], INTENTS[int(g)]) for d, g in zip(data, got) if INTENTS[int(g)] != d["intent"]]
    return 1 - len(misses) / max(1, len(data)), misses


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    args = ap.parse_args(argv)
    written, gold = rows()
    train = [d for d in written if not held_out(d["text"])] + gold
    test = [d for d in written if held_out(d["text"])]
    vec, model = fit(train)
    acc, misses = accuracy(vec, model, test)
    print(f"held-out written phrasings: {len(test) - len(misses)}/{len(test)} = {acc:.1%}")
    for text, want, got in misses:
        print(f"  {text!r}: {want}, read as {got}")
    vec, model = fit(written + gold)
    classes = [INTENTS[int(c)] for c in model.classes_]
    weights = {}
    for f, j in vec.vocabulary_.items():
        w = [round(float(model.coef_[k][j]), 3) for k in range(len(classes))]
        if max(map(abs, w)) >= MIN_WEIGHT:
            weights[f] = w
    args.out.write_text(json.dumps({"intents": classes, "bias": [round(float(b), 3) for b in model.intercept_],
                                    "held_out_accuracy": round(acc, 3), "trained_on": len(written) + len(gold),
                                    "weights": dict(sorted(weights.items()))}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} features")


if __name__ == "__main__":
    main()
