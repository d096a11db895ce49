"""Which checks and rule extractors earn their keep: each taken out in turn, over question sets.

    python -m bench.ablate TAG FILE ... [--kind corpus|news]

A check of `verify.VETOES` can change an answer only where it turned a span down, a sentence
gate of `candidates.find` (`GATES`: another modifier, ordinal, country, a negated word, a word
no indexed text holds) or `persons.about_the_asked` only where it dropped one, and a rule
extractor (`RuleReader.who`, `when`, `listing`, `what`) only where it read a span. So
the first pass asks every question once, noting which checks fired and which extractors read a
span for it; then each part is taken out in turn and only the questions it touched are asked
again (the pipeline is deterministic, so the others cannot change). Prints, per part, how many
answers turn right, wrong or declined without it, and writes every flip to
build/ablate/TAG/<set>.json. A part whose removal loses no right answer and adds no wrong one
on other people's questions is one the model does not need (issue 30).
"""
from __future__ import annotations

import argparse
import importlib
import json
from collections import defaultdict
from pathlib import Path

from rag.evaluate import judge, run_item
from rag.reader import verify

from .regress import ROOT, _mark

OUT = ROOT / "build" / "ablate"
EXTRACTORS = ("who", "when", "listing", "what")
# predicates a stage imports by name: (module, name); taken out, each says False
GATES = [("rag.reader.candidates", n) for n in ("swapped", "other_ordinal", "other_country", "negated", "lacks_unseen")]
# filters of sentences: (module, name); taken out, each keeps every sentence
FILTERS = [("rag.compose", "about_the_asked")]


class Recorder:
    """Wraps every check and extractor so a run notes which of them acted, and can take one out."""

    def __init__(self):
        self.touched: set[str] = set()
        self.off: str = ""
        self.attached: set[int] = set()
        for i, (why, check) in enumerate(verify.VETOES):
            verify.VETOES[i] = (why, self._predicate(why, check))
        for mod, name in GATES:
            m = importlib.import_module(mod)
            setattr(m, name, self._predicate(f"gate:{name}", getattr(m, name)))
        for mod, name in FILTERS:
            m = importlib.import_module(mod)
            setattr(m, name, self._filter(f"filter:{name}", getattr(m, name)))

    def attach(self, composer) -> None:
        """Wrap `composer`'s rule extractors too (once)."""
        if id(composer) not in self.attached:
            self.attached.add(id(composer))
            for name in EXTRACTORS:
                setattr(composer.rules, name, self._extractor(name, getattr(composer.rules, name)))

    def _predicate(self, part, fn):
        """`fn`, noting `part` when it says True, and saying False while `part` is out."""
        def run(*a, **k):
            if self.off == part:
                return False
            hit = fn(*a, **k)
            if hit:
                self.touched.add(part)
            return hit
        return run

    def _filter(self, part, fn):
        def run(people, q, sentences, *a, **k):
            if self.off == part:
                return sentences
            kept = fn(people, q, sentences, *a, **k)
            if len(kept) < len(sentences):
                self.touched.add(part)
            return kept
        return run

    def _extractor(self, name, fn):
        part = f"rule:{name}"

        def run(q, s):
            if self.off == part:
                return None
            got = fn(q, s)
            if got:
                self.touched.add(part)
            return got
        return run

    def ask(self, bot, item: dict) -> tuple[str, str]:
        """(R right | W wrong | - declined, the answer) for `item`, asked afresh."""
        bot.composer._answered.clear()
        ans = run_item(bot, item)
        right = judge(item, ans)
        return _mark({"right": right, "wrong": bool(ans.found) and not right}), ans.text


def ablate(bot, path: Path, rec: Recorder) -> dict[str, list[dict]]:
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    rec.attach(bot.composer)
    base, touched = {}, defaultdict(list)
    for i, item in enumerate(rows):
        rec.touched = set()
        base[i] = rec.ask(bot, item)
        for part in rec.touched:
            touched[part].append(i)
    flips: dict[str, list[dict]] = {}
    for part, idx in touched.items():
        rec.off, flips[part] = part, []
        for i in idx:
            mark, text = rec.ask(bot, rows[i])
            if mark != base[i][0]:
                flips[part].append({"id": rows[i].get("id"), "touched": len(idx),
                                    "question": (rows[i].get("turns") or [rows[i].get("question")])[-1],
                                    "before": base[i][0], "after": mark,
                                    "was": base[i][1][:80], "now": text[:80]})
        rec.off = ""
    flips["_touched"] = [{"part": p, "n": len(i)} for p, i in touched.items()]
    flips["_base"] = [{"id": rows[i].get("id"), "mark": m} for i, (m, _) in base.items()]
    return flips


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tag")
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--kind", choices=["corpus", "news"], default="corpus")
    args = ap.parse_args(argv)
    from rag import Assistant
    out = OUT / args.tag
    out.mkdir(parents=True, exist_ok=True)
    corpus_bot, rec = None, Recorder()
    for f in args.files:
        if args.kind == "corpus":
            corpus_bot = corpus_bot or Assistant.open(quiet=True)
            bot = corpus_bot
        else:
            from .unseen import assistant
            bot = assistant(f)
        got = ablate(bot, f, rec)
        (out / f"{f.stem}.json").write_text(json.dumps(got, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{f.stem}: " + ", ".join(f"{p} {len(v)}" for p, v in sorted(got.items()) if not p.startswith("_")),
              flush=True)


if __name__ == "__main__":
    main()
