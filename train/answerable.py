"""Train the judge of the reader's spans (rag/reader/answerable.py) on the pipeline's own spans.

For every one-question gold item we have (the in-domain sets: bench/fresh_qa*, bench/unseen_qa*,
tests/hand_qa.jsonl, the seed; with `--squad2 FILE`, a slice of Chinese SQuAD 2.0 dev and its
adversarial unanswerables), the question is asked end to end with the rule extractors off, so
the trained reader reads it as it would any question the rules miss; every span it proposes is
kept with the checks' verdicts and labelled right when its said span holds the gold answer and
its article is a gold source. A `none` item's spans are all wrong. The blind sets in bench/sets/,
rgb_fact and CMRC are never read here: they measure the result.

A logistic model over `answerable.features` is fitted; its threshold is the one that maximises
right − COST × wrong answers over the questions, measured on predictions for questions held out
of the fit (5 folds by question), against the hard checks on the same spans.

    python -m train.answerable [--squad2 /path/dev-v2.0-zh.json] [--out train/out-answerable/answerable.json]

Collected spans are cached (`--data`), so refitting is quick; delete the file to collect anew.
The judge is used when its weights are at rag/reader/answerable.json; none are shipped: it did
not beat the hard checks on other people's questions (BENCHMARKS.md, issue 30).
"""
from __future__ import annotations

import argparse
import gzip
import json
import pickle
import random
import time
from pathlib import Path

import numpy as np

from embeddings.encoder import cache_dir
from rag.reader.answerable import features

from .examples import GOLD, ROOT, SEED_SET

COST = 2.0                  # a wrong answer is worth this many right ones lost (precision first)
FOLDS = 5
SQUAD_PARAGRAPHS = 150      # paragraphs of SQuAD 2.0 dev made a corpus (about 1,200 questions)


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def _rows(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def groups(squad2: Path | None) -> list[tuple[str, object, list[dict]]]:
    """(name, a function opening the assistant over the group's corpus, its gold items)."""
    from bench.unseen import corpus as news_corpus
    from rag import Assistant
    out = []
    corpus_files = [f for f in sorted(ROOT.glob(GOLD[0]))] + [ROOT / GOLD[2], SEED_SET]
    rows = [r for f in corpus_files if f.is_file() for r in _rows(f)]
    out.append(("corpus", lambda: Assistant.open(quiet=True), rows))
    for f in sorted(ROOT.glob(GOLD[1])):
        def opener(f=f):
            folder = news_corpus(f)
            return Assistant.open(corpus_dir=folder, index_dir=folder.parent / "index", quiet=True)
        out.append((f.stem, opener, _rows(f)))
    if squad2:
        folder, rows = squad_corpus(squad2)
        out.append(("squad2", lambda: Assistant.open(corpus_dir=folder, index_dir=folder.parent / "index",
                                                     quiet=True), rows))
    return out


def squad_corpus(path: Path) -> tuple[Path, list[dict]]:
    """The first SQUAD_PARAGRAPHS paragraphs of SQuAD 2.0 dev as `<id>.jsonl` items in the user
    cache, and their questions as gold items (unanswerable ones as `none`)."""
    from bench.unseen import write_item
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    folder = cache_dir() / "bench" / "squad2" / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    rows, n = [], 0
    for art in data:
        for p in art["paragraphs"]:
            if n >= SQUAD_PARAGRAPHS:
                return folder, rows
            pid = f"squad2-{n:04d}"
            f = folder / f"{pid}.jsonl"
            if not f.is_file():
                write_item(folder, pid, art["title"], p["context"])
            for q in p["qas"]:
                none = q.get("is_impossible") or not q.get("answers")
                rows.append({"id": q["id"], "question": q["question"], "type": "none" if none else "what",
                             "answers": [] if none else sorted({a["text"] for a in q["answers"]}),
                             "match": "any", "sources": [f"{pid}.jsonl"]})
            n += 1
    return folder, rows


def collect(squad2: Path | None) -> list[dict]:
    """One record per question: its spans' features and labels."""
    from rag.normalize import normalize
    records = []
    for name, opener, rows in groups(squad2):
        bot = opener()
        comp = bot.composer
        model = comp.model
        model.judge = None                                  # the spans as the checks see them
        comp.rules.extract = lambda *a, **k: None          # every question read by the reader
        comp.aggregate.answer = lambda *a, **k: None
        t0, n = time.time(), 0
        for r in rows:
            if "question" not in r:
                continue
            model.trace = []
            bot.ask(r["question"])
            reads = [t for t in model.trace if t[2]]
            model.trace = None
            if not reads:
                continue
            q, verbs, props = reads[-1]
            golds = [normalize(a) for a in r.get("answers", [])] if r["type"] != "none" else []
            label = [int(right(p.span, golds, r.get("match", "any"))
                         and p.candidate.sentence.article.source in r.get("sources", [])) for p in props]
            feats = [features(q, props, i, verbs) for i in range(len(props))]
            records.append({"group": name, "id": r.get("id"), "type": r["type"], "golds": golds,
                            "match": r.get("match", "any"), "spans": [p.span for p in props],
                            "fit": [not p.unfit and bool(p.span) for p in props],
                            "hard": [p.candidate.score >= 1.0 and not p.reasons for p in props],
                            "features": feats, "label": label})
            n += 1
        log(f"{name}: {n} questions read in {time.time() - t0:.0f} s")
    return records


def right(span: str, golds: list[str], match: str = "any") -> bool:
    """The span says the gold answer (every one, for `match` all) and not much else: a clause
    holding the answer is no answer a reader wants (at most twice the gold, or 6 more)."""
    if not span or not golds:
        return False
    if match == "all":
        return all(g in span for g in golds)
    return any(g in span and len(span) <= max(2 * len(g), len(g) + 6) for g in golds)


def matrix(records: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, y, owner = [], [], []
    for k, r in enumerate(records):
        for f, lab, fit in zip(r["features"], r["label"], r["fit"]):
            if fit:
                X.append([f.get(n, 0.0) for n in names])
                y.append(lab)
                owner.append(k)
    return np.array(X), np.array(y), np.array(owner)


def outcome(records: list[dict], probs: dict[int, list[float]], threshold: float) -> tuple[int, int]:
    """(right, wrong) answers over the questions when the best-rated span is said at `threshold`."""
    right = wrong = 0
    for k, r in enumerate(records):
        ps = probs.get(k, [])
        if not ps:
            continue
        i = max(range(len(ps)), key=lambda j: ps[j])
        if ps[i] >= threshold:
            fit_labels = [lab for lab, fit in zip(r["label"], r["fit"]) if fit]
            right += fit_labels[i]
            wrong += 1 - fit_labels[i]
    return right, wrong


def hard_outcome(records: list[dict]) -> tuple[int, int]:
    """(right, wrong) of the hard checks on the same spans: the best span passing all of them."""
    right = wrong = 0
    for r in records:
        i = next((j for j, ok in enumerate(r["hard"]) if ok and r["fit"][j]), None)
        if i is not None:
            right += r["label"][i]
            wrong += 1 - r["label"][i]
    return right, wrong


def fit(X: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=c, max_iter=2000).fit(X, y)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--squad2", type=Path, help="Chinese SQuAD 2.0 dev json (academic use: not shipped)")
    ap.add_argument("--data", type=Path, default=cache_dir() / "train" / "answerable.pkl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "train" / "out-answerable" / "answerable.json")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    args = ap.parse_args(argv)
    if args.data.is_file():
        records = pickle.loads(gzip.decompress(args.data.read_bytes()))
        log(f"{len(records)} questions from {args.data}")
    else:
        records = collect(args.squad2)
        args.data.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.data.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(pickle.dumps(records)))
        tmp.rename(args.data)
    names = sorted({n for r in records for f in r["features"] for n in f})
    X, y, owner = matrix(records, names)
    log(f"{len(y)} spans ({int(y.sum())} right) of {len(records)} questions; {len(names)} features")
    # cross-validated ratings, folds by question
    order = list(range(len(records)))
    random.Random(0).shuffle(order)
    fold = {k: i % FOLDS for i, k in enumerate(order)}
    probs: dict[int, list[float]] = {}
    for f in range(FOLDS):
        test = np.array([fold[k] == f for k in owner])
        m = fit(X[~test], y[~test], args.c)
        for k, p in zip(owner[test], m.predict_proba(X[test])[:, 1]):
            probs.setdefault(int(k), []).append(float(p))
    hr, hw = hard_outcome(records)
    log(f"hard checks: {hr} right, {hw} wrong of {len(records)}")
    best = max((t / 100 for t in range(5, 96, 5)),
               key=lambda t: (lambda rw: rw[0] - COST * rw[1])(outcome(records, probs, t)))
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, best):
        r, w = outcome(records, probs, t)
        log(f"judge at {t:.2f}: {r} right, {w} wrong (cross-validated)")
    m = fit(X, y, args.c)
    weights = {n: round(float(w), 4) for n, w in zip(names, m.coef_[0])}
    weights["bias"] = round(weights.get("bias", 0.0) + float(m.intercept_[0]), 4)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"threshold": best, "weights": weights,
                                    "trained_on": sorted({r["group"] for r in records}),
                                    "questions": len(records)}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    log(f"wrote {args.out} (threshold {best:.2f})")


if __name__ == "__main__":
    main()
