"""Where each miss of a question set was lost: retrieval, the reader, or the gates.

For every answerable one-question item: the rank of its gold article among the retrieved
articles, the trained reader's best span over the gold article alone with its score (is a
gold answer in it?), and the pipeline's answer. A miss whose gold article was retrieved and
whose reader span is right was lost at the gates: calibration, not a missing rule
(../shared/HELDOUT.md). Then the reader alone over the top `--top` retrieved articles, one
span across them, at several score thresholds: right and wrong (an answer given that is
not right; for a `none` item any answer), the curve a no-answer score is chosen from.

    python -m bench.diagnose --file bench/sets/blind_corpus_dev.jsonl [--weights W] [-v]

A set whose sources are news items (`<id>.jsonl`) is read over its own corpus, as
bench.unseen does.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from rag import Assistant
from rag.evaluate import judge
from rag.question import analyze

THRESHOLDS = (-2.0, 0.0, 1.0, 2.0, 4.0, 6.0, 8.0)
VETOED: list[tuple[str, float, str]] = []       # (span, score, why) the checks turned down, per item


def _tracing() -> None:
    """Record why each reader span the pipeline read was turned down (verbose output)."""
    from rag.reader import model
    inner = model.checked

    def checked(p, k, every=True):
        got = inner(p, k, every)
        if got.reasons or got.unfit:
            VETOED.append((p.span, p.score, "; ".join(got.reasons + ([got.unfit] if got.unfit else []))))
        return got
    model.checked = checked


def hit(span: str, golds: list[str], match: str) -> bool:
    """A gold answer is in the span (each of them for `all`), or the span is most of one."""
    if not span or not golds:
        return False
    inside = [g in span or (span in g and 3 * len(span) >= 2 * len(g)) for g in golds]
    return all(inside) if match == "all" else any(inside)


def gold_article(bot, item: dict, question: str):
    """Of the articles of the item's sources holding a gold answer, the one sharing most
    character pairs with the question."""
    arts = [a for a in _all_articles(bot) if a.source in item["sources"]]
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}
    holding = [a for a in arts if any(g in a.text for g in item["answers"])]
    return max(holding, key=lambda a: len(pairs & {a.text[i:i + 2] for i in range(len(a.text) - 1)}),
               default=None)


_ARTS: dict = {}


def _all_articles(bot):
    key = str(bot.corpus_dir)
    if key not in _ARTS:
        from rag.articles import load_articles
        _ARTS[key] = load_articles(bot.corpus_dir)[0]
    return _ARTS[key]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, required=True)
    ap.add_argument("--weights", type=Path, help="reader weights to try (default: the shipped ones)")
    ap.add_argument("--top", type=int, default=3, help="retrieved articles the reader alone reads")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    from embeddings.span_reader import SpanReader
    rows = [json.loads(l) for l in open(args.file, encoding="utf-8") if l.strip()]
    news = all(s.endswith(".jsonl") for r in rows for s in r.get("sources", []))
    if news:
        from bench.unseen import assistant
        bot = assistant(args.file)
    else:
        bot = Assistant.open(quiet=True)
    reader = SpanReader.open(weights=args.weights)
    _tracing()
    counts = {"items": 0, "pipeline": 0, "retrieved": 0, "reader_gold": 0, "lost_at_gates": 0}
    curve = {t: [0, 0] for t in THRESHOLDS}
    n_all = 0
    for item in rows:
        if "turns" in item:
            continue
        n_all += 1
        q = analyze(item["question"])
        hits = bot.backend.search(q.text, k=20)
        ranked = list(dict.fromkeys(h.article.id for h in hits))
        # the reader alone: one span across the top articles
        tops = [bot.backend.article(i) for i in ranked[:args.top]]
        spans = [s for s_list in reader.read(q.text, [a.text for a in tops if a]) for s in s_list[:1]]
        best = max(spans, key=lambda s: s.score, default=None)
        for t in THRESHOLDS:
            if best is None or best.score < t:
                continue
            ok = item["type"] != "none" and hit(best.text, item["answers"], item.get("match", "any"))
            curve[t][0 if ok else 1] += 1
        if item["type"] == "none":
            continue
        counts["items"] += 1
        VETOED.clear()
        ans = bot.ask(item["question"])
        right = judge(item, ans)
        gold = gold_article(bot, item, q.text)
        rank = ranked.index(gold.id) + 1 if gold and gold.id in ranked else None
        g_span = reader.read(q.text, [gold.text])[0][:1] if gold else []
        g_ok = bool(g_span) and g_span[0].score >= 0 and hit(g_span[0].text, item["answers"], item.get("match", "any"))
        counts["pipeline"] += right
        counts["retrieved"] += rank is not None and rank <= 5
        counts["reader_gold"] += g_ok
        counts["lost_at_gates"] += (not right) and g_ok and rank is not None and rank <= 5
        if args.verbose and not right:
            s = g_span[0] if g_span else None
            print(f"✗ {item['id']} [{item['type']}] {item['question']}\n    gold rank {rank}; reader on gold: "
                  f"{s.text if s else '-'} ({s.score if s else 0:.1f}) {'RIGHT' if g_ok else ''}\n"
                  f"    pipeline: {ans.text[:80]}\n    reader alone: "
                  f"{best.text if best else '-'} ({best.score if best else 0:.1f})")
            for span, score, why in VETOED[:3]:
                print(f"    vetoed: {span} ({score:.1f}): {why}")
    print(json.dumps(counts, ensure_ascii=False))
    n_none = sum(1 for r in rows if "turns" not in r and r["type"] == "none")
    print(f"reader alone over the top {args.top} articles, {n_all} items ({n_none} none):")
    for t, (r, w) in curve.items():
        print(f"  score >= {t:4.1f}: right {r} ({r / n_all:.0%}), wrong {w} ({w / n_all:.0%})")


if __name__ == "__main__":
    main()
