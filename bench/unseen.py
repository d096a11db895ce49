"""Questions over text no rule was written against: news items of ../shared/newscorpus.

The product is judged on an unseen issue of the paper; no such issue is here, so this is its
stand-in: a few 新闻联播 items (other writers, other layout, full-width punctuation) make a
small corpus of their own, and bench/unseen_qa.jsonl asks about them (written before the
set was first run, scored like the dev set: right and cited, or declined for `none`).
Each item is one `<id>.jsonl` file, so a citation's source names the item; each question
file has its own corpus of the items it cites. The corpora and their indexes live in the
user cache; the news data never enters the repository.

    python -m bench.unseen [--file bench/unseen_qa_2.jsonl] [--verbose]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
from pathlib import Path

from embeddings.encoder import cache_dir
from rag import Assistant
from rag.evaluate import evaluate, format_report

from .scale import NEWS

QA = Path(__file__).with_name("unseen_qa.jsonl")


def write_item(folder: Path, item_id: str, title: str, text: str) -> Path:
    """`folder/<item_id>.jsonl`, one news item as the reader of a corpus folder takes it,
    written atomically under a name of this process's own (two runs may build one folder)."""
    f = folder / f"{item_id}.jsonl"
    tmp = folder / f"{item_id}.jsonl.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"id": item_id, "title": title, "text": text}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    tmp.replace(f)
    return f


def corpus(qa: Path = QA) -> Path:
    """The folder holding each news item the set `qa` cites, as `<id>.jsonl` (written once)."""
    ids = {s[:-len(".jsonl")] for l in open(qa, encoding="utf-8") if l.strip()
           for s in json.loads(l)["sources"]}
    out = cache_dir() / "bench" / "unseen" / Path(qa).stem / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    missing = {i for i in ids if not (out / f"{i}.jsonl").is_file()}
    if missing:
        with gzip.open(NEWS, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in missing:
                    write_item(out, d["id"], d["title"], d["text"])
                    missing.discard(d["id"])
        if missing:
            raise SystemExit(f"not in {NEWS}: {', '.join(sorted(missing))}")
    return out


def assistant(qa: Path = QA) -> Assistant:
    """The assistant over the set `qa`'s own corpus (`corpus`), its index beside it."""
    return over(corpus(qa))


def over(folder: Path) -> Assistant:
    """The assistant over a corpus folder of the bench's own, its index in the folder beside it."""
    return Assistant.open(corpus_dir=folder, index_dir=folder.parent / "index", quiet=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=QA, help="the question file (default: %(default)s)")
    ap.add_argument("--verbose", action="store_true", help="every question with its answer")
    args = ap.parse_args()
    bot = assistant(args.file)
    print(format_report(evaluate(bot, args.file), verbose=args.verbose))


if __name__ == "__main__":
    main()
