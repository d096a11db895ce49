"""Train the span reader: `python -m train.reader [--out DIR]` (hours on 2 cores; resumes).

Data: DRCD (all 7,017 questions) and CMRC 2018 dev less a held-out slice of its passages
(every passage whose id hashes to 0 mod 5: `heldout`), from ../shared/bench. Each question
gives one window holding its answer and, as no-answer examples, sometimes a window of its
passage without the answer, a window of another passage found for it by BM25 (the
same article's other paragraph in DRCD, the best other passage in CMRC) and the answering
window for the question with one of its numbers changed (`--number`).

Model: e5-small; the embeddings and the lower `FROZEN` layers stay as shipped, so their
outputs are computed once (stage 1, cached in DIR/cache) and only the top layers and the
start/end head are trained (stage 2, checkpointed every CHECKPOINT steps). Stage 3 scores
the held-out slice given its gold passage and writes DIR/report.json; the trained tensors
go to embeddings/weights/span_reader.safetensors (fp16) with a small JSON beside them.
Everything is seeded: the same data and seed give the same model.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from train.examples import (BLIND_TRAIN, WRITTEN, Example, bigrams, blind, entity_pool, enumerations, indomain,
                            named_items, searchbox, squad2, swapped)

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
SEED = 20261124
FROZEN = 6                 # lower layers kept as shipped. Measured: 4 trained layers cost 0.30 ms
                           # a token a step, 6 cost 0.39; held-out CMRC F1 64.2 with 4, 75.5 with 6
EPOCHS = 2
BATCH = 32
LR_LAYERS, LR_HEAD = 1e-4, 5e-4
P_SAME, P_OTHER = 0.3, 0.3  # chance of a no-answer window from the same / another passage
P_NUMBER = 0.5              # chance of a no-answer window for the question with a number changed
NUMBER = re.compile(r"\d+")
CHECKPOINT = 50


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def heldout(context_id: str) -> bool:
    """CMRC passages kept out of training, for calibration and the report."""
    return zlib.crc32(context_id.encode()) % 5 == 0


def load(name: str, questions: str) -> tuple[dict, list[dict]]:
    ctx = {c["id"]: c for c in map(json.loads, open(BENCH / name / "contexts.jsonl", encoding="utf-8"))}
    qs = [json.loads(l) for l in open(BENCH / name / questions, encoding="utf-8")]
    return ctx, qs


def answer_span(passage: str, answers: list[str]) -> tuple[int, int] | None:
    for a in answers:
        i = passage.find(a)
        if a and i >= 0:
            return i, i + len(a)
    return None


def token_span(w, cs: int, ce: int) -> tuple[int, int] | None:
    """Token indices of chars [cs, ce) in window `w`, or None when not wholly inside it."""
    s = e = None
    for i in range(w.first, len(w.offsets) - 1):
        a, b = w.offsets[i]
        if s is None and b > cs:
            s = i
        if a < ce:
            e = i
    if s is None or e is None or w.offsets[s][0] > cs or w.offsets[e][1] < ce:
        return None
    return s, e


def other_passages(ctx: dict, qs: list[dict], n: int = 1, among: int = 3) -> dict[str, list[str]]:
    """Question id -> up to `n` of BM25's best `among` passages for it that are not its own
    and do not hold its answer, best first."""
    import jieba
    from rag.bm25 import BM25
    jieba.setLogLevel(60)
    ids = list(ctx)
    bm = BM25().fit([jieba.lcut(ctx[i]["text"]) for i in ids])
    out = {}
    for q in qs:
        sc = bm.scores(jieba.lcut(q["question"]))
        out[q["id"]] = [ids[r] for r in np.argsort(-sc, kind="stable")[:among]
                        if ids[r] != q["context_id"] and not answer_span(ctx[ids[r]]["text"], q["answers"])][:n]
    return out


def changed_number(question: str, window: str, rng: random.Random) -> str | None:
    """The question with one of its numbers that the window holds changed to one it does not:
    asked about the 第3次 meeting, a passage on the 第2次 does not answer."""
    nums = [m for m in NUMBER.finditer(question) if m.group() in window]
    if not nums:
        return None
    m = rng.choice(nums)
    v = int(m.group())
    for d in rng.sample([-3, -2, -1, 1, 2, 3], 6):
        new = str(max(0, v + d)).zfill(len(m.group()))
        if new != m.group() and new not in window:
            return question[:m.start()] + new + question[m.end():]
    return None


def window_text(w, passage: str) -> str:
    offs = w.offsets[w.first:-1]
    return passage[offs[0][0]:offs[-1][1]] if offs else ""


def examples(tokens, rng: random.Random, p_number: float = P_NUMBER, replay: float = 1.0,
             p_searchbox: float = 0.0, p_swap: float = 0.0) -> list[tuple[np.ndarray, int, int]]:
    """(ids, start, end) training windows; start = end = 0 for no answer. `replay`: the share
    of each benchmark's questions used (a warm start needs less of what it has learned);
    `p_searchbox`: chance of a question's search-box form as another answering window;
    `p_swap`: chance of a swapped-entity question as a no-answer window."""
    out = []
    for name, qfile in (("drcd", "questions.jsonl"), ("cmrc2018", "questions_dev.jsonl")):
        ctx, qs = load(name, qfile)
        if name == "cmrc2018":
            qs = [q for q in qs if not heldout(q["context_id"])]
        if replay < 1.0:
            qs = [q for q in qs if rng.random() < replay]
        pool = entity_pool([c["text"] for c in list(ctx.values())[:400]]) if p_swap else {}
        log(f"{name}: {len(qs)} questions; finding other passages by BM25")
        other = other_passages(ctx, qs)
        for q in qs:
            passage = ctx[q["context_id"]]["text"]
            span = answer_span(passage, q["answers"])
            if not span:
                continue
            wins = tokens.windows(q["question"], passage)
            pos = [(w, token_span(w, *span)) for w in wins]
            have = [(w, t) for w, t in pos if t]
            if not have:
                continue
            w, (s, e) = rng.choice(have)
            out.append((w.ids, s, e))
            other_q = changed_number(q["question"], window_text(w, passage), rng) if p_number else None
            if other_q and rng.random() < p_number:
                held = [v for v in tokens.windows(other_q, passage) if token_span(v, *span)]
                if held:
                    out.append((held[0].ids, 0, 0))
            lacking = [w for w, t in pos if not t and not _overlaps(w, *span)]
            if lacking and rng.random() < P_SAME:
                out.append((rng.choice(lacking).ids, 0, 0))
            if other[q["id"]] and rng.random() < P_OTHER:
                wins = tokens.windows(q["question"], ctx[other[q["id"]][0]]["text"])
                out.append((rng.choice(wins).ids, 0, 0))
            out += variants(tokens, Example(q["question"], passage, span, name), rng, p_searchbox, p_swap, pool)
    return out


def variants(tokens, ex: Example, rng: random.Random, p_searchbox: float, p_swap: float,
             pool: dict) -> list[tuple[np.ndarray, int, int]]:
    """Windows of an answerable example's other forms: its search-box question (the same
    answer) and a question with a swapped name or place (no answer)."""
    out = []
    sb = searchbox(ex.question) if p_searchbox and rng.random() < p_searchbox else None
    if sb:
        held = [(w, token_span(w, *ex.span)) for w in tokens.windows(sb, ex.passage)]
        held = [(w, t) for w, t in held if t]
        if held:
            w, (s, e) = held[0]
            out.append((w.ids, s, e))
    other_q = swapped(ex.question, ex.passage, pool, rng) if pool and rng.random() < p_swap else None
    if other_q:
        held = [w for w in tokens.windows(other_q, ex.passage) if token_span(w, *ex.span)]
        if held:
            out.append((held[0].ids, 0, 0))
    return out


def example_windows(tokens, exs: list[Example], rng: random.Random, pool: dict,
                    p_swap: float = 0.0, p_number: float = P_NUMBER) -> list[tuple[np.ndarray, int, int]]:
    """Windows of `Example`s: an answerable one gives a window holding its span (and, by
    chance, a changed-number or swapped-entity no-answer window); an unanswerable one the
    window of its passage that shares most with the question: the hardest near miss."""
    out = []
    for ex in exs:
        wins = tokens.windows(ex.question, ex.passage)
        if ex.span is None:
            qb = bigrams(ex.question)
            w = max(wins, key=lambda w: len(qb & bigrams(window_text(w, ex.passage))))
            out.append((w.ids, 0, 0))
            continue
        have = [(w, t) for w in wins for t in [token_span(w, *ex.span)] if t]
        if not have:
            continue
        w, (s, e) = rng.choice(have)
        out.append((w.ids, s, e))
        other_q = changed_number(ex.question, window_text(w, ex.passage), rng) if p_number else None
        if other_q and rng.random() < p_number:
            held = [v for v in tokens.windows(other_q, ex.passage) if token_span(v, *ex.span)]
            if held:
                out.append((held[0].ids, 0, 0))
        out += variants(tokens, ex, rng, 0.0, p_swap, pool)
    return out


def _overlaps(w, cs: int, ce: int) -> bool:
    return any(a < ce and b > cs for a, b in w.offsets[w.first:-1])


def cache_lower(model, data, cache: Path) -> None:
    """Stage 1: the frozen layers' output of every window, in fp16 shards (resumable)."""
    import torch
    cache.mkdir(parents=True, exist_ok=True)
    shard, t0, done0 = 512, time.time(), None
    for k, lo in enumerate(range(0, len(data), shard)):
        f = cache / f"{k:04d}.npz"
        if f.is_file():
            continue
        done0 = lo if done0 is None else done0
        part = data[lo:lo + shard]
        states = []
        with torch.no_grad():
            for b in range(0, len(part), 32):
                ids, mask = _pad([x[0] for x in part[b:b + 32]])
                h = model.bert.run(model.bert.embed(ids), mask, 0, FROZEN)
                states += [h[i, :int(mask[i].sum())].numpy().astype(np.float16) for i in range(len(ids))]
        tmp = cache / f".{k:04d}.tmp.npz"
        np.savez(tmp, *states)
        tmp.rename(f)
        rate = (lo + len(part) - done0) / (time.time() - t0)
        log(f"cache {lo + len(part)}/{len(data)} windows, {rate:.1f}/s, "
            f"{(len(data) - lo - len(part)) / rate / 60:.0f} min left")


def _pad(seqs, value=1):
    import torch
    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), value, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.as_tensor(s)
        mask[i, :len(s)] = 1
    return ids, mask


def load_cache(cache: Path, n: int) -> list[np.ndarray]:
    states = []
    for f in sorted(cache.glob("[0-9]*.npz")):
        z = np.load(f)
        states += [z[f"arr_{i}"] for i in range(len(z.files))]
    assert len(states) == n, (len(states), n)
    return states


def span_loss(model, h, mask, rows, data, drop):
    """The span reader's loss: cross-entropy of the gold start and end (0 for no answer)."""
    import torch
    logits = model.head(drop(h))
    neg = (1 - mask) * -1e4
    s_log, e_log = logits[..., 0] + neg, logits[..., 1] + neg
    s_gold = torch.tensor([data[i][1] for i in rows])
    e_gold = torch.tensor([data[i][2] for i in rows])
    ce = torch.nn.functional.cross_entropy
    return (ce(s_log, s_gold) + ce(e_log, e_gold)) / 2


def train(model, data, states, out: Path, loss_of=span_loss, seed: int = SEED, epochs: int = EPOCHS,
          lrs: tuple[float, float] = (LR_LAYERS, LR_HEAD)) -> None:
    """Stage 2: the top layers and the head, AdamW with warm-up and linear decay, checkpointed
    every CHECKPOINT steps (a stopped run resumes). `loss_of(model, top states, mask, rows,
    data, dropout)` is the head's loss on a batch."""
    import torch
    params = [p for l in model.bert.layers[FROZEN:] for p in l.parameters()]
    opt = torch.optim.AdamW([{"params": params, "lr": lrs[0]},
                             {"params": model.head.parameters(), "lr": lrs[1]}], weight_decay=0.01)
    # batches of similar length (little padding), in a seeded order per epoch
    plan = []
    for ep in range(epochs):
        r = random.Random(seed + ep)
        order = sorted(range(len(data)), key=lambda i: (len(states[i]), r.random()))
        batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
        r.shuffle(batches)
        plan += batches
    total, warm = len(plan), max(1, len(plan) // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    ckpt, step = out / "checkpoint.pt", 0
    if ckpt.is_file():
        saved = torch.load(ckpt, weights_only=False)
        model.load_state_dict(saved["model"], strict=False)
        opt.load_state_dict(saved["opt"])
        sched.load_state_dict(saved["sched"])
        step = saved["step"]
        log(f"resumed at step {step}/{total}")
    torch.manual_seed(seed + step)
    drop = torch.nn.Dropout(0.1)
    model.train()
    t0, first, run_loss = time.time(), step, 0.0
    while step < total:
        rows = plan[step]
        width = max(len(states[i]) for i in rows)
        x = torch.zeros((len(rows), width, states[rows[0]].shape[1]))
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, i in enumerate(rows):
            x[r, :len(states[i])] = torch.from_numpy(states[i].astype(np.float32))
            mask[r, :len(states[i])] = 1
        loss = loss_of(model, model.bert.run(x, mask, FROZEN, len(model.bert.layers)), mask, rows, data, drop)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        step += 1
        run_loss = 0.98 * run_loss + 0.02 * loss.item() if step > first + 1 else loss.item()
        if step % 10 == 0:
            rate = (step - first) / (time.time() - t0)
            log(f"step {step}/{total} loss {run_loss:.3f} {rate * 60:.1f} steps/min "
                f"{(total - step) / rate / 60:.0f} min left")
        if step % CHECKPOINT == 0 or step == total:
            tmp = out / "checkpoint.tmp"
            torch.save({"model": model.trained_state(FROZEN), "opt": opt.state_dict(),
                        "sched": sched.state_dict(), "step": step}, tmp)
            tmp.rename(ckpt)
    model.eval()


def evaluate(reader_fn, limit: int | None = None) -> dict:
    """Stage 3: the held-out CMRC slice, each question given its gold passage."""
    from bench.answers import f1 as char_f1
    ctx, qs = load("cmrc2018", "questions_dev.jsonl")
    qs = [q for q in qs if heldout(q["context_id"])][:limit]
    em = f1 = 0.0
    for q in qs:
        spans = reader_fn(q["question"], ctx[q["context_id"]]["text"])
        pred = spans[0].text if spans else ""
        em += any(pred == a for a in q["answers"])
        f1 += max(char_f1(pred, a) for a in q["answers"])
    return {"questions": len(qs), "em": round(100 * em / len(qs), 1), "f1": round(100 * f1 / len(qs), 1)}


def main(argv=None) -> None:
    global FROZEN
    import torch
    from embeddings.bert import SpanModel
    from embeddings.span_reader import WEIGHTS, best_spans
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "train" / "out"), help="cache and checkpoints")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, help="a smoke run: this many windows and questions")
    ap.add_argument("--frozen", type=int, default=FROZEN, help="lower layers kept as shipped")
    ap.add_argument("--weights", default=str(WEIGHTS), help="where the trained tensors go")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--number", type=float, default=P_NUMBER,
                    help="chance of a number-changed no-answer window (0: none)")
    ap.add_argument("--init", help="trained tensors (a shipped .safetensors) to start from: "
                                   "a warm start (under a trained top, or of the top alone)")
    ap.add_argument("--squad2", type=Path, help="Chinese SQuAD 2.0 dev json (train/examples.py)")
    ap.add_argument("--indomain", type=int, default=0, metavar="N",
                    help="the in-domain gold questions' windows, repeated N times (0: none)")
    ap.add_argument("--blind", type=int, default=0, metavar="N",
                    help="other people's questions (the older blind sets, train.examples.BLIND_TRAIN, "
                         "and train/data/written_*), repeated N times (0: none)")
    ap.add_argument("--lists", type=int, default=0, metavar="N",
                    help="up to N list questions made from enumerating news sentences (0: none)")
    ap.add_argument("--replay", type=float, default=1.0, help="share of CMRC/DRCD questions used")
    ap.add_argument("--searchbox", type=float, default=0.0,
                    help="chance of a benchmark question's search-box form as another window")
    ap.add_argument("--swap", type=float, default=0.0,
                    help="chance of a swapped-entity question as a no-answer window")
    ap.add_argument("--lr", type=float, nargs=2, default=(LR_LAYERS, LR_HEAD), metavar=("LAYERS", "HEAD"),
                    help="learning rates of the trained layers and of the head")
    args = ap.parse_args(argv)
    FROZEN = args.frozen
    weights = Path(args.weights)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tokens, model = start(SpanModel, SEED, args.threads)
    save_from = FROZEN
    if args.init:
        log(f"started from {args.init} ({model.load_trained(args.init)} tensors)")
        save_from = min(FROZEN, first_layer(Path(args.init)))   # ship every layer the start had
    t_start = time.time()
    rng = random.Random(SEED)
    data = examples(tokens, rng, args.number, args.replay, args.searchbox, args.swap)
    more: list[Example] = []
    if args.squad2:
        more += squad2(args.squad2)
    if args.indomain:
        more += indomain() * args.indomain
    if args.blind:
        more += blind() * args.blind
    if args.lists:
        more += enumerations(args.lists, exclude=named_items())
    if more:
        counts: dict[str, int] = {}
        for ex in more:
            counts[ex.source] = counts.get(ex.source, 0) + 1
        log(f"more examples: {counts}")
        pool = entity_pool([ex.passage for ex in more[:3000]]) if args.swap else {}
        data += example_windows(tokens, more, rng, pool, args.swap, args.number)
    data = data[:args.limit]
    log(f"{len(data)} windows ({sum(1 for d in data if d[1] == 0)} without an answer), "
        f"{sum(len(d[0]) for d in data)} tokens")
    cache_lower(model, data, out / "cache")
    states = load_cache(out / "cache", len(data))
    train(model, data, states, out, epochs=args.epochs, lrs=tuple(args.lr))

    def read(question: str, passage: str):
        spans = []
        with torch.no_grad():
            for w in tokens.windows(question, passage):
                s, e = model(torch.from_numpy(w.ids)[None], torch.ones(1, len(w.ids), dtype=torch.long))
                spans += best_spans(s[0].numpy(), e[0].numpy(), w, passage, 1)
        return sorted(spans, key=lambda x: -x.score)
    report = evaluate(read, args.limit)
    report.update({"windows": len(data), "epochs": args.epochs, "init": args.init and f"span_reader {weights_id(Path(args.init))}",
                   "number_negatives": args.number, "frozen_layers": FROZEN, "seed": SEED, "hours": round((time.time() - t_start) / 3600, 2)})
    log(f"held-out CMRC (gold passage, torch fp32): {report}")
    (out / "report.json").write_text(json.dumps(report, indent=1))
    if args.limit:
        return
    trained_on = "DRCD dev+test, CMRC 2018 dev less passages with crc32(id) % 5 == 0"
    if args.squad2:
        trained_on += "; Chinese SQuAD 2.0 dev (pluto-junzeng/ChineseSquad: academic research use only)"
    if args.indomain:
        trained_on += "; the in-domain gold questions (bench/fresh_qa*, bench/unseen_qa*, hand, seed)"
    if args.blind:
        trained_on += f"; the blind sets {', '.join(BLIND_TRAIN)} (bench/sets) and {WRITTEN}"
    report.update({"squad2": bool(args.squad2), "indomain": args.indomain, "blind": args.blind,
                   "replay": args.replay, "searchbox": args.searchbox, "swap": args.swap, "lr": list(args.lr)})
    save_weights(model, weights, trained_on, report, save_from)


def weights_id(path: Path) -> str:
    """The id of a file of trained tensors: its hash, which names the ONNX graph's cache
    folder (embeddings/trained.py) and, for a warm start, the reader it began from."""
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def start(model_cls, seed: int, threads: int):
    """Seeded random, numpy and torch on `threads` threads; the e5 tokenizer and `model_cls`
    on the e5 export with a fixed initial head."""
    import torch
    from embeddings.bert import load_e5
    from embeddings.encoder import default_model_path
    from embeddings.span_reader import Tokens
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    st = default_model_path()
    model = model_cls(load_e5(st))
    with torch.no_grad():
        g = torch.Generator().manual_seed(seed)
        model.head.weight.copy_(torch.randn(model.head.weight.shape, generator=g) * 0.02)
        model.head.bias.zero_()
    return Tokens(st / "tokenizer.json"), model


def first_layer(weights: Path) -> int:
    """The lowest encoder layer a file of trained tensors holds."""
    from safetensors import safe_open
    with safe_open(str(weights), "pt") as f:
        return min((int(k.split(".")[2]) for k in f.keys() if k.startswith("bert.layers.")), default=FROZEN)


def save_weights(model, weights: Path, trained_on: str, report: dict, first: int | None = None) -> None:
    """The tensors training changed, in fp16, and a JSON beside them whose `id` (their hash)
    names the ONNX graph's cache folder (embeddings/trained.py)."""
    import torch
    from safetensors.torch import save_file
    weights.parent.mkdir(parents=True, exist_ok=True)
    first = FROZEN if first is None else first
    save_file({k: v.detach().to(torch.float16).contiguous() for k, v in model.trained_state(first).items()},
              str(weights))
    weights.with_suffix(".json").write_text(json.dumps({
        "id": weights_id(weights), "frozen_layers": first,
        "trained_on": trained_on, "heldout": report}, indent=1) + "\n")
    log(f"wrote {weights}")


if __name__ == "__main__":
    main()
