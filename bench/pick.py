"""News items for a new blind set: `python -m bench.pick SEED OUTDIR [--xwlb 14] [--thucnews 5]`.

Draws at random (seeded) from ../shared/newscorpus the items no question set here names
(`train.examples.named_items`) and the reader never trained on (`train.examples.trained_on`),
400–2,500 characters long, and writes each as OUTDIR/<id>.txt (title, blank line, text): what a
helper that has not read rag/ reads to write the set (../shared/HELDOUT.md).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from train.examples import NEWS, named_items, trained_on


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--xwlb", type=int, default=14, help="新闻联播 items")
    ap.add_argument("--thucnews", type=int, default=5, help="THUCNews items")
    args = ap.parse_args(argv)
    used = named_items()
    pools: dict[str, list[dict]] = {"xwlb": [], "thucnews": []}
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            kind = d["id"].split("-")[0]
            if kind in pools and d["id"] not in used and not trained_on(d["id"]) and 400 <= len(d["text"]) <= 2500:
                pools[kind].append(d)
    rng = random.Random(args.seed)
    picked = rng.sample(pools["xwlb"], args.xwlb) + rng.sample(pools["thucnews"], args.thucnews)
    args.out.mkdir(parents=True, exist_ok=True)
    for d in picked:
        (args.out / f"{d['id']}.txt").write_text(f"{d['title']}\n\n{d['text']}\n", encoding="utf-8")
        print(d["id"], len(d["text"]), d["title"][:30])


if __name__ == "__main__":
    main()
