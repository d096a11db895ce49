"""Newspaper pages made from the corpus text, to test PDF and scan ingestion (issue 32).

    python -m bench.pages corpus/000_x.txt out/          # out/000_x.pdf, out/000_x-p1.jpg ...

`html()` lays an issue out as the paper does: each headline opens an article box, its
subtitles under it, the body in 3-4 justified columns with indented paragraphs; short
articles stand side by side in pairs; every page has a running head (paper, section, page
number) and foot (the editors). `pdf()` prints that with headless Chromium (a PDF with
a text layer); `scans()` renders its pages to images at a given dpi and damages them as a
scanner would (a slight rotation, blur, noise, JPEG). Nothing generated is kept in the repo:
tests build what they need into a temporary folder.
"""
from __future__ import annotations

import argparse
import html as htmlesc
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from rag.segment import classify

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]

SHORT_STORY = 450         # characters: a story this short stands beside the next short one
LONG_STORY = 1200         # a story this long is set in 4 columns, else 3

CSS = """
@page { size: 297mm 420mm; margin: 20mm 13mm 16mm;
        @top-left { content: "北碚报 · 要闻"; font-size: 9pt; }
        @top-right { content: "第" counter(page) "版"; font-size: 9pt; }
        @bottom-center { content: "责任编辑:刘洋 校对:陈晨 美编:周敏"; font-size: 8pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.55; margin: 0; }
.row { display: flex; gap: 7mm; margin-bottom: 6mm; break-inside: avoid; }
.row > .art { flex: 1; margin: 0; }
.art { margin-bottom: 6mm; border-top: 0.6pt solid #444; padding-top: 2.5mm; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 19pt; line-height: 1.3;
     text-align: center; margin: 0 0 1.5mm 0; font-weight: bold; }
h1.slogan { font-size: 13pt; }
h2 { font-size: 12pt; text-align: center; margin: 0 0 2.5mm 0; font-weight: normal; }
.body { column-gap: 6mm; column-rule: 0.4pt solid #bbb; text-align: justify; }
.body p { text-indent: 2em; margin: 0; }
.body p.credit { text-indent: 0; text-align: right; }
"""


def boxes(raw: str) -> list[list[tuple[str, str]]]:
    """The issue's lines as article boxes: [(kind, text)], a box opening at each headline
    run. Every line of the text is kept as it is, OCR breaks included, so the page reads
    back as the same text."""
    out: list[list[tuple[str, str]]] = []
    for line in classify(raw):
        kind = {"head": "h1", "slogan": "slogan", "furniture": "h1", "sub": "h2",
                "byline": "credit", "credit": "credit"}.get(line.kind, "p")
        heading = kind in ("h1", "slogan", "h2")
        if not out or (heading and any(k not in ("h1", "slogan", "h2") for k, _ in out[-1])):
            out.append([])
        out[-1].append((kind, line.text))
    return out


def _box(lines: list[tuple[str, str]], columns: int) -> str:
    heads, body = [], []
    for kind, text in lines:
        t = htmlesc.escape(text)
        if kind == "h1":
            heads.append(f"<h1>{t}</h1>")
        elif kind == "slogan":
            heads.append(f'<h1 class="slogan">{t}</h1>')
        elif kind == "h2":
            heads.append(f"<h2>{t}</h2>")
        else:
            body.append(f'<p class="credit">{t}</p>' if kind == "credit" else f"<p>{t}</p>")
    return (f'<section class="art">{"".join(heads)}'
            f'<div class="body" style="column-count:{columns}">{"".join(body)}</div></section>')


def html(raw: str) -> str:
    """One issue's text as a newspaper page in HTML (A3, printed over as many pages as it fills)."""
    parts, short = [], None
    for box in boxes(raw):
        size = sum(len(t) for k, t in box if k in ("p", "credit"))
        if short is not None:                 # the story before was short: stand beside it
            if size < SHORT_STORY:
                parts.append(f'<div class="row">{_box(short, 2)}{_box(box, 2)}</div>')
                short = None
                continue
            parts.append(_box(short, 3))
            short = None
        if size < SHORT_STORY:
            short = box
            continue
        parts.append(_box(box, 4 if size > LONG_STORY else 3))
    if short is not None:
        parts.append(_box(short, 3))
    return f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>{CSS}</style><body>{"".join(parts)}</body></html>'


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pdf(txt: Path, out: Path) -> Path:
    """Print the issue in `txt` to the PDF `out` (text layer included) with headless Chromium."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is needed to print pages (apt-get install chromium fonts-noto-cjk)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html(txt.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={out.resolve()}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium printed nothing for {txt}")
    return out


def damage(image, rng: random.Random):
    """A scanner's faults on a clean page image (PIL): a slight rotation, blur, noise."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = image.convert("L").rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC,
                                    expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    a = np.asarray(img, dtype=np.float32)
    a = a * rng.uniform(0.85, 0.95) + rng.uniform(12, 28)        # grey paper, ink not black
    a += np.random.default_rng(rng.randrange(2**32)).normal(0, 6, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def scans(pdf_path: Path, out_dir: Path, dpi: int = 200, seed: int = 0,
          quality: int = 75) -> list[Path]:
    """Each page of `pdf_path` as a damaged JPEG scan at `dpi`: [out_dir/<stem>-p<n>.jpg]."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for n in range(len(doc)):
            img = doc[n].render(scale=dpi / 72).to_pil()
            path = out_dir / f"{pdf_path.stem}-p{n + 1}.jpg"
            damage(img, rng).save(path, quality=quality, dpi=(dpi, dpi))
            paths.append(path)
    finally:
        doc.close()
    return paths


def scanned_pdf(pdf_path: Path, out: Path, dpi: int = 200, seed: int = 0) -> Path:
    """The issue as a scanned PDF: its pages as damaged images, no text layer (an archive's
    scans of a printed issue)."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        imgs = [Image.open(p) for p in scans(pdf_path, Path(tmp), dpi, seed)]
        out.parent.mkdir(parents=True, exist_ok=True)
        imgs[0].save(out, save_all=True, append_images=imgs[1:], resolution=dpi)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("txt", type=Path, nargs="+")
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--no-scans", action="store_true")
    args = ap.parse_args(argv)
    for txt in args.txt:
        p = pdf(txt, args.out / f"{txt.stem}.pdf")
        print(p)
        if not args.no_scans:
            for s in scans(p, args.out / "scans", args.dpi):
                print(s)
            print(scanned_pdf(p, args.out / "scanned" / p.name, args.dpi))


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------- measuring a read-back

def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (characters), one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _norm(s: str) -> str:
    from rag.normalize import fold_punct
    return "".join(fold_punct(s).split())


def compare(reference: list, read: list) -> dict:
    """The articles read back from a page (`read`) against the .txt's (`reference`):
    character error rate over each article's title and text (against the read article most
    like it), and the segmentation checks each article passes (title, date, reporters,
    kind, text)."""
    import difflib
    dist = total = checks = passed = 0
    misses = []
    for a in reference:
        ref = _norm(a.title + a.text)
        best = max(read, key=lambda b: difflib.SequenceMatcher(None, ref, _norm(b.title + b.text),
                                                              autojunk=False).quick_ratio(), default=None)
        hyp = _norm(best.title + best.text) if best else ""
        d = edit_distance(ref, hyp)
        dist, total = dist + d, total + len(ref)
        if best is None:
            checks += 5
            misses.append((a.title, "not read"))
            continue
        title = difflib.SequenceMatcher(None, _norm(a.title), _norm(best.title)).ratio()
        text = 1 - edit_distance(_norm(a.text), _norm(best.text)) / max(1, len(_norm(a.text)))
        for name, ok in (("title", title >= 0.9), ("date", a.date == best.date),
                         ("reporters", a.reporters == best.reporters), ("kind", a.kind == best.kind),
                         ("text", text >= 0.9)):
            checks += 1
            passed += ok
            if not ok:
                misses.append((a.title, name))
    return {"cer": dist / max(1, total), "chars": total, "checks": checks, "passed": passed,
            "misses": misses}
