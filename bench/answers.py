"""End-to-end answers on CMRC 2018 dev: EM / F1 of `.span`, cited-passage share, abstentions.

    python -m bench.answers [--heldout] [--limit N] [--reader hybrid|rules] [--sweep]

All 1,104 passages form the corpus (indexed once into $RAG_CACHE/bench/cmrc2018).
EM/F1 follow the benchmark's own metric (ymcui/cmrc2018's evaluation script): F1 over
the longest common substring of characters, punctuation and spaces ignored, best over
the gold answers; an abstention scores 0. `--heldout`: only the questions of the
passages the span reader was not trained on (train/reader.py). `--sweep`: every answer
of the trained reader is kept with its score, and the figures are printed for a range
of thresholds (how `MIN_SCORE` in rag/reader/model.py was chosen).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import time
from pathlib import Path

from embeddings import Encoder
from embeddings.encoder import cache_dir
from rag.reader import model
from rag.assistant import Assistant
from rag.backends.local import LocalBackend, LocalStore
from rag.index import Index, IndexBroken, build_index
from rag.types import Article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _norm(s: str) -> str:
    return PUNCT.sub("", s)


def f1(pred: str, gold: str) -> float:
    """CMRC 2018's F1: the longest common substring of the two, over characters."""
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return float(p == g)
    best, prev = 0, [0] * (len(g) + 1)
    for a in p:
        cur = [0] * (len(g) + 1)
        for j, b in enumerate(g, 1):
            if a == b:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    if not best:
        return 0.0
    prec, rec = best / len(p), best / len(g)
    return 2 * prec * rec / (prec + rec)


def cmrc_bot(reader: str | None = None) -> Assistant:
    d = SHARED / "bench" / "cmrc2018"
    enc = Encoder()
    idx = cache_dir() / "bench" / "cmrc2018"
    try:
        index = Index.load(idx)
        if index.model_id != enc.model_id or index.tables is None:
            raise IndexBroken("built with another model or before the reader tables")
    except IndexBroken:
        arts = [Article(id=r["id"], source=r["id"], title=r.get("title", ""), text=r["text"])
                for r in map(json.loads, open(d / "contexts.jsonl", encoding="utf-8"))]
        empty = idx.parent / "empty"
        empty.mkdir(parents=True, exist_ok=True)
        build_index(empty, idx, enc, extra_articles=arts)
        index = Index.load(idx)
    return Assistant(LocalStore(idx, enc), LocalBackend(index, enc), enc, idx.parent / "empty", idx,
                     reader=reader)


def questions(heldout: bool, limit: int | None) -> list[dict]:
    qs = [json.loads(l) for l in open(SHARED / "bench" / "cmrc2018" / "questions_dev.jsonl", encoding="utf-8")]
    if heldout:
        from train.reader import heldout as kept_out
        qs = [q for q in qs if kept_out(q["context_id"])]
    return qs[:limit]


def score(rows: list[tuple], threshold: float = -math.inf) -> dict:
    """rows: (answer, gold answers, gold passage id); a model answer below `threshold` abstains."""
    em = f1s = cited = answered = by_model = 0
    for ans, golds, ctx in rows:
        if not ans.found or not ans.span or (ans.by == "model" and ans.score < threshold):
            continue
        answered += 1
        by_model += ans.by == "model"
        em += max(_norm(ans.span) == _norm(g) for g in golds)
        f1s += max(f1(ans.span, g) for g in golds)
        cited += any(c.article_id == ctx for c in ans.citations)
    n = len(rows)
    return {"n": n, "em": 100 * em / n, "f1": 100 * f1s / n, "answered": answered,
            "by_model": by_model, "f1_answered": 100 * f1s / max(answered, 1),
            "cited": 100 * cited / max(answered, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--heldout", action="store_true", help="only the reader's held-out passages")
    ap.add_argument("--reader", choices=["hybrid", "rules"])
    ap.add_argument("--sweep", action="store_true", help="figures for a range of model thresholds")
    args = ap.parse_args()
    bot = cmrc_bot(args.reader)
    qs = questions(args.heldout, args.limit)
    if args.sweep:
        model.MIN_SCORE = -math.inf
    t0 = time.time()
    rows = [(bot.ask(q["question"]), q["answers"], q["context_id"]) for q in qs]
    took = time.time() - t0
    print(f"CMRC 2018 dev{' (held-out slice)' if args.heldout else ''}, {len(qs)} questions over "
          f"{bot.backend.tables.facts['articles']} passages, reader {args.reader or 'hybrid'}, {took:.0f} s "
          f"({1000 * took / max(len(qs), 1):.0f} ms a question)")
    thresholds = [-2, -1, 0, 1, 2, 3, 4, 5, 6] if args.sweep else [model.MIN_SCORE]
    for t in thresholds:
        r = score(rows, t)
        print(f"threshold {t:>4}: EM {r['em']:.1f} F1 {r['f1']:.1f} | answered {r['answered']} "
              f"({100 * r['answered'] / r['n']:.1f}%, {r['by_model']} by the model), F1 over answered "
              f"{r['f1_answered']:.1f}, gold passage cited {r['cited']:.1f}%")


if __name__ == "__main__":
    main()
