"""Scale: the seed corpus plus N news items from ../shared/newscorpus as distractors.

    python -m bench.scale [--n 0,1000,10000,75323] [--root /tmp/beibei-scale]

For each N, in child processes (so peak memory is each step's own):
  build    index the corpus plus the first N news items (read in place from the
           .gz, never copied). A step starts from a copy of the previous N's
           index, so it embeds only the new items; an interrupted step resumes
           from its pending/ slices when run again.
  measure  reopen time, ask p50/p95 (warm, seed dev questions), the seed dev
           set's accuracy, and FAISS flat vs HNSW on the index's real vectors
           (search time, HNSW recall@10 against exact search).
Results go to ROOT/results.jsonl and are printed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "newscorpus" / "articles.jsonl.gz"
CORPUS = ROOT / "corpus"
SEED = SHARED / "eval" / "seed_qa_dev.jsonl"


def news_articles(n: int):
    """The first `n` news items as Articles (ids prefixed so they never meet the corpus's)."""
    from rag.types import Article
    out = []
    if n <= 0:
        return out
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("text", "").strip():
                out.append(Article(id=f"news:{d['id']}", source="newscorpus",
                                   title=d.get("title") or "", text=d["text"].strip()))
            if len(out) == n:
                break
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def step_dir(root: Path, n: int) -> Path:
    return root / f"n{n}"


def built(idx: Path, n: int) -> bool:
    try:
        return json.loads((idx / "current" / "manifest.json").read_text())["extra_articles"] == n
    except (OSError, ValueError, KeyError):
        return False


def build(root: Path, n: int, prev: int | None) -> dict:
    from embeddings import Encoder
    from rag.index import build_index
    idx = step_dir(root, n)
    if prev is not None and not (idx / "current").exists() and built(step_dir(root, prev), prev):
        src = (step_dir(root, prev) / "current").resolve()    # start from the smaller index
        (idx / "gens").mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, idx / "gens" / src.name)
        os.symlink(Path("gens") / src.name, idx / "current")
    t_enc = time.time()
    enc = Encoder()
    t_enc = time.time() - t_enc
    t_read = time.time()
    extra = news_articles(n)
    t_read = time.time() - t_read
    r = build_index(CORPUS, idx, enc, extra_articles=extra, progress=True)
    m = json.loads((idx / "current" / "manifest.json").read_text())
    return {"n": n, "step": "build", "articles": m["articles"], "chunks": m["chunks"],
            "embedded": r.embedded, "reused": r.reused, "build_s": round(r.seconds, 1),
            "read_news_s": round(t_read, 1), "encoder_load_s": round(t_enc, 1),
            "chunks_per_s": round(r.embedded / r.seconds, 2) if r.embedded else None,
            "disk_mb": round(dir_mb(idx / "current"), 1), "peak_rss_mb": round(peak_mb())}


def faiss_compare(index, enc, queries: list[str]) -> dict:
    import faiss
    q = enc.encode_queries(queries)
    vecs = index.vectors
    flat = faiss.IndexFlatIP(vecs.shape[1])
    flat.add(vecs)
    t = time.perf_counter()
    _, exact = flat.search(q, 10)
    flat_ms = 1000 * (time.perf_counter() - t) / len(q)
    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(vecs.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 80
    hnsw.add(vecs)
    build_s = time.perf_counter() - t
    out = {"flat_ms": round(flat_ms, 3), "hnsw_build_s": round(build_s, 1)}
    for ef in (64, 128):
        hnsw.hnsw.efSearch = ef
        t = time.perf_counter()
        _, approx = hnsw.search(q, 10)
        out[f"hnsw_ef{ef}_ms"] = round(1000 * (time.perf_counter() - t) / len(q), 3)
        out[f"hnsw_ef{ef}_recall10"] = round(float(np.mean(
            [len(set(a) & set(e)) / 10 for a, e in zip(approx, exact)])), 4)
    return out


def measure(root: Path, n: int) -> dict:
    from bench.ask import seed_latencies
    from rag import Assistant
    from rag.evaluate import evaluate
    idx = step_dir(root, n)
    t = time.time()
    bot = Assistant.open(CORPUS, idx, quiet=True)
    reopen = time.time() - t
    rows = [json.loads(l) for l in open(SEED, encoding="utf-8")]
    report = evaluate(bot, SEED)                        # also the warm-up
    lat = seed_latencies(bot, rounds=3, warm=False)
    right, total = report["total"]
    queries = [(r.get("turns") or [r.get("question")])[0] for r in rows]
    queries += [a.title for a in news_articles(max(n, 1))[:200] if a.title]
    return {"n": n, "step": "measure", "reopen_s": round(reopen, 1),
            "ask_p50_ms": round(float(np.percentile(lat, 50)), 1),
            "ask_p95_ms": round(float(np.percentile(lat, 95)), 1),
            "seed_right": right, "seed_total": total, "seed_acc": round(right / total, 3),
            "serve_rss_mb": round(peak_mb()), **faiss_compare(bot.backend.index, bot.encoder, queries)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", default="0,1000,10000,75323")
    ap.add_argument("--root", default="/tmp/beibei-scale")
    ap.add_argument("--step", choices=["build", "measure"], help="(internal) one step in this process")
    ap.add_argument("--prev", type=int)
    args = ap.parse_args()
    root = Path(args.root)
    ns = [int(x) for x in args.n.split(",")]
    if args.step:
        out = build(root, ns[0], args.prev) if args.step == "build" else measure(root, ns[0])
        out["date"], out["machine"] = time.strftime("%Y-%m-%d %H:%M"), platform.machine()
        with open(root / "results.jsonl", "a") as f:
            f.write(json.dumps(out) + "\n")
        print(json.dumps(out), flush=True)
        return
    root.mkdir(parents=True, exist_ok=True)
    prev = None
    for n in ns:
        for step in ("build", "measure"):
            cmd = [sys.executable, "-u", "-m", "bench.scale", "--n", str(n), "--root", str(root),
                   "--step", step] + (["--prev", str(prev)] if prev is not None and step == "build" else [])
            subprocess.run(cmd, cwd=ROOT, check=True)
        prev = n


if __name__ == "__main__":
    main()
