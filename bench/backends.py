"""The two retrieval backends side by side: embedded FAISS + BM25 and Milvus (Lite).

    python -m bench.backends [--n 0,10000] [--root /tmp/beibei-backends]

For each N (news items of ../shared/newscorpus added to the seed corpus as distractors):
the local index is built (embedding, resumable), then the Milvus collections from the same
plan, taking the local index's vectors (so Milvus's build time is its own: tokens, rows,
inserts, tables). Then, on each: the seed dev set's accuracy, retrieval latency
(`search(q, 10)`, warm) and `ask` latency over the seed and rgb_fact questions, and how
many of the local top-10 chunks Milvus returns (recall against the default backend).
Results go to ROOT/results.jsonl and are printed.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import time
from pathlib import Path

import numpy as np

from bench.scale import CORPUS, SEED, SHARED, news_articles


def cpu() -> str:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def pct(xs, p):
    return round(float(np.percentile(xs, p)) * 1000, 1)


def queries() -> list[str]:
    seed = [json.loads(l) for l in open(SEED, encoding="utf-8")]
    qs = [r.get("question") or r["turns"][0] for r in seed]
    rgb = [json.loads(l) for l in open(SHARED / "bench" / "rgb_fact" / "questions.jsonl", encoding="utf-8")]
    return qs + [r["question"] for r in rgb]


def timed(fn, qs) -> tuple[list, list[float]]:
    out, took = [], []
    for q in qs:
        t = time.perf_counter()
        out.append(fn(q))
        took.append(time.perf_counter() - t)
    return out, took


def step(root: Path, n: int, prev: int | None = None) -> dict:
    from embeddings import Encoder
    from rag import Assistant
    from rag.backends.milvus import MilvusStore
    from rag.evaluate import evaluate
    from rag.index import Index, build_index
    enc = Encoder()
    here = root / f"n{n}"
    if prev is not None and not (here / "local").exists() and (root / f"n{prev}" / "local").exists():
        # from the previous step's index: only the new items are embedded
        shutil.copytree(root / f"n{prev}" / "local", here / "local", symlinks=True)
    news = news_articles(n)
    t = time.time()
    local_report = build_index(CORPUS, here / "local", enc, extra_articles=news, progress=True)
    local_s = time.time() - t
    index = Index.load(here / "local")
    store = MilvusStore(str(here / "milvus.db"), enc, here / "mwork")
    t = time.time()
    m_report = store.build(CORPUS, extra_articles=news, vectors=dict(zip(index.keys, index.vectors)))
    milvus_s = time.time() - t
    out = {"n": n, "chunks": len(index.chunks), "machine": cpu(),
           "date": time.strftime("%Y-%m-%d"),
           "local_build_s": round(local_s, 1), "local_embedded": local_report.embedded,
           "milvus_build_s": round(milvus_s, 1)}
    del index
    bots = {}
    for name in ("local", "milvus"):
        t = time.time()
        bots[name] = Assistant.open(CORPUS, here / ("local" if name == "local" else "mwork"), backend=name,
                                    milvus_uri=str(here / "milvus.db"), quiet=True)
        out[f"{name}_open_s"] = round(time.time() - t, 1)
    qs = queries()
    tops = {}
    for name, bot in bots.items():
        bot.retrieve(qs[0], 10)
        for q in qs[:30]:                        # warm: the span reader is loaded on first use
            bot.ask(q)
        hits, took = timed(lambda q: bot.retrieve(q, 10), qs)
        tops[name] = [[h.chunk.id for h in hs] for hs in hits]
        out[f"{name}_search_p50_ms"], out[f"{name}_search_p95_ms"] = pct(took, 50), pct(took, 95)
        _, took = timed(bot.ask, qs[:30])
        out[f"{name}_ask_p50_ms"], out[f"{name}_ask_p95_ms"] = pct(took, 50), pct(took, 95)
        out[f"{name}_seed"] = "%d/%d" % evaluate(bot, SEED)["total"]
    same = [len(set(m) & set(l)) / len(l) for m, l in zip(tops["milvus"], tops["local"]) if l]
    out["milvus_recall10_vs_local"] = round(float(np.mean(same)), 4)
    out["top1_same"] = round(float(np.mean([m[:1] == l[:1] for m, l in zip(tops["milvus"], tops["local"])])), 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", default="0,10000")
    ap.add_argument("--root", default="/tmp/beibei-backends")
    args = ap.parse_args()
    root = Path(args.root)
    root.mkdir(parents=True, exist_ok=True)
    prev = None
    for n in map(int, args.n.split(",")):
        r = step(root, n, prev)
        prev = n
        print(json.dumps(r, ensure_ascii=False), flush=True)
        with open(root / "results.jsonl", "a") as f:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
