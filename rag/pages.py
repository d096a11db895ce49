"""Newspaper page files — a PDF (text layer or scanned pages) or page images — -> the issue's text.

The text layer is read where a page has one (rag/pdfpages.py); a page without one, and an
image file, is OCR'd (rag/ocr.py); rag/layout.py puts either in reading order. The text has
the shape of an OCR'd .txt issue and goes to the same segmenter; each paragraph keeps its
page and its box, so an article is cited by page and its quote can be outlined on the page.

Reading a scan takes seconds a page, so what a file reads as is cached by the file's
content hash (one JSON file a page file, written atomically): a file is OCR'd once, however
often the index is rebuilt or the file renamed.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import layout
from .normalize import fold_punct

PDF = (".pdf",)
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUFFIXES = PDF + IMAGES
MAX_BYTES = 200 * 1024 * 1024          # an issue of scanned pages at 300 dpi is tens of MB
VERSION = 3                            # of the reading: a change of layout or OCR reads again


@dataclass
class Paragraph:
    """A headline or paragraph as printed: its text, page (1-based, where it starts) and
    its boxes on the page(s), one per column it runs through."""
    page: int
    kind: str
    text: str
    boxes: list[tuple[int, float, float, float, float]]      # (page, x0, y0, x1, y1)


@dataclass
class PageFile:
    """What one page file reads as."""
    text: str                                          # for the segmenter
    paragraphs: list[Paragraph] = field(default_factory=list)
    sizes: list[tuple[float, float]] = field(default_factory=list)     # each page's width, height
    ocr_pages: list[int] = field(default_factory=list)                  # pages read by OCR

    def page_of(self, *texts: str) -> int:
        """The page the first of `texts` found (an article's headline, its first words) is
        printed on."""
        for text in texts:
            probe = "".join(fold_punct(text).split())[:16]
            for p in self.paragraphs:
                if probe and probe in "".join(fold_punct(p.text).split()):
                    return p.page
        return self.paragraphs[0].page if self.paragraphs else 0


def cache_dir() -> Path:
    from embeddings.encoder import cache_dir as root
    return root() / "pages"


def _progress(name: str, done: int, total: int, started: float) -> None:
    """A line on stderr while pages are OCR'd: the page, and the time left at this pace."""
    left = (time.time() - started) / done * (total - done) if done else 0
    tail = f", about {left:.0f} s left" if done and done < total else ""
    print(f"\rreading {name}: page {done}/{total}{tail}   ", end="" if done < total else "\n",
          file=sys.stderr, flush=True)


def _spent(timings: dict | None, stage: str, since: float) -> None:
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - since


def _read_pdf(path: Path, name: str, timings: dict | None = None) -> tuple[list[list[layout.Line]], list, list[int]]:
    from . import ocr, pdfpages
    doc = pdfpages.open_pdf(path)
    try:
        if len(doc) == 0:
            raise ValueError("PDF with no pages")
        pages, sizes, scanned, started = [], [], [], time.time()
        for n in range(len(doc)):
            page = doc[n]
            t = time.perf_counter()
            lines = pdfpages.text_lines(page)
            _spent(timings, "text layer", t)
            if sum(len(ln.text) for ln in lines) < pdfpages.MIN_TEXT_CHARS:       # a scanned page
                scale = pdfpages.OCR_DPI / 72
                t = time.perf_counter()
                image = pdfpages.render(page)
                _spent(timings, "render", t)
                lines = [layout.Line(ln.text, ln.x0 / scale, ln.y0 / scale, ln.x1 / scale,
                                     ln.y1 / scale, ln.size / scale)
                         for ln in ocr.image_lines(image, timings)]
                scanned.append(n + 1)
            pages.append(lines)
            sizes.append(tuple(page.get_size()))
            if scanned:                              # a text layer reads in a blink: no progress
                _progress(name, n + 1, len(doc), started)
        return pages, sizes, scanned
    finally:
        doc.close()


def _read_image(path: Path, name: str, timings: dict | None = None) -> tuple[list[list[layout.Line]], list, list[int]]:
    from PIL import Image, UnidentifiedImageError

    from . import ocr
    try:
        img = Image.open(path)
        frames = getattr(img, "n_frames", 1)          # a multi-page TIFF: one frame a page
    except (UnidentifiedImageError, OSError) as e:
        raise ValueError(f"not a readable image ({e})") from None
    pages, sizes, started = [], [], time.time()
    for n in range(frames):
        img.seek(n)
        frame = img.convert("RGB")
        pages.append(ocr.image_lines(frame, timings))
        sizes.append(frame.size)
        _progress(name, n + 1, frames, started)
    return pages, sizes, list(range(1, frames + 1))


def lines(path: Path, timings: dict | None = None) -> tuple[list[list[layout.Line]], list, list[int]]:
    """A page file's lines, a list a page, with each page's size and the pages OCR'd.
    `timings`, if given, gets the seconds each stage took (text layer, render, detection,
    recognition)."""
    reader = _read_pdf if path.suffix.lower() in PDF else _read_image
    return reader(path, path.name, timings)


def read(path: str | os.PathLike, sha256: str | None = None, cache: Path | None = None,
         cached_only: bool = False) -> PageFile:
    """Read one page file (cached by content). Raises ValueError with a reason a user can act
    on for a damaged, encrypted or empty PDF and for pages with no text. `cached_only`: a
    file not read yet raises ValueError instead of being read (no OCR while a user waits).
    Its size (MAX_BYTES) is checked where corpus files are read, `sources.read_file`."""
    from .sources import file_sha256            # (sources reads page files through this module)
    path = Path(path)
    sha256 = sha256 or file_sha256(path)
    cache = cache or cache_dir()
    hit = cache / f"{sha256}.v{VERSION}.json"
    try:
        d = json.loads(hit.read_text(encoding="utf-8"))
        return PageFile(d["text"], [Paragraph(p["page"], p["kind"], p["text"], [tuple(b) for b in p["boxes"]])
                                    for p in d["paragraphs"]],
                        [tuple(s) for s in d["sizes"]], d["ocr_pages"])
    except (OSError, ValueError, KeyError, TypeError):
        if cached_only:
            raise ValueError("not read yet") from None
        # not read yet, or a broken cache: read
    try:
        pages, sizes, scanned = lines(path)
        blocks = layout.read_pages(pages)
    except ValueError:
        raise
    except Exception as e:               # a decoder's own error on a damaged file (or a page
        # too tangled to lay out): reported and skipped, the rest of the corpus still loads
        raise ValueError(f"cannot read the pages ({type(e).__name__}: {e})") from None
    if not blocks:
        raise ValueError("no text found on its pages" + (" (scanned; OCR found none)" if scanned else ""))
    out = PageFile(layout.text(blocks), [Paragraph(b.page, b.kind, b.text, b.boxes) for b in blocks],
                   sizes, scanned)
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"text": out.text, "paragraphs": [asdict(p) for p in out.paragraphs],
                   "sizes": out.sizes, "ocr_pages": out.ocr_pages}, f, ensure_ascii=False)
    os.replace(tmp, hit)
    return out


def page_image(path: str | os.PathLike, page: int, width: int = 900):
    """Page `page` (1-based) of a page file as a PIL image `width` pixels wide."""
    from PIL import Image
    path = Path(path)
    if path.suffix.lower() in PDF:
        from . import pdfpages
        doc = pdfpages.open_pdf(path)
        try:
            p = doc[page - 1]
            img = p.render(scale=width / p.get_size()[0]).to_pil()
        finally:
            doc.close()
        return img.convert("RGB")
    img = Image.open(path)
    img.seek(page - 1)
    img = img.convert("RGB")
    return img.resize((width, round(img.height * width / img.width)))


def _holding(read_: PageFile, page: int, quote: str) -> list[Paragraph]:
    probe = "".join(fold_punct(quote).split())[:12]
    return [p for p in read_.paragraphs if p.page == page
            and probe and probe in "".join(fold_punct(p.text).split())]


def page_has(read_: PageFile, page: int, quote: str) -> bool:
    """Whether `quote` begins in a paragraph printed on `page`."""
    return bool(_holding(read_, page, quote))


def outlined(path: str | os.PathLike, read_: PageFile, page: int, quote: str, width: int = 900):
    """The page with the paragraph holding `quote` outlined in red (None if the quote is not
    on that page)."""
    from PIL import ImageDraw
    hits = _holding(read_, page, quote)
    if not hits or page > len(read_.sizes):
        return None
    img = page_image(path, page, width)
    # boxes are in page units: PDF points (a PDF page read by OCR was scaled back to them),
    # or an image's pixels
    k = width / read_.sizes[page - 1][0]
    draw = ImageDraw.Draw(img)
    for p, x0, y0, x1, y1 in hits[0].boxes:
        if p == page:
            draw.rectangle([x0 * k - 4, y0 * k - 4, x1 * k + 4, y1 * k + 4], outline=(220, 0, 0), width=3)
    return img
