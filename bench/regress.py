"""Every dev set, answer by answer: run them, compare two runs, split a blind set's halves.

    python -m bench.regress run TAG [FILE ...] [--kind corpus|news] [--skip STEM]
    python -m bench.regress compare TAG_A TAG_B [--only SUBSTRING]
    python -m bench.regress halves build/regress/TAG/blind_news_m.json [--show]

`run` asks each question file's items as `rag eval` does (the corpus sets over corpus/, each
news set over its own items, as bench.unseen) and writes build/regress/TAG/<set>.json: per
item its id, type, right, wrong (answered, not right), question, answer, span and first
quote. Without files: every dev set of that kind (the seed, hand, fresh_qa*, blind_corpus_*
sets; or unseen_qa*, blind_news_*). A blind set whose sealed half is not yet spent must be
left out by name with `--skip` (stop 45 forgot, and printed a new pair's counts mid-session).
`compare` prints each set's totals in both runs and every item that flipped (R right, W
wrong, - declined). `halves` counts a blind set's dev half (crc32(id) % 2 == 0) and sealed
half apart; `--show` lists the dev half's misses only, never the sealed half's
(../shared/HELDOUT.md).
"""
from __future__ import annotations

import argparse
import json
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "build" / "regress"


def dev_sets(kind: str) -> list[Path]:
    if kind == "corpus":
        return [SHARED / "eval" / "seed_qa_dev.jsonl", ROOT / "tests" / "hand_qa.jsonl",
                *sorted(ROOT.glob("bench/fresh_qa*.jsonl")), *sorted(ROOT.glob("bench/sets/blind_corpus_*.jsonl"))]
    return [*sorted(ROOT.glob("bench/unseen_qa*.jsonl")), *sorted(ROOT.glob("bench/sets/blind_news_*.jsonl"))]


def run(tag: str, kind: str, files: list[Path]) -> None:
    from rag import Assistant
    from rag.evaluate import evaluate
    out = OUT / tag
    out.mkdir(parents=True, exist_ok=True)
    corpus_bot = None
    for f in files:
        t = time.time()
        if kind == "corpus":
            corpus_bot = corpus_bot or Assistant.open(quiet=True)
            bot = corpus_bot
        else:
            from .unseen import assistant
            bot = assistant(f)
        items = evaluate(bot, f)["items"]
        (out / f"{f.stem}.json").write_text(json.dumps(items, ensure_ascii=False, indent=0), encoding="utf-8")
        r, w = sum(x["right"] for x in items), sum(x["wrong"] for x in items)
        print(f"{f.stem:28} {r:4}/{len(items):<4} wrong {w:3}  {time.time() - t:.0f}s", flush=True)


def _mark(x: dict) -> str:
    return "R" if x["right"] else "W" if x["wrong"] else "-"


def compare(a: str, b: str, only: str = "") -> None:
    total = [0, 0, 0, 0, 0]
    for fb in sorted((OUT / b).glob("*.json")):
        fa = OUT / a / fb.name
        if only not in fb.stem or not fa.is_file():
            continue
        old = {x["id"] or x["question"]: x for x in json.loads(fa.read_text(encoding="utf-8"))}
        new = json.loads(fb.read_text(encoding="utf-8"))
        ra, wa = sum(x["right"] for x in old.values()), sum(x["wrong"] for x in old.values())
        rb, wb = sum(x["right"] for x in new), sum(x["wrong"] for x in new)
        total = [total[0] + ra, total[1] + wa, total[2] + rb, total[3] + wb, total[4] + len(new)]
        print(f"{fb.stem:28} {ra:4} right {wa:3} wrong -> {rb:4} right {wb:3} wrong, of {len(new)}")
        for x in new:
            y = old.get(x["id"] or x["question"])
            if y and _mark(x) != _mark(y):
                print(f"   {_mark(y)}->{_mark(x)} {x['id']} {x['question']} | {y['answer'][:60]!r} -> {x['answer'][:60]!r}")
    print(f"all: {total[0]} right {total[1]} wrong -> {total[2]} right {total[3]} wrong, of {total[4]}")


def sealed(item_id: str) -> bool:
    """The item is in its blind set's sealed half (crc32(id) % 2 == 1)."""
    return zlib.crc32(item_id.encode()) % 2 == 1


def halves(path: Path, show: bool) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    for h, name in ((False, "dev"), (True, "sealed")):
        xs = [x for x in items if sealed(x["id"]) == h]
        print(f"{name:7} {sum(x['right'] for x in xs)}/{len(xs)}, {sum(x['wrong'] for x in xs)} wrong")
    if show:
        for x in items:
            if not sealed(x["id"]) and not x["right"]:
                print(_mark(x), x["id"], x["type"], x["question"], "->", x["answer"][:80].replace("\n", " "))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run")
    p.add_argument("tag")
    p.add_argument("--kind", choices=["corpus", "news"], default="corpus")
    p.add_argument("--skip", action="append", default=[], help="a set to leave out (by file stem)")
    p.add_argument("files", nargs="*", type=Path)
    p = sub.add_parser("compare")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--only", default="")
    p = sub.add_parser("halves")
    p.add_argument("result", type=Path)
    p.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "run":
        files = args.files or [f for f in dev_sets(args.kind) if f.stem not in args.skip]
        run(args.tag, args.kind, files)
    elif args.cmd == "compare":
        compare(args.a, args.b, args.only)
    else:
        halves(args.result, args.show)


if __name__ == "__main__":
    main()
