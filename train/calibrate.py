"""Map a retrained span reader's scores onto the shipped reader's scale:
`python -m train.calibrate NEW.safetensors [--to OLD.safetensors]`.

The pipeline's thresholds (verify.STRONG, SURE, compose.READER_FIRST …) were set on one
reader's scores. A reader trained on other data scores on another scale (more no-answer
windows compress it), so behind the same thresholds it answers less, or more, for reasons
that are not what it knows. Both readers read the held-out CMRC slice (`reference_pairs`:
each question with its gold passage and with another passage; no question either trained
on); the affine map that best takes the new reader's sorted best-span scores onto the old
one's (quantile matching, least squares) is written into NEW's JSON as `calibration`
[scale, shift], which `SpanReader` applies. The map keeps the new reader's order of spans: only where the
thresholds cut moves.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def reference_pairs(limit: int | None = None) -> list[tuple[str, str]]:
    """(question, passage) pairs of the held-out CMRC slice: each question with its gold
    passage, and with the next held-out passage that lacks its answer: a scale has two ends,
    the answers and the near misses, and the thresholds cut at both."""
    from train.reader import answer_span, heldout, load
    ctx, qs = load("cmrc2018", "questions_dev.jsonl")
    qs = [q for q in qs if heldout(q["context_id"])][:limit]
    ids = sorted({q["context_id"] for q in qs})
    out = []
    for q in qs:
        out.append((q["question"], ctx[q["context_id"]]["text"]))
        k = ids.index(q["context_id"])
        other = next((ids[(k + d) % len(ids)] for d in range(1, len(ids))
                      if not answer_span(ctx[ids[(k + d) % len(ids)]]["text"], q["answers"])), None)
        if other:
            out.append((q["question"], ctx[other]["text"]))
    return out


def best_scores(reader, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The best span's raw score for each (question, passage)."""
    out = []
    for q, passage in pairs:
        spans = reader.read(q, [passage], top=1)[0]
        out.append(spans[0].score if spans else 0.0)
    return np.array(out)


def fit(new: np.ndarray, old: np.ndarray) -> tuple[float, float]:
    """[scale, shift] taking sorted `new` onto sorted `old` (least squares)."""
    a, b = np.polyfit(np.sort(new), np.sort(old), 1)
    return float(a), float(b)


def main(argv=None) -> None:
    from embeddings.span_reader import WEIGHTS, SpanReader
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("new", type=Path, help="the retrained reader's .safetensors (its .json gets the map)")
    ap.add_argument("--to", type=Path, default=WEIGHTS, help="the reader whose scale the thresholds are on")
    ap.add_argument("--limit", type=int, help="this many held-out questions (a smoke run)")
    args = ap.parse_args(argv)
    pairs = reference_pairs(args.limit)
    meta_file = args.new.with_suffix(".json")
    meta = json.loads(meta_file.read_text())
    reader = SpanReader.open(weights=args.new)
    reader.scale, reader.shift = 1.0, 0.0                     # its raw scores, whatever map it has
    new = best_scores(reader, pairs)
    old = best_scores(SpanReader.open(weights=args.to), pairs)
    scale, shift = fit(new, old)
    meta["calibration"] = [round(scale, 4), round(shift, 4)]
    meta["calibrated_to"] = json.loads(args.to.with_suffix(".json").read_text())["id"]
    tmp = meta_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, indent=1))
    tmp.replace(meta_file)
    q = lambda x: " ".join(f"{v:.1f}" for v in np.percentile(x, [10, 25, 50, 75, 90]))
    print(f"{len(pairs)} held-out (question, passage) pairs; best-span score percentiles 10/25/50/75/90:\n"
          f"  old {q(old)}\n  new {q(new)}\n  new calibrated {q(scale * new + shift)}\n"
          f"calibration [{scale:.4f}, {shift:.4f}] written to {meta_file}")


if __name__ == "__main__":
    main()
