"""Train the passage reranker: `python -m train.reranker [--out DIR]` (about an hour on 2
cores; resumes).

A cross-encoder: question and one passage window in, one logit out, high when the window
holds the question's answer. Retrieval's candidates about the right topic but without the
answer (news stories of the same event, another year's champion) are what it learns to
put below the one that answers.

Data: CMRC 2018 dev and DRCD less the passages whose id hashes to 0 mod 5 (`heldout`, kept
out for the report and for tuning how its score joins retrieval's). Per question:
- a window of its passage that holds the answer (label 1);
- a window of its own passage without the answer, when there is one (0): same topic;
- windows of the two best other passages by BM25 that do not hold the answer, the window
  sharing most characters with the question (0);
- the answering window with the question's number changed (2019 -> 2017) when the window
  holds that number (0): a passage about another year does not answer.
Window sizes vary (96-224 tokens) like retrieval's chunks and news snippets.

Model: e5-small, the lower `FROZEN` layers as shipped (their outputs cached once), the top
layers started from the trained span reader's (they already read for answers) and trained
with a new head, binary cross-entropy, one epoch. The tensors training changed go to
train/out-reranker/reranker.safetensors (fp16) with a JSON beside them; they are not
shipped (BENCHMARKS.md: it did not beat fusion on every set).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from train.reader import (FROZEN, _overlaps, answer_span, cache_lower, changed_number, heldout, load,
                          load_cache, log, other_passages, save_weights, start, train, window_text)

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201
EPOCHS = 1
LR_LAYERS, LR_HEAD = 5e-5, 5e-4
SIZES = (96, 160, 224)      # window tokens, one drawn per question
OTHERS = 2                  # other passages a question gets a negative window from


def closest(wins, passage: str, question: str):
    """The window sharing most characters with the question (the hardest negative)."""
    chars = set(question)
    return max(wins, key=lambda w: len(chars & set(window_text(w, passage))))


def pairs(tokens, rng: random.Random, keep) -> list[tuple[np.ndarray, int]]:
    """(ids, label) for the questions whose passage `keep` accepts."""
    out = []
    for name, qfile in (("cmrc2018", "questions_dev.jsonl"), ("drcd", "questions.jsonl")):
        ctx, qs = load(name, qfile)
        qs = [q for q in qs if keep(q["context_id"])]
        log(f"{name}: {len(qs)} questions; finding other passages by BM25")
        others = other_passages(ctx, qs, OTHERS, OTHERS + 4)
        for q in qs:
            passage = ctx[q["context_id"]]["text"]
            span = answer_span(passage, q["answers"])
            if not span:
                continue
            size = rng.choice(SIZES)
            wins = tokens.windows(q["question"], passage, size, size * 2 // 3)
            have = [w for w in wins if _holds(w, *span)]
            if not have:
                continue
            pos = rng.choice(have)
            out.append((pos.ids, 1))
            lacking = [w for w in wins if not _overlaps(w, *span)]
            if lacking:
                out.append((closest(lacking, passage, q["question"]).ids, 0))
            for o in others[q["id"]]:
                text = ctx[o]["text"]
                out.append((closest(tokens.windows(q["question"], text, size, size * 2 // 3),
                                    text, q["question"]).ids, 0))
            other_q = changed_number(q["question"], window_text(pos, passage), rng)
            if other_q:
                w = _window_at(tokens, other_q, passage, size, span)
                if w is not None:
                    out.append((w.ids, 0))
    return out


def _holds(w, cs: int, ce: int) -> bool:
    offs = w.offsets[w.first:-1]
    return bool(offs) and offs[0][0] <= cs and offs[-1][1] >= ce


def _window_at(tokens, question: str, passage: str, size: int, span):
    have = [w for w in tokens.windows(question, passage, size, size * 2 // 3) if _holds(w, *span)]
    return have[0] if have else None


def relevance_loss(model, h, mask, rows, data, drop):
    """Binary cross-entropy of the ``<s>`` logit against the label."""
    import torch
    logit = model.score(drop(h))[:, 0]
    gold = torch.tensor([float(data[i][1]) for i in rows])
    return torch.nn.functional.binary_cross_entropy_with_logits(logit, gold)


def evaluate(model, tokens, limit: int | None) -> dict:
    """Held-out pairs built the same way: how often the answering window outscores each
    negative of its question, and accuracy at logit 0."""
    import torch
    data = pairs(tokens, random.Random(SEED + 99), heldout)[:limit]
    scores = []
    with torch.no_grad():
        for ids, _ in data:
            scores.append(float(model(torch.from_numpy(ids)[None], torch.ones(1, len(ids), dtype=torch.long))))
    won = n = 0
    last = None
    for (ids, y), s in zip(data, scores):
        if y == 1:
            last = s
        elif last is not None:
            won += s < last
            n += 1
    acc = np.mean([(s > 0) == bool(y) for (_, y), s in zip(data, scores)])
    return {"heldout_pairs": len(data), "pos_above_neg": round(won / max(1, n), 3), "accuracy": round(float(acc), 3)}


def main(argv=None) -> None:
    from embeddings.bert import RelevanceModel
    from embeddings.reranker import WEIGHTS
    from embeddings.span_reader import WEIGHTS as READER
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "train" / "out-reranker"), help="cache and checkpoints")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, help="a smoke run: this many pairs")
    ap.add_argument("--weights", default=str(WEIGHTS), help="where the trained tensors go")
    args = ap.parse_args(argv)
    out, weights = Path(args.out), Path(args.weights)
    out.mkdir(parents=True, exist_ok=True)
    tokens, model = start(RelevanceModel, SEED, args.threads)
    from safetensors.torch import load_file
    reader = {k: v.float() for k, v in load_file(str(READER)).items() if k.startswith("bert.")}
    model.load_state_dict(reader, strict=False)           # the span reader's top layers
    t_start = time.time()
    data = pairs(tokens, random.Random(SEED), lambda c: not heldout(c))[:args.limit]
    order = random.Random(SEED)                            # by length: caching pads little
    data = [d for _, d in sorted(((len(d[0]), order.random()), d) for d in data)]
    log(f"{len(data)} pairs ({sum(y for _, y in data)} answering), {sum(len(d[0]) for d in data)} tokens")
    cache_lower(model, data, out / "cache")
    states = load_cache(out / "cache", len(data))
    train(model, data, states, out, relevance_loss, SEED, EPOCHS, (LR_LAYERS, LR_HEAD))
    report = evaluate(model, tokens, args.limit)
    report.update({"pairs": len(data), "epochs": EPOCHS, "frozen_layers": FROZEN, "seed": SEED,
                   "hours": round((time.time() - t_start) / 3600, 2)})
    log(f"held-out pairs (torch fp32): {report}")
    (out / "report.json").write_text(json.dumps(report, indent=1))
    if args.limit:
        return
    save_weights(model, weights, "CMRC 2018 dev and DRCD less passages with crc32(id) % 5 == 0", report)


if __name__ == "__main__":
    main()
