"""The trained reranker (embeddings/reranker.py, `python -m train.reranker` first) over
retrieval's best hits: a sweep of how many hits it reads (TOP) and its share of the score
(WEIGHT). For the first TOP hits

    score = (1 - WEIGHT) * fused + WEIGHT * sigmoid(logit)

and the later ones count as probability 0, so they stay below.

    python -m bench.rerank [--sets seed,rgb_fact,cmrc2018,drcd,rgb_fact+news] [--all] [--limit N]

Per question the default retriever's first 12 hits (at most 2 chunks a passage) are taken
once and the reranker's logit of each is computed once; every (TOP, WEIGHT) is then a
re-sort. CMRC 2018 and DRCD are scored on the passages
the reranker was not trained on (crc32(id) % 5 == 0; `--all` for every question). R@1 is
passage level (seed: the gold article's hit@1, as bench/retrieval.py counts it).
`rgb_fact+news`: rgb_fact with the corpus and all 75,323 news items of ../shared/newscorpus
as distractors (its index is kept in --root; embedding the news takes over an hour).
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from embeddings import Encoder
from embeddings.reranker import Reranker
from rag.index import Index, build_index
from rag.retrieve import Retriever
from rag.types import Article
from train.reader import heldout

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TOPS = [0, 3, 5, 8, 12]
WEIGHTS = [0.25, 0.5, 0.75, 1.0]
POOL = 12


def rerank(hits: list, logits, top: int, weight: float) -> list:
    """`hits` reordered by the score above (`logits`: the reranker's, of the first hits)."""
    scored = [((1 - weight) * h.score + (weight / (1 + math.exp(-float(logits[i]))) if i < top else 0.0), h)
              for i, h in enumerate(hits)]
    return [h for _, h in sorted(scored, key=lambda x: -x[0])]          # stable: ties keep retrieval's order


def candidates(name: str, enc, every: bool, limit: int | None, root: Path):
    """(question, hits, is_gold(hit)) for each question of a set."""
    if name == "seed":
        from rag import Assistant
        rows = [json.loads(l) for l in open(SHARED / "eval" / "seed_qa_dev.jsonl")]
        rows = [q for q in rows if q["type"] not in ("none", "aggregate")][:limit]
        with tempfile.TemporaryDirectory() as tmp:
            bot = Assistant.open(index_dir=tmp, quiet=True)
            for q in rows:
                text = q.get("question") or q["turns"][0]
                yield text, bot.backend.search(text, POOL), \
                    lambda h, q=q: h.source in q["sources"] and q["evidence"] in h.article.header + h.article.text
        return
    base = name.removesuffix("+news")
    d = SHARED / "bench" / base
    qfile = d / ("questions_dev.jsonl" if base == "cmrc2018" else "questions.jsonl")
    arts = [Article(id=r["id"], source=base, title=r.get("title", ""), text=r["text"])
            for r in map(json.loads, (d / "contexts.jsonl").open())]
    qs = [json.loads(l) for l in qfile.open()]
    if base != "rgb_fact" and not every:
        qs = [q for q in qs if heldout(q["context_id"])]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, idx = Path(tmp) / "empty", Path(tmp) / "idx"
        corpus.mkdir()
        if name.endswith("+news"):
            # the corpus, all news items and the set's passages: an index kept in `root`
            # (build it from bench/scale.py's 75k index to embed only the passages)
            from bench.scale import CORPUS, news_articles
            corpus, idx = CORPUS, root / name
            arts = news_articles(10**6) + arts
        build_index(corpus, idx, enc, extra_articles=arts, progress=name.endswith("+news"))
        r = Retriever(Index.load(idx), enc)
        for q in qs[:limit]:
            gold = set(q.get("context_ids") or [q["context_id"]])
            yield q["question"], r.search(q["question"], POOL, per_article=2), lambda h, g=gold: h.article_id in g


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="seed,rgb_fact,cmrc2018,drcd")
    ap.add_argument("--all", action="store_true", help="CMRC and DRCD: every question, trained-on ones too")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--root", default="/tmp/beibei-rerank", help="where a +news set's index is kept")
    args = ap.parse_args()
    enc, model = Encoder(), Reranker.open()
    print(f"# {platform.node()} {platform.processor() or platform.machine()}, {time.strftime('%Y-%m-%d')}")
    table = {}
    for name in args.sets.split(","):
        rows, secs = [], []
        for question, hits, gold in candidates(name, enc, args.all, args.limit, Path(args.root)):
            t = time.perf_counter()
            logits = model.scores(question, [h.chunk.text for h in hits[:max(TOPS)]])
            secs.append((time.perf_counter() - t) / max(1, min(len(hits), max(TOPS))))
            rows.append((question, hits, gold, logits))
        for top in TOPS:
            for w in WEIGHTS if top else [0.0]:
                won = 0
                for question, hits, gold, logits in rows:
                    ranked = rerank(hits, logits, top, w) if top else hits
                    won += bool(ranked) and gold(ranked[0])
                table.setdefault((top, w), {})[name] = won / len(rows)
        print(f"## {name}: {len(rows)} questions, reranker {1000 * np.mean(secs):.1f} ms a hit", flush=True)
    names = args.sets.split(",")
    print("\n| TOP | WEIGHT | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names))
    for (top, w), res in table.items():
        print(f"| {top} | {w} | " + " | ".join(f"{res.get(n, float('nan')):.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
