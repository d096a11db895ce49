"""The shipped span reader from nothing, one command: `python -m train.recipe [--squad2 PATH]`.

Three runs of `train.reader`, each warm-starting from the one before, each in its own
folder under `--out` (cache and checkpoints: a stopped run resumes; a finished stage, whose
weights file is there, is skipped):

1. the top 6 layers and the head on DRCD and CMRC 2018 (2 epochs; about 2 h on 2 cores);
2. the top 8 from stage 1's (1 epoch; about 1 h);
3. the top 4 from stage 2's, on more and more varied data, 1 epoch (about 1 h): Chinese SQuAD
   2.0 dev (its unanswerables: adversarial near misses), the in-domain gold questions with
   their search-box forms and their hand-written near misses, swapped-entity and
   changed-number questions (train/examples.py), and 60% of the benchmark questions again.

The result is copied to embeddings/weights/span_reader.safetensors (with its JSON). Chinese
SQuAD 2.0 dev (github.com/pluto-junzeng/ChineseSquad, squad_2.0/dev-v2.0-zh.json) is for
academic research only by its README: without `--squad2` stage 3 trains without it.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from embeddings.span_reader import WEIGHTS

from . import reader

ROOT = Path(__file__).resolve().parent.parent


def stages(out: Path, squad2: Path | None) -> list[tuple[Path, list[str]]]:
    """(the weights a stage writes, its train.reader arguments), in order."""
    w1, w2, w3 = (out / f"stage{i}" / "span_reader.safetensors" for i in (1, 2, 3))
    third = ["--frozen", "8", "--epochs", "1", "--init", str(w2), "--indomain", "2", "--replay", "0.6",
             "--searchbox", "0.15", "--swap", "0.2"] + (["--squad2", str(squad2)] if squad2 else [])
    return [(w1, ["--frozen", "6", "--epochs", "2"]),
            (w2, ["--frozen", "4", "--epochs", "1", "--init", str(w1)]),
            (w3, third)]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "train" / "out" / "recipe")
    ap.add_argument("--squad2", type=Path, help="Chinese SQuAD 2.0 dev json")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    for weights, more in stages(args.out, args.squad2):
        if weights.is_file() and weights.with_suffix(".json").is_file():
            reader.log(f"{weights} is there: stage skipped")
            continue
        reader.main(["--out", str(weights.parent), "--weights", str(weights),
                     "--threads", str(args.threads), *more])
    shutil.copyfile(weights, WEIGHTS)
    shutil.copyfile(weights.with_suffix(".json"), WEIGHTS.with_suffix(".json"))
    reader.log(f"shipped {weights} as {WEIGHTS}")


if __name__ == "__main__":
    main()
