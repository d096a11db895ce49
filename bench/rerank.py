"""Reranking retrieved passages with the trained span reader (issue 13's experiment).

    python -m bench.rerank [--sets rgb_fact,cmrc2018,drcd] [--limit 300] [--top 10]

For each question the hybrid retriever's `top` passages are read by the span reader; a
passage's reader score is its best span's score (span logits over no-answer logits: does
it hold an answer to this question?). The final ranking is the fused retrieval score
(min-max scaled over the candidates) plus beta x the reader score squashed to 0..1, for a
sweep of beta; beta = 0 is the retriever alone. R@1 and MRR@top per set, and the reader's
time per question.
"""
from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from pathlib import Path

import numpy as np

from embeddings import Encoder
from embeddings.span_reader import SpanReader
from rag.index import Index, build_index
from rag.retrieve import Retriever
from rag.types import Article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BETAS = [0.0, 0.25, 0.5, 1.0, 2.0, 4.0]


def squash(x: float) -> float:
    return 1 / (1 + math.exp(-x / 2))


def run(name: str, enc, reader, limit: int, top: int) -> None:
    d = SHARED / "bench" / name
    qfile = d / ("questions_dev.jsonl" if name == "cmrc2018" else "questions.jsonl")
    arts = [Article(id=r["id"], source=name, title=r.get("title", ""), text=r["text"])
            for r in map(json.loads, open(d / "contexts.jsonl", encoding="utf-8"))]
    qs = [json.loads(l) for l in open(qfile, encoding="utf-8")]
    if name != "rgb_fact":                      # every k-th question: all of the passages' kinds
        qs = qs[::max(1, len(qs) // limit)][:limit]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        build_index(empty, Path(tmp) / "idx", enc, extra_articles=arts, progress=False)
        index = Index.load(Path(tmp) / "idx")
        r = Retriever(index, enc)
        ranks = {b: [] for b in BETAS}
        spent = 0.0
        for q in qs:
            hits = r.search(q["question"], k=top, per_article=1)
            if not hits:
                for b in BETAS:
                    ranks[b].append(None)
                continue
            fused = np.array([h.score for h in hits])
            fused = (fused - fused.min()) / (fused.max() - fused.min() or 1)
            t = time.perf_counter()
            read = reader.read(q["question"], [h.text for h in hits], top=1)
            spent += time.perf_counter() - t
            rs = np.array([squash(s[0].score) if s else 0.0 for s in read])
            gold = set(q.get("context_ids") or [q["context_id"]])
            for b in BETAS:
                order = sorted(range(len(hits)), key=lambda i: (-(fused[i] + b * rs[i]), i))
                ids = [hits[i].article_id for i in order]
                ranks[b].append(next((k + 1 for k, a in enumerate(ids) if a in gold), None))
    n = len(qs)
    print(f"\n## {name}: {n} questions, top {top} reranked, reader {1000 * spent / n:.0f} ms a question")
    for b in BETAS:
        rk = ranks[b]
        print(f"beta {b:<5} R@1 {sum(1 for x in rk if x == 1) / n:.3f}  R@5 {sum(1 for x in rk if x and x <= 5) / n:.3f}"
              f"  MRR {sum(1 / x for x in rk if x) / n:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="rgb_fact,cmrc2018,drcd")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    enc, reader = Encoder(), SpanReader.open()
    for name in args.sets.split(","):
        run(name, enc, reader, args.limit, args.top)


if __name__ == "__main__":
    main()
