"""Exact (flat) FAISS search time against index size: where an approximate index must take over.

    python -m bench.faiss_types [--sizes 100000,250000,500000,1000000,2000000]

Flat search costs the same whatever the vectors hold, so random unit vectors of
the model's dimension stand in for chunks here; HNSW's recall depends on real
data and is measured on the real vectors of each scale step (bench/scale.py).
"""
from __future__ import annotations

import argparse
import platform
import time

import numpy as np


def main() -> None:
    import faiss
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,250000,500000,1000000,2000000")
    ap.add_argument("--dim", type=int, default=384)
    args = ap.parse_args()
    faiss.omp_set_num_threads(2)
    rng = np.random.default_rng(0)
    q = rng.standard_normal((50, args.dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    print(f"# {platform.node()} {platform.machine()}, {time.strftime('%Y-%m-%d')}, dim {args.dim}")
    for n in map(int, args.sizes.split(",")):
        x = rng.standard_normal((n, args.dim)).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        index = faiss.IndexFlatIP(args.dim)
        index.add(x)
        index.search(q[:2], 10)
        lat = []
        for row in q:                                   # one query at a time, as `ask` does
            t = time.perf_counter()
            index.search(row[None], 10)
            lat.append(1000 * (time.perf_counter() - t))
        print(f"flat n={n:>9,}: p50 {np.percentile(lat, 50):6.1f} ms  p95 {np.percentile(lat, 95):6.1f} ms"
              f"  ({n * args.dim * 4 / 2**20:,.0f} MB)")
        del x, index


if __name__ == "__main__":
    main()
