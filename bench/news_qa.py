"""Public news QA end to end: rgb_fact's search-box questions over its 943 news passages.

Each passage is one `<id>.jsonl` item of a corpus of its own (so a citation names the
passage); every question is asked as a user would. Right: found, a gold answer in the
answer text and a cited passage one of the question's `context_ids`; wrong: an answer given
that is not right (a confident wrong answer); the rest declined. The corpus and its index
live in the user cache; the data stays in ../shared.

    python -m bench.news_qa [--limit N] [-v]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from embeddings.encoder import cache_dir

from .unseen import over, write_item

RGB = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "rgb_fact"


def corpus() -> Path:
    """The folder of rgb_fact's passages, one `<id>.jsonl` each (written once)."""
    out = cache_dir() / "bench" / "rgb_fact" / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    for line in open(RGB / "contexts.jsonl", encoding="utf-8"):
        c = json.loads(line)
        f = out / f"{c['id']}.jsonl"
        if not f.is_file():
            write_item(out, c["id"], c.get("title", ""), c["text"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    bot = over(corpus())
    qs = [json.loads(l) for l in open(RGB / "questions.jsonl", encoding="utf-8")][:args.limit]
    right = wrong = 0
    t0 = time.time()
    for q in qs:
        ans = bot.ask(q["question"])
        gold = {f"{c}.jsonl" for c in q.get("context_ids") or [q["context_id"]]}
        ok = ans.found and any(a in ans.text for a in q["answers"]) and \
            any(c.source in gold and any(a in c.quote for a in q["answers"]) for c in ans.citations)
        right += ok
        wrong += ans.found and not ok
        if args.verbose:
            mark = "✓" if ok else "✗!" if ans.found else "✗"
            by = f"{ans.by} {ans.score:.1f}" if ans.score is not None else ans.by
            print(f"{mark} {q['id']} {q['question']} -> {ans.text[:70]}  (gold {q['answers'][:2]}; {by})")
    n = len(qs)
    print(f"rgb_fact end to end: {n} questions, right {right} ({right / n:.0%}), wrong {wrong} "
          f"({wrong / n:.0%}), declined {n - right - wrong}; {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
