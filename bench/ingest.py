"""Newspaper pages in (issue 32): each corpus issue printed to a PDF and scanned, read back,
and answered from. `python -m bench.ingest [--dpi 200] [--out DIR]`

For every issue of corpus/: bench/pages.py prints it (headless Chromium, A3, a text layer)
and scans it (pages rendered at --dpi, turned, blurred, noised, JPEG'd, into a PDF with no
text layer). Each is read as `rag index` reads it, timed by stage, and its articles compared
with the .txt's (bench.pages.compare: character error rate, segmentation checks). Then both
folders are indexed and the seed dev set and the hand set are asked of each, with the same
questions' answers from the .txt corpus beside them.
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from rag import layout, ocr, pages
from rag.segment import segment

from . import pages as make

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT.parent / "shared" / "eval" / "seed_qa_dev.jsonl", ROOT / "tests" / "hand_qa.jsonl"]


def read_pdf(path: Path, stages: dict) -> tuple[str, int]:
    """The text of a PDF as rag.pages reads it, with each stage's seconds added to `stages`."""
    found, _, _ = pages.lines(path, stages)
    t = time.perf_counter()
    text = layout.text(layout.read_pages(found))
    stages["order"] = stages.get("order", 0.0) + time.perf_counter() - t
    return text, len(found)


def ask_all(folder: Path, suffix: str, idx: Path) -> dict:
    from rag import Assistant
    from rag.evaluate import judge, run_item
    bot = Assistant.open(folder, idx, quiet=True)
    out = {}
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            item["sources"] = [s.replace(".txt", suffix) for s in item.get("sources", [])]
            ans = run_item(bot, item)
            out[(path.stem, item.get("id"))] = (judge(item, ans), bool(ans.found))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--out", type=Path, help="keep the PDFs and scans here (default: a temporary folder)")
    ap.add_argument("--no-qa", action="store_true")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="ingest-"))
    for sub in ("txt", "pdf", "scan"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    ocr.engine()                                           # loaded once, outside the timings
    totals = {"pdf": {}, "scan": {}}
    pages_of = {"pdf": 0, "scan": 0}
    for txt in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(txt, out / "txt" / txt.name)
        ref = segment(txt.read_text(encoding="utf-8"), "x")
        pdf = make.pdf(txt, out / "pdf" / f"{txt.stem}.pdf")
        scan = make.scanned_pdf(pdf, out / "scan" / f"{txt.stem}.pdf", args.dpi)
        for kind, path in (("pdf", pdf), ("scan", scan)):
            stages: dict = {}
            t = time.perf_counter()
            text, n = read_pdf(path, stages)
            took = time.perf_counter() - t
            r = make.compare(ref, segment(text, "x"))
            pages_of[kind] += n
            for k, v in stages.items():
                totals[kind][k] = totals[kind].get(k, 0.0) + v
            totals[kind].setdefault("_", []).append(r)
            print(f"{txt.name} {kind:4}: {n} pages, {took / n:5.2f} s/page, CER {r['cer']:.2%}, "
                  f"checks {r['passed']}/{r['checks']}  " + " ".join(f"{k} {v / n:.2f}s" for k, v in stages.items())
                  + (f"  misses: {r['misses']}" if r["misses"] else ""), flush=True)
    for kind in ("pdf", "scan"):
        rs = totals[kind].pop("_")
        cer = sum(r["cer"] * r["chars"] for r in rs) / sum(r["chars"] for r in rs)
        print(f"ALL {kind}: {pages_of[kind]} pages, CER {cer:.2%}, checks {sum(r['passed'] for r in rs)}/"
              f"{sum(r['checks'] for r in rs)}; per page: " +
              ", ".join(f"{k} {v / pages_of[kind]:.2f} s" for k, v in totals[kind].items()))
    if args.no_qa:
        return
    got = {kind: ask_all(out / kind, "." + ("txt" if kind == "txt" else "pdf"), out / f"idx-{kind}")
           for kind in ("txt", "pdf", "scan")}
    for kind in ("txt", "pdf", "scan"):
        for name in [p.stem for p in SETS]:
            rows = {k: v for k, v in got[kind].items() if k[0] == name}
            right = sum(r for r, _ in rows.values())
            wrong = sum(f and not r for r, f in rows.values())
            worse = [k[1] for k, (r, f) in rows.items() if f and not r and got["txt"][k][0]]
            print(f"{kind:4} {name}: {right}/{len(rows)} right, {wrong} wrong"
                  + (f"; wrong where the .txt is right: {worse}" if kind != "txt" else ""))


if __name__ == "__main__":
    main()
