"""Retrieval benchmark: BM25 alone, dense alone and hybrid fusions.

    python -m bench.retrieval [--sets seed,cmrc2018,drcd,rgb_fact] [--limit N]

Seed dev: hit@1 / hit@5 of the gold article. CMRC 2018, DRCD and rgb_fact (news search
results; a hit is any passage holding the true answer): every passage is one article of a
corpus; recall@1/5/20 and MRR@20 of the gold passage, index
build time and query latency. The fusion weight ALPHA is swept here.
"""
from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from embeddings import Encoder
from rag.index import Index, build_index
from rag.normalize import normalize
from rag.retrieve import Retriever
from rag.types import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CONFIGS = [("bm25", "weighted", 0.0), ("dense", "weighted", 1.0), ("rrf", "rrf", 0.5)] + \
          [(f"weighted a={a}", "weighted", a) for a in (0.3, 0.5, 0.7, 0.9)] + \
          [("adaptive (default)", "weighted", None)]


def _retriever(index, enc, fusion, alpha, name):
    mode = "bm25" if name == "bm25" else "dense" if name == "dense" else "hybrid"
    return Retriever(index, enc, mode=mode, fusion=fusion, alpha=alpha)


def bench_passages(name: str, contexts: Path, questions: Path, enc, limit: int | None) -> dict:
    arts = [Article(id=r["id"], source=name, title=r.get("title", ""), text=r["text"])
            for r in map(json.loads, contexts.open())]
    qs = [json.loads(l) for l in questions.open()]
    if limit:
        qs = qs[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        t0 = time.time()
        build_index(empty, Path(tmp) / "idx", enc, extra_articles=arts, progress=False)
        build_s = time.time() - t0
        index = Index.load(Path(tmp) / "idx")
        out = {"passages": len(arts), "chunks": len(index.chunks), "questions": len(qs),
               "build_s": round(build_s, 1), "runs": {}}
        # encode every question once; the retrievers reuse the vectors
        # keyed by the normalised text: that is what the retriever encodes
        texts = [normalize(q["question"]) for q in qs]
        qvecs = dict(zip(texts, enc.encode_queries(texts, batch_size=64)))

        class Cached:
            dim, model_id = enc.dim, enc.model_id

            @staticmethod
            def encode_queries(texts):
                return np.stack([qvecs[t] if t in qvecs else enc.encode_queries([t])[0] for t in texts])

        for label, fusion, alpha in CONFIGS:
            r = _retriever(index, Cached, fusion, alpha, label)
            ranks, lat = [], []
            for q in qs:
                t = time.perf_counter()
                hits = r.search(q["question"], k=20, per_article=1)
                lat.append(time.perf_counter() - t)
                ids = [h.article_id for h in hits]
                gold = set(q.get("context_ids") or [q["context_id"]])     # rgb_fact: every passage with the answer
                ranks.append(next((i + 1 for i, a in enumerate(ids) if a in gold), None))
            n = len(ranks)
            out["runs"][label] = {
                "R@1": sum(1 for x in ranks if x and x <= 1) / n,
                "R@5": sum(1 for x in ranks if x and x <= 5) / n,
                "R@20": sum(1 for x in ranks if x) / n,
                "MRR@20": sum(1 / x for x in ranks if x) / n,
                "p50_ms": 1000 * float(np.percentile(lat, 50)),
            }
        return out


def bench_seed(enc) -> dict:
    from rag import Assistant
    with tempfile.TemporaryDirectory() as tmp:
        bot = Assistant.open(index_dir=tmp, quiet=True)
        rows = [json.loads(l) for l in open(SHARED / "eval" / "seed_qa_dev.jsonl")]
        rows = [q for q in rows if q["type"] not in ("none", "aggregate")]
        out = {}
        for label, fusion, alpha in CONFIGS:
            r = _retriever(bot.backend.index, bot.encoder, fusion, alpha, label)
            h1 = h5 = 0
            for q in rows:
                hits = r.search(q.get("question") or q["turns"][0], 5)
                ok = [h.source in q["sources"] and q["evidence"] in h.article.header + h.article.text
                      for h in hits]
                h1 += bool(ok and ok[0])
                h5 += any(ok)
            out[label] = {"hit@1": h1 / len(rows), "hit@5": h5 / len(rows)}
        return {"questions": len(rows), "runs": out}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="seed,cmrc2018,drcd,rgb_fact")
    ap.add_argument("--limit", type=int, help="questions per benchmark (default: all)")
    args = ap.parse_args()
    enc = Encoder()
    print(f"# {platform.node()} {platform.processor() or platform.machine()}, "
          f"{time.strftime('%Y-%m-%d')}, model {enc.model_id}")
    for name in args.sets.split(","):
        if name == "seed":
            res = bench_seed(enc)
        else:
            d = SHARED / "bench" / name
            qfile = d / ("questions_dev.jsonl" if name == "cmrc2018" else "questions.jsonl")
            res = bench_passages(name, d / "contexts.jsonl", qfile, enc, args.limit)
        print(f"\n## {name}: " + ", ".join(f"{k}={v}" for k, v in res.items() if k != "runs"))
        for label, m in res["runs"].items():
            print(f"{label:16} " + "  ".join(f"{k} {v:.3f}" for k, v in m.items()))


if __name__ == "__main__":
    main()
