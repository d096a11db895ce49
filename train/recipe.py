"""The shipped span reader from nothing, one command: `python -m train.recipe`.

Runs of `train.reader`, each warm-starting from the one before, each in its own folder
under `--out` (cache and checkpoints: a stopped run resumes; a finished stage, whose
weights file is there, is skipped):

1. the top 6 layers and the head on DRCD and CMRC 2018 (2 epochs; about 2 h on 2 cores);
2. the top 8 from stage 1's (1 epoch; about 1 h). This is the shipped reader: it is copied
   to embeddings/weights/span_reader.safetensors (with its JSON).

`--candidate` goes on to a third run, which is measured, not shipped (BENCHMARKS.md: each
retrain so far had a higher held-out CMRC F1 and answered worse behind the pipeline's
checks): the top 4 from stage 2's, 1 epoch (about 1 h), on more and more varied data —
Chinese SQuAD 2.0 dev (its unanswerables: adversarial near misses), the in-domain gold
questions with their search-box forms and hand-written near misses, list questions made
from news enumerations, near misses that swap a name, place, time, act, thing, a person's
kin or post, changed-number questions (train/examples.py) and 60% of the benchmark
questions again — then calibrated onto stage 2's scale
(`train.calibrate`). Chinese SQuAD 2.0 dev (github.com/pluto-junzeng/ChineseSquad,
squad_2.0/dev-v2.0-zh.json) is for academic research only by its README: without
`--squad2` that run trains without it.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from embeddings.span_reader import WEIGHTS

from . import calibrate, reader

ROOT = Path(__file__).resolve().parent.parent


def stages(out: Path, squad2: Path | None) -> list[tuple[Path, list[str]]]:
    """(the weights a stage writes, its train.reader arguments), in order: the shipped
    reader's two, then the candidate's."""
    w1, w2, w3 = (out / f"stage{i}" / "span_reader.safetensors" for i in (1, 2, 3))
    third = ["--frozen", "8", "--epochs", "1", "--init", str(w2), "--indomain", "2", "--replay", "0.6",
             "--searchbox", "0.15", "--swap", "0.2", "--lists", "2500"] + (["--squad2", str(squad2)] if squad2 else [])
    return [(w1, ["--frozen", "6", "--epochs", "2"]),
            (w2, ["--frozen", "4", "--epochs", "1", "--init", str(w1)]),
            (w3, third)]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "train" / "out" / "recipe")
    ap.add_argument("--candidate", action="store_true", help="also train the third, measured run")
    ap.add_argument("--squad2", type=Path, help="Chinese SQuAD 2.0 dev json (the candidate's data)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    runs = stages(args.out, args.squad2)
    for weights, more in runs[:3 if args.candidate else 2]:
        if weights.is_file() and weights.with_suffix(".json").is_file():
            reader.log(f"{weights} is there: stage skipped")
            continue
        reader.main(["--out", str(weights.parent), "--weights", str(weights),
                     "--threads", str(args.threads), *more])
    shipped = runs[1][0]
    shutil.copyfile(shipped, WEIGHTS)
    shutil.copyfile(shipped.with_suffix(".json"), WEIGHTS.with_suffix(".json"))
    reader.log(f"shipped {shipped} as {WEIGHTS}")
    if args.candidate:
        calibrate.main([str(runs[2][0]), "--to", str(shipped)])
        reader.log(f"candidate {runs[2][0]}: measure it (bench.diagnose --weights, bench.regress) before shipping")


if __name__ == "__main__":
    main()
