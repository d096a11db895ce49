"""End-to-end answers on CMRC 2018 dev: EM / F1 of `.span`, cited-passage share, abstentions.

    python -m bench.answers [--limit N]

All 1,104 passages form the corpus (indexed once into $RAG_CACHE/bench/cmrc2018).
EM/F1 follow the benchmark's own metric: character level, punctuation and spaces
ignored, best over the gold answers; an abstention scores 0.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from embeddings import Encoder
from embeddings.encoder import cache_dir
from rag.assistant import Assistant
from rag.index import Index, IndexBroken, build_index
from rag.types import Article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _norm(s: str) -> str:
    return PUNCT.sub("", s)


def f1(pred: str, gold: str) -> float:
    p, g = list(_norm(pred)), list(_norm(gold))
    common = sum((Counter(p) & Counter(g)).values())
    if not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    d = SHARED / "bench" / "cmrc2018"
    enc = Encoder()
    idx = cache_dir() / "bench" / "cmrc2018"
    try:
        index = Index.load(idx)
    except IndexBroken:
        arts = [Article(id=r["id"], source=r["id"], title=r.get("title", ""), text=r["text"])
                for r in map(json.loads, open(d / "contexts.jsonl"))]
        empty = idx.parent / "empty"
        empty.mkdir(parents=True, exist_ok=True)
        build_index(empty, idx, enc, extra_articles=arts)
        index = Index.load(idx)
    bot = Assistant(index, enc, idx.parent / "empty", idx)
    qs = [json.loads(l) for l in open(d / "questions_dev.jsonl")][:args.limit]
    em = f1s = cited = abstain = 0
    t0 = time.time()
    for q in qs:
        ans = bot.ask(q["question"])
        if not ans.found or not ans.span:
            abstain += 1
            continue
        em += max(_norm(ans.span) == _norm(g) for g in q["answers"])
        f1s += max(f1(ans.span, g) for g in q["answers"])
        cited += any(c.article_id == q["context_id"] for c in ans.citations)
    n = len(qs)
    answered = n - abstain
    print(f"CMRC 2018 dev, {n} questions over {len(index.articles)} passages, {time.time() - t0:.0f} s")
    print(f"EM {100 * em / n:.1f}  F1 {100 * f1s / n:.1f}  (over answered: EM "
          f"{100 * em / max(answered, 1):.1f} F1 {100 * f1s / max(answered, 1):.1f})")
    print(f"answered {answered} ({100 * answered / n:.1f}%), abstained {abstain} ({100 * abstain / n:.1f}%), "
          f"cited the gold passage {100 * cited / max(answered, 1):.1f}% of answers")


if __name__ == "__main__":
    main()
